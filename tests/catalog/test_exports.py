"""CSV and Excel exports of the public lists: the rows the list shows, streamed, masked."""

import codecs
import csv
import datetime
import io
from urllib.parse import urlencode

import pytest
import time_machine
from django.http import FileResponse, StreamingHttpResponse
from django.urls import reverse
from openpyxl import load_workbook

from catalog import exports
from catalog.models import PartyKind, PowerKind, PowerStatus, Scope, StaffRole, Topic
from tests import factories

pytestmark = pytest.mark.django_db

PERSON_NAME = "张三丰"
PERSON_ID = "210102198001011234"


def export_url(list_name, file_format="csv"):
    return reverse(f"catalog:{list_name}_export", kwargs={"file_format": file_format})


def csv_rows(response) -> list[list[str]]:
    """The header and the rows of a streamed CSV export; it must start with the BOM."""
    assert isinstance(response, StreamingHttpResponse)
    body = b"".join(response.streaming_content)
    assert body.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(body[len(codecs.BOM_UTF8) :].decode("utf-8"))))


def xlsx_rows(response) -> list[list]:
    assert isinstance(response, FileResponse)
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = [
        ["" if v is None else v for v in row] for row in workbook.active.iter_rows(values_only=True)
    ]
    workbook.close()
    return rows


def column(rows, header) -> list:
    index = rows[0].index(header)
    return [row[index] for row in rows[1:]]


@pytest.fixture
def catalogue():
    """A province and two cities; entries in two topics, a few with a common keyword."""
    province = factories.AgencyFactory(slug="province")
    city_a = factories.CityAgencyFactory(parent=province, slug="city-a")
    city_b = factories.CityAgencyFactory(parent=province, slug="city-b")
    quality = factories.TopicFactory(slug="quality", name="质量监督")
    fees = factories.TopicFactory(slug="fees", name="收费")
    for number, agency in enumerate([province, city_a, city_a, city_b, city_b, city_b]):
        factories.PublishedEntryFactory(agency=agency, topic=quality, title=f"抽查结果通报{number}")
        factories.PublishedEntryFactory(agency=agency, topic=fees, title=f"收费标准公示{number}")
    return province, city_a, city_b


# What the catalogue export holds ---------------------------------------------


def test_catalogue_csv_starts_with_a_bom_and_has_chinese_headers(client, catalogue):
    rows = csv_rows(client.get(export_url("entry")))

    assert rows[0] == [
        "索引号",
        "标题",
        "文号",
        "发布机构",
        "主题分类",
        "体裁",
        "生成日期",
        "发布日期",
        "有效性",
        "公开方式",
        "网址",
    ]
    assert len(rows) == 1 + 12


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "抽查"},
        {"agency": "city-b"},
        {"topic": "fees"},
        {"agency": "city-a", "topic": "quality"},
        {"agency": "city-b", "q": "收费 公示", "sort": "title"},
    ],
)
def test_csv_and_xlsx_hold_the_rows_the_list_shows_in_its_order(client, catalogue, params):
    listed = client.get(reverse("catalog:entry_list"), {**params})
    page = listed.context["page_obj"]
    assert page.count == len(page.object_list)  # one page: all of them are shown

    rows = csv_rows(client.get(export_url("entry"), params))
    sheet = xlsx_rows(client.get(export_url("entry", "xlsx"), params))

    assert len(rows) - 1 == page.count
    assert column(rows, "索引号") == [entry.index_number for entry in page.object_list]
    assert column(sheet, "索引号") == column(rows, "索引号")
    assert column(sheet, "标题") == column(rows, "标题")


def test_a_row_shows_what_the_entry_page_shows(client, catalogue):
    province, *_cities = catalogue
    entry = factories.PublishedEntryFactory(
        agency=province, title="关于公布抽查结果的通告", document_number="辽市监告〔2026〕3号"
    )

    rows = csv_rows(client.get(export_url("entry"), {"q": "公布抽查结果"}))
    sheet = xlsx_rows(client.get(export_url("entry", "xlsx"), {"q": "公布抽查结果"}))

    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["索引号"] == entry.index_number
    assert record["文号"] == "辽市监告〔2026〕3号"
    assert record["发布机构"] == province.display_name
    assert record["体裁"] == "通知"
    assert record["生成日期"] == "2026-03-02"
    assert record["有效性"] == "有效"
    assert record["公开方式"] == "主动公开"
    assert record["网址"] == f"http://testserver{entry.get_absolute_url()}"
    made = dict(zip(sheet[0], sheet[1], strict=True))["生成日期"]
    assert made.date() == datetime.date(2026, 3, 2)  # a date cell, not text


def test_headers_follow_the_language_of_the_request(client, catalogue):
    rows = csv_rows(client.get(export_url("entry"), HTTP_ACCEPT_LANGUAGE="en"))

    assert rows[0][:3] == ["Index number", "Title", "Document number"]


def test_a_keyword_export_stops_where_the_list_does(client, catalogue, monkeypatch):
    monkeypatch.setattr("catalog.search.engine.COUNT_LIMIT", 4)

    listed = client.get(reverse("catalog:entry_list"), {"q": "抽查"})
    rows = csv_rows(client.get(export_url("entry"), {"q": "抽查"}))

    assert listed.context["page_obj"].count == 4
    assert len(rows) - 1 == 4


def test_a_cell_that_looks_like_a_formula_stays_text(client, catalogue):
    factories.PublishedEntryFactory(title='=HYPERLINK("http://example.com")')

    rows = csv_rows(client.get(export_url("entry"), {"sort": "title"}))
    sheet = xlsx_rows(client.get(export_url("entry", "xlsx"), {"sort": "title"}))

    assert '\'=HYPERLINK("http://example.com")' in column(rows, "标题")
    assert '=HYPERLINK("http://example.com")' in column(sheet, "标题")


# Who sees what ---------------------------------------------------------------


def test_internal_entries_are_exported_to_staff_of_their_agency_only(
    client, city, other_city, make_staff
):
    factories.PublishedEntryFactory(agency=city, title="局务公开", scope=Scope.INTERNAL)
    factories.PublishedEntryFactory(agency=city, title="面向社会")

    def titles():
        return column(csv_rows(client.get(export_url("entry"))), "标题")

    assert titles() == ["面向社会"]
    client.force_login(make_staff(other_city, StaffRole.EDITOR))
    assert titles() == ["面向社会"]
    client.force_login(make_staff(city, StaffRole.EDITOR))
    assert sorted(titles()) == sorted(["局务公开", "面向社会"])


def test_a_staff_export_is_never_cached(client, city, make_staff):
    factories.PublishedEntryFactory(agency=city)
    client.force_login(make_staff(city, StaffRole.EDITOR))

    for file_format in ("csv", "xlsx"):
        response = client.get(export_url("entry", file_format))
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


def test_the_page_cache_does_not_keep_exports(client, catalogue, settings):
    settings.PAGE_CACHE = {**settings.PAGE_CACHE, "ENABLED": True}

    first = csv_rows(client.get(export_url("entry")))
    factories.PublishedEntryFactory(title="新发布的文件")
    second = client.get(export_url("entry"))

    assert "X-Page-Cache" not in second
    assert len(csv_rows(second)) == len(first) + 1


# Decisions, powers and fees ----------------------------------------------------


def test_a_natural_person_is_exported_masked_only(client, agency):
    factories.PublishedDecisionFactory(
        agency=agency,
        party_kind=PartyKind.NATURAL_PERSON,
        party_name=PERSON_NAME,
        party_code=PERSON_ID,
        legal_representative="",
        facts=f"当事人{PERSON_NAME}在集贸市场销售过期食品。",
    )
    company = factories.PublishedDecisionFactory(agency=agency, legal_representative="王建国")

    csv_response = client.get(export_url("decision"))
    body = b"".join(csv_response.streaming_content).decode("utf-8-sig")
    sheet = xlsx_rows(client.get(export_url("decision", "xlsx")))
    cells = [str(value) for row in sheet for value in row]

    for text in (body, "\n".join(cells)):
        assert PERSON_NAME not in text
        assert PERSON_ID not in text
        assert "三丰" not in text
        assert "王建国" not in text
    assert "张**" in cells
    assert "210102********1234" in cells
    assert company.party_name in cells
    assert "王**" in cells


def test_decision_export_follows_the_facets(client, agency, city):
    factories.PublishedDecisionFactory(agency=agency, decided_on=datetime.date(2025, 3, 1))
    factories.PublishedDecisionFactory(agency=city, decided_on=datetime.date(2026, 3, 1))

    listed = client.get(reverse("catalog:decision_list"), {"year": "2026"})
    rows = csv_rows(client.get(export_url("decision"), {"year": "2026"}))

    assert column(rows, "决定文书号") == [d.number for d in listed.context["page_obj"]]
    assert len(rows) == 2


def test_power_exports_hold_their_area_and_status(client, agency):
    penalty = factories.PublishedPowerItemFactory(agency=agency, kind=PowerKind.PENALTY)
    licence = factories.PublishedPowerItemFactory(agency=agency, kind=PowerKind.LICENSING)
    abolished = factories.PublishedPowerItemFactory(
        agency=agency,
        power_status=PowerStatus.ABOLISHED,
        abolished_on=datetime.date(2026, 1, 1),
        abolition_basis="国发〔2025〕1号",
    )
    factories.PowerItemFactory(agency=agency, name="草稿事项")

    def codes(list_name, params=None):
        return column(csv_rows(client.get(export_url(list_name), params or {})), "职权编码")

    assert sorted(codes("power_item")) == sorted([penalty.code, licence.code])
    assert codes("enforcement") == [penalty.code]
    assert codes("approval") == [licence.code]
    assert codes("power_item", {"status": "abolished"}) == [abolished.code]
    rows = csv_rows(client.get(export_url("approval")))
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["职权类别"] == "行政许可"
    assert record["设定依据"] == licence.legal_basis
    assert record["网址"] == f"http://testserver{licence.get_absolute_url()}"


def test_fee_export_shows_the_standard_as_the_page_does(client, agency):
    factories.PublishedFeeItemFactory(agency=agency, name="计量检定费", standard="按台次计收")

    rows = csv_rows(client.get(export_url("fee_item")))
    sheet = xlsx_rows(client.get(export_url("fee_item", "xlsx")))

    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["名称"] == "计量检定费"
    assert record["收费标准"] == "120.00元/台次\n按台次计收"
    assert record["缴费对象"] == "申请计量检定的单位和个人"
    assert column(sheet, "名称") == ["计量检定费"]


# Files and bad input -------------------------------------------------------------


@time_machine.travel(datetime.datetime(2026, 12, 4, 20, tzinfo=datetime.UTC))
@pytest.mark.parametrize(
    ("list_name", "stem"),
    [
        ("entry", "catalogue"),
        ("power_item", "powers"),
        ("enforcement", "enforcement"),
        ("approval", "approvals"),
        ("fee_item", "fees"),
        ("decision", "decisions"),
    ],
)
def test_files_are_named_after_the_list_and_the_day(client, db, list_name, stem):
    csv_response = client.get(export_url(list_name))
    xlsx_response = client.get(export_url(list_name, "xlsx"))

    # 20:00 UTC is the next day in Beijing.
    assert csv_response["Content-Disposition"] == f'attachment; filename="{stem}-2026-12-05.csv"'
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert xlsx_response["Content-Disposition"] == f'attachment; filename="{stem}-2026-12-05.xlsx"'
    assert xlsx_response["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.parametrize(
    "params",
    [
        {"agency": "no-such-agency", "topic": "fees"},
        {"year": "abc", "topic": "fees"},
        {"topic": "fees", "genre": "poem", "mode": "x", "sort": "sideways"},
        {"topic": "fees", "q": "抽" * 300},
        {"topic": "fees", "page": "-1", "after": "garbage~x"},
    ],
)
def test_bad_filter_values_are_left_out_as_on_the_list(client, catalogue, params):
    listed = client.get(reverse("catalog:entry_list"), params)
    response = client.get(export_url("entry"), params)

    assert response.status_code == 200
    assert len(csv_rows(response)) - 1 == listed.context["page_obj"].count == 6


@pytest.mark.parametrize("list_name", ["power_item", "fee_item", "decision"])
def test_bad_filter_values_on_the_clearance_lists_give_a_file(client, agency, list_name):
    params = {"agency": "nope", "kind": "x", "status": "x", "year": "x", "power": "x"}
    for file_format in ("csv", "xlsx"):
        assert client.get(export_url(list_name, file_format), params).status_code == 200


def test_an_unknown_format_is_not_found(client, db):
    assert client.get("/catalog/export.pdf").status_code == 404


# Streaming and queries -------------------------------------------------------------

# The rows: one query, read in chunks (a server-side cursor on PostgreSQL),
# however many there are. A facet on the agency or topic tree reads that tree too
# (``catalog.reference``: once per request in a test, once per catalogue version
# in production).
EXPORT_QUERY_LIMIT = 1
EXPORT_QUERIES = [
    ({}, EXPORT_QUERY_LIMIT),
    ({"q": "抽查", "agency": "city-a"}, EXPORT_QUERY_LIMIT + 1),
    ({"topic": "quality", "sort": "title", "year": "2026"}, EXPORT_QUERY_LIMIT + 1),
]


@pytest.mark.parametrize("n_entries", [5, 40])
def test_csv_export_query_count_does_not_grow_with_rows(
    client, catalogue, django_assert_num_queries, monkeypatch, n_entries
):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 7)
    monkeypatch.setattr(exports, "ROWS_PER_WRITE", 3)
    quality = Topic.objects.get(slug="quality")
    factories.PublishedEntryFactory.create_batch(n_entries, agency=catalogue[1], topic=quality)

    for params, queries in EXPORT_QUERIES:
        with django_assert_num_queries(queries):
            response = client.get(export_url("entry"), params)
            rows = csv_rows(response)
        assert len(rows) - 1 > n_entries


@pytest.mark.parametrize("list_name", ["power_item", "fee_item", "decision"])
def test_clearance_export_query_count_does_not_grow_with_rows(
    client, agency, django_assert_num_queries, list_name
):
    factory = {
        "power_item": factories.PublishedPowerItemFactory,
        "fee_item": factories.PublishedFeeItemFactory,
        "decision": factories.PublishedDecisionFactory,
    }[list_name]
    factory.create_batch(30, agency=agency)

    with django_assert_num_queries(EXPORT_QUERY_LIMIT):
        rows = csv_rows(client.get(export_url(list_name), {"q": "2026"}))
    with django_assert_num_queries(EXPORT_QUERY_LIMIT):
        rows = csv_rows(client.get(export_url(list_name)))
    assert len(rows) == 31


# Links from the lists ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("list_name", "params"),
    [
        ("entry_list", {"topic": "fees", "q": "收费", "page": "2", "after": "x~1"}),
        ("power_item_list", {"kind": "penalty", "page": "1"}),
        ("enforcement_list", {"q": "处罚"}),
        ("approval_list", {}),
        ("fee_item_list", {"status": "abolished"}),
        ("decision_list", {"year": "2026", "page": "3"}),
    ],
)
def test_list_pages_link_to_their_exports_with_the_filters(client, catalogue, list_name, params):
    html = client.get(reverse(f"catalog:{list_name}"), params).content.decode()

    query = urlencode({k: v for k, v in params.items() if k not in ("page", "after")})
    suffix = f"?{query}".replace("&", "&amp;") if query else ""
    export = list_name.removesuffix("_list")
    for file_format in ("csv", "xlsx"):
        assert f'href="{export_url(export, file_format)}{suffix}"' in html
    assert "导出 CSV" in html
    assert "导出 Excel" in html

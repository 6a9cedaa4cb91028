"""The public pages of the annual reports (Arts. 49-50, format of 2021): the index of
agencies and years, a published report with its tables as printed, the staff preview
of a draft, and the combined figures of an agency with its subordinates."""

import datetime
import re
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.test.html import parse_html
from django.urls import reverse
from django.utils import translation

from catalog.models import StaffRole
from catalog.sanitize import sanitize_html
from reports import publishing
from reports.models import AnnualReport
from requests_app.models import ApplicantKind, ReviewKind, ReviewResult
from requests_app.outcomes import Outcome
from tests import factories
from tests.factories import MembershipFactory
from tests.reports.factories import AnnualReportFactory, case_of, day, request_of

pytestmark = pytest.mark.django_db

CHINA = zoneinfo.ZoneInfo("Asia/Shanghai")
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def in_march_2026():
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, tzinfo=CHINA), tick=False):
        yield


def at(text):
    """An aware datetime at 10:00 China time on the day ``text``."""
    return datetime.datetime.combine(day(text), datetime.time(10), tzinfo=CHINA)


def publish(report, when="2026-01-20"):
    """Publish through ``reports.publishing`` as the agency's office (admin and reviewer)."""
    office = MembershipFactory(agency=report.agency, role=StaffRole.AGENCY_ADMIN).user
    MembershipFactory(user=office, agency=report.agency, role=StaffRole.REVIEWER)
    publishing.publish(report, office, when=at(when))
    report.refresh_from_db()
    return report


def record_2025(agency):
    """A year of work: requests received, answered and carried forward, a review case."""
    granted = request_of(
        agency, ApplicantKind.NATURAL_PERSON, day("2025-03-03"), day("2025-03-20"), Outcome.GRANTED
    )
    request_of(
        agency,
        ApplicantKind.COMMERCIAL,
        day("2025-05-06"),
        day("2025-05-30"),
        Outcome.WITHHELD_STATE_SECRET,
    )
    request_of(agency, ApplicantKind.RESEARCH, day("2025-12-29"))
    case_of(
        granted,
        ReviewKind.RECONSIDERATION,
        day("2025-06-02"),
        ReviewResult.UPHELD,
        day("2025-07-15"),
    )


@pytest.fixture
def published_report(city):
    record_2025(city)
    report = AnnualReportFactory(agency=city, year=2025, fee_revenue=Decimal("2.5000"))
    return publish(report)


def page(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200
    return response.content.decode()


def has_html(content, fragment) -> bool:
    return parse_html(fragment) in parse_html(content)


# ---------- the index ----------


def test_index_lists_agencies_in_tree_order_with_report_dates_and_timeliness(
    client, agency, city, published_report
):
    county = factories.CountyAgencyFactory(parent=city, name="沈阳市和平区局")
    other = factories.CityAgencyFactory(parent=agency, name="大连市局", sort_order=9)
    late = publish(AnnualReportFactory(agency=other, year=2025), when="2026-02-09")

    content = page(client, reverse("reports:index"), **EN)

    names = [agency.name, city.name, county.name, other.name]
    positions = [content.index(f">{name}</th>") for name in names]
    assert positions == sorted(positions), "depth first: the county sits under its city"
    assert reverse("reports:detail", args=[city.slug, 2025]) in content
    assert "Published 2026-01-20" in content
    assert "Published 2026-02-09" in content
    row_of_late = content[content.index(f">{other.name}</th>") :]
    assert "Late" in row_of_late.split("</tr>")[0]
    assert late.published_on_time() is False


def test_index_marks_a_missing_report_overdue_after_31_january(client, agency, city):
    content = page(client, reverse("reports:index"), **EN)

    assert "Report for 2025" in content
    row = content[content.index(f">{city.name}</th>") :].split("</tr>")[0]
    assert "Not yet published" in row
    assert "Overdue" in row


def test_index_shows_the_deadline_while_the_report_is_still_due(client, agency):
    with time_machine.travel(datetime.datetime(2026, 1, 10, 10, tzinfo=CHINA), tick=False):
        content = page(client, reverse("reports:index"), **EN)
    assert "Due by 2026-01-31" in content
    assert "Overdue" not in content


def test_index_links_the_combined_figures_of_agencies_with_subordinates_only(client, agency, city):
    content = page(client, reverse("reports:index"))

    assert reverse("reports:combined", args=[agency.slug, 2025]) in content
    assert reverse("reports:combined", args=[city.slug, 2025]) not in content


def test_index_does_not_list_drafts(client, city):
    AnnualReportFactory(agency=city, year=2025)
    content = page(client, reverse("reports:index"))
    assert reverse("reports:detail", args=[city.slug, 2025]) not in content


@pytest.mark.parametrize("size", [1, 4])
def test_index_query_count_does_not_grow_with_agencies_and_reports(
    client, agency, django_assert_max_num_queries, size
):
    for _ in range(size):
        city = factories.CityAgencyFactory(parent=agency)
        factories.CountyAgencyFactory(parent=city)
        for year in (2024, 2025):
            report = AnnualReportFactory(agency=city, year=year)
            report.status, report.published_at = "published", at("2026-01-05")
            report.published_tables = report.live_tables().to_json()
            report.save()
    # agencies, published reports, the provincial guide link of the navigation
    with django_assert_max_num_queries(3):
        assert client.get(reverse("reports:index")).status_code == 200


def test_reports_tab_of_the_navigation_leads_to_the_index_and_is_marked_current(client, agency):
    content = page(client, reverse("reports:index"))
    current = re.findall(r'<a href="([^"]*)" aria-current="page">', content)
    assert current == [reverse("reports:index")]
    assert reverse("reports:index") == "/reports/"


def test_home_links_to_the_annual_reports(client, agency):
    assert 'href="/reports/"' in page(client, reverse("catalog:home"))


# ---------- a published report ----------


def test_report_prints_its_sections_in_the_order_of_the_national_format(client, published_report):
    content = page(client, published_report.get_absolute_url())

    headings = [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    positions = [content.index(f"<h2>{heading}</h2>") for heading in headings]
    assert positions == sorted(positions)
    assert "扎实推进政务公开" in content
    assert f'<h1 class="page-title report-title">{published_report.title}</h1>' in content


def test_table_three_merges_its_header_and_labels_like_the_2021_format(client, published_report):
    content = page(client, published_report.get_absolute_url())

    for fragment in (
        '<th scope="col" colspan="3" rowspan="3">'
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>",
        '<th scope="colgroup" colspan="7">申请人情况</th>',
        '<th scope="col" rowspan="2">自然人</th>',
        '<th scope="colgroup" colspan="5">法人或其他组织</th>',
        '<th scope="row" rowspan="22" class="report-label">三、本年度办理结果</th>',
        '<th scope="row" rowspan="8" class="report-label">（三）不予公开</th>',
        '<th scope="row" colspan="2" class="report-label">（七）总计</th>',
        # 一: one natural person, one company, one research institute received in 2025
        '<tr><th scope="row" colspan="3" class="report-label">一、本年新收政府信息公开申请数量</th>'
        '<td class="report-figure">1</td><td class="report-figure">1</td>'
        '<td class="report-figure">1</td><td class="report-figure">0</td>'
        '<td class="report-figure">0</td><td class="report-figure">0</td>'
        '<td class="report-figure">3</td></tr>',
    ):
        assert has_html(content, fragment), fragment


def test_tables_two_and_four_print_their_blocks_and_merged_headers(client, published_report):
    content = page(client, published_report.get_absolute_url())

    for fragment in (
        '<th scope="rowgroup" colspan="4" class="report-head">第二十条第（一）项</th>',
        '<th scope="col" colspan="3" class="report-head">本年处理决定数量</th>',
        '<tr><th scope="row" class="report-label">行政事业性收费</th>'
        '<td colspan="3" class="report-figure">2.5</td></tr>',
        '<th scope="colgroup" colspan="5">行政复议</th>',
        '<th scope="colgroup" colspan="10">行政诉讼</th>',
        '<th scope="colgroup" colspan="5">未经复议直接起诉</th>',
    ):
        assert has_html(content, fragment), fragment


def test_report_shows_the_figures_as_published_not_as_they_are_now(client, published_report):
    request_of(published_report.agency, ApplicantKind.OTHER, day("2025-08-01"))

    content = page(client, published_report.get_absolute_url())

    total_received = (
        '<tr><th scope="row" colspan="3" class="report-label">一、本年新收政府信息公开申请数量</th>'
        + '<td class="report-figure">1</td>' * 3
        + '<td class="report-figure">0</td>' * 3
        + '<td class="report-figure">3</td></tr>'
    )
    assert has_html(content, total_received)


def test_rule_of_table_three_is_printed_under_it_and_holds(client, published_report):
    with translation.override("en"):
        content = page(client, published_report.get_absolute_url(), **EN)
    assert "Row 1 + row 2 = row 3 (7) + row 4: holds in every column." in content
    assert content.index("四、结转下年度继续办理") < content.index("Row 1 + row 2")


def test_report_links_its_exports_and_the_agency(client, published_report):
    content = page(client, published_report.get_absolute_url())
    slug = published_report.agency.slug
    assert reverse("reports:export", args=[slug, 2025, "xlsx"]) in content
    assert reverse("reports:export", args=[slug, 2025, "csv"]) in content
    assert published_report.agency.get_absolute_url() in content


def test_report_links_its_catalogue_entry(client, published_report):
    content = page(client, published_report.get_absolute_url())
    assert published_report.catalog_entry.get_absolute_url() in content


def test_catalogue_entry_body_keeps_the_merged_cells_after_sanitising(published_report):
    body = published_report.catalog_entry.body
    assert body == sanitize_html(body)
    assert has_html(body, '<th rowspan="22" scope="row">三、本年度办理结果</th>')
    assert "（本列数据的勾稽关系为" in body
    assert "第一项 + 第二项" in body or "Row 1 + row 2" in body


@pytest.mark.parametrize(
    "path",
    ["/reports/nobody/2025/", "/reports/{slug}/2024/", "/reports/{slug}/2025/export.pdf"],
)
def test_unknown_agency_year_or_file_type_is_not_found(client, published_report, path):
    url = path.format(slug=published_report.agency.slug)
    assert client.get(url).status_code == 404


# ---------- drafts ----------


@pytest.fixture
def draft(city):
    record_2025(city)
    return AnnualReportFactory(agency=city, year=2025, overview="草稿中的总体情况。")


def test_a_draft_is_not_found_by_the_public_even_asking_for_a_preview(client, draft):
    url = draft.get_absolute_url()
    assert client.get(url).status_code == 404
    assert client.get(url, {"preview": "1"}).status_code == 404


def test_a_draft_is_not_found_by_staff_of_another_agency(client, draft, other_city, make_staff):
    client.force_login(make_staff(other_city, StaffRole.AGENCY_ADMIN))
    assert client.get(draft.get_absolute_url(), {"preview": "1"}).status_code == 404


def test_staff_of_the_agency_need_to_ask_for_the_preview(client, draft, make_staff):
    client.force_login(make_staff(draft.agency, StaffRole.EDITOR))
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_staff_of_the_agency_preview_a_draft_with_a_banner_and_the_figures_of_now(
    client, draft, make_staff
):
    client.force_login(make_staff(draft.agency, StaffRole.EDITOR))
    request_of(draft.agency, ApplicantKind.OTHER, day("2025-08-01"))

    response = client.get(draft.get_absolute_url(), {"preview": "1"}, **EN)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Draft preview" in content
    assert '<meta name="robots" content="noindex">' in content
    assert "草稿中的总体情况" in content
    assert has_html(
        content,
        '<tr><th scope="row" colspan="3" class="report-label">一、本年新收政府信息公开申请数量</th>'
        + '<td class="report-figure">1</td>' * 3
        + '<td class="report-figure">0</td>' * 2
        + '<td class="report-figure">1</td><td class="report-figure">4</td></tr>',
    )
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert reverse("reports:export", args=[draft.agency.slug, 2025, "xlsx"]) not in content


def test_preview_names_the_column_where_table_three_does_not_add_up(client, draft, make_staff):
    # Closed in 2025 but received only in 2026: counted in 三 but not in 一 or 二.
    request_of(
        draft.agency, ApplicantKind.LEGAL_SERVICE, day("2026-01-05"), day("2025-12-30"), "granted"
    )
    client.force_login(make_staff(draft.agency, StaffRole.EDITOR))

    with translation.override("en"):
        content = page(client, draft.get_absolute_url() + "?preview=1", **EN)

    assert "does not hold" in content
    assert "法律服务机构" in content.split("does not hold")[1].split("</p>")[0]
    assert "report-check-broken" in content


# ---------- the combined figures ----------


def test_combined_figures_add_up_the_agency_and_its_subordinates(client, agency, city):
    county = factories.CountyAgencyFactory(parent=city)
    record_2025(city)
    request_of(county, ApplicantKind.NATURAL_PERSON, day("2025-04-01"))
    request_of(agency, ApplicantKind.NATURAL_PERSON, day("2025-04-01"))  # above: not counted

    content = page(client, reverse("reports:combined", args=[city.slug, 2025]), **EN)

    assert has_html(
        content,
        '<tr><th scope="row" colspan="3" class="report-label">一、本年新收政府信息公开申请数量</th>'
        '<td class="report-figure">2</td><td class="report-figure">1</td>'
        '<td class="report-figure">1</td>' + '<td class="report-figure">0</td>' * 3 + ""
        '<td class="report-figure">4</td></tr>',
    )
    assert county.name in content


def test_combined_figures_are_marked_as_a_summary_not_a_statutory_report(client, agency, city):
    content = page(client, reverse("reports:combined", args=[agency.slug, 2025]))
    with translation.override("en"):
        english = page(client, reverse("reports:combined", args=[agency.slug, 2025]), **EN)

    assert "Combined figures, not a statutory annual report" in english
    assert english.index("not a statutory annual report") < english.index("<h1")
    assert "一、总体情况" not in content, "a summary has no narrative of its own"
    assert "三、收到和处理政府信息公开申请情况" in content


def test_combined_figures_list_which_agencies_published_their_report(
    client, agency, city, published_report
):
    content = page(client, reverse("reports:combined", args=[agency.slug, 2025]))
    assert published_report.get_absolute_url() in content


@pytest.mark.parametrize("year", [2007, 2027])
def test_combined_figures_exist_only_for_years_the_regulations_applied_in(client, agency, year):
    assert client.get(reverse("reports:combined", args=[agency.slug, year])).status_code == 404


def test_report_of_an_agency_with_subordinates_links_its_combined_figures(client, agency, city):
    report = publish(AnnualReportFactory(agency=agency, year=2025))
    content = page(client, report.get_absolute_url())
    assert reverse("reports:combined", args=[agency.slug, 2025]) in content


def test_unsaved_report_of_the_index_is_never_stored(client, agency, city):
    page(client, reverse("reports:index"))
    assert not AnnualReport.objects.exists()

"""The site search on the database (issue "Search", ADR 0012): what it finds, in
what order, what it never shows, and how its index stays equal to what is published.

Every test runs on SQLite (FTS5) and on PostgreSQL (tsvector + GIN) alike.
"""

import datetime
import zoneinfo
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog import reference, workflow
from catalog.models import (
    CatalogEntry,
    DecisionRecord,
    DocumentKind,
    PartyKind,
    Scope,
    SearchDocument,
    StaffRole,
    Validity,
)
from catalog.search import engine, index, schema
from catalog.search.text import parse
from reports import publishing
from tests import factories
from tests.reports.factories import AnnualReportFactory

pytestmark = pytest.mark.django_db

CHINA = zoneinfo.ZoneInfo("Asia/Shanghai")
TODAY = datetime.date(2026, 6, 1)
ANONYMOUS = AnonymousUser()


@pytest.fixture(autouse=True)
def first_of_june_2026():
    with time_machine.travel(datetime.datetime(2026, 6, 1, 10, tzinfo=CHINA), tick=False):
        yield


def entry(agency, **fields):
    fields.setdefault("body", "<p>各市市场监督管理局：现将有关事项通知如下。</p>")
    fields.setdefault("keywords", "")
    fields.setdefault("summary", "")
    return factories.PublishedEntryFactory(agency=agency, **fields)


def found(query: str, *, user=ANONYMOUS, kind: str = "", **options) -> list[str]:
    """The titles of every hit, in order (one page holds them all here)."""
    results = engine.search(parse(query), user=user, kind=kind, per_page=100, **options)
    return [hit.document.title for hit in results.hits]


def found_ids(query: str, kind=DocumentKind.ENTRY, *, user=ANONYMOUS) -> set[int]:
    return set(engine.matching(parse(query), kind, user=user).values_list("object_id", flat=True))


def assert_index_clean():
    assert not index.differences()


def assert_fulltext_consistent():
    """The full-text side holds exactly the rows' terms."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # Raises when the FTS5 table disagrees with its content table.
            cursor.execute(
                f"INSERT INTO {schema.FTS_TABLE}({schema.FTS_TABLE}, rank) "  # noqa: S608
                "VALUES ('integrity-check', 1)"
            )
        else:
            vectors = f"SELECT id, head_vector::text, full_vector::text FROM {schema.TABLE}"  # noqa: S608
            cursor.execute(vectors + " ORDER BY id")
            stored = cursor.fetchall()
            # The trigger recomputes both vectors from the terms.
            cursor.execute(f"UPDATE {schema.TABLE} SET title_terms = title_terms")  # noqa: S608
            cursor.execute(vectors + " ORDER BY id")
            assert cursor.fetchall() == stored
            assert all(head is not None and full is not None for _, head, full in stored)


# Finding words --------------------------------------------------------------------------


@pytest.fixture
def texts(agency):
    """A few entries with the words the queries look for."""
    return {
        "food": entry(agency, title="关于加强食品安全监督管理的通知"),
        "apart": entry(agency, title="关于食物品种登记的通知"),
        "penalty": entry(agency, title="行政处罚案件办理规定"),
        "licence": entry(agency, title="行政许可事项清单"),
        "spot": entry(agency, title="产品质量监督抽查实施细则"),
        "scattered": entry(agency, title="产品质量监督管理和随机抽查工作方案"),
        "standard": entry(agency, title="食品添加剂使用标准GB2760-2014的解读"),
        "hotline": entry(agency, title="投诉举报渠道", body="<p>请拨打12315投诉举报热线。</p>"),
        "traditional": entry(agency, title="關於規範市場監督管理執法行為的意見"),
    }


def test_a_two_character_query_finds_the_two_together_only(texts):
    assert found("食品") == [texts["standard"].title, texts["food"].title]
    assert texts["apart"].title not in found("食品")


def test_a_one_character_query_finds_the_character_anywhere_in_a_word(texts):
    assert found("罚") == [texts["penalty"].title]
    assert set(found("罚")) == set(found("处罚"))
    assert set(found("许")) == {texts["licence"].title}
    assert set(found("政")) == {texts["penalty"].title, texts["licence"].title}


def test_a_phrase_needs_its_characters_in_order(texts):
    assert found("监督抽查") == [texts["spot"].title]
    # Both words, anywhere: the scattered one too.
    assert set(found("监督 抽查")) == {texts["spot"].title, texts["scattered"].title}


@pytest.mark.parametrize(
    "typed",
    [
        "辽市监发〔2024〕12号",
        "辽市监发2024 12",
        "辽市监发[2024]12号",
        "辽市监发（2024）12号",
        "辽市监发（２０２４）１２号",
        "遼市監發〔2024〕12號",
    ],
)
def test_a_document_number_is_found_however_it_is_typed(agency, typed):
    target = entry(agency, title="关于公布抽检结果的通告", document_number="辽市监发〔2024〕12号")
    entry(agency, title="关于另一批抽检结果的通告", document_number="辽市监发〔2024〕120号")
    entry(agency, title="关于上一年抽检结果的通告", document_number="辽市监发〔2023〕12号")
    assert found(typed) == [target.title]


@pytest.mark.parametrize("typed", ["食品安全監督", "行政處罰", "規範市場監督"])
def test_a_traditional_query_finds_simplified_text_and_back(texts, typed):
    expected = {
        "食品安全監督": texts["food"],
        "行政處罰": texts["penalty"],
        "規範市場監督": texts["traditional"],
    }[typed]
    assert found(typed) == [expected.title]
    assert found("规范市场监督") == [texts["traditional"].title]


def test_latin_letters_and_digits_are_found_as_words(texts):
    assert found("GB 2760") == [texts["standard"].title]
    assert found("gb2760") == [texts["standard"].title]
    assert found("ＧＢ２７６０－２０１４") == [texts["standard"].title]
    assert found("12315") == [texts["hotline"].title]
    assert found("1231") == []
    assert found("GB 2761") == []


HOSTILE = [
    "'; DROP TABLE catalog_searchdocument; --",
    "<script>alert(1)</script>",
    "食品 & 安全 | !监督 :* ( ) '",
    "食品:* & !(安全 | 监督)",
    '"食品" NEAR(安全 监督) OR AND *',
    "title_terms : 食品",
    "{title_terms number_terms} : 食品",
    "食品" * 150,
    "。，、！？；：“”‘’（）《》【】",
    "*",
    "",
    "   ",
    "\x00食品\u200b",
]


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("sort", engine.Sort.CHOICES)
def test_hostile_queries_never_fail_and_find_only_what_holds_their_words(texts, hostile, sort):
    query = parse(hostile)
    results = engine.search(query, user=ANONYMOUS, sort=sort)
    assert results.total == len(results.hits) <= len(texts)
    for hit in results.hits:
        for group in query.groups:
            assert group.surface in hit.document.title_terms.replace(" ", "") or any(
                token in hit.document.body_terms.split() for token in group.tokens
            )
        assert "<script>" not in hit.title
    assert SearchDocument.objects.count() == len(texts)  # nothing was dropped


def test_operators_between_words_only_separate_them(texts):
    expected = found("食品 安全 监督")
    assert expected == [texts["food"].title]
    assert found("食品 & 安全 | !监督 :* ( ) '") == expected
    assert found('"食品" "安全"* (监督)') == expected
    assert found("食品 OR 安全") == []  # "or" is a word to find, not an operator


def test_a_title_with_markup_is_escaped_and_highlighted(agency):
    entry(agency, title="关于<script>alert(1)</script>标签的说明")
    (hit,) = engine.search(parse("script"), user=ANONYMOUS).hits
    assert "<script>" not in hit.title
    assert "&lt;<mark>script</mark>&gt;" in hit.title


def test_an_empty_query_finds_nothing(texts):
    for nothing in ("", "。", "*"):
        results = engine.search(parse(nothing), user=ANONYMOUS)
        assert (results.total, results.hits, results.kinds) == (0, [], [])
        assert found_ids(nothing) == set()


def test_a_long_query_is_cut_not_refused(texts):
    results = engine.search(parse("监督" + "的" * 298), user=ANONYMOUS)
    assert results.query.truncated
    assert results.total == 0


# Ranking ---------------------------------------------------------------------------------
# Each set is created best first and equally dated: were the rule missing, equal
# scores would sort the later (higher) id first and the test would fail.


def test_a_document_number_match_ranks_above_a_title_match_above_a_body_match(agency):
    day = datetime.date(2026, 3, 2)
    number = entry(
        agency, title="关于印发方案的通知", date_made=day, document_number="辽食安办〔2026〕3号"
    )
    title = entry(agency, title="关于食安办成员调整的通知", date_made=day)
    body = entry(agency, title="关于印发工作要点的通知", date_made=day, body="<p>食安办牵头。</p>")
    assert found("食安办") == [number.title, title.title, body.title]


def test_the_exact_phrase_in_the_title_ranks_above_its_words_scattered(agency):
    day = datetime.date(2026, 3, 2)
    exact = entry(agency, title="关于开展食品抽检的通知", date_made=day)
    scattered = entry(agency, title="关于食品生产企业和药品抽检的通知", date_made=day)
    assert found("食品 抽检") == [exact.title, scattered.title]


def test_the_exact_phrase_in_the_text_ranks_above_its_words_scattered(agency):
    day = datetime.date(2026, 3, 2)
    exact = entry(agency, title="工作通知甲", date_made=day, body="<p>做好食品抽检工作。</p>")
    scattered = entry(
        agency, title="工作通知乙", date_made=day, body="<p>食品生产企业和药品的抽检。</p>"
    )
    assert found("食品 抽检") == [exact.title, scattered.title]


def test_newer_ranks_above_older(agency):
    older = entry(
        agency, title="关于食品抽检的通知（二〇二二）", date_made=datetime.date(2022, 3, 2)
    )
    newer = entry(
        agency, title="关于食品抽检的通知（二〇二六）", date_made=datetime.date(2026, 3, 2)
    )
    assert found("食品抽检") == [newer.title, older.title]
    rows = SearchDocument.objects.filter(object_id__in=[older.pk, newer.pk]).order_by("date")
    old_row, new_row = rows.values("date", "current", "title_terms", "number_terms")
    query = parse("食品抽检")
    # The score itself prefers the newer, not only the tie-break on the date.
    assert engine.score(new_row, query, phrase_anywhere=False, today=TODAY) > engine.score(
        old_row, query, phrase_anywhere=False, today=TODAY
    )


def test_still_valid_ranks_above_repealed(agency):
    day = datetime.date(2026, 3, 2)
    valid = entry(agency, title="食品经营许可管理办法", date_made=day)
    repealed = entry(
        agency, title="食品经营许可管理办法（旧）", date_made=day, validity=Validity.REPEALED
    )
    # The repealed one is later (higher id): only its state puts it second.
    assert found("食品经营许可") == [valid.title, repealed.title]


def test_newest_first_sorts_by_date_whatever_matched_where(agency):
    old_number = entry(
        agency,
        title="关于印发方案的通知",
        date_made=datetime.date(2024, 1, 5),
        document_number="辽食安办〔2024〕3号",
    )
    new_body = entry(
        agency,
        title="关于印发工作要点的通知",
        date_made=datetime.date(2026, 4, 1),
        body="<p>食安办牵头。</p>",
    )
    middle = entry(agency, title="关于食安办成员调整的通知", date_made=datetime.date(2025, 2, 1))
    assert found("食安办") == [old_number.title, middle.title, new_body.title]
    newest = [new_body.title, middle.title, old_number.title]
    assert found("食安办", sort=engine.Sort.NEWEST) == newest


# Following writes -----------------------------------------------------------------------


def test_a_withdrawn_entry_disappears_at_once(city, editor, reviewer):
    draft = factories.EntryFactory(agency=city, title="关于召回问题儿童玩具的公告")
    assert found("儿童玩具") == []
    workflow.submit_for_review(draft, editor)
    assert found("儿童玩具") == []
    workflow.publish(draft, reviewer, "经审查,不涉及国家秘密,同意公开。")
    assert found("儿童玩具") == [draft.title]
    assert found_ids("儿童玩具") == {draft.pk}
    workflow.withdraw(draft, reviewer, "内容有误,撤回更正")
    assert found("儿童玩具") == []
    assert found_ids("儿童玩具") == set()
    assert_index_clean()


def test_matching_narrows_a_list_pages_own_queryset(agency, city, make_staff):
    """``matching`` is a subquery the list pages combine with their filters and order."""
    public = entry(agency, title="关于电梯维保的通知", date_made=datetime.date(2026, 1, 5))
    other = entry(city, title="电梯维保质量规范", date_made=datetime.date(2026, 2, 5))
    hidden = entry(city, title="电梯维保内部通报", scope=Scope.INTERNAL)
    entry(agency, title="关于锅炉检验的通知")
    ids = engine.matching(parse("电梯维保"), DocumentKind.ENTRY, user=ANONYMOUS)
    listed = CatalogEntry.objects.published().filter(pk__in=ids).order_by("-date_made")
    assert list(listed) == [other, public]
    assert list(listed.filter(agency=agency)) == [public]
    insider = make_staff(city, StaffRole.EDITOR)
    ids = engine.matching(parse("电梯维保"), DocumentKind.ENTRY, user=insider)
    assert set(CatalogEntry.objects.filter(pk__in=ids)) == {public, other, hidden}
    # Another kind's ids never leak in, even where the numbers coincide.
    assert not CatalogEntry.objects.filter(
        pk__in=engine.matching(parse("电梯维保"), DocumentKind.POWER, user=ANONYMOUS)
    ).exists()


def test_an_edited_title_is_found_by_its_new_words_only(agency):
    edited = entry(agency, title="关于开展电梯安全检查的通知")
    edited.title = "关于开展燃气灶具专项检查的通知"
    edited.save()
    assert found("燃气灶具") == [edited.title]
    assert found("电梯安全") == []
    assert_index_clean()


def test_a_deleted_record_leaves_no_document(agency):
    gone = entry(agency, title="关于锅炉安全的通知")
    gone.delete()
    assert found("锅炉") == []
    assert not SearchDocument.objects.exists()


def test_a_decision_past_its_publication_period_is_gone_at_once(agency):
    penalty = factories.PublishedDecisionFactory(
        agency=agency, decided_on=datetime.date(2023, 6, 1), facts="当事人销售过期奶粉。"
    )
    minor = factories.PublishedDecisionFactory(
        agency=agency,
        decided_on=datetime.date(2025, 12, 1),
        minor=True,
        facts="当事人销售过期奶粉。",
    )
    ends = penalty.publication_ends_on
    assert ends == datetime.date(2026, 6, 1)
    assert minor.publication_ends_on == datetime.date(2026, 6, 1)
    with time_machine.travel(datetime.datetime(2026, 5, 31, 23, tzinfo=CHINA), tick=False):
        assert found_ids("过期奶粉", DocumentKind.DECISION) == {penalty.pk, minor.pk}
        assert set(DecisionRecord.objects.listed().values_list("pk", flat=True)) == {
            penalty.pk,
            minor.pk,
        }
        assert len(found("过期奶粉")) == 2
    # The first day after the period, with no write and no rebuild in between.
    assert found("过期奶粉") == []
    assert found_ids("过期奶粉", DocumentKind.DECISION) == set()
    assert not DecisionRecord.objects.listed().exists()


def test_a_licence_stays_found_without_an_end(agency):
    licensing = factories.PublishedPowerItemFactory(agency=agency, kind="licensing")
    licence = factories.PublishedDecisionFactory(
        agency=agency,
        power_item=licensing,
        decided_on=datetime.date(2019, 1, 1),
        content="准予食品经营许可。",
    )
    assert found_ids("准予食品经营许可", DocumentKind.DECISION) == {licence.pk}


@pytest.fixture
def internal(city):
    return entry(city, title="局务会议纪要（内部）", scope=Scope.INTERNAL)


def test_an_internal_entry_is_invisible_to_the_public(internal):
    assert found("局务会议纪要") == []
    assert found_ids("局务会议纪要") == set()


def test_an_internal_entry_is_invisible_to_another_agencys_staff(internal, other_city, make_staff):
    outsider = make_staff(other_city, StaffRole.EDITOR)
    assert found("局务会议纪要", user=outsider) == []
    assert found_ids("局务会议纪要", user=outsider) == set()


def test_an_internal_entry_is_visible_to_its_own_agencys_staff(internal, city, make_staff):
    insider = make_staff(city, StaffRole.EDITOR)
    assert found("局务会议纪要", user=insider) == [internal.title]
    assert found_ids("局务会议纪要", user=insider) == {internal.pk}


def test_a_covering_provincial_staff_member_sees_a_citys_internal_entry(
    internal, agency, make_staff
):
    province = make_staff(agency, StaffRole.REVIEWER, covers_subordinates=True)
    not_covering = make_staff(agency, StaffRole.REVIEWER)
    assert found("局务会议纪要", user=province) == [internal.title]
    assert found("局务会议纪要", user=not_covering) == []


# Masked parties -------------------------------------------------------------------------

PERSON = "张三丰"
ID_NUMBER = "210102199001011234"


@pytest.fixture
def person_decision(agency):
    return factories.PublishedDecisionFactory(
        agency=agency,
        party_kind=PartyKind.NATURAL_PERSON,
        party_name=PERSON,
        party_code=ID_NUMBER,
        legal_representative="",
        facts=f"当事人{PERSON}(身份证号{ID_NUMBER})在农贸市场销售病死猪肉，{PERSON}对事实无异议。",
        content=f"对{PERSON}处以罚款。",
    )


@pytest.mark.parametrize("query", [PERSON, "三丰", ID_NUMBER, f"{PERSON} 病死猪肉", "199001011234"])
def test_a_natural_person_is_never_found_by_name_or_id_number(person_decision, query):
    assert found(query) == []
    assert found_ids(query, DocumentKind.DECISION) == set()


def test_a_natural_persons_decision_is_found_by_its_facts_and_shows_the_mask(person_decision):
    (hit,) = engine.search(parse("病死猪肉"), user=ANONYMOUS).hits
    document = hit.document
    assert document.title.startswith("张**")
    for column in ("title", "number", "text", "title_terms", "number_terms", "body_terms"):
        value = getattr(document, column)
        assert PERSON not in value.replace(" ", "")
        assert "三丰" not in value.replace(" ", "") and "三 丰" not in value
        assert ID_NUMBER not in value and "199001011234" not in value


def test_a_name_or_number_written_otherwise_in_the_facts_is_masked_too(agency):
    factories.PublishedDecisionFactory(
        agency=agency,
        party_kind=PartyKind.NATURAL_PERSON,
        party_name=PERSON,
        party_code="21010219900101123X",
        legal_representative="",
        facts=(
            "当事人張三豐（身份证号２１０１０２１９９００１０１１２３ｘ）销售病死猪肉，"
            "张 三丰签字。"
        ),
    )
    (hit,) = engine.search(parse("病死猪肉"), user=ANONYMOUS).hits
    assert hit.document.text.count("张**") == 2
    for query in (PERSON, "張三豐", "21010219900101123X", "199001011"):
        assert found(query) == []


def test_an_organisations_legal_representative_is_masked_too(agency):
    factories.PublishedDecisionFactory(
        agency=agency,
        legal_representative="王建国",
        facts="经查，法定代表人王建国指使员工销售假酒。",
    )
    assert found("假酒") != []
    assert found("王建国") == []
    assert found("建国") == []


def test_an_organisation_party_is_found_by_its_name_and_credit_code(agency):
    company = factories.PublishedDecisionFactory(agency=agency, party_name="沈阳顺达食品有限公司")
    assert found_ids("顺达食品", DocumentKind.DECISION) == {company.pk}
    assert found_ids(company.party_code, DocumentKind.DECISION) == {company.pk}


# Every kind -----------------------------------------------------------------------------


def test_guides_power_items_fees_and_reports_are_found(city, make_staff):
    factories.GuideFactory(agency=city, proactive_scope="本机关主动公开计量器具检定目录。")
    power = factories.PublishedPowerItemFactory(agency=city, name="计量器具型式批准")
    fee = factories.PublishedFeeItemFactory(agency=city, name="强制检定计量器具检定费")
    factories.PowerItemFactory(agency=city, name="计量器具草稿事项")  # a draft: not found
    office = make_staff(city, StaffRole.AGENCY_ADMIN)
    report = AnnualReportFactory(agency=city, year=2025, overview="本年度完成计量器具检定公开。")
    publishing.publish(report, office)

    results = engine.search(parse("计量器具"), user=ANONYMOUS, per_page=100)
    kinds = sorted(hit.document.kind for hit in results.hits)
    assert kinds == sorted(["guide", "power", "fee", "report"])
    urls = {hit.document.kind: hit.document.url for hit in results.hits}
    assert urls["power"] == power.get_absolute_url()
    assert urls["fee"] == fee.get_absolute_url()
    assert urls["report"] == report.get_absolute_url()
    assert found_ids("计量器具", DocumentKind.POWER) == {power.pk}
    assert found_ids("计量器具", DocumentKind.FEE) == {fee.pk}
    assert found_ids("计量器具", DocumentKind.REPORT) == {report.pk}
    assert_index_clean()


def test_the_kind_and_agency_facets_count_every_match(agency, city):
    for title in ("关于电动自行车抽查的通知", "电动自行车质量安全规定"):
        entry(agency, title=title)
    entry(city, title="电动自行车销售行为规范")
    factories.PublishedPowerItemFactory(agency=city, name="对销售不合格电动自行车的处罚")
    factories.PublishedFeeItemFactory(agency=agency, name="电动自行车检验费")

    results = engine.search(parse("电动自行车"), user=ANONYMOUS)
    assert results.total == 5
    assert {f.value: f.count for f in results.kinds} == {"entry": 3, "power": 1, "fee": 1}
    assert {f.value: f.count for f in results.agencies} == {str(agency.pk): 3, str(city.pk): 2}

    powers = engine.search(parse("电动自行车"), user=ANONYMOUS, kind="power")
    assert powers.total == 1 and [h.document.kind for h in powers.hits] == ["power"]
    # The kind facet still offers the others; the agency facet narrows to the kind.
    assert {f.value: (f.count, f.selected) for f in powers.kinds} == {
        "entry": (3, False),
        "power": (1, True),
        "fee": (1, False),
    }
    assert {f.value: f.count for f in powers.agencies} == {str(city.pk): 1}

    in_city = engine.search(parse("电动自行车"), user=ANONYMOUS, agency_id=city.pk)
    assert in_city.total == 2
    assert {f.value: f.count for f in in_city.kinds} == {"entry": 1, "power": 1}


def test_a_renamed_power_item_renames_its_decisions_at_once(agency):
    decision = factories.PublishedDecisionFactory(agency=agency)
    power = decision.power_item
    power.name = "对生产销售不符合保障人体健康标准的产品的处罚"
    power.save()
    assert found_ids("人体健康标准", DocumentKind.DECISION) == {decision.pk}
    assert_index_clean()


def test_a_renamed_agency_renames_its_guide_at_once(agency):
    factories.GuideFactory(agency=agency)
    agency.name = "辽宁省药品监督管理局"
    agency.save()
    assert found_ids("药品监督管理局", DocumentKind.GUIDE) == {agency.guide.pk}
    assert_index_clean()


def test_a_renamed_agency_renames_its_annual_report_at_once(city, make_staff):
    report = AnnualReportFactory(agency=city, year=2025, overview="本年度公开工作总体情况。")
    publishing.publish(report, make_staff(city, StaffRole.AGENCY_ADMIN))
    city.name = "大连市药品监督管理局"
    city.save()
    assert found_ids("大连市药品监督", DocumentKind.REPORT) == {report.pk}
    assert_index_clean()


def test_a_snippet_without_a_match_shows_the_summary_not_the_keywords(agency):
    entry(
        agency,
        title="电梯维保质量抽查通知",
        keywords="电梯,维保",
        summary="本次抽查覆盖全市住宅小区。",
    )
    (hit,) = engine.search(parse("电梯维保"), user=ANONYMOUS).hits
    assert str(hit.snippet).startswith("本次抽查覆盖全市住宅小区")


def test_a_chosen_agency_without_matches_stays_in_its_facet(agency, city):
    entry(agency, title="电梯维保质量抽查通知")
    results = engine.search(parse("电梯维保"), user=ANONYMOUS, agency_id=city.pk)
    assert results.total == 0
    chosen = [facet for facet in results.agencies if facet.selected]
    assert [(facet.value, facet.count) for facet in chosen] == [(str(city.pk), 0)]


# The command and the triggers -----------------------------------------------------------


def run_search_index(*args) -> str:
    out = StringIO()
    call_command("search_index", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_command_finds_a_clean_index_after_writes(agency, city, editor, reviewer):
    entry(agency, title="关于开展计量监督检查的通知")
    draft = factories.EntryFactory(agency=city, title="关于开展广告监测的通知")
    workflow.submit_for_review(draft, editor)
    workflow.publish(draft, reviewer, "同意公开。")
    factories.PublishedDecisionFactory(agency=agency)
    factories.PublishedFeeItemFactory(agency=agency)
    factories.GuideFactory(agency=agency)
    workflow.withdraw(draft, reviewer, "重复发布")
    assert "The search index equals a fresh rebuild." in run_search_index()


def test_the_command_detects_a_raw_update_and_its_rebuild_repairs_it(agency):
    drifted = entry(agency, title="关于开展电梯安全检查的通知")
    unchanged = entry(agency, title="关于开展压力容器检查的通知")
    CatalogEntry.objects.filter(pk=drifted.pk).update(title="关于开展游乐设施检查的通知")
    assert found("游乐设施") == []  # an update bypasses the signals

    with pytest.raises(CommandError) as failure:
        run_search_index()
    assert failure.value.returncode == 1
    assert "1 differences" in str(failure.value)

    output = run_search_index("--rebuild", "--dry-run")
    assert "dry run" in output
    with pytest.raises(CommandError):
        run_search_index()

    output = run_search_index("--rebuild")
    assert "2 documents" in output
    assert "The search index equals a fresh rebuild." in run_search_index()
    assert found("游乐设施") == ["关于开展游乐设施检查的通知"]
    assert found("电梯安全") == []
    assert found("压力容器") == [unchanged.title]
    assert_fulltext_consistent()


def test_the_command_reports_an_extra_document(agency):
    repealed = entry(agency, title="关于开展电梯安全检查的通知")
    CatalogEntry.objects.filter(pk=repealed.pk).update(status="withdrawn")
    with pytest.raises(CommandError) as failure:
        run_search_index()
    assert failure.value.returncode == 1
    run_search_index("--rebuild", "--kind", "entry")
    assert found("电梯安全") == []
    assert "The search index equals a fresh rebuild." in run_search_index()


def drop_fulltext_triggers(which: str):
    """SQLite: drop one of the FTS5 triggers (or all); PostgreSQL has one trigger, the
    vectors', and drops it whichever is named."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in sorted(schema.SQLITE_TRIGGERS):
                if which == "all" or name.endswith(which):
                    cursor.execute(f"DROP TRIGGER {name}")
        else:
            cursor.execute(f"DROP TRIGGER catalog_searchdocument_vectors ON {schema.TABLE}")


@pytest.mark.parametrize("which", ["_insert", "_update", "_delete", "all"])
def test_sync_reinstalls_dropped_triggers_and_catches_up(agency, which):
    before = entry(agency, title="关于开展电梯安全检查的通知")
    gone = entry(agency, title="关于开展大型游乐设施检查的通知")
    drop_fulltext_triggers(which)
    assert not schema.installed(connection)
    during = entry(agency, title="关于开展压力容器检查的通知")
    before.title = "关于开展起重机械检查的通知"
    before.save()
    gone.delete()

    assert schema.sync() is True
    assert schema.installed(connection)
    assert schema.sync() is False  # nothing more to do
    assert found("压力容器") == [during.title]
    assert found("起重机械") == [before.title]
    assert found("电梯安全") == []
    assert found("游乐设施") == []
    after = entry(agency, title="关于开展客运索道检查的通知")
    assert found("客运索道") == [after.title]
    assert_fulltext_consistent()
    assert_index_clean()


def test_a_write_while_a_trigger_is_missing_is_not_found_until_sync(agency):
    """What the test above repairs: the rows are there, the full-text side is not."""
    drop_fulltext_triggers("all")
    during = entry(agency, title="关于开展压力容器检查的通知")
    assert SearchDocument.objects.filter(object_id=during.pk).exists()
    assert found("压力容器") == []
    schema.sync()
    assert found("压力容器") == [during.title]


# Bounded work ---------------------------------------------------------------------------


@pytest.fixture
def many(agency, monkeypatch):
    """Twelve matches, counted up to five and ranked among three candidates per pool."""
    monkeypatch.setattr(engine, "COUNT_LIMIT", 5)
    monkeypatch.setattr(engine, "CANDIDATES", 3)
    oldest_title = entry(agency, title="快递包装绿色治理方案", date_made=datetime.date(2020, 1, 1))
    for month in range(1, 12):
        entry(
            agency,
            title=f"关于第{month}批抽查结果的通告",
            date_made=datetime.date(2026, month if month < 6 else 5, 1),
            body="<p>涉及快递包装产品。</p>",
        )
    return oldest_title


def test_totals_are_capped_and_only_candidates_are_scored(many, monkeypatch):
    scored = []
    real_score = engine.score

    def counting_score(row, *args, **kwargs):
        scored.append(row["id"])
        return real_score(row, *args, **kwargs)

    monkeypatch.setattr(engine, "score", counting_score)
    results = engine.search(parse("快递包装"), user=ANONYMOUS, per_page=100)
    assert results.total == 5
    assert results.total_capped
    assert results.ranked_only
    assert len(scored) == len(set(scored)) <= 2 * 3
    assert len(results.hits) == len(scored)
    # The old title match competes through the title pool and wins.
    assert results.hits[0].document.title == many.title
    newest = engine.search(parse("快递包装"), user=ANONYMOUS, sort=engine.Sort.NEWEST, per_page=2)
    assert (newest.total, newest.pages, len(newest.hits)) == (5, 3, 2)
    last = engine.search(
        parse("快递包装"), user=ANONYMOUS, sort=engine.Sort.NEWEST, per_page=2, page=3
    )
    assert len(last.hits) == 1
    # Newest first lists no more than it counted: the five newest.
    newest = engine.search(parse("快递包装"), user=ANONYMOUS, sort=engine.Sort.NEWEST, per_page=100)
    assert len(newest.hits) == 5
    assert [hit.document.date for hit in newest.hits] == sorted(
        (hit.document.date for hit in newest.hits), reverse=True
    )


def test_capped_facets_list_every_kind_and_agency_the_sample_may_have_missed(many, city):
    entry(city, title="快递包装抽查情况", date_made=datetime.date(2019, 1, 1))
    results = engine.search(parse("快递包装"), user=ANONYMOUS)
    assert results.total_capped
    counted = {f.value: f.count for f in results.agencies if f.count is not None}
    uncounted = {f.value for f in results.agencies if f.count is None}
    # Every agency is offered; those the bounded read did not meet carry no count.
    assert counted.keys() | uncounted == {str(a.pk) for a in reference.agencies()}
    assert not counted.keys() & uncounted
    assert all(count >= 1 for count in counted.values())
    assert {f.value for f in results.kinds} == set(DocumentKind.values)


def test_found_few_enough_every_match_is_scored_without_a_second_search(agency):
    for n in range(3):
        entry(agency, title=f"快递包装第{n}号通告")
    with CaptureQueriesContext(connection) as captured:
        results = engine.search(parse("快递包装"), user=ANONYMOUS)
    assert results.total == 3 and not results.ranked_only
    matching = [
        q for q in captured.captured_queries if "full_vector" in q["sql"] or "_fts" in q["sql"]
    ]
    assert len(matching) == 1  # the bounded read; ranking reads the rows by id


def test_under_the_limits_nothing_is_capped(many, monkeypatch):
    monkeypatch.setattr(engine, "COUNT_LIMIT", 50)
    monkeypatch.setattr(engine, "CANDIDATES", 50)
    results = engine.search(parse("快递包装"), user=ANONYMOUS, per_page=100)
    assert (results.total, results.total_capped, results.ranked_only) == (12, False, False)
    assert len(results.hits) == 12


@pytest.mark.parametrize(
    ("query", "sort", "queries"),
    [
        # count and facets, agency names, the page's documents; and for relevance the
        # two candidate pools, plus the phrase check of a query of several words.
        ("快递包装", engine.Sort.NEWEST, 4),
        ("快递 包装 产品", engine.Sort.NEWEST, 4),
        ("快递包装", engine.Sort.RELEVANCE, 5),
        ("快递 包装 产品", engine.Sort.RELEVANCE, 6),
    ],
)
def test_a_search_makes_a_fixed_number_of_queries(
    many, agency, make_staff, django_assert_max_num_queries, query, sort, queries
):
    staff = make_staff(agency, StaffRole.EDITOR)
    for user in (ANONYMOUS, staff):
        with django_assert_max_num_queries(queries):
            results = engine.search(parse(query), user=user, sort=sort, per_page=100)
        assert 0 < len(results.hits) <= 5

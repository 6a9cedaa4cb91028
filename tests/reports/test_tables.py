"""Tables 二, 三 and 四 of the annual report (DOMAIN.md sections 5 and 6; Arts. 49-50).

The central test builds a small year by hand for one agency (a dozen requests
received in 2025 with known applicant kinds and outcomes, two carried over from
2024, one carried forward into 2026, two review cases, a few rules, normative
documents and decisions, and records that must not count) and checks every cell
of the three tables, zeros included, against the tables written out below.
"""

import datetime
import json
from decimal import Decimal

import pytest
from django.utils import translation

from catalog.models import Genre, PowerKind, ReviewStatus, Validity
from reports import tables
from reports.tables import BrokenCell, HeaderCell, ReportTables
from requests_app.models import ApplicantKind, ReviewKind, ReviewResult
from requests_app.outcomes import Outcome
from tests.factories import AgencyFactory, CityAgencyFactory, CountyAgencyFactory
from tests.reports.factories import case_of, day, decision, document, request_of

NP = ApplicantKind.NATURAL_PERSON
COMMERCIAL = ApplicantKind.COMMERCIAL
RESEARCH = ApplicantKind.RESEARCH
PUBLIC_INTEREST = ApplicantKind.PUBLIC_INTEREST
LEGAL = ApplicantKind.LEGAL_SERVICE
OTHER = ApplicantKind.OTHER
O = Outcome  # noqa: E741 - short name keeps the year below readable

BLANK = (None,) * 7
ZERO = (0,) * 7


# The year 2025 of one agency --------------------------------------------------


def build_year(agency, elsewhere):
    """The records of the hand-built year; ``elsewhere`` is another agency whose
    records must not count. Returns the requests by number."""
    r = {}
    # Received in 2025 and closed in 2025 (eleven).
    r[1] = request_of(agency, NP, day("2025-02-10"), day("2025-03-05"), O.GRANTED)
    r[2] = request_of(agency, NP, day("2025-03-01"), day("2025-03-20"), O.GRANTED)
    r[3] = request_of(agency, NP, day("2025-04-01"), day("2025-04-25"), O.PARTIAL)
    r[4] = request_of(agency, NP, day("2025-05-06"), day("2025-05-30"), O.WITHHELD_THIRD_PARTY)
    r[5] = request_of(agency, NP, day("2025-06-02"), day("2025-06-20"), O.UNAVAILABLE_NOT_HELD)
    r[6] = request_of(
        agency, COMMERCIAL, day("2025-03-03"), day("2025-03-28"), O.WITHHELD_QUERY_MATTER
    )
    r[7] = request_of(
        agency, COMMERCIAL, day("2025-07-01"), day("2025-07-15"), O.NOT_HANDLED_REPEAT
    )
    r[8] = request_of(agency, RESEARCH, day("2025-08-04"), day("2025-08-29"), O.GRANTED)
    r[9] = request_of(
        agency, PUBLIC_INTEREST, day("2025-09-01"), day("2025-09-26"), O.OTHER_NO_CORRECTION
    )
    r[10] = request_of(agency, LEGAL, day("2025-10-09"), day("2025-11-03"), O.OTHER_OTHER)
    r[11] = request_of(
        agency, OTHER, day("2025-11-03"), day("2025-11-28"), O.UNAVAILABLE_NEEDS_COMPILING
    )
    # Received in 2025, answered in January 2026: carried forward.
    r[12] = request_of(agency, NP, day("2025-12-22"), day("2026-01-09"), O.GRANTED)
    # Received in December 2024, closed in January 2025: carried over.
    r[13] = request_of(agency, NP, day("2024-12-16"), day("2025-01-10"), O.GRANTED)
    r[14] = request_of(agency, LEGAL, day("2024-12-20"), day("2025-01-15"), O.NOT_HANDLED_PETITION)
    # Not part of 2025: closed in 2024; received in 2026; never received; elsewhere.
    r[15] = request_of(agency, NP, day("2024-05-06"), day("2024-06-01"), O.GRANTED)
    r[16] = request_of(agency, COMMERCIAL, day("2026-01-05"))
    r[17] = request_of(agency, NP, None)
    request_of(elsewhere, NP, day("2025-04-01"), day("2025-04-20"), O.GRANTED)

    # Review cases: two filed in 2025; one decided only in 2026 (pending on 31 December).
    case_of(
        r[4], ReviewKind.RECONSIDERATION, day("2025-06-15"), ReviewResult.CORRECTED,
        day("2025-08-01"),
    )  # fmt: skip
    case_of(
        r[6], ReviewKind.LITIGATION_AFTER_RECONSIDERATION, day("2025-11-20"),
        ReviewResult.UPHELD, day("2026-01-20"),
    )  # fmt: skip
    case_of(r[15], ReviewKind.LITIGATION_DIRECT, day("2024-07-01"))  # filed in 2024

    # Rules and normative documents.
    document(agency, Genre.RULE, day("2025-03-01"))  # made, in force
    document(agency, Genre.RULE, day("2019-05-01"), Validity.REPEALED, day("2025-09-01"))
    document(agency, Genre.RULE, day("2020-01-01"))  # in force
    document(agency, Genre.RULE, day("2025-06-01"), status=ReviewStatus.DRAFT)  # not published
    document(agency, Genre.NORMATIVE, day("2025-02-01"))  # made, in force
    document(agency, Genre.NORMATIVE, day("2025-04-01"), Validity.EXPIRED, day("2025-12-31"))
    document(agency, Genre.NORMATIVE, day("2023-01-01"), Validity.AMENDED, day("2025-05-01"))
    document(agency, Genre.NORMATIVE, day("2022-01-01"), Validity.REPEALED, day("2026-03-01"))
    document(agency, Genre.NORMATIVE, day("2026-01-10"))  # made after the year
    document(agency, Genre.NORMATIVE, day("2024-01-01"), status=ReviewStatus.WITHDRAWN)
    document(agency, Genre.NOTICE, day("2025-05-05"))  # not a rule or normative document
    document(elsewhere, Genre.NORMATIVE, day("2025-05-05"))

    # Decisions.
    decision(agency, PowerKind.LICENSING, day("2025-02-03"))
    decision(agency, PowerKind.LICENSING, day("2025-12-31"))
    decision(agency, PowerKind.PENALTY, day("2025-01-01"))
    decision(agency, PowerKind.PENALTY, day("2025-05-20"))
    decision(agency, PowerKind.PENALTY, day("2025-03-03"), minor=True)  # period long over
    decision(agency, PowerKind.COERCION, day("2025-07-07"))
    decision(agency, PowerKind.PENALTY, day("2025-08-08"), status=ReviewStatus.DRAFT)
    decision(agency, PowerKind.LICENSING, day("2025-09-09"), status=ReviewStatus.WITHDRAWN)
    decision(agency, PowerKind.PENALTY, day("2024-12-31"))
    decision(elsewhere, PowerKind.COERCION, day("2025-07-07"))
    return r


# What the national format prints for that year, cell by cell.

EXPECTED_TABLE2 = [
    # (block title, [(row key, label, cells)])
    (
        "第二十条第（一）项",
        ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
        [("rules", "规章", (1, 1, 2)), ("normative", "行政规范性文件", (2, 1, 2))],
    ),
    (
        "第二十条第（五）项",
        ("信息内容", "本年处理决定数量"),
        [("licensing", "行政许可", (2,))],
    ),
    (
        "第二十条第（六）项",
        ("信息内容", "本年处理决定数量"),
        [("penalties", "行政处罚", (3,)), ("coercion", "行政强制", (1,))],
    ),
    (
        "第二十条第（八）项",
        ("信息内容", "本年收费金额（单位：万元）"),
        [("fees", "行政事业性收费", (Decimal("12.5000"),))],
    ),
]

# Columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
EXPECTED_TABLE3 = [
    ("received", "一、本年新收政府信息公开申请数量", (6, 2, 1, 1, 1, 1, 12)),
    ("carried_over", "二、上年结转政府信息公开申请数量", (1, 0, 0, 0, 1, 0, 2)),
    ("results", "三、本年度办理结果", BLANK),
    ("outcome:granted", "（一）予以公开", (3, 0, 1, 0, 0, 0, 4)),
    (
        "outcome:partial",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        (1, 0, 0, 0, 0, 0, 1),
    ),
    ("group:withheld", "（三）不予公开", BLANK),
    ("outcome:withheld.state_secret", "1.属于国家秘密", ZERO),
    ("outcome:withheld.prohibited_by_law", "2.其他法律行政法规禁止公开", ZERO),
    ("outcome:withheld.security_stability", "3.危及“三安全一稳定”", ZERO),
    ("outcome:withheld.third_party", "4.保护第三方合法权益", (1, 0, 0, 0, 0, 0, 1)),
    ("outcome:withheld.internal_affairs", "5.属于三类内部事务信息", ZERO),
    ("outcome:withheld.process_info", "6.属于四类过程性信息", ZERO),
    ("outcome:withheld.enforcement_file", "7.属于行政执法案卷", ZERO),
    ("outcome:withheld.query_matter", "8.属于行政查询事项", (0, 1, 0, 0, 0, 0, 1)),
    ("group:unavailable", "（四）无法提供", BLANK),
    ("outcome:unavailable.not_held", "1.本机关不掌握相关政府信息", (1, 0, 0, 0, 0, 0, 1)),
    ("outcome:unavailable.needs_compiling", "2.没有现成信息需要另行制作", (0, 0, 0, 0, 0, 1, 1)),
    ("outcome:unavailable.still_unclear", "3.补正后申请内容仍不明确", ZERO),
    ("group:not_handled", "（五）不予处理", BLANK),
    ("outcome:not_handled.petition", "1.信访举报投诉类申请", (0, 0, 0, 0, 1, 0, 1)),
    ("outcome:not_handled.repeat", "2.重复申请", (0, 1, 0, 0, 0, 0, 1)),
    ("outcome:not_handled.publication", "3.要求提供公开出版物", ZERO),
    ("outcome:not_handled.excessive", "4.无正当理由大量反复申请", ZERO),
    ("outcome:not_handled.confirmation", "5.要求行政机关确认或重新出具已获取信息", ZERO),
    ("group:other", "（六）其他处理", BLANK),
    (
        "outcome:other.no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        (0, 0, 0, 1, 0, 0, 1),
    ),
    (
        "outcome:other.fee_unpaid",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ZERO,
    ),
    ("outcome:other.other", "3.其他", (0, 0, 0, 0, 1, 0, 1)),
    ("outcome_total", "（七）总计", (6, 2, 1, 1, 2, 1, 13)),
    ("carried_forward", "四、结转下年度继续办理", (1, 0, 0, 0, 0, 0, 1)),
]

# 行政复议 | 行政诉讼: 未经复议直接起诉 | 复议后起诉; each 维持, 纠正, 其他, 尚未审结, 总计.
EXPECTED_TABLE4 = (0, 1, 0, 0, 1) + (0, 0, 0, 0, 0) + (0, 0, 0, 1, 1)


@pytest.fixture
def year_2025(city, other_city):
    build_year(city, other_city)
    return city


def test_hand_built_year_fills_every_cell_of_table_2(year_2025):
    table = tables.table2([year_2025.pk], 2025, fee_revenue=Decimal("12.5"))
    printed = [
        (
            part.title,
            tuple(cell.text for cell in part.header_rows[0]),
            [(row.key, row.label, row.cells) for row in part.rows],
        )
        for part in table.parts
    ]
    assert table.title == "二、主动公开政府信息情况"
    assert printed == EXPECTED_TABLE2
    assert [row.key for row in table.rows] == [
        "rules", "normative", "licensing", "penalties", "coercion", "fees",
    ]  # fmt: skip
    assert table.cell("normative", 2) == 2


def test_hand_built_year_fills_every_cell_of_table_3(year_2025):
    table, check = tables.table3([year_2025.pk], 2025)
    assert table.title == "三、收到和处理政府信息公开申请情况"
    assert table.columns == (
        "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计",
    )  # fmt: skip
    assert [(row.key, row.text, row.cells) for row in table.rows] == EXPECTED_TABLE3
    assert check.holds
    assert check.broken == ()


def test_hand_built_year_fills_every_cell_of_table_4(year_2025):
    table = tables.table4([year_2025.pk], 2025)
    assert table.title == "四、政府信息公开行政复议、行政诉讼情况"
    assert [row.cells for row in table.rows] == [EXPECTED_TABLE4]


def test_compute_gives_all_three_tables_and_the_check(year_2025):
    result = tables.compute([year_2025.pk], 2025, fee_revenue=Decimal("12.5"))
    assert result.year == 2025
    assert [t.key for t in result.all()] == ["table2", "table3", "table4"]
    assert result.table3.cell("received", 6) == 12
    assert result.table2.cell("fees", 0) == Decimal("12.5")
    assert result.table4.cell("cases", 14) == 1
    assert result.check.holds


def test_the_next_year_carries_over_what_this_year_carried_forward(year_2025):
    table, check = tables.table3([year_2025.pk], 2026)
    assert table.row("carried_over").cells == (1, 0, 0, 0, 0, 0, 1)  # request 12
    assert table.row("received").cells == (0, 1, 0, 0, 0, 0, 1)  # request 16
    assert table.row("outcome:granted").cells == (1, 0, 0, 0, 0, 0, 1)
    assert table.row("carried_forward").cells == (0, 1, 0, 0, 0, 0, 1)  # 16, still open
    assert check.holds


def test_fee_revenue_left_empty_is_a_blank_cell(agency):
    table = tables.table2([agency.pk], 2025)
    assert table.cell("fees", 0) is None
    assert table.cell("rules", 0) == 0


# The printed layout ----------------------------------------------------------


def test_table_3_header_merges_cells_as_the_national_format_prints_them(db):
    table, _check = tables.table3([], 2025)
    assert tables.TABLE3_RULE_NOTE == (
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    )
    assert table.label_columns == 3
    assert table.header_rows == (
        (
            HeaderCell(
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3
            ),
            HeaderCell("申请人情况", 7, 1),
        ),
        (HeaderCell("自然人", 1, 2), HeaderCell("法人或其他组织", 5, 1), HeaderCell("总计", 1, 2)),
        (
            HeaderCell("商业企业"),
            HeaderCell("科研机构"),
            HeaderCell("社会公益组织"),
            HeaderCell("法律服务机构"),
            HeaderCell("其他"),
        ),
    )


def test_table_3_row_labels_span_the_rows_below_them(db):
    table, _check = tables.table3([], 2025)
    printed = table.printed_rows()
    assert len(printed) == 25  # 一, 二, 四 + 21 outcomes + （七）总计
    labels = [[(c.text, c.colspan, c.rowspan) for c in p.label_cells] for p in printed]
    assert labels[0] == [("一、本年新收政府信息公开申请数量", 3, 1)]
    assert labels[2] == [("三、本年度办理结果", 1, 22), ("（一）予以公开", 2, 1)]
    assert labels[4] == [("（三）不予公开", 1, 8), ("1.属于国家秘密", 1, 1)]
    assert labels[5] == [("2.其他法律行政法规禁止公开", 1, 1)]
    assert labels[-2] == [("（七）总计", 2, 1)]
    assert labels[-1] == [("四、结转下年度继续办理", 3, 1)]
    assert all(sum(c.colspan for c in p.label_cells) <= 3 for p in printed)


def test_table_4_header_has_reconsideration_and_two_kinds_of_litigation(db):
    table = tables.table4([], 2025)
    results = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    assert table.label_columns == 0
    assert table.columns == results * 3
    assert table.header_rows == (
        (HeaderCell("行政复议", 5, 1), HeaderCell("行政诉讼", 10, 1)),
        (
            *(HeaderCell(text, 1, 2) for text in results),
            HeaderCell("未经复议直接起诉", 5, 1),
            HeaderCell("复议后起诉", 5, 1),
        ),
        tuple(HeaderCell(text) for text in results * 2),
    )
    assert table.printed_rows()[0].label_cells == ()


def test_table_2_blocks_print_four_columns_wide(db):
    table = tables.table2([], 2025)
    assert [part.width for part in table.parts] == [4, 4, 4, 4]
    assert table.parts[1].header_rows[0] == (
        HeaderCell("信息内容"),
        HeaderCell("本年处理决定数量", 3),
    )


def test_every_outcome_has_exactly_one_row_of_table_3(db):
    table, _check = tables.table3([], 2025)
    outcome_rows = [row.key for row in table.rows if row.key.startswith("outcome:")]
    assert sorted(outcome_rows) == sorted(f"outcome:{outcome.value}" for outcome in Outcome)
    assert len(outcome_rows) == len(set(outcome_rows)) == len(Outcome)
    assert all(tables.outcome_row_key(outcome) in outcome_rows for outcome in Outcome)


def test_every_outcome_has_its_printed_label():
    for outcome in Outcome:
        in_own_row = outcome in tables.OUTCOME_ROWS
        alone_in_group = [o for o in Outcome if o.group == outcome.group] == [outcome]
        assert in_own_row != alone_in_group, outcome


# The rule of table 三 ---------------------------------------------------------


def test_rule_names_the_cells_that_break_it(agency):
    # Closed in 2025 before it was received in 2026: counted in 三 but not in 一 or 二.
    request_of(agency, NP, day("2026-01-05"), day("2025-12-20"), O.GRANTED)
    request_of(agency, COMMERCIAL, day("2025-03-01"), day("2025-03-10"), O.GRANTED)
    _table, check = tables.table3([agency.pk], 2025)
    assert not check.holds
    assert check.broken == (BrokenCell("自然人", 0, 1), BrokenCell("总计", 1, 2))
    with translation.override("en"):
        assert check.messages()[0] == (
            "Column “自然人”: rows 一 and 二 add up to 0, but rows 三（七） and 四 add up to 1."
        )


def test_an_open_request_received_before_the_year_is_carried_over_and_forward(agency):
    request_of(agency, RESEARCH, day("2024-11-11"))
    table, check = tables.table3([agency.pk], 2025)
    assert table.row("carried_over").cells == (0, 0, 1, 0, 0, 0, 1)
    assert table.row("carried_forward").cells == (0, 0, 1, 0, 0, 0, 1)
    assert check.holds


# Combined summaries and query counts -----------------------------------------


def _sum_cells(results):
    """{(table, row): cells} summed over ``results``."""
    summed = {}
    for result in results:
        for table in result.all():
            for row in table.rows:
                key = (table.key, row.key)
                if row.is_group or row.cells[0] is None:
                    summed[key] = row.cells
                    continue
                previous = summed.get(key, (0,) * len(row.cells))
                summed[key] = tuple(a + b for a, b in zip(previous, row.cells, strict=True))
    return summed


def test_combined_summary_of_a_subtree_equals_the_sum_of_its_agencies(db):
    province = AgencyFactory()
    city = CityAgencyFactory(parent=province)
    county = CountyAgencyFactory(parent=city)
    outsider = CityAgencyFactory(parent=AgencyFactory())
    build_year(province, outsider)
    build_year(city, outsider)
    build_year(county, outsider)
    request_of(county, OTHER, day("2025-05-05"))

    combined = tables.combined(province, 2025)
    separate = [tables.compute([a.pk], 2025) for a in (province, city, county)]
    assert _sum_cells([combined]) == _sum_cells(separate)
    assert combined.table3.cell("received", 6) == 12 * 3 + 1
    assert combined.check.holds
    assert tables.combined(city, 2025).table3.cell("received", 6) == 12 * 2 + 1


def test_combined_fee_revenue_counts_published_reports_only(db):
    from reports.models import ReportStatus
    from tests.reports.factories import AnnualReportFactory

    province = AgencyFactory()
    city = CityAgencyFactory(parent=province)
    snapshot = tables.compute([province.pk], 2025).to_json()
    AnnualReportFactory(
        agency=province,
        fee_revenue=Decimal("1.5"),
        status=ReportStatus.PUBLISHED,
        published_at=datetime.datetime(2026, 1, 20, tzinfo=datetime.UTC),
        published_tables=snapshot,
    )
    AnnualReportFactory(agency=city, fee_revenue=Decimal("9"))  # a draft: not public yet
    assert tables.combined(province, 2025).table2.cell("fees", 0) == Decimal("1.5")


def test_computing_the_tables_takes_five_queries_however_many_records(
    year_2025, django_assert_num_queries
):
    with django_assert_num_queries(5):
        tables.compute([year_2025.pk], 2025)
    for number in range(30):
        received = datetime.date(2025, 1, 1) + datetime.timedelta(days=number * 11)
        request_of(year_2025, OTHER, received, received + datetime.timedelta(days=5), O.GRANTED)
    with django_assert_num_queries(5):
        tables.compute([year_2025.pk], 2025)


# The snapshot -------------------------------------------------------------------


def test_snapshot_round_trips_through_json(year_2025):
    result = tables.compute([year_2025.pk], 2025, fee_revenue=Decimal("3.1416"))
    stored = json.loads(json.dumps(result.to_json()))
    restored = ReportTables.from_json(stored)
    assert restored == result
    assert restored.table2.cell("fees", 0) == Decimal("3.1416")
    assert restored.table3.printed_rows() == result.table3.printed_rows()


def test_snapshot_keeps_a_broken_rule_and_refuses_unknown_versions(agency):
    request_of(agency, NP, day("2026-01-05"), day("2025-12-20"), O.GRANTED)
    result = tables.compute([agency.pk], 2025)
    restored = ReportTables.from_json(json.loads(json.dumps(result.to_json())))
    assert restored.check == result.check
    assert not restored.check.holds
    with pytest.raises(ValueError, match="version"):
        ReportTables.from_json({**result.to_json(), "version": 99})


def test_plain_html_rendering_prints_merged_cells(year_2025):
    html = str(tables.tables_html(tables.compute([year_2025.pk], 2025)))
    assert '<th scope="row" colspan="1" rowspan="22">三、本年度办理结果</th>' in html
    assert '<th scope="colgroup" colspan="5" rowspan="1">法人或其他组织</th>' in html
    assert '<th scope="rowgroup" colspan="4">第二十条第（一）项</th>' in html

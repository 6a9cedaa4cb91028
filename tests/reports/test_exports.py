"""The tables of the annual report laid out as the national format of 2021 prints
them, and exported with the same layout: XLSX with merged cells, CSV with the
merged labels repeated."""

import csv
import datetime
import io
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from reports import exports, tables
from reports.models import ReportStatus
from reports.tables import BrokenCell, ConsistencyCheck
from requests_app.models import ApplicantKind, ReviewKind, ReviewResult
from requests_app.outcomes import Outcome
from tests.factories import PublishedDecisionFactory
from tests.reports.factories import AnnualReportFactory, case_of, day, request_of

pytestmark = pytest.mark.django_db

CHINA = zoneinfo.ZoneInfo("Asia/Shanghai")
TITLE = "测试局2025年政府信息公开工作年度报告"


@pytest.fixture(autouse=True)
def in_march_2026():
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, tzinfo=CHINA), tick=False):
        yield


@pytest.fixture
def computed(city):
    """Tables of a city bureau for 2025 with a figure in every table."""
    granted = request_of(
        city, ApplicantKind.NATURAL_PERSON, day("2025-03-03"), day("2025-03-20"), Outcome.GRANTED
    )
    request_of(
        city,
        ApplicantKind.COMMERCIAL,
        day("2025-04-01"),
        day("2025-04-20"),
        Outcome.NOT_HANDLED_REPEAT,
    )
    request_of(city, ApplicantKind.RESEARCH, day("2025-12-29"))
    case_of(
        granted,
        ReviewKind.LITIGATION_DIRECT,
        day("2025-06-02"),
        ReviewResult.CORRECTED,
        day("2025-09-01"),
    )
    PublishedDecisionFactory(agency=city, decided_on=day("2025-05-12"))
    return tables.compute([city.pk], 2025, fee_revenue=Decimal("12.3400"))


def grids_of(report_tables):
    return [exports.grid(table) for table in report_tables.all()]


def origins(g):
    """Every printed cell of ``g`` with its (row, column) position."""
    return [
        (r, c, cell)
        for r, row in enumerate(exports.placed(g.rows))
        for c, (cell, origin) in enumerate(row)
        if origin
    ]


def cell_at(g, text):
    return next((r, c, cell) for r, c, cell in origins(g) if cell.text == text)


# ---------- the printed layout ----------


def test_table_three_is_laid_out_with_the_merges_of_the_2021_format(computed):
    g = exports.grid(computed.table3)

    assert g.width == 10  # three label columns, six kinds of applicant and the total
    assert [len(row) for row in g.head] == [2, 3, 5]
    corner = g.head[0][0]
    assert corner.text.startswith("（本列数据的勾稽关系为")
    assert (corner.colspan, corner.rowspan) == (3, 3)
    assert [(c.text, c.colspan, c.rowspan) for c in g.head[1]] == [
        ("自然人", 1, 2),
        ("法人或其他组织", 5, 1),
        ("总计", 1, 2),
    ]
    assert len(g.bodies) == 1 and len(g.bodies[0]) == 25  # 一、二、22 results, 四
    _r, c, results = cell_at(g, "三、本年度办理结果")
    assert (c, results.rowspan, results.colspan) == (0, 22, 1)
    _r, c, withheld = cell_at(g, "（三）不予公开")
    assert (c, withheld.rowspan) == (1, 8)
    assert cell_at(g, "一、本年新收政府信息公开申请数量")[2].colspan == 3
    assert cell_at(g, "（一）予以公开")[2].colspan == 2
    assert cell_at(g, "1.属于国家秘密")[2].colspan == 1


def test_every_printed_row_of_table_three_is_ten_columns_wide(computed):
    g = exports.grid(computed.table3)
    assert all(len(row) == g.width for row in exports.placed(g.rows))


def test_table_two_is_printed_as_four_blocks_with_their_own_header_rows(computed):
    g = exports.grid(computed.table2)

    assert g.head == () and len(g.bodies) == 4
    assert [body[0][0].text for body in g.bodies] == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]
    assert all(body[0][0].colspan == 4 for body in g.bodies)
    fees = g.bodies[3][-1]
    assert [(c.text, c.colspan) for c in fees] == [("行政事业性收费", 1), ("12.34", 3)]
    assert fees[1].value == Decimal("12.34")


def test_table_four_has_three_blocks_of_five_columns_and_no_row_label(computed):
    g = exports.grid(computed.table4)

    assert g.width == 15
    assert [(c.text, c.colspan) for c in g.head[0]] == [("行政复议", 5), ("行政诉讼", 10)]
    (row,) = g.bodies[0]
    assert len(row) == 15 and not any(cell.header for cell in row)
    assert [cell.value for cell in row[5:10]] == [0, 1, 0, 0, 1]


@pytest.mark.parametrize(
    ("value", "printed"),
    [(None, ""), (0, "0"), (17, "17"), (Decimal("12.3400"), "12.34"), (Decimal("3.0000"), "3")],
)
def test_figures_are_printed_plain_and_a_blank_stays_blank(value, printed):
    assert exports.format_number(value) == printed


def test_rule_of_table_three_names_each_column_where_it_breaks():
    check = ConsistencyCheck(holds=False, broken=(BrokenCell("法律服务机构", 3, 2),))
    with translation.override("en"):
        text = exports.check_text(check)
    assert text.startswith("Row 1 + row 2 = row 3 (7) + row 4: does not hold.")
    assert "法律服务机构" in text and "3" in text and "2" in text


# ---------- XLSX ----------


def workbook_of(computed):
    content = exports.xlsx_bytes(TITLE, grids_of(computed), {"table3": "勾稽关系成立"})
    return load_workbook(io.BytesIO(content))


def test_xlsx_reopens_with_a_sheet_per_table_and_the_title_on_top(computed):
    book = workbook_of(computed)

    assert book.sheetnames == ["二 主动公开", "三 依申请公开", "四 复议诉讼"]
    for sheet, table in zip(book.worksheets, computed.all(), strict=True):
        assert sheet["A1"].value == TITLE
        assert sheet["A1"].font.bold
        assert sheet["A2"].value == table.title


def test_xlsx_carries_the_same_figures_as_the_tables(computed):
    sheet = workbook_of(computed)["三 依申请公开"]
    # Each row by its own label: the last of the three label columns with a text.
    rows = {
        [cell.value for cell in row[:3] if cell.value][-1]: row
        for row in sheet.iter_rows(min_row=6, max_row=30)
    }
    received = [cell.value for cell in rows["一、本年新收政府信息公开申请数量"][3:10]]
    assert received == list(computed.table3.row("received").cells)
    granted = [cell.value for cell in rows["（一）予以公开"][3:10]]
    assert granted == list(computed.table3.row("outcome:granted").cells)

    table4 = workbook_of(computed)["四 复议诉讼"]
    assert [cell.value for cell in table4[6]] == list(computed.table4.row("cases").cells)


def test_xlsx_merges_headers_and_labels_where_the_format_merges(computed):
    book = workbook_of(computed)
    table3 = {str(r) for r in book["三 依申请公开"].merged_cells.ranges}
    # Title rows, the corner (rule) over three rows and three columns, 申请人情况,
    # 三、本年度办理结果 over its 22 rows, （三）不予公开 over 8.
    assert {"A1:J1", "A2:J2", "A3:C5", "D3:J3", "D4:D5", "E4:I4", "J4:J5"} <= table3
    assert "A8:A29" in table3
    assert "B10:B17" in table3
    assert "A6:C6" in table3  # 一、 spans the three label columns
    table4 = {str(r) for r in book["四 复议诉讼"].merged_cells.ranges}
    assert {"A3:E3", "F3:O3", "A4:A5", "F4:J4", "K4:O4"} <= table4
    table2 = {str(r) for r in book["二 主动公开"].merged_cells.ranges}
    assert "A3:D3" in table2  # 第二十条第（一）项
    assert book["二 主动公开"]["A3"].value == "第二十条第（一）项"


def test_xlsx_has_bold_headers_borders_column_widths_and_a4_pages(computed):
    sheet = workbook_of(computed)["三 依申请公开"]

    assert sheet["A3"].font.bold and sheet["D4"].font.bold
    assert sheet["D6"].alignment.horizontal == "right"
    assert sheet["C10"].value == "1.属于国家秘密"
    assert sheet["C10"].border.left.style == sheet["D10"].border.bottom.style == "thin"
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["D"].width
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    note_row = 3 + 3 + 25 + 1
    assert sheet.cell(row=note_row, column=1).value == "勾稽关系成立"


def test_xlsx_keeps_the_fee_figure_as_a_number(computed):
    sheet = workbook_of(computed)["二 主动公开"]
    fees = next(row for row in sheet.iter_rows() if row[0].value == "行政事业性收费")
    assert fees[1].value == pytest.approx(12.34)


# ---------- CSV ----------


def csv_rows(content: bytes):
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_csv_has_the_rows_of_the_tables_with_merged_labels_repeated(computed):
    rows = csv_rows(exports.csv_bytes(TITLE, grids_of(computed), {"table3": "勾稽关系成立"}))

    assert rows[0] == [TITLE]
    titles = [row[0] for row in rows if len(row) == 1]
    assert titles[:4] == [TITLE, computed.table2.title, computed.table3.title, "勾稽关系成立"]
    repeat = [row for row in rows if row[:2] == ["三、本年度办理结果", "（三）不予公开"]]
    assert len(repeat) == 8
    assert repeat[0][2] == "1.属于国家秘密"
    header = next(row for row in rows if row[:1] and row[0].startswith("（本列数据"))
    assert header[:3] == [header[0]] * 3 and header[3:] == ["申请人情况"] * 7
    received = next(row for row in rows if row[:1] == ["一、本年新收政府信息公开申请数量"])
    assert received[:3] == ["一、本年新收政府信息公开申请数量"] * 3
    assert received[3:] == [str(n) for n in computed.table3.row("received").cells]


# ---------- the download views ----------


@pytest.fixture
def published(city, computed):
    report = AnnualReportFactory(agency=city, year=2025, fee_revenue=Decimal("12.34"))
    report.status, report.published_at = ReportStatus.PUBLISHED, timezone.now()
    report.published_tables = report.live_tables().to_json()
    report.save()
    return report


def test_published_report_downloads_as_xlsx_and_csv(client, published):
    slug = published.agency.slug
    xlsx = client.get(reverse("reports:export", args=[slug, 2025, "xlsx"]))
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"] == exports.XLSX_CONTENT_TYPE
    assert xlsx["Content-Disposition"] == f'attachment; filename="{slug}-2025-annual-report.xlsx"'
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.worksheets[0]["A1"].value == published.title

    response = client.get(reverse("reports:export", args=[slug, 2025, "csv"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_rows(response.content)[0] == [published.title]


def test_export_carries_the_figures_as_published(client, published):
    request_of(published.agency, ApplicantKind.OTHER, day("2025-08-01"))
    response = client.get(reverse("reports:export", args=[published.agency.slug, 2025, "csv"]))
    received = next(
        row for row in csv_rows(response.content) if row[:1] == ["一、本年新收政府信息公开申请数量"]
    )
    assert received[-1] == "3"


def test_a_draft_is_not_exported(client, city, make_staff):
    draft = AnnualReportFactory(agency=city, year=2025)
    client.force_login(make_staff(city, "agency_admin"))
    url = reverse("reports:export", args=[draft.agency.slug, 2025, "xlsx"])
    assert client.get(url).status_code == 404


def test_combined_figures_download_marked_as_a_summary(client, agency, city, computed):
    url = reverse("reports:combined_export", args=[agency.slug, 2025, "xlsx"])
    with translation.override("en"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'"{agency.slug}-2025-summary.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content))["三 依申请公开"]
    assert "not a statutory annual report" in sheet["A1"].value
    received = next(
        row for row in sheet.iter_rows() if row[0].value == "一、本年新收政府信息公开申请数量"
    )
    assert received[9].value == 3  # the city's three requests count in the province's sum

"""Power items and fee items from and to spreadsheets (issue 3, point 7).

The module under test is ``catalog.spreadsheets``: reading XLSX and CSV, the
row-by-row dry run, the all-or-nothing write, the signed preview payload and
the export. The admin screens around it are tested in ``test_admin_import``.
"""

import codecs
import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from openpyxl import Workbook, load_workbook

from catalog import spreadsheets
from catalog.models import (
    FeeItem,
    FeeStatus,
    PowerItem,
    PowerKind,
    PowerStatus,
    ReviewAction,
    ReviewEvent,
    ReviewStatus,
)
from catalog.spreadsheets import FEE_ITEMS, POWER_ITEMS, RowAction, SpreadsheetError
from tests import factories

HEADERS = POWER_ITEMS.headers


def power_row(**cells):
    """One row of the power-item sheet as a dict by header, valid unless told otherwise."""
    row = dict.fromkeys(HEADERS, "")
    row.update(
        {
            "职权编码": "XK-001",
            "职权名称": "食品经营许可",
            "职权类别": "行政许可",
            "设定依据": (
                "《中华人民共和国食品安全法》第三十五条\n《食品经营许可和备案管理办法》第二条"
            ),
            "申请材料": "食品经营许可申请书\n营业执照复印件",
            "办理流程": (
                "受理：窗口受理申请材料\n审查：审查材料并现场核查\n决定：作出准予或不予许可决定"
            ),
            "法定时限（工作日）": "20",
            "承诺时限（工作日）": "10",
            "责任事项": "受理：依法受理或不予受理\n审查：对申请材料进行审查",
            "职权状态": "实施中",
            "实施日期": "2026-01-05",
        }
    )
    row.update(cells)
    return row


def table_of(rows, headers=HEADERS):
    """A table as ``read_table`` returns it: numbered rows, the header first."""
    table = [[1, list(headers)]]
    for number, row in enumerate(rows, 2):
        table.append([number, [row.get(h, "") for h in headers]])
    return table


def xlsx_bytes(rows, headers=HEADERS):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append([row.get(h, "") for h in headers])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def csv_text(rows, headers=HEADERS):
    lines = [",".join(headers)]
    for row in rows:
        cells = []
        for header in headers:
            value = str(row.get(header, ""))
            cells.append(f'"{value}"' if any(c in value for c in ',"\n') else value)
        lines.append(",".join(cells))
    return "\r\n".join(lines) + "\r\n"


def errors_of(plan):
    return {(row.number, column, message) for row in plan.rows for column, message in row.errors}


def columns_in_error(plan):
    return {(row.number, column) for row in plan.rows for column, _message in row.errors}


@pytest.fixture
def department(city):
    return factories.DepartmentFactory(agency=city, name="行政审批科")


@pytest.fixture
def fee(city):
    return factories.FeeItemFactory(agency=city, code="SF-01")


# Reading files -------------------------------------------------------------------------


def test_xlsx_file_is_read_with_spreadsheet_row_numbers(db):
    data = xlsx_bytes([power_row(), {}, power_row(职权编码="XK-002")])
    table = spreadsheets.read_table("清单.xlsx", data)
    assert [number for number, _cells in table] == [1, 2, 4]  # the blank row 3 is skipped
    assert table[1][1][0] == "XK-001"


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
        lambda text: text.encode("utf-8"),
        lambda text: text.encode("gb18030"),
    ],
    ids=["utf-8 with BOM", "utf-8", "gb18030 (Chinese Excel)"],
)
def test_csv_is_read_in_the_encodings_excel_writes(db, encode):
    table = spreadsheets.read_table("清单.csv", encode(csv_text([power_row()])))
    header, row = table[0][1], table[1][1]
    assert header == HEADERS
    assert row[HEADERS.index("职权名称")] == "食品经营许可"
    assert row[HEADERS.index("办理流程")].count("\n") == 2  # a quoted cell keeps its lines


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("清单.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not an XLSX workbook"),
        ("清单.xlsx", b"PK\x03\x04 not really a zip", "not an XLSX workbook"),
        ("清单.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a CSV file"),
        ("清单.csv", codecs.BOM_UTF16_LE + "职权编码".encode("utf-16-le"), "not a CSV file"),
        ("清单.xls", b"\xd0\xcf\x11\xe0", "Old Excel files"),
        ("清单.pdf", b"%PDF-1.7", "Upload a spreadsheet"),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_is_refused_with_a_clear_message(
    db, filename, data, message
):
    with translation.override("en"), pytest.raises(SpreadsheetError, match=message):
        spreadsheets.read_table(filename, data)


def test_an_xlsx_renamed_to_csv_is_refused(db):
    with translation.override("en"), pytest.raises(SpreadsheetError, match="not a CSV"):
        spreadsheets.read_table("清单.csv", xlsx_bytes([power_row()]))


def test_a_file_over_the_size_limit_is_refused(db):
    data = b"a" * (spreadsheets.MAX_UPLOAD_BYTES + 1)
    with translation.override("en"), pytest.raises(SpreadsheetError, match="larger than 5 MB"):
        spreadsheets.read_table("清单.csv", data)


def test_missing_and_unknown_columns_are_named(city):
    headers = [h for h in HEADERS if h != "职权类别"] + ["备注"]
    with translation.override("en"), pytest.raises(SpreadsheetError) as caught:
        spreadsheets.preview(POWER_ITEMS, city, table_of([power_row()], headers))
    assert "Columns missing: 职权类别" in str(caught.value)
    assert "备注" in str(caught.value)


def test_title_rows_above_the_header_are_read_past(city):
    table = [[1, ["沈阳市市场监督管理局权责清单"]], [2, ["（2026年版）"]]]
    table += [[number + 2, cells] for number, cells in table_of([power_row()])]
    plan = spreadsheets.preview(POWER_ITEMS, city, table)
    assert plan.is_valid
    assert [row.number for row in plan.rows] == [4]


def test_columns_may_come_in_any_order_with_a_numbering_column(city, department):
    headers = ["序号", *reversed(HEADERS)]
    row = power_row(承办机构="行政审批科", 序号="1")
    plan = spreadsheets.preview(POWER_ITEMS, city, table_of([row], headers))
    assert plan.is_valid
    assert plan.rows[0].action == RowAction.CREATE


# A valid file --------------------------------------------------------------------------


def test_valid_rows_create_drafts_with_steps_and_responsibilities(city, editor, department, fee):
    rows = [
        power_row(承办机构="行政审批科", 收费项目编码="SF-01"),
        power_row(
            职权编码="CF-001",
            职权名称="对销售不合格产品的处罚",
            职权类别="行政处罚",
            办理流程="1. 立案：对符合条件的案件立案\n2、调查取证: 收集证据\n决定",
            责任事项="立案：及时立案",
            **{"法定时限（工作日）": "90", "承诺时限（工作日）": "60"},
        ),
    ]
    plan = spreadsheets.import_rows(POWER_ITEMS, city, table_of(rows), editor)
    assert plan.is_valid
    assert [row.action for row in plan.rows] == [RowAction.CREATE, RowAction.CREATE]

    licence = PowerItem.objects.get(agency=city, code="XK-001")
    assert licence.status == ReviewStatus.DRAFT
    assert licence.created_by == editor
    assert licence.kind == PowerKind.LICENSING
    assert licence.department == department
    assert licence.fee_item == fee
    assert licence.basis_lines == [
        "《中华人民共和国食品安全法》第三十五条",
        "《食品经营许可和备案管理办法》第二条",
    ]
    assert licence.in_force_from == datetime.date(2026, 1, 5)
    assert [(s.order, s.name, s.description) for s in licence.steps.all()] == [
        (1, "受理", "窗口受理申请材料"),
        (2, "审查", "审查材料并现场核查"),
        (3, "决定", "作出准予或不予许可决定"),
    ]
    assert [(r.stage, r.duty) for r in licence.responsibilities.all()] == [
        ("受理", "依法受理或不予受理"),
        ("审查", "对申请材料进行审查"),
    ]
    penalty = PowerItem.objects.get(agency=city, code="CF-001")
    assert [(s.name, s.description) for s in penalty.steps.all()] == [
        ("立案", "对符合条件的案件立案"),
        ("调查取证", "收集证据"),
        ("决定", ""),
    ]


def test_each_new_item_gets_a_drafted_event_like_a_catalogue_entry(city, editor):
    spreadsheets.import_rows(POWER_ITEMS, city, table_of([power_row()]), editor)
    item = PowerItem.objects.get()
    events = ReviewEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(PowerItem), object_id=item.pk
    )
    assert [(e.action, e.actor, e.to_status) for e in events] == [
        (ReviewAction.CREATED, editor, ReviewStatus.DRAFT)
    ]


@pytest.mark.parametrize(
    "cell",
    ["2026-01-05", "2026/1/5", "2026年1月5日", "2026.01.05", "20260105", 46027, 46027.0],
)
def test_dates_are_read_in_the_ways_people_write_them(city, cell):
    plan = spreadsheets.preview(POWER_ITEMS, city, table_of([power_row(实施日期=cell)]))
    assert plan.is_valid
    assert plan.rows[0].instance.in_force_from == datetime.date(2026, 1, 5)


def test_excel_date_cells_are_read_as_dates(city, editor):
    rows = [power_row(实施日期=datetime.datetime(2026, 1, 5))]
    table = spreadsheets.read_table("清单.xlsx", xlsx_bytes(rows))
    spreadsheets.import_rows(POWER_ITEMS, city, table, editor)
    assert PowerItem.objects.get().in_force_from == datetime.date(2026, 1, 5)


def test_a_row_matching_a_draft_updates_it_and_keeps_what_the_sheet_does_not_hold(city, editor):
    draft = factories.PowerItemFactory(agency=city, code="XK-001", name="旧名称")
    factories.PowerItemStepFactory(
        power_item=draft, order=1, name="受理", responsible="窗口", time_limit="当场"
    )
    plan = spreadsheets.import_rows(POWER_ITEMS, city, table_of([power_row()]), editor)
    assert [row.action for row in plan.rows] == [RowAction.UPDATE]
    draft.refresh_from_db()
    assert draft.name == "食品经营许可"
    assert draft.status == ReviewStatus.DRAFT
    first = draft.steps.get(order=1)
    assert (first.name, first.responsible, first.time_limit) == ("受理", "窗口", "当场")
    assert draft.steps.count() == 3
    assert PowerItem.objects.count() == 1
    assert not ReviewEvent.objects.exists()  # an update is no new draft


def test_fee_items_are_imported_with_amounts_and_status(city, editor):
    rows = [
        {
            "收费编码": "SF-01",
            "收费项目名称": "计量检定费",
            "收费依据": "《中华人民共和国计量法》第二十二条",
            "批准文件": "辽价发〔2019〕12号",
            "收费标准（元）": "120",
            "计费单位": "台次",
            "缴费对象": "申请计量检定的单位",
            "收费状态": "暂停征收",
            "暂停日期": "2026年3月1日",
            "状态依据": "财税〔2026〕1号",
        },
        {
            "收费编码": "SF-02",
            "收费项目名称": "特种设备检验费",
            "收费依据": "《特种设备安全法》",
            "批准文件": "辽价发〔2020〕3号",
            "最低（元）": 50,
            "最高（元）": "1,200.50元",
            "缴费对象": "使用单位",
        },
    ]
    plan = spreadsheets.import_rows(FEE_ITEMS, city, table_of(rows, FEE_ITEMS.headers), editor)
    assert plan.is_valid
    suspended = FeeItem.objects.get(code="SF-01")
    assert suspended.amount == Decimal("120")
    assert suspended.fee_status == FeeStatus.SUSPENDED
    assert suspended.suspended_on == datetime.date(2026, 3, 1)
    ranged = FeeItem.objects.get(code="SF-02")
    assert (ranged.amount_min, ranged.amount_max) == (Decimal("50"), Decimal("1200.50"))
    assert ranged.fee_status == FeeStatus.COLLECTED


# Invalid rows: every one reported, nothing written -------------------------------------


def test_every_invalid_row_is_reported_by_row_and_column_and_nothing_is_written(
    city, editor, department, fee
):
    rows = [
        power_row(职权编码="OK-1"),  # row 2: valid, yet not written either
        power_row(职权编码="E-3", 职权类别="行政许可证"),
        power_row(职权编码="E-4", 实施日期="2026-13-45"),
        power_row(职权编码="E-5", **{"承诺时限（工作日）": "30"}),
        power_row(职权编码="E-6", 承办机构="不存在的科室"),
        power_row(职权编码="E-7", 收费项目编码="SF-99"),
        power_row(职权编码="OK-1"),  # row 8: the code of row 2 again
        power_row(职权编码="E-9", 职权名称=""),
        power_row(职权编码="E-10", 职权状态="已取消"),  # abolished without a date
        power_row(职权编码="E-11", 责任事项="只有环节没有责任"),
    ]
    with translation.override("en"):
        plan = spreadsheets.import_rows(POWER_ITEMS, city, table_of(rows), editor)
    assert not plan.is_valid
    assert columns_in_error(plan) == {
        (3, "职权类别"),
        (4, "实施日期"),
        (5, "承诺时限（工作日）"),
        (6, "承办机构"),
        (7, "收费项目编码"),
        (8, "职权编码"),
        (9, "职权名称"),
        (10, "取消日期"),
        (11, "责任事项"),
    }
    messages = {(number, column): message for number, column, message in errors_of(plan)}
    assert "“行政许可证” is not one of: 行政许可、行政处罚" in messages[3, "职权类别"]
    assert "is not a date" in messages[4, "实施日期"]
    assert "cannot be longer than the statutory one" in messages[5, "承诺时限（工作日）"]
    assert "“不存在的科室” is not a department of" in messages[6, "承办机构"]
    assert "no fee item with the code “SF-99”" in messages[7, "收费项目编码"]
    assert messages[8, "职权编码"] == "The code “OK-1” is already in row 2."
    assert messages[9, "职权名称"] == "This field cannot be blank."
    assert "Give the date on which the power was abolished." in messages[10, "取消日期"]
    assert "Line 1: write it as “stage：duty”." in messages[11, "责任事项"]
    assert not PowerItem.objects.exists()
    assert not ReviewEvent.objects.exists()


def test_a_constraint_already_reported_on_its_column_is_not_repeated(city):
    row = power_row(**{"承诺时限（工作日）": "30"})
    with translation.override("en"):
        plan = spreadsheets.preview(POWER_ITEMS, city, table_of([row]))
    assert len(plan.rows[0].errors) == 1


def test_a_fee_without_an_amount_range_or_standard_is_reported(city, editor):
    row = {
        "收费编码": "SF-01",
        "收费项目名称": "计量检定费",
        "收费依据": "依据",
        "批准文件": "文件",
        "缴费对象": "单位",
        "最低（元）": "-5",
    }
    with translation.override("en"):
        plan = spreadsheets.import_rows(FEE_ITEMS, city, table_of([row], FEE_ITEMS.headers), editor)
    assert columns_in_error(plan) == {(2, "最低（元）"), (2, "收费标准（元）")}
    assert not FeeItem.objects.exists()


def test_a_row_cannot_change_a_published_item(city, editor):
    factories.PublishedPowerItemFactory(agency=city, code="XK-001", name="已发布的名称")
    with translation.override("en"):
        plan = spreadsheets.import_rows(POWER_ITEMS, city, table_of([power_row()]), editor)
    [(column, message)] = plan.rows[0].errors
    assert column == "职权编码"
    assert "is “Published” and differs from this row" in message
    assert PowerItem.objects.get().name == "已发布的名称"


def test_an_item_of_another_agency_with_the_same_code_is_not_touched(city, other_city, editor):
    theirs = factories.PublishedPowerItemFactory(agency=other_city, code="XK-001")
    plan = spreadsheets.import_rows(POWER_ITEMS, city, table_of([power_row()]), editor)
    assert [row.action for row in plan.rows] == [RowAction.CREATE]
    theirs.refresh_from_db()
    assert theirs.agency == other_city


def test_a_header_without_rows_is_refused(city):
    with translation.override("en"), pytest.raises(SpreadsheetError, match="no items"):
        spreadsheets.preview(POWER_ITEMS, city, table_of([]))


def test_values_beyond_the_last_column_are_an_error(city):
    table = table_of([power_row()])
    table[1][1].append("多余的值")
    with translation.override("en"):
        plan = spreadsheets.preview(POWER_ITEMS, city, table)
    assert errors_of(plan) == {(2, "", "There are values to the right of the last column.")}


# Export and round trip -----------------------------------------------------------------


@pytest.fixture
def power_list(city, editor, department, fee):
    """Agency ``city``'s power list as an import leaves it, plus one published item."""
    rows = [
        power_row(承办机构="行政审批科", 收费项目编码="SF-01"),
        power_row(
            职权编码="CF-001",
            职权名称="对销售不合格产品的处罚",
            职权类别="行政处罚",
            子项="销售者",
            职权状态="已取消",
            取消日期="2026/3/1",
            取消依据="国发〔2026〕1号",
            监督方式="市局法规科 024-1234",
        ),
    ]
    spreadsheets.import_rows(POWER_ITEMS, city, table_of(rows), editor)
    published = factories.PublishedPowerItemFactory(agency=city, code="ZZ-9", sort_order=9)
    factories.PowerItemStepFactory(power_item=published, order=1, name="受理", description="")
    return city


def read_back(data, file_format):
    return spreadsheets.read_table(f"清单.{file_format}", data)


def cells_of(table):
    return [cells for _number, cells in table]


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_export_of_one_agency_imported_into_another_recreates_the_same_items(
    power_list, other_city, make_staff, file_format
):
    from catalog.models import StaffRole

    factories.DepartmentFactory(agency=other_city, name="行政审批科")
    factories.FeeItemFactory(agency=other_city, code="SF-01")
    exported = spreadsheets.export_file(
        POWER_ITEMS, PowerItem.objects.filter(agency=power_list), file_format
    )
    other_editor = make_staff(other_city, StaffRole.EDITOR)
    plan = spreadsheets.import_rows(
        POWER_ITEMS, other_city, read_back(exported, file_format), other_editor
    )
    assert plan.is_valid, plan.invalid_rows
    assert PowerItem.objects.filter(agency=other_city).count() == 3
    exported_again = spreadsheets.export_file(
        POWER_ITEMS, PowerItem.objects.filter(agency=other_city), file_format
    )
    assert cells_of(read_back(exported_again, file_format)) == cells_of(
        read_back(exported, file_format)
    )
    assert set(PowerItem.objects.filter(agency=other_city).values_list("status", flat=True)) == {
        ReviewStatus.DRAFT
    }


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_importing_an_agencys_own_export_changes_nothing(power_list, editor, file_format):
    before = list(PowerItem.objects.values_list("pk", "updated_at", "status"))
    exported = spreadsheets.export_file(
        POWER_ITEMS, PowerItem.objects.filter(agency=power_list), file_format
    )
    plan = spreadsheets.import_rows(
        POWER_ITEMS, power_list, read_back(exported, file_format), editor
    )
    assert plan.is_valid
    assert [row.action for row in plan.rows] == [RowAction.UNCHANGED] * 3
    assert not plan.changes_anything
    assert list(PowerItem.objects.values_list("pk", "updated_at", "status")) == before


def test_fee_items_survive_a_round_trip(city, other_city, editor):
    factories.FeeItemFactory(agency=city, code="SF-01", amount="120.00", unit="台次")
    factories.PublishedFeeItemFactory(
        agency=city,
        code="SF-02",
        amount=None,
        amount_min="10.00",
        amount_max="99.50",
        fee_status=FeeStatus.ABOLISHED,
        abolished_on=datetime.date(2026, 2, 1),
    )
    exported = spreadsheets.export_file(FEE_ITEMS, FeeItem.objects.filter(agency=city), "xlsx")
    plan = spreadsheets.import_rows(FEE_ITEMS, other_city, read_back(exported, "xlsx"), editor)
    assert plan.is_valid
    again = spreadsheets.export_file(FEE_ITEMS, FeeItem.objects.filter(agency=other_city), "xlsx")
    assert cells_of(read_back(again, "xlsx")) == cells_of(read_back(exported, "xlsx"))
    plan = spreadsheets.preview(FEE_ITEMS, city, read_back(exported, "xlsx"))
    assert [row.action for row in plan.rows] == [RowAction.UNCHANGED] * 2


def test_xlsx_export_has_a_bold_frozen_header_and_column_widths(power_list):
    data = spreadsheets.export_file(
        POWER_ITEMS, PowerItem.objects.filter(agency=power_list), "xlsx"
    )
    sheet = load_workbook(io.BytesIO(data)).active
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width == 30
    assert sheet["A2"].value == "XK-001"
    assert sheet.cell(row=3, column=HEADERS.index("取消日期") + 1).value == datetime.datetime(
        2026, 3, 1
    )


def test_csv_export_is_utf8_with_a_bom(power_list):
    data = spreadsheets.export_file(POWER_ITEMS, PowerItem.objects.filter(agency=power_list), "csv")
    assert data.startswith(codecs.BOM_UTF8)
    assert data.decode("utf-8-sig").splitlines()[0] == ",".join(HEADERS)


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_text_that_looks_like_a_formula_stays_text_and_comes_back_unchanged(
    city, editor, file_format
):
    item = factories.PowerItemFactory(agency=city, supervision='=HYPERLINK("http://x")')
    data = spreadsheets.export_file(POWER_ITEMS, PowerItem.objects.filter(pk=item.pk), file_format)
    if file_format == "xlsx":
        cell = load_workbook(io.BytesIO(data)).active.cell(
            row=2, column=HEADERS.index("监督方式") + 1
        )
        assert cell.data_type == "s"
    else:
        assert "'=HYPERLINK" in data.decode("utf-8-sig")
    plan = spreadsheets.preview(POWER_ITEMS, city, read_back(data, file_format))
    assert [row.action for row in plan.rows] == [RowAction.UNCHANGED]


def test_choices_are_written_as_their_chinese_terms(city):
    item = factories.PowerItemFactory(
        agency=city,
        kind=PowerKind.COERCION,
        power_status=PowerStatus.ABOLISHED,
        abolished_on=datetime.date(2026, 1, 1),
    )
    [_header, row] = spreadsheets.export_table(POWER_ITEMS, PowerItem.objects.filter(pk=item.pk))
    assert row[HEADERS.index("职权类别")] == "行政强制"
    assert row[HEADERS.index("职权状态")] == "已取消"


# The signed preview --------------------------------------------------------------------


def test_the_signed_table_comes_back_only_for_the_same_user_agency_and_sheet(
    city, other_city, editor, reviewer
):
    table = table_of([power_row()])
    token = spreadsheets.sign_table(
        table, sheet=POWER_ITEMS, user=editor, agency=city, filename="a.xlsx"
    )
    assert spreadsheets.unsign_table(token, sheet=POWER_ITEMS, user=editor, agency=city) == (
        table,
        "a.xlsx",
    )
    for sheet, user, agency in [
        (POWER_ITEMS, reviewer, city),
        (POWER_ITEMS, editor, other_city),
        (FEE_ITEMS, editor, city),
    ]:
        with pytest.raises(SpreadsheetError):
            spreadsheets.unsign_table(token, sheet=sheet, user=user, agency=agency)
    with pytest.raises(SpreadsheetError):
        spreadsheets.unsign_table(token[:-2] + "xx", sheet=POWER_ITEMS, user=editor, agency=city)

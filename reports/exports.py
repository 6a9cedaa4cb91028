"""The printed layout of the annual report's tables, and the XLSX and CSV exports.

The national format of 2021 prints every table with merged header cells and,
in table 三, nested row labels: "三、本年度办理结果" spans the rows of its
outcomes, "（三）不予公开" spans its eight reasons. ``grid`` lays a computed
``reports.tables.Table`` out as rows of cells with their spans, once; the HTML
page, the XLSX workbook and the CSV file all print that grid, so the three can
never disagree on a header, a label or a figure.
"""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


@dataclass(frozen=True)
class Cell:
    """One printed cell: a column header, a row label or a figure."""

    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    kind: str = "figure"  # "head" (column header or block title), "label" or "figure"
    scope: str = ""  # "col", "colgroup", "row" or "rowgroup" for header cells
    value: int | Decimal | None = None  # the figure of a figure cell

    @property
    def header(self) -> bool:
        """Printed as ``<th>``."""
        return self.kind != "figure"


@dataclass(frozen=True)
class Grid:
    """A table as printed: its title, header rows over all of it (``head``) and
    one or more blocks of rows (``bodies``; table 二 has four, each with its own
    title row and header row)."""

    key: str
    title: str
    width: int  # printed columns, counting the label columns
    head: tuple[tuple[Cell, ...], ...]
    bodies: tuple[tuple[tuple[Cell, ...], ...], ...]

    @property
    def rows(self) -> tuple[tuple[Cell, ...], ...]:
        """Every printed row, top to bottom."""
        return self.head + tuple(row for body in self.bodies for row in body)


def format_number(value) -> str:
    """A figure as the report prints it: integers plain, 万元 without trailing zeros."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def grid(table) -> Grid:
    """Lay ``table`` (``reports.tables.Table``) out as the national format prints it."""
    if table.parts:
        width = max(part.width for part in table.parts)
        bodies = tuple(_block(part, width) for part in table.parts)
        return Grid(table.key, table.title, width, head=(), bodies=bodies)
    return Grid(
        table.key,
        table.title,
        table.width,
        head=_header_rows(table.header_rows),
        bodies=(_body_rows(table),),
    )


def _header_rows(header_rows) -> tuple[tuple[Cell, ...], ...]:
    """Header cells; one with headers below it heads a group of columns (``colgroup``),
    one that reaches down to the figures heads its column (``col``), merged or not."""
    depth = len(header_rows)
    return tuple(
        tuple(
            Cell(
                cell.text,
                cell.colspan,
                cell.rowspan,
                kind="head",
                scope="col" if index + cell.rowspan >= depth else "colgroup",
            )
            for cell in header_row
        )
        for index, header_row in enumerate(header_rows)
    )


def _block(part, width) -> tuple[tuple[Cell, ...], ...]:
    """A block of table 二: its title across the table, its header row, its rows."""
    title = (Cell(part.title, colspan=width, kind="head", scope="rowgroup"),)
    return (title, *_header_rows(part.header_rows), *_body_rows(part))


def _body_rows(table) -> tuple[tuple[Cell, ...], ...]:
    """The rows with figures, each after the label cells the table prints before it
    (``Table.printed_rows`` decides the merges of the nested labels)."""
    return tuple(
        tuple(
            Cell(label.text, label.colspan, label.rowspan, kind="label", scope="row")
            for label in printed.label_cells
        )
        + tuple(
            Cell(format_number(value), colspan=span, value=value)
            for value, span in zip(printed.row.cells, table.spans, strict=True)
        )
        for printed in table.printed_rows()
    )


def placed(rows) -> list[list[tuple[Cell, bool]]]:
    """Rows of cells spread over the columns they cover (HTML's table model).

    Each position holds ``(cell, is_origin)``: the cell covering it and whether
    this is the cell's top-left corner. Merged cells thus repeat under their span.
    """
    positions: dict[tuple[int, int], tuple[Cell, bool]] = {}
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in positions:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    positions[(r + dr, c + dc)] = (cell, dr == 0 and dc == 0)
            c += cell.colspan
    height = max((r for r, _c in positions), default=-1) + 1
    width = max((c for _r, c in positions), default=-1) + 1
    empty = (Cell(), True)
    return [[positions.get((r, c), empty) for c in range(width)] for r in range(height)]


def check_text(check) -> str:
    """Table 三's rule and whether it holds, as printed under the table."""
    rule = _("Row 1 + row 2 = row 3 (7) + row 4")
    if check.holds:
        return _("%(rule)s: holds in every column.") % {"rule": rule}
    return _("%(rule)s: does not hold. %(columns)s") % {
        "rule": rule,
        "columns": " ".join(check.messages()),
    }


def body_context(report_tables, report=None) -> dict:
    """What ``reports/_report_body.html`` prints: the report (none for a summary),
    its tables laid out as printed, and table 三's rule with whether it holds."""
    return {
        "report": report,
        "tables": report_tables,
        "grids": [grid(table) for table in report_tables.all()],
        "check_text": check_text(report_tables.check),
    }


# ---------- XLSX ----------

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="EDEDED")
BOLD = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)
LABEL = Alignment(horizontal="left", vertical="center", wrap_text=True)
FIGURE = Alignment(horizontal="right", vertical="center")
MIN_WIDTH, MAX_WIDTH = 8, 48


def _text_width(text: str) -> int:
    """Spreadsheet column units a text needs: a Chinese character takes two."""
    return sum(2 if ord(char) > 0x2E7F else 1 for char in text)


def _style(target, cell: Cell) -> None:
    if cell.kind == "head":
        target.font, target.alignment, target.fill = BOLD, CENTRED, HEADER_FILL
    elif cell.kind == "label":
        target.alignment = LABEL
    else:
        target.alignment = FIGURE


def _write_grid(sheet, g: Grid, first_row: int) -> int:
    """Write the grid's rows from ``first_row``, merging what the format merges;
    return the next free row."""
    rows = placed(g.rows)
    widths = [MIN_WIDTH] * g.width
    for r, row in enumerate(rows, start=first_row):
        for c, (cell, origin) in enumerate(row, start=1):
            target = sheet.cell(row=r, column=c)
            target.border = BORDER
            if not origin:
                continue
            target.value = cell.value if cell.kind == "figure" else (cell.text or None)
            _style(target, cell)
            if cell.colspan > 1 or cell.rowspan > 1:
                sheet.merge_cells(
                    start_row=r,
                    start_column=c,
                    end_row=r + cell.rowspan - 1,
                    end_column=c + cell.colspan - 1,
                )
            elif c <= g.width:
                wanted = min(_text_width(cell.text) + 2, MAX_WIDTH)
                widths[c - 1] = max(widths[c - 1], wanted)
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    return first_row + len(rows)


def _write_title(sheet, row: int, text: str, width: int, font: Font) -> None:
    sheet.cell(row=row, column=1, value=text).font = font
    sheet.cell(row=row, column=1).alignment = Alignment(horizontal="left", vertical="center")
    if width > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


SHEET_NAMES = {"table2": "二 主动公开", "table3": "三 依申请公开", "table4": "四 复议诉讼"}


def xlsx_bytes(title: str, grids, notes: dict | None = None) -> bytes:
    """A workbook with one sheet per table: the report's title, the table's title,
    then the table with its merged cells; ``notes`` ({table key: text}) go under a table."""
    notes = notes or {}
    workbook = Workbook()
    workbook.remove(workbook.active)
    for g in grids:
        sheet = workbook.create_sheet(SHEET_NAMES.get(g.key, g.key)[:31])
        _write_title(sheet, 1, title, g.width, TITLE_FONT)
        _write_title(sheet, 2, g.title, g.width, BOLD)
        next_row = _write_grid(sheet, g, first_row=3)
        if g.key in notes:
            _write_title(sheet, next_row + 1, notes[g.key], g.width, Font())
        sheet.print_options.horizontalCentered = True
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.orientation = "landscape" if g.width > 10 else "portrait"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ---------- CSV ----------


def csv_bytes(title: str, grids, notes: dict | None = None) -> bytes:
    """UTF-8 with a byte-order mark (so spreadsheet programs read the Chinese), the
    tables one after another; a merged cell's text repeats in every cell it covers."""
    notes = notes or {}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([title])
    for g in grids:
        writer.writerow([])
        writer.writerow([g.title])
        for row in placed(g.rows):
            writer.writerow([cell.text for cell, _origin in row])
        if g.key in notes:
            writer.writerow([notes[g.key]])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")

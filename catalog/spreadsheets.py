"""Power items and fee items to and from a spreadsheet (XLSX or CSV).

Staff keep whole lists current by loading them from a spreadsheet. One
``Sheet`` per model defines its columns once: the Chinese header, how a cell
becomes a value (``parse``) and how a value becomes a cell (``export``), so
import and export cannot drift apart.

Import is a dry run first (``preview``): every row is parsed, looked up and
checked with the model's ``full_clean``, and the result says for each row what
would happen (create, update, no change) or what is wrong with it, by row
number and column. ``import_rows`` plans again inside one transaction and
writes only when every row is valid. New rows become drafts; a row matching a
draft updates it; a row matching an item in review, published or withdrawn
must be identical to it, so an import never bypasses confidentiality review.
The preview hands the table to the confirm step in a signed payload bound to
the user, the agency and the sheet (``sign_table`` / ``unsign_table``).
"""

import codecs
import csv
import datetime
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel

from catalog import workflow
from catalog.models import (
    Department,
    FeeItem,
    FeeStatus,
    PowerItem,
    PowerItemStep,
    PowerKind,
    PowerResponsibility,
    PowerStatus,
    ReviewStatus,
)

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# An XLSX is a zip of XML: refuse one that would unpack to more than this.
MAX_UNPACKED_BYTES = 60 * 1024 * 1024
MAX_DATA_ROWS = 5000
# How long a preview may be confirmed.
PREVIEW_MAX_AGE = 60 * 60
FORMATS = ("xlsx", "csv")
# Title rows above the header row ("XX局权责清单") that are read past.
MAX_TITLE_ROWS = 5
# A leading numbering column staff like to add; read past it.
IGNORED_HEADERS = ("序号",)


class SpreadsheetError(Exception):
    """The file as a whole cannot be read (not a row's fault)."""


class RowAction(models.TextChoices):
    CREATE = "create", gettext_lazy("New")
    UPDATE = "update", gettext_lazy("Update")
    UNCHANGED = "unchanged", gettext_lazy("No change")


# Cells -------------------------------------------------------------------------------


def _cell_value(value):
    """A cell as read from a file, in a form that survives JSON (the signed payload)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    return value


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value) -> str:
    """A cell as text: numbers without a spurious ``.0``, line breaks as ``\\n``."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text[:2] in {"'=", "'+", "'-", "'@"}:  # our CSV export's guard against formulas
        text = text[1:]
    return text.strip()


def _lines(value) -> list[str]:
    return [line.strip() for line in _text(value).split("\n") if line.strip()]


def _one_line(text: str) -> str:
    return " ".join((text or "").split())


def chinese_label(choice) -> str:
    """The Chinese legal term of a choice: the part in brackets of its source label."""
    with translation.override(None):
        label = str(choice.label)
    match = re.search(r"\(([^()]+)\)\s*$", label)
    return match.group(1) if match else label


# Columns -----------------------------------------------------------------------------


class Column:
    """A text column holding one model field."""

    related = False

    def __init__(self, header: str, field: str, width: int = 16):
        self.header = header
        self.field = field
        self.width = width

    def parse(self, raw, lookups):
        return _text(raw)

    def export(self, obj):
        return getattr(obj, self.field)

    def apply(self, obj, value) -> None:
        setattr(obj, self.field, value)


class LinesColumn(Column):
    """Text with one item per line (legal bases, materials, accountability cases)."""

    def parse(self, raw, lookups):
        return "\n".join(_lines(raw))

    def export(self, obj):
        return "\n".join(_lines(getattr(obj, self.field)))


class IntegerColumn(Column):
    SUFFIXES = ("个工作日", "工作日", "日", "天")

    def parse(self, raw, lookups):
        text = unicodedata.normalize("NFKC", _text(raw))
        for suffix in self.SUFFIXES:
            text = text.removesuffix(suffix).strip()
        if not text:
            return None
        if not text.isdigit():
            raise ValidationError(_("“%(value)s” is not a whole number.") % {"value": _text(raw)})
        return int(text)


class DecimalColumn(Column):
    def parse(self, raw, lookups):
        if isinstance(raw, Decimal):
            return raw
        text = unicodedata.normalize("NFKC", _text(raw)).removesuffix("元").replace(",", "")
        if not text.strip():
            return None
        try:
            amount = Decimal(text.strip())
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite() or amount < 0:
            raise ValidationError(
                _("“%(value)s” is not an amount in yuan.") % {"value": _text(raw)}
            )
        return amount


DATE_PATTERN = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
)
# Excel day numbers from 1927 to 9999: a bare number in a date column.
EXCEL_SERIALS = range(10000, 2958466)


class DateColumn(Column):
    def parse(self, raw, lookups):
        if isinstance(raw, datetime.date):
            return raw
        if _is_blank(raw):
            return None
        day = _date(raw)
        if day is None:
            raise ValidationError(
                _("“%(value)s” is not a date. Write it as 2026-01-05, 2026/1/5 or 2026年1月5日.")
                % {"value": _text(raw)}
            )
        return day

    def export(self, obj):
        return getattr(obj, self.field)


def _date(raw) -> datetime.date | None:
    text = unicodedata.normalize("NFKC", _text(raw))
    if isinstance(raw, (int, float)) or text.isdigit():
        return _from_number(text)
    match = DATE_PATTERN.fullmatch(text)
    if match is None:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _from_number(text: str) -> datetime.date | None:
    """An Excel day number (46027), or eight digits written as a date (20260105)."""
    try:
        if len(text) == 8:
            return datetime.datetime.strptime(text, "%Y%m%d").date()
        number = int(float(text))
    except ValueError:
        return None
    return from_excel(number).date() if number in EXCEL_SERIALS else None


class ChoiceColumn(Column):
    """A choice written as its Chinese term (行政许可); a blank cell takes ``default``."""

    def __init__(self, header, field, choices, default="", width=14):
        super().__init__(header, field, width)
        self.choices = choices
        self.default = default

    def parse(self, raw, lookups):
        text = _text(raw)
        if not text:
            return self.default
        for choice in self.choices:
            if text in {chinese_label(choice), str(choice.label), choice.value}:
                return choice.value
        raise ValidationError(
            _("“%(value)s” is not one of: %(choices)s.")
            % {"value": text, "choices": "、".join(chinese_label(c) for c in self.choices)}
        )

    def export(self, obj):
        value = getattr(obj, self.field)
        return chinese_label(self.choices(value)) if value else ""


class DepartmentColumn(Column):
    """The handling department, by its name among the agency's departments."""

    def parse(self, raw, lookups):
        name = _text(raw)
        if not name:
            return None
        if name not in lookups.departments:
            raise ValidationError(
                _("“%(value)s” is not a department of %(agency)s.")
                % {"value": name, "agency": lookups.agency}
            )
        return lookups.departments[name]

    def export(self, obj):
        return obj.department.name if obj.department_id else ""


class FeeColumn(Column):
    """The fee of a power item, by the code of one of the agency's fee items."""

    def parse(self, raw, lookups):
        code = _text(raw)
        if not code:
            return None
        if code not in lookups.fees:
            raise ValidationError(
                _("%(agency)s has no fee item with the code “%(value)s”.")
                % {"value": code, "agency": lookups.agency}
            )
        return lookups.fees[code]

    def export(self, obj):
        return obj.fee_item.code if obj.fee_item_id else ""


COLON = re.compile(r"[:：]")
NUMBERING = re.compile(r"^(?:\d{1,3}\s*[.、．)）]|[（(]\d{1,3}[)）])\s*")


def _pairs(raw) -> list[tuple[str, str]]:
    """Lines of "name：text" (a full- or half-width colon), numbering removed."""
    pairs = []
    for line in _lines(raw):
        head, _colon, tail = COLON.sub("：", NUMBERING.sub("", line), count=1).partition("：")
        pairs.append((head.strip(), tail.strip()))
    return pairs


class RelatedColumn(Column):
    """Rows of a related model, one per line. Saved after the item, replacing the old ones."""

    related = True
    model = None

    def apply(self, obj, value) -> None:
        """Nothing on the item itself: ``save`` writes the rows once the item exists."""

    def current(self, obj):
        return getattr(obj, self.field).all()

    def validate(self, value) -> list[str]:
        messages = []
        for order, pair in enumerate(value, 1):
            try:
                self.build(None, order, pair).full_clean(exclude=["power_item"])
            except ValidationError as exc:
                messages += [
                    _("Line %(line)d: %(message)s") % {"line": order, "message": message}
                    for message in exc.messages
                ]
        return messages

    def save(self, obj, value) -> None:
        rows = [self.build(obj, order, pair) for order, pair in enumerate(value, 1)]
        self.model.objects.filter(power_item=obj).delete()
        self.model.objects.bulk_create(rows)


class StepsColumn(RelatedColumn):
    """The process (办理流程): one step per line, "step：what happens"."""

    model = PowerItemStep

    def parse(self, raw, lookups):
        pairs = _pairs(raw)
        for line, (name, _description) in enumerate(pairs, 1):
            if not name:
                raise ValidationError(_("Line %(line)d: the step has no name.") % {"line": line})
        return tuple(pairs)

    def export(self, obj):
        return "\n".join(
            f"{step.name}：{_one_line(step.description)}" if step.description else step.name
            for step in self.current(obj)
        )

    def build(self, obj, order, pair):
        name, description = pair
        return PowerItemStep(power_item=obj, order=order, name=name, description=description)

    def save(self, obj, value) -> None:
        # Who does a step and its time limit are not in the spreadsheet: a step
        # that keeps its place and name keeps them.
        kept = {(s.order, s.name): s for s in self.current(obj)}
        rows = []
        for order, pair in enumerate(value, 1):
            step = self.build(obj, order, pair)
            if (old := kept.get((order, step.name))) is not None:
                step.responsible, step.time_limit = old.responsible, old.time_limit
            rows.append(step)
        PowerItemStep.objects.filter(power_item=obj).delete()
        PowerItemStep.objects.bulk_create(rows)


class ResponsibilitiesColumn(RelatedColumn):
    """Responsibility steps (责任事项): one per line, "stage：duty"."""

    model = PowerResponsibility

    def parse(self, raw, lookups):
        pairs = _pairs(raw)
        for line, (stage, duty) in enumerate(pairs, 1):
            if not stage or not duty:
                raise ValidationError(
                    _("Line %(line)d: write it as “stage：duty”.") % {"line": line}
                )
        return tuple(pairs)

    def export(self, obj):
        return "\n".join(f"{r.stage}：{_one_line(r.duty)}" for r in self.current(obj))

    def build(self, obj, order, pair):
        stage, duty = pair
        return PowerResponsibility(power_item=obj, order=order, stage=stage, duty=duty)


# Sheets ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sheet:
    """The columns of one kind of item, shared by import and export."""

    name: str
    model: type
    title: str
    columns: tuple[Column, ...]
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    @property
    def code_column(self) -> Column:
        return self.columns[0]

    @property
    def name_column(self) -> Column:
        return self.columns[1]

    def header_for(self, field_name: str) -> str:
        for column in self.columns:
            if column.field == field_name:
                return column.header
        return ""

    def items(self, queryset):
        return (
            queryset.select_related(*self.select_related)
            .prefetch_related(*self.prefetch_related)
            .order_by("sort_order", "code", "pk")
        )

    def header_index(self, table) -> int:
        """Where the header row is: the first row naming the code column, below any title
        rows; the first row when none does (``locate`` then says what is missing)."""
        code = _header_key(self.code_column.header)
        for index, (_number, cells) in enumerate(table[: MAX_TITLE_ROWS + 1]):
            if any(_header_key(_text(cell)) == code for cell in cells):
                return index
        return 0

    def locate(self, header_cells) -> dict[Column, int]:
        """Which cell of a row holds which column. Every column must be there, once."""
        positions, unknown = {}, []
        wanted = {_header_key(c.header): c for c in self.columns}
        for index, cell in enumerate(header_cells):
            key = _header_key(_text(cell))
            if not key or key in IGNORED_HEADERS:
                continue
            column = wanted.get(key)
            if column is None or column in positions:
                unknown.append(_text(cell))
            else:
                positions[column] = index
        missing = [c.header for c in self.columns if c not in positions]
        if missing or unknown:
            raise SpreadsheetError(_header_problem(missing, unknown))
        return positions


def _header_key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _header_problem(missing, unknown) -> str:
    parts = []
    if missing:
        parts.append(_("Columns missing: %(columns)s.") % {"columns": "、".join(missing)})
    if unknown:
        parts.append(
            _("Columns not understood or repeated: %(columns)s.") % {"columns": "、".join(unknown)}
        )
    parts.append(_("Use the header row of an exported file."))
    return " ".join(parts)


POWER_ITEMS = Sheet(
    name="power_items",
    model=PowerItem,
    title="权责清单",
    columns=(
        Column("职权编码", "code"),
        Column("职权名称", "name", 30),
        Column("子项", "sub_item", 20),
        ChoiceColumn("职权类别", "kind", PowerKind),
        LinesColumn("设定依据", "legal_basis", 40),
        Column("实施主体", "implementing_body", 20),
        DepartmentColumn("承办机构", "department"),
        Column("受理条件", "conditions", 30),
        LinesColumn("申请材料", "materials", 30),
        StepsColumn("办理流程", "steps", 40),
        IntegerColumn("法定时限（工作日）", "statutory_days", 12),
        IntegerColumn("承诺时限（工作日）", "promised_days", 12),
        FeeColumn("收费项目编码", "fee_item", 14),
        ResponsibilitiesColumn("责任事项", "responsibilities", 40),
        LinesColumn("追责情形", "accountability", 30),
        Column("监督方式", "supervision", 24),
        Column("行政复议机关", "reconsideration_body", 20),
        Column("行政诉讼法院", "litigation_court", 20),
        ChoiceColumn("职权状态", "power_status", PowerStatus, default=PowerStatus.IN_FORCE),
        DateColumn("实施日期", "in_force_from", 12),
        DateColumn("取消日期", "abolished_on", 12),
        Column("取消依据", "abolition_basis", 24),
    ),
    select_related=("agency", "department", "fee_item"),
    prefetch_related=("steps", "responsibilities"),
)

FEE_ITEMS = Sheet(
    name="fee_items",
    model=FeeItem,
    title="收费项目",
    columns=(
        Column("收费编码", "code"),
        Column("收费项目名称", "name", 30),
        LinesColumn("收费依据", "legal_basis", 40),
        Column("批准文件", "approving_document", 24),
        DecimalColumn("收费标准（元）", "amount", 12),
        DecimalColumn("最低（元）", "amount_min", 12),
        DecimalColumn("最高（元）", "amount_max", 12),
        Column("计费单位", "unit", 10),
        Column("标准说明", "standard", 30),
        Column("缴费对象", "payer", 24),
        ChoiceColumn("收费状态", "fee_status", FeeStatus, default=FeeStatus.COLLECTED),
        DateColumn("征收日期", "collected_from", 12),
        DateColumn("暂停日期", "suspended_on", 12),
        DateColumn("取消日期", "abolished_on", 12),
        Column("状态依据", "status_basis", 24),
    ),
    select_related=("agency",),
)

SHEETS = {sheet.name: sheet for sheet in (POWER_ITEMS, FEE_ITEMS)}


# Reading a file ----------------------------------------------------------------------


def read_table(filename: str, data: bytes) -> list[list]:
    """The non-blank rows of an uploaded file as ``[row number, [cells]]``.

    Row numbers are those the spreadsheet program shows, so messages can
    point at them. Raises ``SpreadsheetError`` for anything that is not a
    readable XLSX or CSV file.
    """
    if len(data) > MAX_UPLOAD_BYTES:
        raise SpreadsheetError(
            _("The file is larger than %(size)d MB.") % {"size": MAX_UPLOAD_BYTES // 2**20}
        )
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension == "xlsx":
        rows = _xlsx_rows(data)
    elif extension == "csv":
        rows = _csv_rows(data)
    elif extension in {"xls", "et", "wps"}:
        raise SpreadsheetError(
            _("Old Excel files (.xls) cannot be read. Save the file as .xlsx or CSV.")
        )
    else:
        raise SpreadsheetError(_("Upload a spreadsheet: an .xlsx or a .csv file."))
    table = [
        [number, [_cell_value(cell) for cell in cells]]
        for number, cells in enumerate(rows, 1)
        if any(not _is_blank(cell) for cell in cells)
    ]
    if len(table) > MAX_DATA_ROWS + 1:
        raise SpreadsheetError(
            _("The file has more than %(count)d rows. Split it into smaller files.")
            % {"count": MAX_DATA_ROWS}
        )
    return table


def _xlsx_rows(data: bytes) -> list[tuple]:
    not_xlsx = _("The file is not an XLSX workbook that can be opened.")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise SpreadsheetError(not_xlsx)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
            raise SpreadsheetError(not_xlsx)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            rows = list(workbook.worksheets[0].iter_rows(values_only=True))
        finally:
            workbook.close()
    # openpyxl reports a damaged workbook with many kinds of exception.
    except Exception as exc:
        raise SpreadsheetError(not_xlsx) from exc
    return rows


def _csv_rows(data: bytes) -> list[list[str]]:
    text = _decode(data)
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise SpreadsheetError(_("The file is not a CSV file that can be read.")) from exc


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 as Chinese Excel saves CSV."""
    not_text = _("The file is not a CSV file that can be read.")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or data.startswith(
        b"PK\x03\x04"
    ):
        raise SpreadsheetError(not_text)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if CONTROL_CHARACTERS.search(text):
            raise SpreadsheetError(not_text)
        return text
    raise SpreadsheetError(not_text)


# Planning an import ------------------------------------------------------------------


@dataclass
class Lookups:
    """What the cells of one agency's sheet may refer to."""

    agency: object
    departments: dict
    fees: dict

    @classmethod
    def for_agency(cls, agency):
        return cls(
            agency=agency,
            departments={d.name: d for d in Department.objects.filter(agency=agency)},
            fees={f.code: f for f in FeeItem.objects.filter(agency=agency)},
        )


@dataclass
class PlannedRow:
    number: int
    code: str = ""
    name: str = ""
    action: str = ""
    errors: list[tuple[str, str]] = field(default_factory=list)
    instance: models.Model | None = None
    related: dict = field(default_factory=dict)

    def add_errors(self, header: str, messages) -> None:
        known = {message for _header, message in self.errors}
        for message in messages:
            # A constraint repeats what clean() already said about a column.
            if (header, message) in self.errors or (not header and message in known):
                continue
            self.errors.append((header, message))

    @property
    def action_label(self) -> str:
        return RowAction(self.action).label if self.action else ""


@dataclass
class ImportPlan:
    sheet: Sheet
    agency: object
    rows: list[PlannedRow]

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not any(row.errors for row in self.rows)

    @property
    def invalid_rows(self) -> list[PlannedRow]:
        return [row for row in self.rows if row.errors]

    def count(self, action) -> int:
        return sum(1 for row in self.rows if row.action == action and not row.errors)

    @property
    def summary(self) -> dict[str, int]:
        return {
            "created": self.count(RowAction.CREATE),
            "updated": self.count(RowAction.UPDATE),
            "unchanged": self.count(RowAction.UNCHANGED),
        }

    @property
    def changes_anything(self) -> bool:
        return self.count(RowAction.CREATE) + self.count(RowAction.UPDATE) > 0


def preview(sheet: Sheet, agency, table) -> ImportPlan:
    """What importing ``table`` into ``agency`` would do. Writes nothing."""
    return _plan(sheet, agency, table)


def import_rows(sheet: Sheet, agency, table, user) -> ImportPlan:
    """Check every row again and, if all are valid, write them in one transaction."""
    try:
        with transaction.atomic():
            plan = _plan(sheet, agency, table, lock=True)
            if plan.is_valid:
                _write(plan, user)
    except IntegrityError as exc:
        raise SpreadsheetError(
            _("The items changed while importing; nothing was written. Upload the file again.")
        ) from exc
    return plan


def _plan(sheet, agency, table, lock=False) -> ImportPlan:
    if not table:
        raise SpreadsheetError(_("The file is empty."))
    (_header_number, header), *data = table[sheet.header_index(table) :]
    positions = sheet.locate(header)
    if not data:
        raise SpreadsheetError(_("The file has a header row but no items."))
    codes = [_text(_cell(cells, positions[sheet.code_column])) for _number, cells in data]
    planner = _Planner(sheet, agency, positions, len(header), codes, lock)
    rows = [planner.plan(position, *row) for position, row in enumerate(data, 1)]
    return ImportPlan(sheet=sheet, agency=agency, rows=rows)


def _cell(cells, index):
    return cells[index] if index < len(cells) else ""


class _Planner:
    """Plans the rows of one file for one agency, in order."""

    def __init__(self, sheet, agency, positions, width, codes, lock):
        self.sheet = sheet
        self.positions = positions
        self.width = width
        self.lookups = Lookups.for_agency(agency)
        matching = sheet.model.objects.filter(agency=agency, code__in=codes)
        if lock:
            # Locked without the joins: PostgreSQL cannot lock the nullable side of one.
            list(matching.select_for_update().values_list("pk", flat=True))
        self.existing = {obj.code: obj for obj in sheet.items(matching)}
        self.first_rows = {}

    def plan(self, position, number, cells) -> PlannedRow:
        sheet = self.sheet
        raw = {column: _cell(cells, index) for column, index in self.positions.items()}
        row = PlannedRow(
            number=number,
            code=_text(raw[sheet.code_column]),
            name=_text(raw[sheet.name_column]),
        )
        if any(not _is_blank(cell) for cell in cells[self.width :]):
            row.add_errors("", [_("There are values to the right of the last column.")])
        values, failed = {}, set()
        for column in sheet.columns:
            try:
                values[column] = column.parse(raw[column], self.lookups)
            except ValidationError as exc:
                row.add_errors(column.header, exc.messages)
                failed.add(column)
        if not self._is_repeated(row):
            self._match(row, values, failed, position)
        return row

    def _is_repeated(self, row) -> bool:
        first = self.first_rows.setdefault(row.code, row.number) if row.code else row.number
        if first == row.number:
            return False
        row.add_errors(
            self.sheet.code_column.header,
            [
                _("The code “%(code)s” is already in row %(row)d.")
                % {"code": row.code, "row": first}
            ],
        )
        return True

    def _match(self, row, values, failed, position) -> None:
        """Decide what the row does to the agency's items, and check the outcome."""
        current = self.existing.get(row.code) if row.code else None
        if current is not None and not failed and self._same(current, values):
            row.action = RowAction.UNCHANGED
            return
        if current is not None and current.status != ReviewStatus.DRAFT:
            row.add_errors(
                self.sheet.code_column.header,
                [
                    _(
                        "The item with this code is “%(status)s” and differs from this row. "
                        "An import changes drafts only: change this item in the admin."
                    )
                    % {"status": current.get_status_display()}
                ],
            )
            return
        if current is None:
            current = self.sheet.model(agency=self.lookups.agency, status=ReviewStatus.DRAFT)
            current.sort_order = position
        row.action = RowAction.UPDATE if current.pk else RowAction.CREATE
        self._check(row, current, values, failed)

    def _same(self, obj, values) -> bool:
        """Whether the row says exactly what the item says, as the spreadsheet sees it."""
        for column in self.sheet.columns:
            try:
                if column.parse(column.export(obj), self.lookups) != values[column]:
                    return False
            except ValidationError:
                return False
        return True

    def _check(self, row, obj, values, failed) -> None:
        for column, value in values.items():
            if column in failed:
                continue
            column.apply(obj, value)
            if column.related:
                row.related[column] = value
                row.add_errors(column.header, column.validate(value))
        try:
            obj.full_clean(exclude=[c.field for c in failed if not c.related])
        except ValidationError as exc:
            for field_name, messages in exc.message_dict.items():
                header = "" if field_name == NON_FIELD_ERRORS else self.sheet.header_for(field_name)
                row.add_errors(header, messages)
        row.instance = obj


def _write(plan: ImportPlan, user) -> None:
    note = _("Imported from a spreadsheet.")
    for row in plan.rows:
        if row.action == RowAction.UNCHANGED:
            continue
        obj = row.instance
        created = obj.pk is None
        if created:
            obj.created_by = user
        obj.save()
        for column, value in row.related.items():
            column.save(obj, value)
        if created:
            workflow.record_created(obj, user, note)


# The preview's payload ---------------------------------------------------------------


def _salt(sheet, user, agency) -> str:
    return f"catalog.spreadsheets.import:{sheet.name}:{user.pk}:{agency.pk}"


def sign_table(table, *, sheet, user, agency, filename="") -> str:
    """The table, signed for this user, agency and sheet only, for the confirm step."""
    payload = {"table": table, "filename": filename}
    return signing.dumps(payload, salt=_salt(sheet, user, agency), compress=True)


def unsign_table(token: str, *, sheet, user, agency) -> tuple[list, str]:
    """The table of a preview, if its signature holds and it is not too old."""
    try:
        payload = signing.loads(token, salt=_salt(sheet, user, agency), max_age=PREVIEW_MAX_AGE)
    except signing.BadSignature as exc:
        raise SpreadsheetError(
            _("This preview has expired or was altered. Upload the file again.")
        ) from exc
    return payload["table"], payload.get("filename", "")


# Export ------------------------------------------------------------------------------


def export_table(sheet: Sheet, queryset) -> list[list]:
    """The header and one row per item, exactly as an import reads them."""
    rows = [sheet.headers]
    for obj in sheet.items(queryset):
        rows.append([column.export(obj) for column in sheet.columns])
    return rows


def to_xlsx(sheet: Sheet, rows) -> bytes:
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet.title
    wrap = Alignment(wrap_text=True, vertical="top")
    for row_index, values in enumerate(rows, 1):
        for column_index, value in enumerate(values, 1):
            cell = worksheet.cell(row=row_index, column=column_index)
            set_cell(cell, value)
            cell.alignment = wrap
            if row_index == 1:
                cell.font = Font(bold=True)
    for index, column in enumerate(sheet.columns, 1):
        worksheet.column_dimensions[get_column_letter(index)].width = column.width
    worksheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def set_cell(cell, value) -> None:
    if value is None or value == "":
        return
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"  # text stays text: never a formula
    elif isinstance(value, datetime.date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    else:
        cell.value = value


def to_csv(rows) -> bytes:
    """UTF-8 with a BOM, so that Excel opens it with the Chinese intact."""
    output = io.StringIO(newline="")
    writer = csv.writer(output, lineterminator="\r\n")
    for values in rows:
        writer.writerow([csv_cell(value) for value in values])
    return codecs.BOM_UTF8 + output.getvalue().encode("utf-8")


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    # A spreadsheet program would take these for formulas.
    return "'" + text if text[:1] in {"=", "+", "-", "@"} else text


def export_filename(sheet: Sheet, agency, file_format: str, today: datetime.date) -> str:
    return f"{sheet.title}-{agency.display_name}-{today:%Y%m%d}.{file_format}"


CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def export_file(sheet: Sheet, queryset, file_format: str) -> bytes:
    rows = export_table(sheet, queryset)
    return to_xlsx(sheet, rows) if file_format == "xlsx" else to_csv(rows)

"""Exports of the public lists (CSV and XLSX): what a list shows with its current filters.

A view builds the list's own filter set on the list's own queryset (the one
that decides what the user may see) and hands it here; ``Table`` says what the
columns are, in the request's language, and the writers turn its rows into a
file without paging and without holding the list in memory:

- CSV is streamed (``StreamingHttpResponse``): the rows are read from the
  database in chunks of ``CHUNK_SIZE`` (``QuerySet.iterator``: one query, a
  server-side cursor on PostgreSQL) and sent every ``ROWS_PER_WRITE`` rows. It
  is UTF-8 with a BOM, so that Excel opens it with the Chinese intact;
- XLSX is written with openpyxl's write-only workbook (row by row, to disk)
  into a temporary file, then sent from it (``FileResponse``).

A cell is never a formula: the spreadsheet import's guards apply
(``catalog.spreadsheets.csv_cell``, ``set_cell``). A natural person party of a
decision is written only masked, through the properties the pages use. Neither
kind of response is kept by the page cache (it stores no streamed response),
and a signed-in user's export is marked for no cache at all.
"""

import codecs
import csv
import datetime
import io
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from operator import attrgetter

from django.http import FileResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from catalog.models import (
    ClearanceArea,
    DecisionKind,
    DisclosureMode,
    FeeStatus,
    Genre,
    PartyKind,
    PowerKind,
    PowerStatus,
    Validity,
)
from catalog.search import engine
from catalog.spreadsheets import CONTENT_TYPES, FORMATS, LinesColumn, csv_cell, set_cell

CHUNK_SIZE = 2000  # rows a database read fetches at a time
ROWS_PER_WRITE = 500  # rows of CSV sent to the client at a time
FORMULA_START = ("=",)  # a string openpyxl would store as a formula

# Values that match the URL patterns of the detail pages; replaced by each row's own.
INDEX_SAMPLE = "000000000/0000-00000"
PK_SAMPLE = 987654321


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable
    width: int = 16


@dataclass(frozen=True)
class Table:
    """One list as a file: its rows (a queryset, read in chunks) and its columns.

    ``name`` starts the file name (``catalogue-2026-12-04.csv``); ``title`` names
    the worksheet. Headers are resolved when the table is made, in the request's
    language, so nothing translated is looked up while the rows are written.
    """

    name: str
    title: str
    columns: tuple[Column, ...]
    queryset: object

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    def rows(self) -> Iterator[list]:
        getters = [column.value for column in self.columns]
        for obj in self.queryset.iterator(chunk_size=CHUNK_SIZE):
            yield [getter(obj) for getter in getters]

    def filename(self, file_format: str, today: datetime.date) -> str:
        return f"{self.name}-{today:%Y-%m-%d}.{file_format}"


# What each list exports ------------------------------------------------------------


def labels(choices) -> Callable[[str], str]:
    """A choice's label as the pages show it, in the current language (looked up once)."""
    shown = {value: str(label) for value, label in choices.choices}
    return lambda value: shown.get(value, value)


def detail_urls(request, name: str, kwarg: str, sample) -> Callable[[object], str]:
    """The absolute URL of a detail page from its key, reversing the pattern once."""
    prefix, _sample, suffix = request.build_absolute_uri(
        reverse(name, kwargs={kwarg: sample})
    ).rpartition(str(sample))
    return lambda key: f"{prefix}{key}{suffix}"


def _basis(obj) -> str:
    return LinesColumn("", "legal_basis").export(obj)


def _agency(obj) -> str:
    return obj.agency.display_name


def entries(request, filterset) -> Table:
    """The catalogue (``EntryFilter``): the columns of the list and of an entry's data.

    A keyword list is read from its start as far as the list goes (``COUNT_LIMIT``,
    ADR 0012), like the list itself.
    """
    genre, validity, mode = labels(Genre), labels(Validity), labels(DisclosureMode)
    url = detail_urls(request, "catalog:entry_detail", "index_number", INDEX_SAMPLE)
    queryset = filterset.qs.only(*filterset.qs.LIST_FIELDS, "genre")
    if filterset.has_keywords():
        queryset = queryset[: engine.COUNT_LIMIT]
    return Table(
        "catalogue",
        _("Government information catalogue"),
        (
            Column(_("Index number"), attrgetter("index_number"), 24),
            Column(_("Title"), attrgetter("title"), 50),
            Column(_("Document number"), attrgetter("document_number"), 20),
            Column(_("Publishing agency"), _agency, 20),
            Column(_("Topic"), lambda entry: entry.topic.name),
            Column(_("Genre"), lambda entry: genre(entry.genre), 10),
            Column(_("Date made"), attrgetter("date_made"), 12),
            Column(_("Date published"), lambda entry: timezone.localdate(entry.published_at), 12),
            Column(_("Validity"), lambda entry: validity(entry.validity), 10),
            Column(_("Disclosure mode"), lambda entry: mode(entry.disclosure_mode), 12),
            Column(_("Web address"), lambda entry: url(entry.index_number), 50),
        ),
        queryset,
    )


POWER_EXPORTS = {
    None: ("powers", gettext_lazy("Power catalogue")),
    ClearanceArea.ENFORCEMENT: ("enforcement", gettext_lazy("Enforcement items")),
    ClearanceArea.APPROVAL: ("approvals", gettext_lazy("Administrative approvals")),
}


def power_items(request, filterset, area=None) -> Table:
    """The power catalogue or one of its views (``PowerItemFilter``)."""
    kind, status = labels(PowerKind), labels(PowerStatus)
    url = detail_urls(request, "catalog:power_item_detail", "pk", PK_SAMPLE)
    name, title = POWER_EXPORTS[area]
    return Table(
        name,
        str(title),
        (
            Column(_("Power code"), attrgetter("code"), 20),
            Column(_("Name"), attrgetter("name"), 40),
            Column(_("Sub-item"), attrgetter("sub_item"), 20),
            Column(_("Kind of power"), lambda item: kind(item.kind), 12),
            Column(_("Implementing agency"), _agency, 20),
            Column(_("Status"), lambda item: status(item.power_status), 10),
            Column(_("Abolished on"), attrgetter("abolished_on"), 12),
            Column(_("Legal basis"), _basis, 50),
            Column(_("Web address"), lambda item: url(item.pk), 45),
        ),
        filterset.qs,
    )


def fee_standard(fee) -> str:
    """A fee's standard as its page shows it: the amount or range per unit, then the words."""
    values = {"amount": fee.amount, "low": fee.amount_min, "high": fee.amount_max}
    values["unit"] = fee.unit
    if fee.amount is not None:
        per_unit, alone = _("%(amount)s yuan per %(unit)s"), _("%(amount)s yuan")
    elif fee.amount_min is not None and fee.amount_max is not None:
        per_unit, alone = _("%(low)s to %(high)s yuan per %(unit)s"), _("%(low)s to %(high)s yuan")
    elif fee.amount_min is not None:
        per_unit, alone = _("from %(low)s yuan per %(unit)s"), _("from %(low)s yuan")
    else:
        return fee.standard.strip()
    amount = (per_unit if fee.unit else alone) % values
    return "\n".join(part for part in (amount, fee.standard.strip()) if part)


def fee_items(request, filterset) -> Table:
    """The fee items and standards (``FeeItemFilter``)."""
    status = labels(FeeStatus)
    url = detail_urls(request, "catalog:fee_item_detail", "pk", PK_SAMPLE)
    return Table(
        "fees",
        _("Fee items and standards"),
        (
            Column(_("Fee code"), attrgetter("code"), 20),
            Column(_("Name"), attrgetter("name"), 40),
            Column(_("Standard"), fee_standard, 30),
            Column(_("Who pays"), attrgetter("payer"), 24),
            Column(_("Status"), lambda fee: status(fee.fee_status), 10),
            Column(_("Collecting agency"), _agency, 20),
            Column(_("Legal basis"), _basis, 50),
            Column(_("Web address"), lambda fee: url(fee.pk), 45),
        ),
        filterset.qs,
    )


def _fine(decision):
    return decision.fine_amount if decision.kind == DecisionKind.PENALTY else None


def _representative(decision) -> str:
    """Shown for an organisation or a business only (its page does the same), masked."""
    return "" if decision.is_natural_person else decision.public_legal_representative


def decisions(request, filterset) -> Table:
    """The published decisions (``DecisionFilter``): a natural person only masked,
    through the properties the pages use (``public_party_name`` and the others)."""
    kind, party_kind = labels(DecisionKind), labels(PartyKind)
    url = detail_urls(request, "catalog:decision_detail", "pk", PK_SAMPLE)
    return Table(
        "decisions",
        _("Published decisions"),
        (
            Column(_("Decision number"), attrgetter("number"), 24),
            Column(_("Kind of decision"), lambda decision: kind(decision.kind), 12),
            Column(_("Decision date"), attrgetter("decided_on"), 12),
            Column(_("Kind of party"), lambda decision: party_kind(decision.party_kind), 14),
            Column(_("Party"), attrgetter("public_party_name"), 30),
            Column(_("Credit code or identity number"), attrgetter("public_party_code"), 22),
            Column(_("Legal representative or operator"), _representative, 12),
            Column(_("Power item"), lambda decision: decision.power_item.name, 30),
            Column(_("Deciding agency"), _agency, 20),
            Column(_("Fine (yuan)"), _fine, 12),
            Column(_("Web address"), lambda decision: url(decision.pk), 45),
        ),
        filterset.qs,
    )


# Writing ---------------------------------------------------------------------------


def csv_chunks(table: Table) -> Iterator[bytes]:
    """The table as CSV, UTF-8 with a BOM, a few hundred rows at a time."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")

    def taken() -> bytes:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text.encode("utf-8")

    writer.writerow(table.headers)
    yield codecs.BOM_UTF8 + taken()
    for number, row in enumerate(table.rows(), 1):
        writer.writerow([csv_cell(value) for value in row])
        if number % ROWS_PER_WRITE == 0:
            yield taken()
    yield taken()


def _xlsx_value(sheet, value):
    """A cell's value for a write-only sheet: text without the characters XLSX refuses,
    and text that would start a formula held in a cell typed as text."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if value.startswith(FORMULA_START):
        cell = WriteOnlyCell(sheet)
        set_cell(cell, value)
        return cell
    return value


def xlsx_file(table: Table):
    """The table as an XLSX workbook in a temporary file, positioned at its start."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=ILLEGAL_CHARACTERS_RE.sub("", table.title)[:31])
    for index, column in enumerate(table.columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for text in table.headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in table.rows():
        sheet.append([_xlsx_value(sheet, value) for value in row])
    output = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it, which deletes it)
    workbook.save(output)
    output.seek(0)
    return output


def response(request, table: Table, file_format: str):
    """The download of ``table`` as ``file_format`` (one of ``FORMATS``)."""
    if file_format not in FORMATS:
        raise ValueError(f"Unknown export format: {file_format!r}")
    filename = table.filename(file_format, timezone.localdate())
    if file_format == "csv":
        answer = StreamingHttpResponse(csv_chunks(table), content_type=CONTENT_TYPES["csv"])
        answer["Content-Disposition"] = content_disposition_header(True, filename)
    else:
        answer = FileResponse(
            xlsx_file(table),
            as_attachment=True,
            filename=filename,
            content_type=CONTENT_TYPES["xlsx"],
        )
    if request.user.is_authenticated:
        # Staff may see internal entries: nothing on the way may keep a copy.
        add_never_cache_headers(answer)
    return answer

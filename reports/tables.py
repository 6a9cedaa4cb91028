"""Tables 二, 三 and 四 of the annual report, in the national format of 2021.

(国办公开办函〔2021〕30号; DOMAIN.md sections 5 and 6.) Everything here is
computed from the records of a set of agencies (one agency for a statutory
report; an agency and its subordinates for a combined summary) with a fixed
number of aggregate queries, never one per record:

- table 二: one query over the catalogue (rules and normative documents), one
  over published decisions;
- table 三: two queries over requests (received / carried over / carried
  forward by applicant kind; outcomes of the requests closed in the year);
- table 四: one query over review cases.

The shapes, for whoever prints them (HTML, XLSX, CSV):

- ``Row``: a row key, the printed number (``一、``, ``（三）``, ``1.``), the
  exact label, the numbers in column order (``None`` = blank cell), its level
  of nesting, and whether it is a heading of its own (``is_group``, no numbers).
- ``Table``: title, leaf column labels (``columns``), the printed header over
  the numbers as rows of ``HeaderCell(text, colspan, rowspan)`` (``header_rows``),
  the rows, how many printed columns the row labels take (``label_columns``) and
  how many printed columns each number takes (``column_spans``, empty = one each).
  ``printed_rows()`` turns the nested rows into the printed grid: for each row
  with numbers, the label cells to print before them, with the rowspans of the
  headings (``三、本年度办理结果`` spans the 22 outcome rows, ``（三）不予公开``
  its 8 sub-rows), exactly as the official table merges them.
- Table 二 is printed in the official format as four blocks (第二十条第（一）项,
  （五）项, （六）项, （八）项) each with its own header row. It is one ``Table``
  whose ``parts`` are the four blocks, each a ``Table`` of its own (title =
  the block's caption, its header row, its rows); the parent's ``rows`` are all
  the blocks' rows in order, so ``table2.cell("rules", 0)`` works. The printed
  width is four columns: the single number of blocks 2-4 spans three
  (``column_spans == (3,)``).
- Table 三's header includes the official corner cell (the rule, spanning the
  three label columns and three header rows) and 申请人情况 over the seven
  number columns. Table 四 has no row labels (``label_columns == 0``) and one
  row of fifteen numbers.

``ConsistencyCheck`` is table 三's printed rule (row 一 + row 二 = row 三（七）
+ row 四 in every column) and names the columns where it breaks.
``ReportTables.to_json()`` / ``from_json()`` are the snapshot of a published
report (``AnnualReport.published_tables``).

Counting rules (one place; DOMAIN.md section 6):

- Table 二: published catalogue entries of genre 规章 / 行政规范性文件: made in
  the year (``date_made``); repealed or expired in the year (``validity`` and
  ``validity_changed_on``); in force at 31 December (made by then and not
  repealed, expired or amended by then). Published decisions (status published,
  whether or not their publication period has ended) decided in the year, by
  kind. The fee revenue is the report's manual figure.
- Table 三: requests with a date of receipt (never-received submissions do not
  count), by applicant kind: received in the year; carried over (received
  before 1 January, not closed before it); results of those closed in the year
  (any date of receipt), one row per outcome; carried forward (received by
  31 December and not closed by then).
- Table 四: review cases of the agencies' requests filed in the year, by kind
  and result as it stood on 31 December (a case decided later was 尚未审结).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Count, Q, Sum
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from catalog.models import CatalogEntry, DecisionKind, DecisionRecord, Genre, Validity
from requests_app.models import (
    ApplicantKind,
    InformationRequest,
    ReviewCase,
    ReviewKind,
    ReviewResult,
)
from requests_app.outcomes import Outcome, OutcomeGroup

SNAPSHOT_VERSION = 1


# The shapes -----------------------------------------------------------------


class HeaderCell(NamedTuple):
    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class Row:
    key: str
    number: str
    label: str
    cells: tuple
    level: int = 0
    is_group: bool = False

    @property
    def text(self) -> str:
        """The printed label: number and wording, e.g. ``（三）不予公开``."""
        return f"{self.number}{self.label}"


class PrintedRow(NamedTuple):
    """A row as printed: the label cells before the numbers, and the row itself."""

    label_cells: tuple[HeaderCell, ...]
    row: Row


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    columns: tuple
    header_rows: tuple
    rows: tuple
    label_columns: int = 1
    column_spans: tuple = ()
    parts: tuple = ()

    def row(self, key: str) -> Row:
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(key)

    def cell(self, row_key: str, column_index: int) -> int | Decimal | None:
        return self.row(row_key).cells[column_index]

    @property
    def spans(self) -> tuple:
        """How many printed columns each number takes."""
        return self.column_spans or (1,) * len(self.columns)

    @property
    def width(self) -> int:
        """Printed columns: the labels and the numbers."""
        return self.label_columns + sum(self.spans)

    def printed_rows(self) -> tuple[PrintedRow, ...]:
        """The rows with numbers, each with the label cells printed before them.

        A heading (``is_group``) at level ``g`` is printed as one cell, with a
        rowspan over the rows below it, on the first of those rows; a row at
        level ``d`` prints its own label across the remaining ``label_columns - d``
        columns.
        """
        printed = []
        pending = []  # headings whose cell is printed on the next row with numbers
        for position, row in enumerate(self.rows):
            if row.is_group:
                span = self._rows_below(position)
                pending.append(HeaderCell(row.text, 1, span))
                continue
            cells = list(pending)
            pending = []
            if self.label_columns:
                cells.append(HeaderCell(row.text, self.label_columns - row.level, 1))
            printed.append(PrintedRow(tuple(cells), row))
        return tuple(printed)

    def _rows_below(self, position: int) -> int:
        level = self.rows[position].level
        count = 0
        for row in self.rows[position + 1 :]:
            if row.level <= level:
                break
            count += 0 if row.is_group else 1
        return count


class BrokenCell(NamedTuple):
    column: str
    left: int  # row 一 + row 二
    right: int  # row 三（七） + row 四


@dataclass(frozen=True)
class ConsistencyCheck:
    """Table 三's rule: row 一 + row 二 = row 三（七） + row 四, in every column."""

    holds: bool
    broken: tuple = ()

    def messages(self) -> list[str]:
        """One sentence per column where the rule breaks (translated)."""
        return [
            _(
                "Column “%(column)s”: rows 一 and 二 add up to %(left)d, "
                "but rows 三（七） and 四 add up to %(right)d."
            )
            % {"column": cell.column, "left": cell.left, "right": cell.right}
            for cell in self.broken
        ]


@dataclass(frozen=True)
class ReportTables:
    year: int
    table2: Table
    table3: Table
    table4: Table
    check: ConsistencyCheck

    def all(self) -> tuple[Table, Table, Table]:
        """Tables 二, 三 and 四, in order."""
        return (self.table2, self.table3, self.table4)

    def to_json(self) -> dict:
        return {
            "version": SNAPSHOT_VERSION,
            "year": self.year,
            "tables": [_table_to_json(table) for table in self.all()],
            "check": {
                "holds": self.check.holds,
                "broken": [list(cell) for cell in self.check.broken],
            },
        }

    @classmethod
    def from_json(cls, data: dict) -> "ReportTables":
        if data.get("version") != SNAPSHOT_VERSION:
            raise ValueError(f"Unknown snapshot version: {data.get('version')!r}")
        table2, table3, table4 = (_table_from_json(table) for table in data["tables"])
        check = ConsistencyCheck(
            holds=data["check"]["holds"],
            broken=tuple(BrokenCell(*cell) for cell in data["check"]["broken"]),
        )
        return cls(data["year"], table2, table3, table4, check)


def _cell_to_json(value):
    return str(value) if isinstance(value, Decimal) else value


def _cell_from_json(value):
    return Decimal(value) if isinstance(value, str) else value


def _table_to_json(table: Table) -> dict:
    return {
        "key": table.key,
        "title": table.title,
        "columns": list(table.columns),
        "header_rows": [[list(cell) for cell in row] for row in table.header_rows],
        "rows": [
            {
                "key": row.key,
                "number": row.number,
                "label": row.label,
                "cells": [_cell_to_json(value) for value in row.cells],
                "level": row.level,
                "is_group": row.is_group,
            }
            for row in table.rows
        ],
        "label_columns": table.label_columns,
        "column_spans": list(table.column_spans),
        "parts": [_table_to_json(part) for part in table.parts],
    }


def _table_from_json(data: dict) -> Table:
    return Table(
        key=data["key"],
        title=data["title"],
        columns=tuple(data["columns"]),
        header_rows=tuple(tuple(HeaderCell(*cell) for cell in row) for row in data["header_rows"]),
        rows=tuple(
            Row(
                key=row["key"],
                number=row["number"],
                label=row["label"],
                cells=tuple(_cell_from_json(value) for value in row["cells"]),
                level=row["level"],
                is_group=row["is_group"],
            )
            for row in data["rows"]
        ),
        label_columns=data["label_columns"],
        column_spans=tuple(data["column_spans"]),
        parts=tuple(_table_from_json(part) for part in data["parts"]),
    )


# The printed wording (not translated: the national format's own words) --------

TABLE2_TITLE = "二、主动公开政府信息情况"
TABLE3_TITLE = "三、收到和处理政府信息公开申请情况"
TABLE4_TITLE = "四、政府信息公开行政复议、行政诉讼情况"

CONTENT_HEADING = "信息内容"
TABLE2_DOCUMENT_COLUMNS = ("本年制发件数", "本年废止件数", "现行有效件数")
DECISIONS_COLUMN = "本年处理决定数量"
FEES_COLUMN = "本年收费金额（单位：万元）"
DOCUMENT_ROWS = (("rules", Genre.RULE, "规章"), ("normative", Genre.NORMATIVE, "行政规范性文件"))
DECISION_ROWS = {
    DecisionKind.LICENCE: ("licensing", "行政许可"),
    DecisionKind.PENALTY: ("penalties", "行政处罚"),
    DecisionKind.COERCION: ("coercion", "行政强制"),
}
FEES_ROW = ("fees", "行政事业性收费")

# Table 三: columns in the order of ApplicantKind, then the total.
APPLICANT_COLUMNS = {
    ApplicantKind.NATURAL_PERSON: "自然人",
    ApplicantKind.COMMERCIAL: "商业企业",
    ApplicantKind.RESEARCH: "科研机构",
    ApplicantKind.PUBLIC_INTEREST: "社会公益组织",
    ApplicantKind.LEGAL_SERVICE: "法律服务机构",
    ApplicantKind.OTHER: "其他",
}
TOTAL = "总计"
TABLE3_RULE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

# The outcome rows (DOMAIN.md section 5): every OutcomeGroup is a numbered row
# (（一）…（六）); where a group has several outcomes, it is a heading and each
# outcome a sub-row (1., 2., …). Every Outcome has exactly one row.
OUTCOME_GROUP_ROWS = {
    OutcomeGroup.GRANTED: ("（一）", "予以公开"),
    OutcomeGroup.PARTIAL: ("（二）", "部分公开（区分处理的，只计这一情形，不计其他情形）"),
    OutcomeGroup.WITHHELD: ("（三）", "不予公开"),
    OutcomeGroup.UNAVAILABLE: ("（四）", "无法提供"),
    OutcomeGroup.NOT_HANDLED: ("（五）", "不予处理"),
    OutcomeGroup.OTHER: ("（六）", "其他处理"),
}
OUTCOME_ROWS = {
    Outcome.WITHHELD_STATE_SECRET: ("1.", "属于国家秘密"),
    Outcome.WITHHELD_PROHIBITED_BY_LAW: ("2.", "其他法律行政法规禁止公开"),
    Outcome.WITHHELD_SECURITY_STABILITY: ("3.", "危及“三安全一稳定”"),
    Outcome.WITHHELD_THIRD_PARTY: ("4.", "保护第三方合法权益"),
    Outcome.WITHHELD_INTERNAL_AFFAIRS: ("5.", "属于三类内部事务信息"),
    Outcome.WITHHELD_PROCESS_INFO: ("6.", "属于四类过程性信息"),
    Outcome.WITHHELD_ENFORCEMENT_FILE: ("7.", "属于行政执法案卷"),
    Outcome.WITHHELD_QUERY_MATTER: ("8.", "属于行政查询事项"),
    Outcome.UNAVAILABLE_NOT_HELD: ("1.", "本机关不掌握相关政府信息"),
    Outcome.UNAVAILABLE_NEEDS_COMPILING: ("2.", "没有现成信息需要另行制作"),
    Outcome.UNAVAILABLE_STILL_UNCLEAR: ("3.", "补正后申请内容仍不明确"),
    Outcome.NOT_HANDLED_PETITION: ("1.", "信访举报投诉类申请"),
    Outcome.NOT_HANDLED_REPEAT: ("2.", "重复申请"),
    Outcome.NOT_HANDLED_PUBLICATION: ("3.", "要求提供公开出版物"),
    Outcome.NOT_HANDLED_EXCESSIVE: ("4.", "无正当理由大量反复申请"),
    Outcome.NOT_HANDLED_CONFIRMATION: ("5.", "要求行政机关确认或重新出具已获取信息"),
    Outcome.OTHER_NO_CORRECTION: (
        "1.",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    Outcome.OTHER_FEE_UNPAID: (
        "2.",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    Outcome.OTHER_OTHER: ("3.", "其他"),
}
RECEIVED_ROW = ("received", "一、", "本年新收政府信息公开申请数量")
CARRIED_OVER_ROW = ("carried_over", "二、", "上年结转政府信息公开申请数量")
RESULTS_ROW = ("results", "三、", "本年度办理结果")
OUTCOME_TOTAL_ROW = ("outcome_total", "（七）", "总计")
CARRIED_FORWARD_ROW = ("carried_forward", "四、", "结转下年度继续办理")

# Table 四: three blocks of five columns.
REVIEW_BLOCKS = (
    ReviewKind.RECONSIDERATION,
    ReviewKind.LITIGATION_DIRECT,
    ReviewKind.LITIGATION_AFTER_RECONSIDERATION,
)
REVIEW_RESULT_COLUMNS = (
    (ReviewResult.UPHELD, "结果维持"),
    (ReviewResult.CORRECTED, "结果纠正"),
    (ReviewResult.OTHER, "其他结果"),
    (ReviewResult.PENDING, "尚未审结"),
)
REVIEW_ROW_KEY = "cases"


def outcome_row_key(outcome) -> str:
    return f"outcome:{Outcome(outcome).value}"


def _outcome_label(outcome: Outcome) -> tuple[str, str, int]:
    """(number, label, level) of the row of ``outcome``."""
    group = OutcomeGroup(outcome.group)
    if outcome in OUTCOME_ROWS:
        number, label = OUTCOME_ROWS[outcome]
        return number, label, 2
    number, label = OUTCOME_GROUP_ROWS[group]
    return number, label, 1


def _year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


# Table 二 --------------------------------------------------------------------


def table2(agency_ids, year: int, fee_revenue=None) -> Table:
    """二、主动公开政府信息情况: four blocks, as ``parts``."""
    first, last = _year_bounds(year)
    in_year = Q(date_made__range=(first, last))
    ended = Q(validity__in=[Validity.REPEALED, Validity.EXPIRED])
    documents = {
        row["genre"]: row
        for row in CatalogEntry.objects.published()
        .filter(agency__in=agency_ids, genre__in=[Genre.RULE, Genre.NORMATIVE])
        .values("genre")
        .annotate(
            made=Count("pk", filter=in_year),
            repealed=Count("pk", filter=ended & Q(validity_changed_on__range=(first, last))),
            in_force=Count(
                "pk",
                filter=Q(date_made__lte=last)
                & (Q(validity=Validity.VALID) | Q(validity_changed_on__gt=last)),
            ),
        )
        .order_by()
    }
    decisions = dict(
        DecisionRecord.objects.published()
        .filter(agency__in=agency_ids, decided_on__range=(first, last))
        .values("kind")
        .annotate(count=Count("pk"))
        .values_list("kind", "count")
        .order_by()
    )

    def document_row(key, genre, label):
        found = documents.get(genre, {})
        cells = tuple(found.get(name, 0) for name in ("made", "repealed", "in_force"))
        return Row(key, "", label, cells)

    def decision_row(kind):
        key, label = DECISION_ROWS[kind]
        return Row(key, "", label, (decisions.get(kind, 0),))

    parts = (
        _table2_part(
            "table2.documents",
            "第二十条第（一）项",
            TABLE2_DOCUMENT_COLUMNS,
            tuple(document_row(*spec) for spec in DOCUMENT_ROWS),
        ),
        _table2_part(
            "table2.licensing",
            "第二十条第（五）项",
            (DECISIONS_COLUMN,),
            (decision_row(DecisionKind.LICENCE),),
        ),
        _table2_part(
            "table2.enforcement",
            "第二十条第（六）项",
            (DECISIONS_COLUMN,),
            (decision_row(DecisionKind.PENALTY), decision_row(DecisionKind.COERCION)),
        ),
        _table2_part(
            "table2.fees",
            "第二十条第（八）项",
            (FEES_COLUMN,),
            (Row(FEES_ROW[0], "", FEES_ROW[1], (_decimal_or_none(fee_revenue),)),),
        ),
    )
    return Table(
        key="table2",
        title=TABLE2_TITLE,
        columns=(),
        header_rows=(),
        rows=tuple(row for part in parts for row in part.rows),
        label_columns=1,
        parts=parts,
    )


def _table2_part(key, title, columns, rows) -> Table:
    spans = (1,) * len(columns) if len(columns) == len(TABLE2_DOCUMENT_COLUMNS) else (3,)
    return Table(
        key=key,
        title=title,
        columns=columns,
        header_rows=(
            (
                HeaderCell(CONTENT_HEADING),
                *(HeaderCell(text, span) for text, span in zip(columns, spans, strict=True)),
            ),
        ),
        rows=rows,
        label_columns=1,
        column_spans=spans,
    )


def _decimal_or_none(value):
    return None if value is None else Decimal(value)


# Table 三 --------------------------------------------------------------------

TABLE3_COLUMNS = (*APPLICANT_COLUMNS.values(), TOTAL)
TABLE3_HEADER = (
    (HeaderCell(TABLE3_RULE_NOTE, 3, 3), HeaderCell("申请人情况", 7, 1)),
    (
        HeaderCell(APPLICANT_COLUMNS[ApplicantKind.NATURAL_PERSON], 1, 2),
        HeaderCell("法人或其他组织", 5, 1),
        HeaderCell(TOTAL, 1, 2),
    ),
    tuple(HeaderCell(label) for kind, label in APPLICANT_COLUMNS.items() if kind.is_organisation),
)


def _by_kind(counts: dict) -> tuple[int, ...]:
    """Numbers in column order from {applicant kind: count}, with the total."""
    values = [counts.get(kind, 0) for kind in APPLICANT_COLUMNS]
    return (*values, sum(values))


def table3(agency_ids, year: int) -> tuple[Table, ConsistencyCheck]:
    """三、收到和处理政府信息公开申请情况, and its rule."""
    first, last = _year_bounds(year)
    requests = InformationRequest.objects.filter(agency__in=agency_ids)
    open_on_first = Q(closed_on__isnull=True) | Q(closed_on__gte=first)
    flows = {
        row["applicant_kind"]: row
        for row in requests.filter(received_on__isnull=False, received_on__lte=last)
        # Requests closed before the year began count in no column: leaving them
        # out keeps the scan to the year's requests and those still open.
        .filter(Q(received_on__gte=first) | open_on_first)
        .values("applicant_kind")
        .annotate(
            received=Count("pk", filter=Q(received_on__gte=first)),
            carried_over=Count("pk", filter=Q(received_on__lt=first) & open_on_first),
            carried_forward=Count("pk", filter=Q(closed_on__isnull=True) | Q(closed_on__gt=last)),
        )
        .order_by()
    }
    closed = {}
    for kind, outcome, count in (
        requests.filter(closed_on__range=(first, last))
        .exclude(outcome="")
        .values("applicant_kind", "outcome")
        .annotate(count=Count("pk"))
        .values_list("applicant_kind", "outcome", "count")
        .order_by()
    ):
        closed.setdefault(outcome, {})[kind] = count

    def flow(name):
        return _by_kind({kind: row[name] for kind, row in flows.items()})

    outcome_rows = _outcome_rows(closed)
    outcome_total = tuple(
        sum(row.cells[i] for row in outcome_rows if not row.is_group)
        for i in range(len(TABLE3_COLUMNS))
    )
    received, carried_over, carried_forward = (
        flow("received"),
        flow("carried_over"),
        flow("carried_forward"),
    )
    blank = (None,) * len(TABLE3_COLUMNS)
    rows = (
        Row(*RECEIVED_ROW, received),
        Row(*CARRIED_OVER_ROW, carried_over),
        Row(*RESULTS_ROW, blank, 0, True),
        *outcome_rows,
        Row(*OUTCOME_TOTAL_ROW, outcome_total, 1),
        Row(*CARRIED_FORWARD_ROW, carried_forward),
    )
    table = Table(
        key="table3",
        title=TABLE3_TITLE,
        columns=TABLE3_COLUMNS,
        header_rows=TABLE3_HEADER,
        rows=rows,
        label_columns=3,
    )
    return table, check_table3(table)


def _outcome_rows(closed: dict) -> list[Row]:
    """The rows （一）…（六）, with headings over groups of several outcomes."""
    blank = (None,) * len(TABLE3_COLUMNS)
    rows = []
    for group in OutcomeGroup:
        outcomes = [outcome for outcome in Outcome if outcome.group == group.value]
        if len(outcomes) > 1:
            number, label = OUTCOME_GROUP_ROWS[group]
            rows.append(Row(f"group:{group.value}", number, label, blank, 1, True))
        for outcome in outcomes:
            number, label, level = _outcome_label(outcome)
            cells = _by_kind(closed.get(outcome.value, {}))
            rows.append(Row(outcome_row_key(outcome), number, label, cells, level))
    return rows


def check_table3(table: Table) -> ConsistencyCheck:
    """Row 一 + row 二 = row 三（七） + row 四, column by column."""
    broken = []
    for index, column in enumerate(table.columns):
        left = table.cell("received", index) + table.cell("carried_over", index)
        right = table.cell("outcome_total", index) + table.cell("carried_forward", index)
        if left != right:
            broken.append(BrokenCell(column, left, right))
    return ConsistencyCheck(holds=not broken, broken=tuple(broken))


# Table 四 --------------------------------------------------------------------

TABLE4_COLUMNS = tuple(
    label for _kind in REVIEW_BLOCKS for label in (*dict(REVIEW_RESULT_COLUMNS).values(), TOTAL)
)
TABLE4_HEADER = (
    (HeaderCell("行政复议", 5, 1), HeaderCell("行政诉讼", 10, 1)),
    (
        *(HeaderCell(label, 1, 2) for _result, label in REVIEW_RESULT_COLUMNS),
        HeaderCell(TOTAL, 1, 2),
        HeaderCell("未经复议直接起诉", 5, 1),
        HeaderCell("复议后起诉", 5, 1),
    ),
    tuple(
        HeaderCell(label)
        for _block in REVIEW_BLOCKS[1:]
        for label in (*dict(REVIEW_RESULT_COLUMNS).values(), TOTAL)
    ),
)


def table4(agency_ids, year: int) -> Table:
    """四、政府信息公开行政复议、行政诉讼情况: one row of fifteen numbers."""
    first, last = _year_bounds(year)
    decided_by_year_end = Q(decided_on__lte=last)
    still_pending = Q(result=ReviewResult.PENDING) | Q(decided_on__gt=last)
    counts = {
        row["kind"]: row
        for row in ReviewCase.objects.filter(
            request__agency__in=agency_ids, filed_on__range=(first, last)
        )
        .values("kind")
        .annotate(
            upheld=Count("pk", filter=Q(result=ReviewResult.UPHELD) & decided_by_year_end),
            corrected=Count("pk", filter=Q(result=ReviewResult.CORRECTED) & decided_by_year_end),
            other=Count("pk", filter=Q(result=ReviewResult.OTHER) & decided_by_year_end),
            pending=Count("pk", filter=still_pending),
            total=Count("pk"),
        )
        .order_by()
    }
    names = ("upheld", "corrected", "other", "pending", "total")
    cells = tuple(counts.get(kind, {}).get(name, 0) for kind in REVIEW_BLOCKS for name in names)
    return Table(
        key="table4",
        title=TABLE4_TITLE,
        columns=TABLE4_COLUMNS,
        header_rows=TABLE4_HEADER,
        rows=(Row(REVIEW_ROW_KEY, "", "", cells),),
        label_columns=0,
    )


# All three -------------------------------------------------------------------


def compute(agency_ids, year: int, fee_revenue=None) -> ReportTables:
    """Tables 二, 三 and 四 of ``agency_ids`` (pks, or a queryset of agencies) for ``year``."""
    table3_, check = table3(agency_ids, year)
    return ReportTables(
        year=year,
        table2=table2(agency_ids, year, fee_revenue),
        table3=table3_,
        table4=table4(agency_ids, year),
        check=check,
    )


def combined(agency, year: int) -> ReportTables:
    """The summary of ``agency`` and every agency below it: a summary, not a statutory
    report. Its fee revenue is the sum of the figures the agencies' published reports
    hold (blank if none holds one): drafts are not public figures."""
    from catalog import reference
    from reports.models import AnnualReport

    # A list of ids, not a subquery: the planner then uses the agency indexes of
    # the requests (six times faster on the province's combined figures).
    agencies = reference.agency_subtree_ids(agency)
    fees = (
        AnnualReport.objects.published()
        .filter(agency__in=agencies, year=year)
        .aggregate(total=Sum("fee_revenue"))
        .get("total")
    )
    return compute(agencies, year, fee_revenue=fees)


# A plain HTML rendering --------------------------------------------------------
# For staff screens and as the fallback body of the catalogue entry; the public
# pages print the tables with their own templates (``templates/reports/``).


def _number(value) -> str:
    """A figure as printed: blank for None, 万元 without trailing zeros."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _header_row_html(cells, scope="col"):
    return format_html(
        "<tr>{}</tr>",
        format_html_join(
            "",
            '<th scope="{}" colspan="{}" rowspan="{}">{}</th>',
            (
                ("colgroup" if cell.colspan > 1 else scope, cell.colspan, cell.rowspan, cell.text)
                for cell in cells
            ),
        ),
    )


def _body_rows_html(table: Table):
    rows = []
    for printed in table.printed_rows():
        labels = format_html_join(
            "",
            '<th scope="row" colspan="{}" rowspan="{}">{}</th>',
            ((cell.colspan, cell.rowspan, cell.text) for cell in printed.label_cells),
        )
        numbers = format_html_join(
            "",
            '<td colspan="{}">{}</td>',
            zip(table.spans, (_number(v) for v in printed.row.cells), strict=True),
        )
        rows.append(format_html("<tr>{}{}</tr>", labels, numbers))
    return mark_safe("".join(rows))  # noqa: S308 - each row is built by format_html


def table_html(table: Table):
    """One table as plain, accessible HTML (merged cells as in the national format)."""
    if table.parts:
        bodies = format_html_join(
            "",
            '<tbody><tr><th scope="rowgroup" colspan="{}">{}</th></tr>{}{}</tbody>',
            (
                (
                    part.width,
                    part.title,
                    mark_safe("".join(_header_row_html(r) for r in part.header_rows)),  # noqa: S308
                    _body_rows_html(part),
                )
                for part in table.parts
            ),
        )
        return format_html(
            '<table class="report-table" id="{}"><caption>{}</caption>{}</table>',
            table.key,
            table.title,
            bodies,
        )
    head = mark_safe("".join(_header_row_html(r) for r in table.header_rows))  # noqa: S308
    return format_html(
        '<table class="report-table" id="{}"><caption>{}</caption>'
        "<thead>{}</thead><tbody>{}</tbody></table>",
        table.key,
        table.title,
        head,
        _body_rows_html(table),
    )


def tables_html(report_tables: ReportTables):
    """Tables 二, 三 and 四 one after the other."""
    return mark_safe("".join(table_html(t) for t in report_tables.all()))  # noqa: S308

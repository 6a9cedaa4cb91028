"""How completely each agency discloses the four clearances (四清理四公开).

The one place that scores an agency's disclosure of each of the four areas;
the overview pages show the scores and the scoreboard reuses them. It works
over many agencies at once with a fixed number of aggregate queries (five),
whatever the number of agencies or items.

The rules (DOMAIN.md section 2):

- Department powers (部门职权): the share of five checks met by the agency:
  its functions (职责) are written; its internal structure (机构设置) is
  written; at least one authorised staffing quota (人员编制) is given; it has
  departments and every one of them has its duties (职责分工); at least one
  workflow (工作流程) has steps.
- Enforcement items (执法事项): the share of the agency's published power
  items in force of the enforcement kinds (``ENFORCEMENT_KINDS``) that give
  their legal basis, at least one process step, a remedy channel (the
  reconsideration body or the court), a supervision channel and, for a
  penalty, at least one responsibility step (责任事项).
- Administrative approvals (行政审批事项): the same share for the licensing
  items, which need the legal basis, a process step, a remedy channel and a
  supervision channel, and also the conditions, the application materials,
  the statutory and the promised time limit.
- Fees (收费项目和标准): the share of the published current fee items
  (collected or suspended) that give their legal basis, the approving
  document and an amount, a range or the standard in words.

An area with nothing published (no item; for department powers, no check
met) is "not published": never 0 % and never 100 %. A percentage is rounded
down, so 100 % means everything is there. Each score lists what is missing
as short translated labels, with the number of items lacking it.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from catalog.models import (
    APPROVAL_KINDS,
    ENFORCEMENT_KINDS,
    Agency,
    ClearanceArea,
    Department,
    FeeItem,
    PowerItem,
    PowerItemStep,
    PowerKind,
    PowerResponsibility,
    StaffingQuota,
    Workflow,
    WorkflowStep,
)


@dataclass(frozen=True)
class Gap:
    """Something an area lacks; ``count`` is how many items lack it (None for a single check)."""

    label: str  # lazily translated
    count: int | None = None


@dataclass(frozen=True)
class AreaScore:
    """How complete one area of one agency is: ``met`` of ``total`` checks or items."""

    area: ClearanceArea
    met: int = 0
    total: int = 0
    missing: list[Gap] = field(default_factory=list)

    @property
    def is_published(self) -> bool:
        # Department powers always have five checks: nothing met means nothing published.
        if self.area == ClearanceArea.POWERS:
            return self.met > 0
        return self.total > 0

    @property
    def percent(self) -> int | None:
        """The share met in whole percent, rounded down; None when nothing is published."""
        if not self.is_published:
            return None
        return self.met * 100 // self.total

    @property
    def is_complete(self) -> bool:
        return self.is_published and self.met == self.total


@dataclass(frozen=True)
class Check:
    """One condition an item (or an agency) must meet, with the label shown when it fails."""

    key: str
    label: str
    condition: Q


def _text(name: str) -> Q:
    return ~Q(**{name: ""})


def _given(name: str) -> Q:
    return Q(**{f"{name}__isnull": False})


_LEGAL_BASIS = Check("legal_basis", _("legal basis"), _text("legal_basis"))
_PROCESS = Check("process", _("process steps"), Q(has_steps=True))
_REMEDY = Check(
    "remedy", _("remedy channel"), _text("reconsideration_body") | _text("litigation_court")
)
_SUPERVISION = Check("supervision", _("supervision channel"), _text("supervision"))

ITEM_CHECKS: dict[ClearanceArea, list[Check]] = {
    ClearanceArea.ENFORCEMENT: [
        _LEGAL_BASIS,
        _PROCESS,
        _REMEDY,
        _SUPERVISION,
        Check(
            "responsibilities",
            _("responsibility steps (penalties)"),
            ~Q(kind=PowerKind.PENALTY) | Q(has_responsibilities=True),
        ),
    ],
    ClearanceArea.APPROVAL: [
        _LEGAL_BASIS,
        _PROCESS,
        _REMEDY,
        _SUPERVISION,
        Check("conditions", _("conditions"), _text("conditions")),
        Check("materials", _("application materials"), _text("materials")),
        Check("statutory_days", _("statutory time limit"), _given("statutory_days")),
        Check("promised_days", _("promised time limit"), _given("promised_days")),
    ],
    ClearanceArea.FEES: [
        _LEGAL_BASIS,
        Check("approving_document", _("approving document"), _text("approving_document")),
        Check(
            "standard",
            _("amount or standard"),
            _given("amount") | _given("amount_min") | _given("amount_max") | _text("standard"),
        ),
    ],
}

POWERS_LABELS = {
    "functions": _("functions"),
    "structure": _("internal structure"),
    "staffing": _("staffing quotas"),
    "duties": _("duties of every department"),
    "workflows": _("workflows with steps"),
}

ITEM_AREAS = (ClearanceArea.ENFORCEMENT, ClearanceArea.APPROVAL)
AREA_OF_KIND = {
    **dict.fromkeys(ENFORCEMENT_KINDS, ClearanceArea.ENFORCEMENT),
    **dict.fromkeys(APPROVAL_KINDS, ClearanceArea.APPROVAL),
}


def _all_of(checks: list[Check]) -> Q:
    condition = Q()
    for check in checks:
        condition &= check.condition
    return condition


def _tallies(rows, checks: list[Check], complete_key: str) -> tuple[int, int, dict]:
    """Sum aggregate rows into (complete, total, {check key: items lacking it})."""
    met = sum(row[complete_key] for row in rows)
    total = sum(row["total"] for row in rows)
    lacking = {check.key: sum(row[f"lacks_{check.key}"] for row in rows) for check in checks}
    return met, total, lacking


def _item_score(area, checks, met, total, lacking) -> AreaScore:
    missing = [Gap(c.label, lacking[c.key]) for c in checks if lacking.get(c.key)]
    return AreaScore(area, met, total, missing)


def _power_item_rows(agency_ids) -> dict[int, dict[ClearanceArea, list[dict]]]:
    """One aggregate query: per agency and kind, the items and how many lack each check."""
    checks = {check.key: check for area in ITEM_AREAS for check in ITEM_CHECKS[area]}
    rows = (
        PowerItem.objects.listed()
        .filter(agency__in=agency_ids, kind__in=list(AREA_OF_KIND))
        .annotate(
            has_steps=Exists(PowerItemStep.objects.filter(power_item=OuterRef("pk"))),
            has_responsibilities=Exists(
                PowerResponsibility.objects.filter(power_item=OuterRef("pk"))
            ),
        )
        .values("agency_id", "kind")
        .annotate(
            total=Count("pk"),
            **{
                f"complete_{area.value}": Count("pk", filter=_all_of(ITEM_CHECKS[area]))
                for area in ITEM_AREAS
            },
            **{
                f"lacks_{key}": Count("pk", filter=~check.condition)
                for key, check in checks.items()
            },
        )
        .order_by()
    )
    grouped: dict[int, dict[ClearanceArea, list[dict]]] = {}
    for row in rows:
        area = AREA_OF_KIND[row["kind"]]
        grouped.setdefault(row["agency_id"], {}).setdefault(area, []).append(row)
    return grouped


def _fee_rows(agency_ids) -> dict[int, dict]:
    checks = ITEM_CHECKS[ClearanceArea.FEES]
    rows = (
        FeeItem.objects.listed()
        .filter(agency__in=agency_ids)
        .values("agency_id")
        .annotate(
            total=Count("pk"),
            complete_fees=Count("pk", filter=_all_of(checks)),
            **{f"lacks_{check.key}": Count("pk", filter=~check.condition) for check in checks},
        )
        .order_by()
    )
    return {row["agency_id"]: row for row in rows}


def _counts(queryset, agency_ids) -> dict[int, int]:
    rows = (
        queryset.filter(agency__in=agency_ids)
        .values("agency_id")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    return {row["agency_id"]: row["n"] for row in rows}


def _department_rows(agency_ids) -> dict[int, tuple[int, int]]:
    rows = (
        Department.objects.filter(agency__in=agency_ids)
        .values("agency_id")
        .annotate(total=Count("pk"), without_duties=Count("pk", filter=Q(duties="")))
        .order_by()
    )
    return {row["agency_id"]: (row["total"], row["without_duties"]) for row in rows}


def _powers_score(agency, quotas: int, departments: tuple[int, int], workflows: int):
    total_departments, without_duties = departments
    checks = {
        "functions": bool(agency.functions.strip()),
        "structure": bool(agency.structure.strip()),
        "staffing": quotas > 0,
        "duties": total_departments > 0 and without_duties == 0,
        "workflows": workflows > 0,
    }
    missing = []
    for key, met in checks.items():
        if met:
            continue
        count = without_duties if key == "duties" and without_duties else None
        missing.append(Gap(POWERS_LABELS[key], count))
    return AreaScore(ClearanceArea.POWERS, sum(checks.values()), len(checks), missing)


def area_completeness(agencies: Iterable[Agency]) -> dict[int, dict[ClearanceArea, AreaScore]]:
    """``{agency id: {area: AreaScore}}`` for every agency given, in five queries.

    ``agencies`` are Agency instances (their functions and structure are read
    from them); a queryset is evaluated once.
    """
    agencies = list(agencies)
    ids = [agency.pk for agency in agencies]
    if not ids:
        return {}
    quotas = _counts(StaffingQuota.objects.all(), ids)
    departments = _department_rows(ids)
    workflows = _counts(
        Workflow.objects.filter(Exists(WorkflowStep.objects.filter(workflow=OuterRef("pk")))),
        ids,
    )
    power_rows = _power_item_rows(ids)
    fee_rows = _fee_rows(ids)

    scores = {}
    for agency in agencies:
        areas = {
            ClearanceArea.POWERS: _powers_score(
                agency,
                quotas.get(agency.pk, 0),
                departments.get(agency.pk, (0, 0)),
                workflows.get(agency.pk, 0),
            )
        }
        for area in ITEM_AREAS:
            checks = ITEM_CHECKS[area]
            rows = power_rows.get(agency.pk, {}).get(area, [])
            areas[area] = _item_score(
                area, checks, *_tallies(rows, checks, f"complete_{area.value}")
            )
        fee_row = fee_rows.get(agency.pk)
        fee_checks = ITEM_CHECKS[ClearanceArea.FEES]
        areas[ClearanceArea.FEES] = _item_score(
            ClearanceArea.FEES,
            fee_checks,
            *_tallies([fee_row] if fee_row else [], fee_checks, "complete_fees"),
        )
        scores[agency.pk] = {area: areas[area] for area in ClearanceArea}
    return scores


def agency_completeness(agency: Agency) -> dict[ClearanceArea, AreaScore]:
    """The four scores of one agency."""
    return area_completeness([agency])[agency.pk]

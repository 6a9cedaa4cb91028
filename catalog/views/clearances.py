"""The four clearances (四清理四公开): the overview of every agency and one agency's areas.

How complete each area is comes from ``catalog.completeness``, the one place
that scores it; both pages run a fixed number of queries whatever the number
of agencies, items or decisions.
"""

from dataclasses import dataclass

from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from catalog import reference
from catalog.completeness import AreaScore, agency_completeness, area_completeness
from catalog.filters import tree_ordered
from catalog.models import (
    DECISION_KIND_FOR_POWER,
    KINDS_BY_AREA,
    Agency,
    CatalogEntry,
    ClearanceArea,
    DecisionKind,
    DecisionRecord,
    FeeItem,
    PowerItem,
    PowerKind,
)
from pagecache.versions import memoized

LATEST_ITEMS = 5
LATEST_DECISIONS = 5
LATEST_ENTRIES = 5
ITEM_LISTS = {
    ClearanceArea.ENFORCEMENT: "catalog:enforcement_list",
    ClearanceArea.APPROVAL: "catalog:approval_list",
}


def clearance_crumbs(*tail):
    return [
        (_("Home"), reverse("catalog:home")),
        (_("Four clearances"), reverse("catalog:clearances") if tail else None),
        *tail,
    ]


def list_url(name: str, **params) -> str:
    """A public list narrowed by query parameters (empty ones left out)."""
    query = urlencode({key: value for key, value in params.items() if value})
    return f"{reverse(name)}?{query}" if query else reverse(name)


# The overview of all agencies -------------------------------------------


@dataclass
class OverviewRow:
    agency: Agency
    depth: int
    scores: list[AreaScore]
    decisions: int


def overview_rows() -> list[OverviewRow]:
    """Every agency in tree order with its four scores and its decisions in the public lists."""
    tree = tree_ordered(reference.agencies())
    scores = area_completeness(agency for _depth, agency in tree)
    decisions = dict(
        DecisionRecord.objects.listed()
        .values("agency_id")
        .annotate(n=Count("pk"))
        .values_list("agency_id", "n")
        .order_by()
    )
    return [
        OverviewRow(
            agency=agency,
            depth=depth,
            scores=[scores[agency.pk][area] for area in ClearanceArea],
            decisions=decisions.get(agency.pk, 0),
        )
        for depth, agency in tree
    ]


def overview(request):
    # Computed once per version of the catalogue and day (decisions leave the
    # public lists when their publication period ends).
    today = timezone.localdate()
    rows = memoized("catalog", "clearance-overview", overview_rows, vary=today)
    return render(
        request,
        "catalog/clearances/overview.html",
        {
            "rows": rows,
            "today": today,
            "areas": list(ClearanceArea),
            "breadcrumbs": clearance_crumbs(),
        },
    )


# One agency's four areas ---------------------------------------------------


@dataclass
class ItemArea:
    """The power items and decisions of the enforcement or the approvals area of an agency."""

    kinds: list[dict]
    latest_items: list[PowerItem]
    latest_decisions: list[DecisionRecord]
    decision_links: list[dict]
    list_url: str


def _decision_kinds(area) -> list[DecisionKind]:
    return [DECISION_KIND_FOR_POWER[k] for k in KINDS_BY_AREA[area] if k in DECISION_KIND_FOR_POWER]


def _item_area(agency, area, power_items, kind_counts, decisions) -> ItemArea:
    list_name = ITEM_LISTS[area]
    decision_kinds = _decision_kinds(area)
    return ItemArea(
        kinds=[
            {
                "kind": kind,
                "label": PowerKind(kind).label,
                "count": kind_counts.get(kind, 0),
                "url": list_url(list_name, agency=agency.slug, kind=kind),
            }
            for kind in KINDS_BY_AREA[area]
        ],
        latest_items=list(
            power_items.in_area(area).order_by("-published_at", "-pk")[:LATEST_ITEMS]
        ),
        latest_decisions=list(decisions.filter(kind__in=decision_kinds)[:LATEST_DECISIONS]),
        decision_links=[
            {
                "label": DecisionKind(kind).label,
                "url": list_url("catalog:decision_list", agency=agency.slug, kind=kind),
            }
            for kind in decision_kinds
        ],
        list_url=list_url(list_name, agency=agency.slug),
    )


def _tagged_entries(agency) -> dict[str, dict]:
    """Per area: the latest listed catalogue entries of the agency tagged with its aspects."""
    listed = CatalogEntry.objects.listed().filter(agency=agency)
    return {
        area.value: {
            "entries": list(listed.in_clearance_area(area.value)[:LATEST_ENTRIES]),
            "url": list_url("catalog:entry_list", aspect=area.value, agency=agency.slug),
        }
        for area in ClearanceArea
    }


def agency_overview(request, slug):
    agency = get_object_or_404(Agency.objects.select_related("parent"), slug=slug)
    power_items = PowerItem.objects.listed().filter(agency=agency)
    kind_counts = dict(
        power_items.values("kind").annotate(n=Count("pk")).values_list("kind", "n").order_by()
    )
    decisions = DecisionRecord.objects.listed().filter(agency=agency).with_list_data()
    fees = list(FeeItem.objects.listed().filter(agency=agency))
    return render(
        request,
        "catalog/clearances/agency_overview.html",
        {
            "agency": agency,
            "scores": {area.value: score for area, score in agency_completeness(agency).items()},
            "tagged": _tagged_entries(agency),
            "quotas": list(agency.staffing_quotas.all()),
            "departments": list(agency.departments.all()),
            "workflows": list(agency.workflows.all()),
            "enforcement": _item_area(
                agency, ClearanceArea.ENFORCEMENT, power_items, kind_counts, decisions
            ),
            "approval": _item_area(
                agency, ClearanceArea.APPROVAL, power_items, kind_counts, decisions
            ),
            "fees": fees,
            # Published fee items that are not current are the abolished ones.
            "abolished_fees": FeeItem.objects.published().filter(agency=agency).count() - len(fees),
            "fee_list_url": list_url("catalog:fee_item_list", agency=agency.slug),
            "children": list(agency.children.in_tree_order()),
            "breadcrumbs": clearance_crumbs((agency.name, None)),
        },
    )

"""The catalogue's operations: agencies, topics, entries, power and fee items,
published decisions and disclosure guides.

Every list starts from the queryset its public page starts from
(``CatalogEntry.objects.visible_to(AnonymousUser())``, ``DecisionRecord.objects.
listed()``, ...), so the API shows nothing the pages do not. The catalogue's facets
are the page's own filter set (``catalog.filters.EntryFilter``), so the same
parameters select the same entries and give the same count.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query

from catalog import reference
from catalog.filters import EntryFilter
from catalog.models import (
    Agency,
    CatalogEntry,
    DecisionRecord,
    DisclosureGuide,
    FeeItem,
    PowerItem,
)
from catalog.models.entries import CatalogEntryQuerySet
from catalog.search import engine
from catalog.views.entries import clusters_in_time, topic_tree
from opendata.api import BadRequest, api, keyset_page
from opendata.schemas import (
    AgencyOut,
    AgencyPaging,
    DecisionOut,
    DecisionPage,
    EntryDetailOut,
    EntryFilters,
    EntryPage,
    FeeItemPage,
    GuideOut,
    PowerItemPage,
    Problem,
    TopicOut,
)

ERRORS = {400: Problem, 422: Problem, 429: Problem}
ENTRY_ORDER = ("-published_at", "-pk")
ID_ORDER = ("id", "pk")


def _url(request, obj) -> str:
    return request.build_absolute_uri(obj.get_absolute_url())


def _money(value) -> str | None:
    return None if value is None else format(value, "f")


# Agencies and topics ------------------------------------------------------------------


@api.get("/agencies", response={200: list[AgencyOut], **ERRORS}, tags=["catalogue"])
def agencies(request):
    """Every agency, in tree order (province, cities, counties), with parent and children."""
    nodes = reference.agencies()
    children = {}
    for agency in nodes:
        children.setdefault(agency.parent_id, []).append(agency.pk)
    return [
        AgencyOut(
            id=agency.pk,
            slug=agency.slug,
            name=agency.name,
            short_name=agency.short_name,
            level=agency.level,
            parent=agency.parent_id,
            children=children.get(agency.pk, []),
            url=_url(request, agency),
        )
        for agency in nodes
    ]


def _topic_rows(nodes, rows):
    for node in nodes:
        rows.append(
            TopicOut(
                id=node.topic.pk,
                slug=node.topic.slug,
                name=node.topic.name,
                parent=node.topic.parent_id,
                children=[child.topic.pk for child in node.children],
                entries=node.count,
            )
        )
        _topic_rows(node.children, rows)
    return rows


@api.get("/topics", response={200: list[TopicOut], **ERRORS}, tags=["catalogue"])
def topics(request):
    """The subject classification, depth first, with the public entries of each subtree."""
    return _topic_rows(topic_tree(AnonymousUser()), [])


def _agency(slug):
    agency = next((a for a in reference.agencies() if a.slug == slug), None)
    if agency is None:
        raise BadRequest(
            _("There is no such agency."),
            errors=[{"parameter": "agency", "message": _("Unknown agency slug.")}],
            status=422,
        )
    return agency


# Catalogue entries ------------------------------------------------------------------


def _entry(request, entry) -> dict:
    return {
        "index_number": entry.index_number,
        "title": entry.title,
        "document_number": entry.document_number,
        "agency": entry.agency.slug,
        "agency_name": entry.agency.name,
        "topic": entry.topic.slug if entry.topic_id else None,
        "genre": entry.genre,
        "date_made": entry.date_made,
        "published_at": entry.published_at,
        "validity": entry.validity,
        "disclosure_mode": entry.disclosure_mode,
        "url": _url(request, entry),
    }


def _entry_count(filterset) -> tuple[int, bool]:
    """The catalogue page's total for these filters (``catalog.views.entries.entry_list``)."""
    count = filterset.count_from_summaries(AnonymousUser())
    if count is None and filterset.has_keywords():
        count = filterset.qs.order_by()[: engine.COUNT_LIMIT + 1].count()
        return min(count, engine.COUNT_LIMIT), count <= engine.COUNT_LIMIT
    if count is None:
        count = filterset.qs.count()
    return count, True


def entry_filterset(filters: EntryFilters) -> EntryFilter:
    """The catalogue page's filter set bound to the API's parameters; a refused value
    (an unknown agency or topic) is an error here, where the page only leaves it out."""
    data = {
        name: str(value)
        for name, value in filters.dict(exclude={"limit", "cursor"}).items()
        if value is not None
    }
    visible = (
        CatalogEntry.objects.visible_to(AnonymousUser())
        .select_related("agency", "topic")
        .only(*CatalogEntryQuerySet.LIST_FIELDS, "genre", "agency__name", "topic__slug")
    )
    filterset = EntryFilter(data or None, queryset=visible)
    if filterset.is_bound and not filterset.form.is_valid():
        raise BadRequest(
            _("One or more parameters are not valid; see “errors”."),
            errors=[
                {"parameter": name, "message": " ".join(messages)}
                for name, messages in filterset.form.errors.items()
            ],
            status=422,
        )
    return filterset


@api.get("/entries", response={200: EntryPage, **ERRORS}, tags=["catalogue"])
def entries(request, filters: Query[EntryFilters]):
    """Catalogue entries, newest published first, with the catalogue page's facets.

    `agency` and `topic` include their subtrees; `q` is the site search's keyword
    match. `count` is the page's total (from the summary tables; a keyword search
    counts up to 1000).
    """
    filterset = entry_filterset(filters)
    count, exact = _entry_count(filterset)
    page = keyset_page(
        request,
        filterset.qs,
        ENTRY_ORDER,
        filters,
        _entry,
        filter_first=clusters_in_time(filterset, count),
    )
    return {"count": count, "count_exact": exact, **page}


@api.get(
    "/entries/{path:index_number}",
    response={200: EntryDetailOut, 404: Problem, 429: Problem},
    tags=["catalogue"],
)
def entry(request, index_number: str):
    """One entry by its index number (索引号)."""
    entry = (
        CatalogEntry.objects.visible_to(AnonymousUser())
        .select_related("agency", "topic")
        .filter(index_number=index_number)
        .first()
    )
    if entry is None:
        raise Http404(_("No catalogue entry has this index number."))
    shows = entry.shows_content
    return {
        **_entry(request, entry),
        "summary": entry.summary,
        "keywords": entry.keyword_list,
        "body": entry.body if shows else "",
        "effective_from": entry.effective_from,
        "clearance_aspect": entry.clearance_aspect,
        "attachments": [_url(request, a) for a in entry.attachments.all()] if shows else [],
    }


# The four clearances ----------------------------------------------------------------


def _in_agency_tree(queryset, paging):
    if paging.agency:
        return queryset.filter(agency__in=reference.agency_subtree_ids(_agency(paging.agency)))
    return queryset


def _power_item(request, item) -> dict:
    return {
        "id": item.pk,
        "code": item.code,
        "name": item.name,
        "kind": item.kind,
        "sub_item": item.sub_item,
        "agency": item.agency.slug,
        "implementing_body": item.implementing_body,
        "legal_basis": item.basis_lines,
        "conditions": item.conditions,
        "materials": item.material_lines,
        "statutory_days": item.statutory_days,
        "promised_days": item.promised_days,
        "power_status": item.power_status,
        "in_force_from": item.in_force_from,
        "abolished_on": item.abolished_on,
        "steps": [
            {
                "order": step.order,
                "name": step.name,
                "description": step.description,
                "responsible": step.responsible,
                "time_limit": step.time_limit,
            }
            for step in item.steps.all()
        ],
        "url": _url(request, item),
    }


@api.get("/power-items", response={200: PowerItemPage, **ERRORS}, tags=["clearances"])
def power_items(request, paging: Query[AgencyPaging]):
    """The published power catalogue (权责清单), with each item's process steps."""
    items = _in_agency_tree(
        PowerItem.objects.published().select_related("agency").prefetch_related("steps"),
        paging,
    )
    return keyset_page(request, items, ID_ORDER, paging, _power_item)


def _fee_item(request, item) -> dict:
    return {
        "id": item.pk,
        "code": item.code,
        "name": item.name,
        "agency": item.agency.slug,
        "legal_basis": item.basis_lines,
        "approving_document": item.approving_document,
        "amount": _money(item.amount),
        "amount_min": _money(item.amount_min),
        "amount_max": _money(item.amount_max),
        "unit": item.unit,
        "standard": item.standard,
        "payer": item.payer,
        "fee_status": item.fee_status,
        "collected_from": item.collected_from,
        "suspended_on": item.suspended_on,
        "abolished_on": item.abolished_on,
        "url": _url(request, item),
    }


@api.get("/fee-items", response={200: FeeItemPage, **ERRORS}, tags=["clearances"])
def fee_items(request, paging: Query[AgencyPaging]):
    """Published fee items and their standards (收费项目)."""
    items = _in_agency_tree(FeeItem.objects.published().with_list_data(), paging)
    return keyset_page(request, items, ID_ORDER, paging, _fee_item)


def _decision(request, decision) -> dict:
    """A decision as its public page shows it: the party masked (ADR 0006)."""
    return {
        "id": decision.pk,
        "kind": decision.kind,
        "number": decision.number,
        "decided_on": decision.decided_on,
        "agency": decision.agency.slug,
        "power_item": decision.power_item_id,
        "party_kind": decision.party_kind,
        "party_name": decision.public_party_name,
        "party_code": decision.public_party_code,
        "legal_representative": decision.public_legal_representative,
        "facts": decision.public_facts,
        "basis": decision.public_basis,
        "content": decision.public_content,
        "fine_amount": _money(decision.fine_amount),
        "confiscated_amount": _money(decision.confiscated_amount),
        "licence_number": decision.licence_number,
        "valid_from": decision.valid_from,
        "valid_until": decision.valid_until,
        "publication_ends_on": decision.publication_ends_on,
        "url": _url(request, decision),
    }


@api.get("/decisions", response={200: DecisionPage, **ERRORS}, tags=["clearances"])
def decisions(request, paging: Query[AgencyPaging]):
    """Published licensing, penalty and coercion decisions still in their publication
    period; a natural person party is masked."""
    listed = _in_agency_tree(DecisionRecord.objects.listed().select_related("agency"), paging)
    return keyset_page(request, listed, ID_ORDER, paging, _decision)


@api.get(
    "/decisions/{decision_id}",
    response={200: DecisionOut, 404: Problem, 422: Problem, 429: Problem},
    tags=["clearances"],
)
def decision(request, decision_id: int):
    """One published decision in its publication period (404 once the period ended)."""
    found = DecisionRecord.objects.listed().select_related("agency").filter(pk=decision_id)
    decision = found.first()
    if decision is None:
        raise Http404(_("No published decision has this id."))
    return _decision(request, decision)


# Guides -------------------------------------------------------------------------------

GUIDE_FIELDS = (
    "preface",
    "proactive_scope",
    "proactive_arrangement",
    "proactive_forms",
    "proactive_how_to_obtain",
    "request_notes",
    "fee_notes",
    "supervision",
    "reconsideration_body",
    "litigation_court",
    "revised_on",
)


@api.get(
    "/agencies/{slug}/guide",
    response={200: GuideOut, 404: Problem, 429: Problem},
    tags=["catalogue"],
)
def guide(request, slug: str):
    """The agency's disclosure guide (政府信息公开指南)."""
    guide = DisclosureGuide.objects.select_related("agency").filter(agency__slug=slug).first()
    if guide is None:
        raise Http404(_("This agency has published no disclosure guide."))
    return {
        "agency": guide.agency.slug,
        **{name: getattr(guide, name) for name in GUIDE_FIELDS},
        "url": _url(request, guide),
    }


def agency_by_slug(slug) -> Agency:
    agency = next((a for a in reference.agencies() if a.slug == slug), None)
    if agency is None:
        raise Http404(_("There is no such agency."))
    return agency

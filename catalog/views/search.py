"""The site search page (全站搜索): one box over everything the portal publishes.

The view only reads its parameters, asks ``catalog.search.engine`` and renders.
What a user may find (staff: the internal entries of their agencies too) is the
engine's business. Parameters that make no sense never fail: an unknown kind or
agency is ignored with a message, a bad sort or page number falls back to the
default.
"""

from dataclasses import dataclass

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog import reference
from catalog.links import QueryLinks
from catalog.models import DocumentKind
from catalog.search import engine, text

# Agencies listed in the facet before the rest fold away under "more".
AGENCIES_SHOWN = 10


@dataclass(frozen=True)
class ResultPage:
    """What ``{% pagination %}`` (``catalog.links.pager``) reads of a page of hits."""

    number: int
    num_pages: int
    count: int | str
    by_number = None  # every page can be opened by its number


@dataclass(frozen=True)
class Option:
    """A facet or sort link."""

    label: str
    url: str
    count: int | None = None
    current: bool = False


def _kind(raw: str) -> tuple[str, bool]:
    """The kind asked for ("" for all) and whether the value was unknown."""
    if not raw or raw in DocumentKind.values:
        return raw, False
    return "", True


def _agency(raw: str):
    """The agency asked for (None for all) and whether the value was unknown."""
    if not raw:
        return None, False
    agency = next((a for a in reference.agencies() if str(a.pk) == raw), None)
    return agency, agency is None


def _page(raw: str) -> int:
    try:
        return max(1, min(int(raw), 10**6))
    except (TypeError, ValueError):
        return 1


# What a hit's reference and the rest of its number are, by kind (catalog.search.sources).
REFERENCE_LABELS = {
    DocumentKind.ENTRY: gettext_lazy("Index number"),
    DocumentKind.POWER: gettext_lazy("Code"),
    DocumentKind.FEE: gettext_lazy("Code"),
    DocumentKind.DECISION: gettext_lazy("Decision number"),
}
NUMBER_LABELS = {
    DocumentKind.ENTRY: gettext_lazy("Document number"),
    DocumentKind.FEE: gettext_lazy("Approving document"),
    DocumentKind.DECISION: gettext_lazy("Licence number"),
}


@dataclass(frozen=True)
class Detail:
    label: str
    value: str  # highlighted, safe


def _details(document, query) -> list[Detail]:
    """The hit's numbers, highlighted: its reference, then what else its number holds."""
    details = []
    number = document.number
    if document.reference:
        label = REFERENCE_LABELS.get(document.kind, gettext_lazy("Number"))
        details.append(Detail(label, text.highlight(document.reference, query)))
        number = number.replace(document.reference, "", 1)
    number = " ".join(number.split())
    if number:
        label = NUMBER_LABELS.get(document.kind, gettext_lazy("Number"))
        details.append(Detail(label, text.highlight(number, query)))
    return details


def _facets(params, facets, name) -> list[Option]:
    link = QueryLinks(params, name)
    return [Option(f.label, link(f.value), f.count, f.selected) for f in facets]


def _results_context(params, query, results) -> dict:
    """What the page shows of a search that ran: hits, facets, sorting, pages."""
    count = f"{results.total}+" if results.total_capped else results.total
    sort_link = QueryLinks(params, "sort")
    newest = engine.Sort.NEWEST
    agencies = _facets(params, results.agencies, "agency")
    return {
        "results": results,
        "hits": [(hit, _details(hit.document, query)) for hit in results.hits],
        "count": count,
        "first_number": (results.page - 1) * engine.PER_PAGE + 1,
        "page_obj": ResultPage(results.page, results.pages, count),
        "kind_facets": _facets(params, results.kinds, "kind"),
        "all_kinds_url": QueryLinks(params, "kind")(None),
        "agency_facets": agencies[:AGENCIES_SHOWN],
        "more_agency_facets": agencies[AGENCIES_SHOWN:],
        "all_agencies_url": QueryLinks(params, "agency")(None),
        "sorts": [
            Option(_("Relevance"), sort_link(None), current=results.sort != newest),
            Option(_("Newest"), sort_link(newest), current=results.sort == newest),
        ],
        "newest_url": sort_link(newest),
        "normalised_url": QueryLinks(params, "q")(query.normalised),
        "unfiltered_url": QueryLinks(params, "kind", drop=("page", "agency"))(None),
    }


def search(request):
    params = request.GET
    raw = params.get("q", "")
    query = text.parse(raw)
    kind, bad_kind = _kind(params.get("kind", ""))
    agency, bad_agency = _agency(params.get("agency", ""))
    sort = params.get("sort")
    if sort not in engine.Sort.CHOICES:
        sort = engine.Sort.RELEVANCE
    notices = []
    if bad_kind:
        notices.append(_("There is no such kind of document: all kinds were searched."))
    if bad_agency:
        notices.append(_("There is no such agency: all agencies were searched."))

    context = {
        "query": query,
        "kind": kind,
        "agency": agency,
        "sort": sort,
        "kind_choices": DocumentKind.choices,
        "notices": notices,
        # Typed with letters, digits or Chinese characters nowhere: nothing to search.
        "unsearchable": bool(raw.strip()) and not query,
        # Cut for length, not for the number of words (text.parse says both).
        "too_long": len(" ".join(raw.split())) > text.MAX_QUERY_CHARS,
        "max_chars": text.MAX_QUERY_CHARS,
        "request_url": reverse("requests_app:new"),
        "breadcrumbs": [(_("Home"), reverse("catalog:home")), (_("Site search"), None)],
    }
    if query:
        results = engine.search(
            query,
            user=request.user,
            kind=kind,
            agency_id=agency.pk if agency else None,
            sort=sort,
            page=_page(params.get("page")),
        )
        context |= _results_context(params, query, results)
    return render(request, "catalog/search.html", context)

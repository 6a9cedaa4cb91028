"""The public catalogue (信息公开目录): the list with facets, an entry, its attachments.

Every lookup starts from ``CatalogEntry.objects.visible_to(request.user)``, so
an index number or attachment id typed into a URL reveals nothing the user
may not see. Drafts, entries in review and internal entries of other
agencies answer 404 exactly like numbers that were never given out; a
withdrawn entry answers 410 Gone with its index number (Art. 26 and 47号:
numbers are permanent, the withdrawal is stated).
"""

import posixpath
from dataclasses import dataclass, field

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from catalog import reference, structured_data
from catalog.filters import EntryFilter
from catalog.links import QueryLinks
from catalog.models import (
    CatalogEntry,
    DisclosureMode,
    EntryAttachment,
    Topic,
)
from catalog.paging import ListPaginator
from catalog.search import engine
from catalog.trees import TreeLink, attach_children, tree_links
from catalog.views.pages import agency_directory


@dataclass
class TopicNode:
    """A topic, how many visible entries it and its subtopics hold, and its subtopics."""

    topic: Topic
    own_count: int = 0
    children: list["TopicNode"] = field(default_factory=list)

    @property
    def count(self) -> int:
        return self.own_count + sum(child.count for child in self.children)


def topic_tree(user) -> list[TopicNode]:
    """The topic tree with the counts of the entries ``user`` may read.

    From the summaries and the memoized topics: no entry is read, and for the
    public no query at all once the catalogue's version is known.
    """
    counts = reference.topic_counts_for(user)
    nodes = {t.pk: TopicNode(t, counts.get(t.pk, 0)) for t in reference.topics()}
    return attach_children(nodes, lambda node: node.topic.parent_id)


SELECTIVE_SHARE = 50


def clusters_in_time(filterset, count) -> bool:
    """Whether the list is a year's entries and at most a fiftieth of the catalogue.

    Such entries lie together deep in the newest-first index (an older year's were
    published in that year): they are selected by their filters first, then sorted
    (``catalog.paging.Ordering.order_by``). Other filters spread their matches over
    the index, where walking it in order finds a page of them soonest.
    """
    if not filterset.is_bound or not filterset.form.is_valid() and "year" in filterset.errors:
        return False
    year = filterset.form.cleaned_data.get("year")
    return bool(year) and count * SELECTIVE_SHARE < reference.public_total()


@dataclass(frozen=True)
class FacetTree:
    """A facet's tree of links for the sidebar, and its "all" link."""

    all_url: str
    all_current: bool
    rows: list[TreeLink]


def facet_tree(params, name, roots, slug_of, label_of, count_of=None) -> FacetTree:
    """The links of a tree facet (``name`` in the query string), the chosen one marked."""
    link, chosen = QueryLinks(params, name), params.get(name)
    return FacetTree(
        all_url=link(None),
        all_current=not chosen,
        rows=tree_links(
            roots,
            label=label_of,
            url=lambda node: link(slug_of(node)),
            current=lambda node: slug_of(node) == chosen,
            count=count_of,
        ),
    )


def catalogue_crumbs(*tail):
    return [
        (_("Home"), reverse("catalog:home")),
        (_("Government information catalogue"), reverse("catalog:entry_list") if tail else None),
        *tail,
    ]


def entry_list(request):
    visible = CatalogEntry.objects.visible_to(request.user)
    filterset = EntryFilter(request.GET or None, queryset=visible.with_list_data(), request=request)
    count, exact = filterset.count_from_summaries(request.user), True
    if count is None and filterset.has_keywords():
        # A common word matches most of a million entries: count as far as the site
        # search does, and list that far (ADR 0012).
        count = filterset.qs.order_by()[: engine.COUNT_LIMIT + 1].count()
        exact = count <= engine.COUNT_LIMIT
        count = min(count, engine.COUNT_LIMIT)
    elif count is None:
        count = filterset.qs.count()
    paginator = ListPaginator(
        filterset.qs,
        settings.CATALOG_PAGE_SIZE,
        count,
        max_offset=settings.CATALOG_MAX_OFFSET,
        filter_first=clusters_in_time(filterset, count),
        exact=exact,
    )
    page_obj = paginator.page(
        request.GET.get("page"), after=request.GET.get("after"), before=request.GET.get("before")
    )
    return render(
        request,
        "catalog/entry_list.html",
        {
            "filterset": filterset,
            "form": filterset.form,
            "active_filters": filterset.active_filters(),
            "page_obj": page_obj,
            "topic_tree": facet_tree(
                request.GET,
                "topic",
                topic_tree(request.user),
                slug_of=lambda node: node.topic.slug,
                label_of=lambda node: node.topic.name,
                count_of=lambda node: node.count,
            ),
            "agency_tree": facet_tree(
                request.GET,
                "agency",
                agency_directory(reference.agencies()),
                slug_of=lambda node: node.agency.slug,
                label_of=lambda node: node.agency.display_name,
            ),
            "breadcrumbs": catalogue_crumbs(),
        },
    )


def entry_detail(request, index_number):
    visible = CatalogEntry.objects.visible_to(request.user)
    entry = (
        visible.select_related("agency", "topic__parent", "department")
        .filter(index_number=index_number)
        .first()
    )
    if entry is None:
        # A withdrawn entry the user could have read says so; others stay unknown.
        gone = (
            CatalogEntry.objects.withdrawn()
            .readable_by(request.user)
            .select_related("agency")
            .filter(index_number=index_number)
            .first()
        )
        if gone is None:
            raise Http404(_("No catalogue entry has this index number."))
        return render(
            request,
            "catalog/entry_gone.html",
            {"entry": gone, "breadcrumbs": catalogue_crumbs((gone.index_number, None))},
            status=410,
        )

    agency_url = f"{reverse('catalog:entry_list')}?{urlencode({'agency': entry.agency.slug})}"
    return render(
        request,
        "catalog/entry_detail.html",
        {
            "entry": entry,
            "structured_data": structured_data.entry(entry, request),
            "replacement": visible.filter(pk=entry.replaced_by_id).first()
            if entry.replaced_by_id
            else None,
            "replaced_entries": list(visible.filter(replaced_by=entry).order_by("-date_made")),
            "attachments": list(entry.attachments.all()) if entry.shows_content else [],
            # The published power items resting on this document (one query).
            "power_items": list(entry.power_items.published()),
            "breadcrumbs": catalogue_crumbs((entry.agency.name, agency_url), (entry.title, None)),
        },
    )


def attachment_download(request, index_number, pk):
    """A file of a proactively disclosed entry the user may see; 404 for anything else."""
    downloadable = CatalogEntry.objects.visible_to(request.user).filter(
        index_number=index_number, disclosure_mode=DisclosureMode.PROACTIVE
    )
    attachment = get_object_or_404(EntryAttachment, pk=pk, entry__in=downloadable)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=posixpath.basename(attachment.file.name),
    )

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
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from catalog.filters import EntryFilter
from catalog.models import (
    Agency,
    CatalogEntry,
    DisclosureMode,
    EntryAttachment,
    Topic,
)
from catalog.trees import attach_children
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


def topic_tree(visible_entries) -> list[TopicNode]:
    """The topic tree with entry counts: two queries whatever the number of topics."""
    counts = dict(
        visible_entries.order_by()
        .values("topic_id")
        .annotate(n=Count("pk"))
        .values_list("topic_id", "n")
    )
    nodes = {t.pk: TopicNode(t, counts.get(t.pk, 0)) for t in Topic.objects.all()}
    return attach_children(nodes, lambda node: node.topic.parent_id)


def catalogue_crumbs(*tail):
    return [
        (_("Home"), reverse("catalog:home")),
        (_("Government information catalogue"), reverse("catalog:entry_list") if tail else None),
        *tail,
    ]


def entry_list(request):
    visible = CatalogEntry.objects.visible_to(request.user)
    filterset = EntryFilter(request.GET or None, queryset=visible.with_list_data())
    page_obj = Paginator(filterset.qs, settings.CATALOG_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "catalog/entry_list.html",
        {
            "filterset": filterset,
            "form": filterset.form,
            "active_filters": filterset.active_filters(),
            "page_obj": page_obj,
            "topic_tree": topic_tree(visible),
            "agency_tree": agency_directory(Agency.objects.in_tree_order()),
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

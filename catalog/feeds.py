"""RSS 2.0 and Atom feeds of the catalogue and the published decisions (订阅).

URLs (``catalog/feed_urls.py``, under ``/feeds/``; names in the ``catalog``
namespace, each taking ``format`` = ``"rss"`` or ``"atom"``):

=====================================  ===========================  ==================
URL                                    name                         other kwargs
=====================================  ===========================  ==================
``/feeds/entries.rss|.atom``           ``catalog:feed_entries``
``/feeds/agencies/<slug>.rss|.atom``   ``catalog:feed_agency``      ``slug``
``/feeds/topics/<slug>.rss|.atom``     ``catalog:feed_topic``       ``slug``
``/feeds/genres/<genre>.rss|.atom``    ``catalog:feed_genre``       ``genre`` (Genre)
``/feeds/clearances/<area>.rss|.atom`` ``catalog:feed_clearance``   ``area`` (ClearanceArea)
``/feeds/decisions.rss|.atom``         ``catalog:feed_decisions``
=====================================  ===========================  ==================

What a feed lists is what the public list beside it shows, newest publication
first, ``FEED_ITEMS`` at most:

- the catalogue feeds read ``CatalogEntry.objects.listed()`` only (published,
  scope public): an internal entry never appears, a withdrawn one leaves at
  once. An agency's feed holds the agency and the agencies under it, a
  topic's the topic and its subtopics, exactly like the catalogue's facets;
  a clearance area's the entries whose aspect lies in the area;
- the decisions feed reads ``DecisionRecord.objects.listed()`` (published and
  inside the publication period) and shows the party only through the
  masked properties. A natural person's identity number is left out
  altogether: a feed is copied and kept by readers long after the period.

An unknown slug, genre or area answers 404. Each feed reads at most its
object and one bounded, ``select_related`` query of items. The page cache
(``pagecache``) covers ``/feeds/`` under the catalogue's content version, so a
publication or a withdrawal shows in the feeds as soon as it commits.

``link_for`` and ``link_for_entry_list`` say which feed a page follows; the
``feed_links`` template tags put them in the page's ``<head>``.
"""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from catalog import reference
from catalog.models import (
    Agency,
    CatalogEntry,
    ClearanceArea,
    DecisionRecord,
    Genre,
    Topic,
)
from catalog.models.entries import CatalogEntryQuerySet

FEED_ITEMS = 30
FORMATS = {"rss": Rss201rev2Feed, "atom": Atom1Feed}
FORMAT_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}
ENTRY_FIELDS = (*CatalogEntryQuerySet.LIST_FIELDS, "genre")


class FeedFormatConverter:
    """``rss`` or ``atom``, the extension of a feed's URL."""

    regex = "rss|atom"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


# Which feed follows which page -------------------------------------------------


@dataclass(frozen=True)
class FeedLink:
    """A feed as a page links to it: its URL name, kwargs (without the format) and title."""

    name: str
    kwargs: dict
    title: str

    def url(self, format: str) -> str:
        return reverse(f"catalog:{self.name}", kwargs={**self.kwargs, "format": format})

    @property
    def rss_url(self) -> str:
        return self.url("rss")

    @property
    def atom_url(self) -> str:
        return self.url("atom")

    def alternates(self) -> list[tuple[str, str, str]]:
        """``(type, title, url)`` for each format, for ``<link rel="alternate">``."""
        return [
            (mime, f"{self.title} ({label})", self.url(format))
            for format, mime, label in (
                ("rss", FORMAT_TYPES["rss"], "RSS"),
                ("atom", FORMAT_TYPES["atom"], "Atom"),
            )
        ]


def entries_title() -> str:
    return _("Latest government information")


def agency_title(agency) -> str:
    return _("Latest government information: %(name)s") % {"name": agency.name}


def topic_title(topic) -> str:
    return _("Latest government information on %(name)s") % {"name": topic.name}


def genre_title(genre: Genre) -> str:
    return _("Latest government information: %(name)s") % {"name": genre.label}


def clearance_title(area: ClearanceArea) -> str:
    return _("Latest government information: %(name)s") % {"name": area.label}


def decisions_title() -> str:
    return _("Latest published decisions")


def link_for(kind: str, obj=None) -> FeedLink:
    """The feed of ``kind`` ("entries", "agency", "topic", "genre", "clearance", "decisions")."""
    if kind == "agency":
        return FeedLink("feed_agency", {"slug": obj.slug}, agency_title(obj))
    if kind == "topic":
        return FeedLink("feed_topic", {"slug": obj.slug}, topic_title(obj))
    if kind == "genre":
        genre = Genre(obj)
        return FeedLink("feed_genre", {"genre": genre.value}, genre_title(genre))
    if kind == "clearance":
        area = ClearanceArea(obj)
        return FeedLink("feed_clearance", {"area": area.value}, clearance_title(area))
    if kind == "decisions":
        return FeedLink("feed_decisions", {}, decisions_title())
    return FeedLink("feed_entries", {}, entries_title())


def link_for_entry_list(form) -> FeedLink:
    """The catalogue list's feed: of its one facet when only an agency, a topic, a genre
    or a clearance area is chosen, else of the whole portal."""
    chosen = {}
    if form is not None and form.is_bound:
        form.is_valid()
        chosen = {
            name: value
            for name, value in getattr(form, "cleaned_data", {}).items()
            if value not in (None, "") and name != "sort"
        }
    if len(chosen) == 1:
        ((name, value),) = chosen.items()
        if name in ("agency", "topic", "genre"):
            return link_for(name, value)
        if name == "aspect" and value in ClearanceArea.values:
            return link_for("clearance", value)
    return link_for("entries")


# The feeds -----------------------------------------------------------------------


class PortalFeed(Feed):
    """A feed in the format its URL names: one instance per request."""

    def __init__(self, feed_type=Rss201rev2Feed):
        self.feed_type = feed_type

    @classmethod
    def as_view(cls):
        def view(request, format, **kwargs):
            return cls(FORMATS[format])(request, **kwargs)

        view.__doc__ = cls.__doc__
        return view

    def subtitle(self, obj):
        return self._get_dynamic_attr("description", obj)

    def item_pubdate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return item.agency.name


class EntryFeed(PortalFeed):
    """The latest entries of the public catalogue."""

    description_template = "catalog/feeds/entry_item.html"

    def filter(self, entries, obj):
        return entries

    def items(self, obj):
        entries = CatalogEntry.objects.listed().select_related("agency", "topic")
        entries = self.filter(entries, obj).only(*ENTRY_FIELDS)
        return entries.order_by("-published_at", "-pk")[:FEED_ITEMS]

    def title(self, obj):
        return entries_title()

    def description(self, obj):
        return _("The latest entries of the government information catalogue.")

    def link(self, obj):
        return reverse("catalog:entry_list")

    def item_title(self, item):
        return item.title

    def item_categories(self, item):
        return [item.topic.name, item.get_genre_display()]


def _catalogue_url(**params) -> str:
    return f"{reverse('catalog:entry_list')}?{urlencode(params)}"


class AgencyEntryFeed(EntryFeed):
    """An agency's latest entries, with those of the agencies under it."""

    def get_object(self, request, slug):
        return Agency.objects.get(slug=slug)

    def filter(self, entries, agency):
        return entries.for_agency_tree(agency)

    def title(self, agency):
        return agency_title(agency)

    def description(self, agency):
        return _("The latest entries published by %(name)s and the agencies under it.") % {
            "name": agency.name
        }

    def link(self, agency):
        return _catalogue_url(agency=agency.slug)


class TopicEntryFeed(EntryFeed):
    """A topic's latest entries, with those of its subtopics."""

    def get_object(self, request, slug):
        return Topic.objects.get(slug=slug)

    def filter(self, entries, topic):
        return entries.filter(topic_id__in=reference.topic_subtree_ids(topic))

    def title(self, topic):
        return topic_title(topic)

    def description(self, topic):
        return _("The latest entries of the catalogue on %(name)s.") % {"name": topic.name}

    def link(self, topic):
        return _catalogue_url(topic=topic.slug)


def _choice(choices, value):
    if value not in choices.values:
        raise Http404(_("There is no such feed."))
    return choices(value)


class GenreEntryFeed(EntryFeed):
    """The latest entries of one genre (体裁)."""

    def get_object(self, request, genre):
        return _choice(Genre, genre)

    def filter(self, entries, genre):
        return entries.filter(genre=genre)

    def title(self, genre):
        return genre_title(genre)

    def description(self, genre):
        return _("The latest entries of the catalogue of the genre %(genre)s.") % {
            "genre": genre.label
        }

    def link(self, genre):
        return _catalogue_url(genre=genre.value)


class ClearanceEntryFeed(EntryFeed):
    """The latest entries of one of the four clearances (四清理四公开)."""

    def get_object(self, request, area):
        return _choice(ClearanceArea, area)

    def filter(self, entries, area):
        return entries.in_clearance_area(area.value)

    def title(self, area):
        return clearance_title(area)

    def description(self, area):
        return _("The latest entries of the catalogue on %(name)s.") % {"name": area.label}

    def link(self, area):
        return _catalogue_url(aspect=area.value)


class DecisionFeed(PortalFeed):
    """The latest published decisions still on public display; parties masked."""

    description_template = "catalog/feeds/decision_item.html"

    def items(self, obj):
        decisions = DecisionRecord.objects.listed().select_related("agency", "power_item")
        return decisions.order_by("-published_at", "-pk")[:FEED_ITEMS]

    def title(self, obj):
        return decisions_title()

    def description(self, obj):
        return _(
            "The latest licensing, penalty and coercive decisions on public display. "
            "A natural person's name is masked."
        )

    def link(self, obj):
        return reverse("catalog:decision_list")

    def item_title(self, item):
        return f"{item.get_kind_display()} {item.number}"

    def item_categories(self, item):
        return [item.get_kind_display()]

"""The feeds (``catalog.feeds``), included under ``/feeds/`` in the ``catalog`` namespace.

Every name takes ``format`` (``"rss"`` or ``"atom"``): ``feed_entries``,
``feed_agency`` and ``feed_topic`` (``slug``), ``feed_genre`` (``genre``),
``feed_clearance`` (``area``), ``feed_decisions``.
"""

from django.urls import path, register_converter

from catalog import feeds

register_converter(feeds.FeedFormatConverter, "feed_format")

urlpatterns = [
    path("entries.<feed_format:format>", feeds.EntryFeed.as_view(), name="feed_entries"),
    path(
        "agencies/<slug:slug>.<feed_format:format>",
        feeds.AgencyEntryFeed.as_view(),
        name="feed_agency",
    ),
    path(
        "topics/<slug:slug>.<feed_format:format>",
        feeds.TopicEntryFeed.as_view(),
        name="feed_topic",
    ),
    path(
        "genres/<slug:genre>.<feed_format:format>",
        feeds.GenreEntryFeed.as_view(),
        name="feed_genre",
    ),
    path(
        "clearances/<slug:area>.<feed_format:format>",
        feeds.ClearanceEntryFeed.as_view(),
        name="feed_clearance",
    ),
    path("decisions.<feed_format:format>", feeds.DecisionFeed.as_view(), name="feed_decisions"),
]

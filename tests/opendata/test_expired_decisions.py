"""A decision past its publication period is nowhere: its list, feed, sitemap, API,
export and the site search all drop it on the same day (catalog.statutes)."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

CHINA = zoneinfo.ZoneInfo("Asia/Shanghai")


def everywhere(client) -> dict[str, str]:
    """Every public place a decision can be read, as text."""
    sitemap = reverse("opendata:sitemap", kwargs={"section": "decisions"})
    places = {
        "list": reverse("catalog:decision_list"),
        "feed": reverse("catalog:feed_decisions", kwargs={"format": "rss"}),
        "atom": reverse("catalog:feed_decisions", kwargs={"format": "atom"}),
        "sitemap": sitemap,
        "api": "/api/v1/decisions",
        "export": reverse("catalog:decision_export", kwargs={"file_format": "csv"}),
        "search": reverse("catalog:search") + "?q=示例商贸",
    }
    texts = {}
    for name, url in places.items():
        response = client.get(url)
        if name == "sitemap" and response.status_code == 404:  # no address left on it
            texts[name] = ""
            continue
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        texts[name] = body.decode("utf-8-sig")
    return texts


def test_a_minor_penalty_leaves_every_place_when_its_six_months_end(client, agency):
    kept = factories.PublishedDecisionFactory(agency=agency, decided_on=datetime.date(2026, 1, 10))
    minor = factories.PublishedDecisionFactory(
        agency=agency, minor=True, decided_on=datetime.date(2026, 1, 10)
    )

    with time_machine.travel(datetime.datetime(2026, 7, 9, 12, tzinfo=CHINA), tick=False):
        before = everywhere(client)
    with time_machine.travel(datetime.datetime(2026, 7, 10, 12, tzinfo=CHINA), tick=False):
        after = everywhere(client)

    def shows(text, decision):
        return decision.number in text or decision.get_absolute_url() in text

    for place, text in before.items():
        assert shows(text, minor), f"{place} did not show the decision inside its period"
        assert shows(text, kept), place
    for place, text in after.items():
        assert not shows(text, minor), f"{place} still shows a decision past its period"
        assert shows(text, kept), place

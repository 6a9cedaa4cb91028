"""The open-data page (开放数据): terms, every data set's feeds, exports and API."""

import json
import re

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("opendata:index")


def test_the_page_states_the_licence_and_the_update_frequency(client):
    text = client.get(URL).content.decode()
    assert "CC BY 4.0" in text
    assert 'rel="license"' in text
    assert "更新" in text or "changes" in text


def test_every_link_on_the_page_answers(client, agency, topic):
    factories.PublishedEntryFactory(agency=agency, topic=topic)
    text = client.get(URL).content.decode()
    links = set(re.findall(r'href="(/[^"#]*)"', text))
    for expected in ("/api/v1/docs", "/api/v1/openapi.json", "/sitemap.xml", "/robots.txt"):
        assert expected in links
    assert reverse("catalog:feed_agency", kwargs={"slug": agency.slug, "format": "rss"}) in links
    assert reverse("catalog:entry_export", kwargs={"file_format": "csv"}) in links
    for link in sorted(links):
        if link.startswith("/static/"):
            continue
        response = client.get(link)
        assert response.status_code == 200, link


def test_the_page_describes_its_data_sets_as_a_schema_org_catalogue(client):
    (block,) = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>',
        client.get(URL).content.decode(),
        re.S,
    )
    data = json.loads(block)
    assert data["@type"] == "DataCatalog"
    assert {d["@type"] for d in data["dataset"]} == {"Dataset"}
    formats = {x["encodingFormat"] for d in data["dataset"] for x in d["distribution"]}
    assert {"text/csv", "application/json"} <= formats


def test_every_page_links_to_it_from_the_footer(client):
    assert f'href="{URL}"' in client.get(reverse("catalog:home")).content.decode()

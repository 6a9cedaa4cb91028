"""The sitemaps and robots.txt: valid by the sitemaps.org schemas, complete, public only,
paged by blocks of primary keys without counting or OFFSET."""

import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import time_machine
import xmlschema
from django.test import RequestFactory
from django.urls import reverse
from django.utils.http import http_date

from catalog import workflow
from catalog.models import DecisionKind, FeeStatus, PowerStatus, Scope, StaffRole
from opendata import sitemaps
from pagecache.middleware import PageCacheMiddleware
from reports.models import ReportStatus
from tests import factories
from tests.reports.factories import AnnualReportFactory

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "schemas"
SITEMAP_SCHEMA = xmlschema.XMLSchema(SCHEMAS / "sitemap.xsd")
INDEX_SCHEMA = xmlschema.XMLSchema(SCHEMAS / "siteindex.xsd")
INDEX_URL = reverse("opendata:sitemap_index")
ROBOTS_URL = reverse("opendata:robots_txt")
# 2029-06-01 noon in Shanghai: penalty periods (36 months) are counted from here.
ABOLISHED_ON = datetime.date(2026, 1, 1)
TODAY = datetime.datetime(2029, 6, 1, 12, 0, tzinfo=datetime.UTC) - datetime.timedelta(hours=8)


def section_url(section):
    return reverse("opendata:sitemap", kwargs={"section": section})


def read_index(client) -> list[dict]:
    """The index's ``<sitemap>`` elements as dicts (``loc``, ``lastmod``), once it is valid."""
    response = client.get(INDEX_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return INDEX_SCHEMA.to_dict(response.content.decode())["sitemap"]  # raises unless valid


def index_locations(client) -> list[str]:
    return [sitemap["loc"] for sitemap in read_index(client)]


def read_sitemap(client, location: str) -> list[dict]:
    """The ``<url>`` elements of one sitemap page (``location``: absolute, from the index)."""
    parts = urlsplit(location)
    response = client.get(parts.path, dict(p.split("=") for p in parts.query.split("&") if p))
    assert response.status_code == 200, location
    assert response["Content-Type"] == "application/xml"
    return SITEMAP_SCHEMA.to_dict(response.content.decode())["url"]  # raises unless valid


def sitemap_urls(client, location: str) -> list[str]:
    return [url["loc"] for url in read_sitemap(client, location)]


def all_urls(client) -> list[str]:
    return [url for location in index_locations(client) for url in sitemap_urls(client, location)]


def absolute(path):
    return f"http://testserver{path}"


@pytest.fixture
def site(agency):
    """One listed record of every kind, and one agency's guide."""
    factories.GuideFactory(agency=agency)
    entry = factories.PublishedEntryFactory(agency=agency)
    power = factories.PublishedPowerItemFactory(agency=agency)
    fee = factories.PublishedFeeItemFactory(agency=agency)
    decision = factories.PublishedDecisionFactory(agency=agency, power_item=power)
    report = AnnualReportFactory(
        agency=agency,
        status=ReportStatus.PUBLISHED,
        published_at=datetime.datetime(2026, 1, 20, 2, 0, tzinfo=datetime.UTC),
        published_tables={},
    )
    return {"entry": entry, "power": power, "fee": fee, "decision": decision, "report": report}


# ---------- the index and its sections ----------


def test_index_and_every_section_validate_and_list_every_kind_of_page(client, site, agency):
    locations = index_locations(client)
    assert locations == [absolute(section_url(section)) for section in sitemaps.SITEMAPS]
    urls = all_urls(client)
    expected = [
        reverse("catalog:home"),
        reverse("catalog:entry_list"),
        reverse("catalog:clearances"),
        reverse("requests_app:new"),
        reverse("reports:index"),
        site["entry"].get_absolute_url(),
        site["power"].get_absolute_url(),
        site["fee"].get_absolute_url(),
        site["decision"].get_absolute_url(),
        agency.get_absolute_url(),
        reverse("catalog:agency_guide", kwargs={"slug": agency.slug}),
        site["report"].get_absolute_url(),
    ]
    assert urls == [absolute(path) for path in expected]
    for path in expected:
        assert client.get(path).status_code == 200, path


def test_records_carry_their_lastmod_and_the_page_its_latest(client, site):
    entry = site["entry"]
    (url,) = read_sitemap(client, absolute(section_url("entries")))
    lastmod = datetime.datetime.fromisoformat(url["lastmod"])
    assert lastmod == entry.updated_at.replace(microsecond=0)
    response = client.get(section_url("entries"))
    assert response["Last-Modified"] == http_date(lastmod.timestamp())
    assert response["X-Robots-Tag"] == "noindex, noodp, noarchive"
    assert all("lastmod" not in url for url in read_sitemap(client, absolute(section_url("pages"))))


def test_small_sections_give_each_page_its_lastmod_in_the_index(client, site):
    lastmods = {sitemap["loc"]: sitemap.get("lastmod") for sitemap in read_index(client)}
    report = datetime.datetime.fromisoformat(lastmods[absolute(section_url("reports"))])
    assert report == site["report"].updated_at
    power = datetime.datetime.fromisoformat(lastmods[absolute(section_url("powers"))])
    assert power == max(site["power"].updated_at, site["decision"].power_item.updated_at)
    assert lastmods[absolute(section_url("entries"))] is None  # a million rows to read


def test_addresses_are_https_on_a_site_that_redirects_to_https(rf_request, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert sitemaps.site_root(rf_request) == "https://testserver"
    settings.SECURE_SSL_REDIRECT = False
    assert sitemaps.site_root(rf_request) == "http://testserver"


def test_addresses_follow_the_scheme_and_host_of_the_request(client, site):
    response = client.get(INDEX_URL, secure=True, headers={"host": "localhost"})
    assert b"<loc>https://localhost/sitemap-pages.xml</loc>" in response.content


@pytest.fixture
def rf_request():
    return RequestFactory().get(INDEX_URL)


# ---------- what is listed ----------


def test_a_newly_published_entry_appears_at_once_and_a_withdrawn_one_drops(
    client, city, editor, reviewer
):
    entry = factories.EntryFactory(agency=city)
    workflow.submit_for_review(entry, editor)
    before = all_urls(client)
    assert not any("/catalog/" in url and url != absolute("/catalog/") for url in before)
    workflow.publish(entry, reviewer, "经审查不涉及国家秘密,同意公开。")
    published = all_urls(client)
    assert sorted(set(published) - set(before)) == [absolute(entry.get_absolute_url())]
    workflow.withdraw(entry, reviewer, "内容有误")
    assert all_urls(client) == before


def test_an_internal_entry_never_appears(client, agency):
    internal = factories.PublishedEntryFactory(agency=agency, scope=Scope.INTERNAL)
    public = factories.PublishedEntryFactory(agency=agency)
    urls = all_urls(client)
    assert absolute(public.get_absolute_url()) in urls
    assert absolute(internal.get_absolute_url()) not in urls
    assert internal.index_number not in " ".join(urls)


def test_drafts_abolished_items_and_unpublished_reports_are_absent(client, agency):
    listed = factories.PublishedPowerItemFactory(agency=agency)
    hidden = [
        factories.PowerItemFactory(agency=agency),
        factories.PublishedPowerItemFactory(
            agency=agency, power_status=PowerStatus.ABOLISHED, abolished_on=ABOLISHED_ON
        ),
        factories.FeeItemFactory(agency=agency),
        factories.PublishedFeeItemFactory(
            agency=agency, fee_status=FeeStatus.ABOLISHED, abolished_on=ABOLISHED_ON
        ),
        factories.DecisionFactory(agency=agency, power_item=listed),
    ]
    draft_report = AnnualReportFactory(agency=agency)
    urls = all_urls(client)
    assert absolute(listed.get_absolute_url()) in urls
    for record in [*hidden, draft_report]:
        assert absolute(record.get_absolute_url()) not in urls
    assert absolute(section_url("reports")) not in index_locations(client)
    assert client.get(section_url("reports")).status_code == 404


@time_machine.travel(TODAY, tick=False)
def test_a_decision_past_its_publication_period_is_absent(client, agency):
    recent = factories.PublishedDecisionFactory(agency=agency, decided_on=datetime.date(2026, 6, 2))
    ended = factories.PublishedDecisionFactory(agency=agency, decided_on=datetime.date(2026, 6, 1))
    licence = factories.PublishedDecisionFactory(
        agency=agency, kind=DecisionKind.LICENCE, decided_on=datetime.date(2020, 1, 1)
    )
    urls = all_urls(client)
    assert absolute(recent.get_absolute_url()) in urls
    assert absolute(licence.get_absolute_url()) in urls  # a licence has no end
    assert absolute(ended.get_absolute_url()) not in urls


# ---------- paging ----------


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(sitemaps.PortalSitemap, "limit", 3)
    return 3


def test_small_pages_list_every_address_exactly_once(client, agency, small_pages):
    listed = [factories.PublishedEntryFactory(agency=agency) for _ in range(4)]
    factories.EntryFactory(agency=agency)  # unlisted rows between listed ones
    factories.PublishedEntryFactory(agency=agency, scope=Scope.INTERNAL)
    listed += [factories.PublishedEntryFactory(agency=agency) for _ in range(4)]
    for _ in range(3):
        factories.PublishedPowerItemFactory(agency=agency)
    factories.GuideFactory(agency=agency)
    factories.AgencyFactory.create_batch(2)

    locations = index_locations(client)
    entry_pages = [loc for loc in locations if loc.startswith(absolute(section_url("entries")))]
    assert len(entry_pages) >= 3
    assert len(locations) == len(set(locations))
    urls = all_urls(client)
    assert len(urls) == len(set(urls))
    entry_urls = [url for url in urls if "/catalog/" in url and url != absolute("/catalog/")]
    assert entry_urls == [absolute(entry.get_absolute_url()) for entry in listed]
    # The agencies' section (four addresses: three agencies and a guide) is paged too.
    agency_pages = [loc for loc in locations if loc.startswith(absolute(section_url("agencies")))]
    assert len(agency_pages) == 2


def test_withdrawing_an_entry_moves_no_other_entry_to_another_page(
    client, agency, small_pages, make_staff
):
    entries = [factories.PublishedEntryFactory(agency=agency) for _ in range(7)]
    last = f"{section_url('entries')}?p={(entries[-1].pk - 1) // small_pages + 1}"
    before = sitemap_urls(client, last)
    workflow.withdraw(entries[0], make_staff(agency, StaffRole.REVIEWER), "内容有误")
    assert sitemap_urls(client, last) == before


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999"])
def test_a_page_with_nothing_on_it_is_404(client, site, page):
    assert client.get(section_url("entries"), {"p": page}).status_code == 404


def test_an_unknown_section_is_404(client, site):
    assert client.get(section_url("nothing")).status_code == 404


# ---------- what it costs ----------


def test_the_index_reads_one_short_query_per_section_and_counts_nothing(
    client, site, django_assert_num_queries
):
    # Entries: one step per page and one that finds no more; powers, fees, decisions
    # and reports: one grouped query each; agencies: one. The pages: none.
    with django_assert_num_queries(7) as captured:
        client.get(INDEX_URL)
    sql = " ".join(query["sql"] for query in captured.captured_queries).upper()
    assert "COUNT(" not in sql


@pytest.mark.parametrize("section", ["entries", "powers", "fees", "decisions", "reports"])
def test_a_section_page_is_one_range_query_without_offset(
    client, site, section, django_assert_num_queries
):
    with django_assert_num_queries(1) as captured:
        assert client.get(section_url(section)).status_code == 200
    (query,) = captured.captured_queries
    assert "OFFSET" not in query["sql"].upper()
    assert "COUNT(" not in query["sql"].upper()
    assert "BODY" not in query["sql"].upper()  # the fields it needs only


def test_the_last_page_is_read_as_a_range_of_primary_keys(
    client, agency, small_pages, django_assert_num_queries
):
    entries = [factories.PublishedEntryFactory(agency=agency) for _ in range(10)]
    last_page = (entries[-1].pk - 1) // small_pages + 1
    with django_assert_num_queries(1) as captured:
        urls = sitemap_urls(client, f"{section_url('entries')}?p={last_page}")
    assert urls[-1] == absolute(entries[-1].get_absolute_url())
    (query,) = captured.captured_queries
    assert "OFFSET" not in query["sql"].upper()
    assert f"> {(last_page - 1) * small_pages}" in query["sql"]


def test_the_page_cache_keeps_the_sitemaps_per_catalogue_and_reports_version(settings):
    middleware = PageCacheMiddleware(lambda request: None)
    assert middleware.namespaces(INDEX_URL) == ("catalog", "reports")
    assert middleware.namespaces(section_url("entries")) == ("catalog", "reports")


# ---------- robots.txt ----------


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_personal_pages(client):
    response = client.get(ROBOTS_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /requests/receipt/",
        "Disallow: /requests/track/",
        "Disallow: /i18n/",
        "Disallow: /preferences/",
        "Allow: /",
        "",
        "Sitemap: http://testserver/sitemap.xml",
    ]


def test_robots_txt_disallows_every_personal_or_staff_address_and_not_the_form(client):
    disallowed = sitemaps.ROBOTS_DISALLOW
    for path in [
        reverse("admin:index"),
        reverse("requests_app:receipt"),
        reverse("requests_app:track"),
        reverse("requests_app:track_document", kwargs={"pk": 1}),
        reverse("set_language"),
        reverse("catalog:display_preferences"),
    ]:
        assert path.startswith(disallowed), path
    for path in [reverse("requests_app:new"), INDEX_URL, reverse("catalog:home")]:
        assert not path.startswith(disallowed), path


def test_robots_txt_names_the_https_sitemap_on_a_site_that_redirects(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(ROBOTS_URL, secure=True)
    assert "Sitemap: https://testserver/sitemap.xml" in response.content.decode()


def test_an_empty_site_lists_only_its_main_pages(client):
    assert index_locations(client) == [absolute(section_url("pages"))]
    for section in sitemaps.SITEMAPS:
        if section != "pages":
            assert client.get(section_url(section)).status_code == 404, section


def test_a_sitemap_page_is_sent_compressed_to_a_client_that_accepts_it(client, agency):
    import gzip

    for _ in range(10):  # shorter responses are not worth compressing
        factories.PublishedEntryFactory(agency=agency)
    url = reverse("opendata:sitemap", kwargs={"section": "entries"})
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert b"<urlset" in gzip.decompress(response.content)

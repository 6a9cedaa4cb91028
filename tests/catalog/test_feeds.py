"""RSS and Atom feeds (catalog.feeds): what they carry, what they never show, what they cost."""

import datetime

import feedparser
import pytest
import time_machine
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from catalog import feeds, workflow
from catalog.models import (
    ClearanceArea,
    Genre,
    PartyKind,
    ReviewStatus,
    Scope,
    StaffRole,
    Validity,
)
from tests import factories

pytestmark = pytest.mark.django_db

FORMATS = ["rss", "atom"]
KINDS = ["entries", "agency", "topic", "genre", "clearance", "decisions"]
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
PERSON_NAME = "张三丰"
PERSON_ID = "210102198001011234"
# 2029-06-01 noon in Shanghai.
TODAY = datetime.datetime(2029, 6, 1, 12, 0, tzinfo=datetime.UTC) - datetime.timedelta(hours=8)


def feed_url(kind, format, agency=None, topic=None):
    obj = {
        "agency": agency,
        "topic": topic,
        "genre": Genre.NOTICE,
        "clearance": ClearanceArea.POWERS,
    }.get(kind)
    return feeds.link_for(kind, obj).url(format)


def parse(response):
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    return parsed


def links_of(parsed):
    return [item.link for item in parsed.entries]


def entry_in_every_feed(agency, topic, **kwargs):
    """An entry every catalogue feed of ``agency`` and ``topic`` holds."""
    kwargs.setdefault("genre", Genre.NOTICE)
    kwargs.setdefault("clearance_aspect", "powers.duties")
    return factories.PublishedEntryFactory(agency=agency, topic=topic, **kwargs)


def absolute(obj):
    return f"http://testserver{obj.get_absolute_url()}"


# What every feed carries -----------------------------------------------------------


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("kind", [k for k in KINDS if k != "decisions"])
def test_every_catalogue_feed_parses_and_carries_the_catalogue_data(
    client, agency, topic, kind, format
):
    entry = entry_in_every_feed(
        agency,
        topic,
        title="关于印发《产品质量监督抽查实施细则》的通知",
        document_number="辽市监发〔2026〕17号",
        date_made=datetime.date(2026, 3, 2),
        validity=Validity.AMENDED,
        validity_changed_on=datetime.date(2026, 4, 1),
    )

    parsed = parse(client.get(feed_url(kind, format, agency, topic), **EN))

    assert parsed.version == ("rss20" if format == "rss" else "atom10")
    assert parsed.feed.title and parsed.feed.link.startswith("http://testserver/")
    (item,) = parsed.entries
    assert item.title == entry.title
    assert item.link == absolute(entry)
    assert item.id == absolute(entry)  # the guid: the permanent index-number URL
    for shown in (
        entry.index_number,
        agency.name,
        "2026-03-02",
        "辽市监发〔2026〕17号",
        "Amended (已修订)",
    ):
        assert shown in item.summary
    published = datetime.datetime(*item.published_parsed[:6], tzinfo=datetime.UTC)
    assert published == entry.published_at.replace(microsecond=0)


@pytest.mark.parametrize("format", FORMATS)
def test_the_decisions_feed_parses_and_carries_the_decision(client, agency, format):
    decision = factories.PublishedDecisionFactory(
        agency=agency, number="辽市监处罚〔2026〕8号", party_name="沈阳示例商贸有限公司"
    )

    parsed = parse(client.get(feed_url("decisions", format), **EN))

    (item,) = parsed.entries
    assert item.link == item.id == absolute(decision)
    assert "辽市监处罚〔2026〕8号" in item.title
    for shown in (agency.name, "2026-05-12", "沈阳示例商贸有限公司", decision.power_item.name):
        assert shown in item.summary


def test_the_feed_speaks_the_visitors_language(client, agency, topic):
    entry_in_every_feed(agency, topic)
    chinese = parse(client.get(feed_url("entries", "rss")))
    english = parse(client.get(feed_url("entries", "rss"), **EN))
    assert chinese.feed.title == "最新政府信息"
    assert "索引号：" in chinese.entries[0].summary
    assert english.feed.title == "Latest government information"


# What the feeds hold ---------------------------------------------------------------


def test_each_facet_feed_holds_only_its_facet(client, agency, city, topic):
    other_topic = factories.TopicFactory()
    mine = entry_in_every_feed(city, topic)
    elsewhere = factories.PublishedEntryFactory(
        agency=factories.AgencyFactory(), topic=other_topic, genre=Genre.RULE
    )

    whole = links_of(parse(client.get(feed_url("entries", "rss"))))
    assert whole == [absolute(elsewhere), absolute(mine)]
    for kind in ("agency", "topic", "genre", "clearance"):
        # The provincial agency's feed holds its city's entries, like the facet.
        shown = links_of(parse(client.get(feed_url(kind, "rss", agency, topic))))
        assert shown == [absolute(mine)], kind


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "decisions"])
def test_an_internal_or_unpublished_entry_never_appears(client, agency, topic, kind):
    entry_in_every_feed(agency, topic, title="INTERNAL 局务公开", scope=Scope.INTERNAL)
    for status in (ReviewStatus.DRAFT, ReviewStatus.IN_REVIEW):
        entry_in_every_feed(agency, topic, title=f"UNPUBLISHED {status}", status=status)

    for format in FORMATS:
        response = client.get(feed_url(kind, format, agency, topic))
        assert parse(response).entries == []
        assert b"INTERNAL" not in response.content and b"UNPUBLISHED" not in response.content


def test_a_feed_lists_the_latest_entries_newest_first_and_no_more(client, agency, topic):
    start = timezone.now() - datetime.timedelta(days=100)
    entries = [
        entry_in_every_feed(agency, topic, published_at=start + datetime.timedelta(days=n))
        for n in range(feeds.FEED_ITEMS + 5)
    ]
    newest = [absolute(entry) for entry in reversed(entries)][: feeds.FEED_ITEMS]
    assert links_of(parse(client.get(feed_url("entries", "atom")))) == newest


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/agencies/no-such-agency.rss",
        "/feeds/topics/no-such-topic.atom",
        "/feeds/genres/no-such-genre.rss",
        "/feeds/clearances/no-such-area.atom",
        "/feeds/clearances/powers.staffing.rss",
        "/feeds/entries.json",
    ],
)
def test_an_unknown_feed_is_404(client, db, url):
    assert client.get(url).status_code == 404


# Decisions: masked, and only while on display ----------------------------------------


@pytest.mark.parametrize("format", FORMATS)
def test_a_natural_persons_decision_shows_the_masked_name_only(client, agency, format):
    factories.PublishedDecisionFactory(
        agency=agency,
        party_kind=PartyKind.NATURAL_PERSON,
        party_name=PERSON_NAME,
        party_code=PERSON_ID,
        legal_representative="",
    )

    response = client.get(feed_url("decisions", format))

    (item,) = parse(response).entries
    assert "张**" in item.summary
    text = response.content.decode()
    assert PERSON_NAME not in text and "三丰" not in text
    # Neither the number nor its masked form: a feed is kept long after the period.
    assert PERSON_ID not in text and PERSON_ID[-4:] not in text and PERSON_ID[:6] not in text


@time_machine.travel(TODAY, tick=False)
def test_a_decision_past_its_publication_period_is_absent(client, agency):
    current = factories.PublishedDecisionFactory(
        agency=agency, number="罚-近期", decided_on=datetime.date(2026, 6, 2)
    )
    factories.PublishedDecisionFactory(
        agency=agency, number="罚-已满", decided_on=datetime.date(2026, 6, 1)
    )
    factories.PublishedDecisionFactory(
        agency=agency, number="罚-撤回", status=ReviewStatus.WITHDRAWN
    )

    response = client.get(feed_url("decisions", "rss"))

    assert links_of(parse(response)) == [absolute(current)]
    assert "罚-已满" not in response.content.decode()


# Bounded -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "queries"),
    [
        ("entries", 1),
        ("agency", 2),  # the agency, the entries
        ("topic", 3),  # the topic, the topic tree (memoized per catalogue version), the entries
        ("genre", 1),
        ("clearance", 1),
        ("decisions", 1),
    ],
)
def test_a_feed_reads_a_fixed_number_of_queries(
    client, agency, topic, kind, queries, django_assert_num_queries
):
    for _ in range(feeds.FEED_ITEMS + 2):
        entry_in_every_feed(agency, topic)
        factories.PublishedDecisionFactory(agency=agency)

    with django_assert_num_queries(queries):
        parsed = parse(client.get(feed_url(kind, "rss", agency, topic)))
    assert len(parsed.entries) == feeds.FEED_ITEMS


# The pages link to their feeds --------------------------------------------------------


def has_alternates(response, link):
    html = response.content.decode()
    head = html.split("</head>")[0]
    return all(
        f'<link rel="alternate" type="{mime}"' in head and f'href="{link.url(format)}"' in head
        for format, mime in feeds.FORMAT_TYPES.items()
    )


def test_the_home_page_links_to_the_portals_feed(client, db):
    assert has_alternates(client.get(reverse("catalog:home")), feeds.link_for("entries"))


def test_an_agency_page_links_to_its_feed(client, agency):
    response = client.get(agency.get_absolute_url())
    assert has_alternates(response, feeds.link_for("agency", agency))


def test_the_decisions_list_links_to_its_feed_visibly_too(client, db):
    response = client.get(reverse("catalog:decision_list"))
    link = feeds.link_for("decisions")
    assert has_alternates(response, link)
    assert f'href="{link.rss_url}"' in response.content.decode().split("</head>")[1]
    assert "订阅 RSS" in response.content.decode()


def test_the_catalogue_links_to_the_feed_of_its_one_facet(client, agency, topic):
    entry_list = reverse("catalog:entry_list")
    cases = [
        ({}, feeds.link_for("entries")),
        ({"agency": agency.slug}, feeds.link_for("agency", agency)),
        ({"topic": topic.slug}, feeds.link_for("topic", topic)),
        ({"genre": "notice"}, feeds.link_for("genre", "notice")),
        ({"aspect": "enforcement"}, feeds.link_for("clearance", "enforcement")),
        ({"agency": agency.slug, "sort": "date_made"}, feeds.link_for("agency", agency)),
        # Two facets, or one without a feed: the whole portal's.
        ({"agency": agency.slug, "genre": "notice"}, feeds.link_for("entries")),
        ({"aspect": "powers.duties"}, feeds.link_for("entries")),
        ({"year": "2026"}, feeds.link_for("entries")),
        ({"agency": "no-such-agency"}, feeds.link_for("entries")),
    ]
    for params, link in cases:
        response = client.get(entry_list, params)
        assert has_alternates(response, link), params
        body = response.content.decode().split("</head>")[1]
        assert f'href="{link.rss_url}"' in body and "订阅 RSS" in body


# The page cache: a publication shows in the feeds at once ------------------------------


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE = {**settings.PAGE_CACHE, "ENABLED": True}
    caches["pages"].clear()
    yield
    caches["pages"].clear()


@pytest.mark.django_db(transaction=True)
def test_through_the_page_cache_a_publication_shows_at_once_and_a_withdrawal_leaves(
    page_cache_on, agency, topic
):
    editor = factories.MembershipFactory(agency=agency, role=StaffRole.EDITOR).user
    reviewer = factories.MembershipFactory(agency=agency, role=StaffRole.REVIEWER).user
    old = entry_in_every_feed(agency, topic, title="旧文件")
    urls = [feed_url(kind, "rss", agency, topic) for kind in KINDS if kind != "decisions"]
    for url in urls:
        assert Client().get(url).headers["X-Page-Cache"] == "miss"
        assert Client().get(url).headers["X-Page-Cache"] == "hit"

    entry = factories.EntryFactory(
        agency=agency, topic=topic, genre=Genre.NOTICE, clearance_aspect="powers.duties"
    )
    workflow.submit_for_review(entry, editor)
    workflow.publish(entry, reviewer, "经审查，同意公开。")
    after_publication = {url: Client().get(url) for url in urls}

    workflow.withdraw(entry, reviewer, "内容有误")
    after_withdrawal = {url: Client().get(url) for url in urls}

    for url in urls:
        entry.refresh_from_db()
        assert links_of(parse(after_publication[url])) == [absolute(entry), absolute(old)], url
        assert links_of(parse(after_withdrawal[url])) == [absolute(old)], url

"""Long lists: totals from the summaries, pages from either end, keyset beyond (catalog.paging)."""

import datetime
import itertools
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from catalog.filters import SORT_ORDERINGS, EntryFilter
from catalog.models import CatalogEntry, Genre, Scope, StaffRole, Validity
from catalog.paging import ListPaginator, Ordering, decode_cursor, encode_cursor
from catalog.search import engine
from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("catalog:entry_list")


@pytest.fixture
def entries(agency, city, topic):
    """23 published entries, published an hour apart, some sharing a date made or a title."""
    start = timezone.now() - datetime.timedelta(days=30)
    other_topic = factories.TopicFactory(parent=topic)
    made = []
    for n in range(23):
        made.append(
            factories.PublishedEntryFactory(
                agency=(agency, city)[n % 2],
                topic=(topic, other_topic)[n % 3 == 0],
                title=f"文件{n % 7}",
                genre=(Genre.NOTICE, Genre.OPINION, Genre.REPORT)[n % 3],
                date_made=datetime.date(2020 + n % 4, 1 + n % 12, 1),
                validity=Validity.VALID if n % 5 else Validity.REPEALED,
                validity_changed_on=None if n % 5 else datetime.date(2026, 1, 1),
                published_at=start + datetime.timedelta(hours=n),
            )
        )
    factories.PublishedEntryFactory(agency=city, topic=topic, scope=Scope.INTERNAL)
    factories.PublishedEntryFactory(agency=agency, topic=topic, scope=Scope.INTERNAL)
    factories.EntryFactory(agency=agency, topic=topic)  # a draft
    return made


def offsets_in(queries) -> list[int]:
    return [int(n) for q in queries for n in re.findall(r"OFFSET (\d+)", q["sql"])]


def all_rows(queryset, order_by):
    return list(queryset.order_by(*order_by))


@pytest.mark.parametrize("filter_first", [False, True], ids=["index-order", "filter-first"])
@pytest.mark.parametrize("sort", list(SORT_ORDERINGS))
def test_every_page_from_either_end_holds_the_rows_of_a_plain_offset(entries, sort, filter_first):
    queryset = CatalogEntry.objects.listed()
    expected = all_rows(queryset, SORT_ORDERINGS[sort])
    paginator = ListPaginator(
        queryset.order_by(*SORT_ORDERINGS[sort]), 4, len(expected), filter_first=filter_first
    )

    pages = [paginator.page(number).object_list for number in range(1, paginator.num_pages + 1)]

    assert paginator.num_pages == 6
    assert list(itertools.chain(*pages)) == expected


def test_the_last_page_of_a_long_list_is_read_from_the_end(entries):
    queryset = CatalogEntry.objects.listed().order_by("-published_at", "-pk")
    paginator = ListPaginator(queryset, 2, queryset.count(), max_offset=4)

    with CaptureQueriesContext(connection) as captured:
        last = paginator.page(paginator.num_pages)

    assert [e.pk for e in last.object_list] == [entries[0].pk]  # the oldest one
    assert all(offset <= 4 for offset in offsets_in(captured.captured_queries))


def test_a_middle_page_is_not_read_by_number_but_says_why(client, entries, settings):
    queryset = CatalogEntry.objects.listed().order_by("-published_at", "-pk")
    paginator = ListPaginator(queryset, 2, queryset.count(), max_offset=4)

    with CaptureQueriesContext(connection) as captured:
        middle = paginator.page(6)

    assert not middle.reachable
    assert middle.object_list == []
    assert captured.captured_queries == []
    assert middle.by_number(3) and not middle.by_number(4) and middle.by_number(10)


@pytest.mark.parametrize("filter_first", [False, True], ids=["index-order", "filter-first"])
def test_stepping_on_by_cursor_reaches_every_page(entries, filter_first):
    queryset = CatalogEntry.objects.listed().order_by("-published_at", "-pk")
    expected = list(queryset)
    paginator = ListPaginator(queryset, 3, len(expected), max_offset=0, filter_first=filter_first)

    seen, page = [], paginator.page(1)
    while True:
        seen.extend(page.object_list)
        if page.number == paginator.num_pages:
            break
        with CaptureQueriesContext(connection) as captured:
            page = paginator.page(page.number + 1, after=page.next_cursor)
        assert offsets_in(captured.captured_queries) == []

    assert seen == expected
    back = paginator.page(page.number - 1, before=page.previous_cursor)
    assert back.object_list == expected[18:21]  # the page before the last (21, 22)


@pytest.mark.parametrize("sort", ["title", "date_made", "oldest"])
def test_cursors_order_ties_by_id(entries, sort):
    order_by = SORT_ORDERINGS[sort]
    queryset = CatalogEntry.objects.listed().order_by(*order_by)
    expected = list(queryset)
    ordering = Ordering.of(order_by)
    for position, entry in enumerate(expected[:-1]):
        value, pk = decode_cursor(encode_cursor(entry, ordering), CatalogEntry, ordering)
        following = list(queryset.filter(ordering.beyond(value, pk))[:1])
        assert following == [expected[position + 1]]


@pytest.mark.parametrize("cursor", ["", "garbage", "2026-13-01T00:00~5", "~", "2026-01-01~x"])
def test_a_malformed_cursor_is_ignored(entries, cursor):
    assert decode_cursor(cursor, CatalogEntry, Ordering.of(("-published_at", "-pk"))) is None


def test_the_catalogue_steps_on_with_a_cursor_and_shows_where_it_is(client, entries, settings):
    settings.CATALOG_PAGE_SIZE = 2
    settings.CATALOG_MAX_OFFSET = 4
    first = client.get(URL)
    page_3 = client.get(URL, {"page": "3"})
    body = page_3.content.decode()
    next_url = re.search(r'href="(\?page=4&amp;after=[^"]+)" rel="next"', body).group(1)
    page_4 = client.get(URL + next_url.replace("&amp;", "&"))
    middle = client.get(URL, {"page": "6"})

    expected = list(CatalogEntry.objects.listed().order_by("-published_at", "-pk"))
    assert first.context["page_obj"].count == 23
    assert page_4.context["page_obj"].number == 4
    assert page_4.context["page_obj"].object_list == expected[6:8]
    assert not middle.context["page_obj"].reachable
    notice = middle.content.decode()
    assert "?page=5&amp;" not in notice  # no number link that could not be read either
    assert 'href="?page=1"' in notice and 'href="?page=12"' in notice


FILTER_CASES = [
    {},
    {"genre": "notice"},
    {"genre": "opinion", "year": "2021"},
    {"validity": "repealed"},
    {"mode": "proactive", "validity": "valid"},
    {"year": "abc"},  # refused value: left out, as in the list
    {"genre": "no-such-genre"},
    {"aspect": "fees"},
    {"sort": "title", "genre": "report"},
]


@pytest.mark.parametrize(
    "params", FILTER_CASES, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items())
)
def test_the_total_from_the_summaries_equals_a_count_of_the_list(
    entries, agency, city, topic, params, make_staff
):
    staff = make_staff(city, StaffRole.EDITOR)
    for user in (AnonymousUser(), staff):
        for extra in ({}, {"agency": agency.slug}, {"agency": city.slug, "topic": topic.slug}):
            filterset = EntryFilter(
                {**params, **extra} or None, queryset=CatalogEntry.objects.visible_to(user)
            )
            assert filterset.count_from_summaries(user) == filterset.qs.count()


def test_a_small_list_is_sorted_by_an_expression_no_index_provides(entries):
    queryset = CatalogEntry.objects.listed().order_by("-published_at", "-pk")
    count = queryset.count()
    with CaptureQueriesContext(connection) as captured:
        ListPaginator(queryset, 3, count, filter_first=True).page(1)
        ListPaginator(queryset, 3, count).page(1)
    small, large = (q["sql"] for q in captured.captured_queries[-2:])
    assert 'ORDER BY COALESCE("catalog_catalogentry"."published_at"' in small
    assert 'ORDER BY "catalog_catalogentry"."published_at" DESC' in large


def test_a_keyword_search_is_counted_on_the_entries(entries):
    filterset = EntryFilter({"q": "文件1"}, queryset=CatalogEntry.objects.listed())
    assert filterset.count_from_summaries(AnonymousUser()) is None
    assert filterset.qs.count() == len([e for e in entries if e.title == "文件1"])


def test_a_query_with_nothing_searchable_is_counted_from_the_summaries(entries):
    filterset = EntryFilter(
        {"q": "〔 〕", "genre": "notice"}, queryset=CatalogEntry.objects.listed()
    )
    expected = CatalogEntry.objects.listed().filter(genre=Genre.NOTICE).count()
    assert filterset.count_from_summaries(AnonymousUser()) == expected
    assert filterset.qs.count() == expected


def test_a_keyword_search_pages_from_either_end_and_steps_on(client, entries, settings):
    settings.CATALOG_PAGE_SIZE = 2
    settings.CATALOG_MAX_OFFSET = 2
    newest_first = list(CatalogEntry.objects.listed().order_by("-published_at", "-pk"))
    ones = [entry for entry in newest_first if entry.title == "文件1"]

    first = client.get(URL, {"q": "文件1"}).context["page_obj"]
    last = client.get(URL, {"q": "文件1", "page": "99"}).context["page_obj"]
    every = client.get(URL, {"q": "文件"}).context["page_obj"]
    stepped = client.get(URL, {"q": "文件", "page": "2", "after": every.next_cursor})

    assert (first.count, first.object_list) == (len(ones), ones[:2])
    assert last.object_list == ones[2 * (last.number - 1) :]
    assert every.count == 23
    assert stepped.context["page_obj"].object_list == newest_first[2:4]


def test_a_rare_year_is_selected_by_its_filters_first(client, agency, topic):
    for _ in range(55):
        factories.PublishedEntryFactory(agency=agency, topic=topic)
    old = factories.PublishedEntryFactory(
        agency=agency, topic=topic, date_made=datetime.date(2016, 5, 1)
    )

    with CaptureQueriesContext(connection) as rare:
        response = client.get(URL, {"year": "2016"})
    with CaptureQueriesContext(connection) as common:
        client.get(URL, {"year": "2026"})

    assert response.context["page_obj"].object_list == [old]
    assert any('ORDER BY COALESCE("catalog_catalogentry"."published_at"' in q["sql"] for q in rare)
    assert not any("ORDER BY COALESCE" in q["sql"] for q in common)


def test_a_common_keyword_is_counted_up_to_the_search_limit_and_listed_that_far(
    client, entries, settings, monkeypatch
):
    settings.CATALOG_PAGE_SIZE = 2
    monkeypatch.setattr(engine, "COUNT_LIMIT", 5)
    newest_first = list(CatalogEntry.objects.listed().order_by("-published_at", "-pk"))

    response = client.get(URL, {"q": "文件"})
    page = response.context["page_obj"]
    last = client.get(URL, {"q": "文件", "page": "99"}).context["page_obj"]

    assert (page.count, page.exact, page.num_pages) == (5, False, 3)
    assert page.object_list == newest_first[:2]
    # The true end is unknown: the last page shown is read from the start, not the end.
    assert (last.number, last.object_list) == (3, newest_first[4:5])
    text = response.content.decode()
    assert "找到5条以上，列出前5条" in text
    assert "/search/?q=%E6%96%87%E4%BB%B6" in text
    assert "5+" in text  # the pagination status


def test_a_rare_keyword_is_counted_exactly(client, entries, monkeypatch):
    monkeypatch.setattr(engine, "COUNT_LIMIT", 5)
    ones = [entry for entry in entries if entry.title == "文件1"]
    page = client.get(URL, {"q": "文件1"}).context["page_obj"]
    assert len(ones) <= 5
    assert (page.count, page.exact) == (len(ones), True)

"""The site search page (全站搜索) and the header's search box."""

import datetime
import re

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from catalog.models import Scope, StaffRole, Validity
from catalog.search import engine
from pagecache.middleware import PageCacheMiddleware
from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("catalog:search")


def titles(response) -> list[str]:
    return [hit.document.title for hit, _details in response.context["hits"]]


def html(response) -> str:
    return response.content.decode()


def main(response) -> str:
    return re.search(r"<main.*</main>", html(response), re.S).group(0)


def entry(agency, title, **kwargs):
    return factories.PublishedEntryFactory(agency=agency, title=title, **kwargs)


@pytest.fixture
def shelf(agency, city):
    """Food entries in two agencies, a power item about food, and an unrelated entry."""
    return {
        "old": entry(agency, "食品安全监督抽检结果公告", date_made=datetime.date(2024, 5, 1)),
        "new": entry(city, "关于食品经营许可的通知", date_made=datetime.date(2026, 2, 1)),
        "power": factories.PublishedPowerItemFactory(agency=agency, name="食品经营许可"),
        "other": entry(city, "电动自行车产品质量抽查结果"),
    }


# ---------- results ----------


def test_results_are_listed_with_the_match_highlighted(client, shelf):
    response = client.get(URL, {"q": "食品"})

    assert response.status_code == 200
    assert set(titles(response)) == {
        shelf["old"].title,
        shelf["new"].title,
        shelf["power"].name,
    }
    assert f'<a href="{shelf["old"].get_absolute_url()}"><mark>食品</mark>安全' in html(response)
    assert shelf["other"].title not in html(response)


def test_a_result_shows_its_kind_index_number_document_number_agency_date_and_validity(
    client, agency
):
    found = entry(
        agency,
        "食品抽检公告",
        document_number="辽市监发〔2026〕7号",
        validity=Validity.REPEALED,
        date_made=datetime.date(2026, 3, 9),
    )

    page = main(client.get(URL, {"q": "食品"}))

    assert "目录信息" in page
    assert found.index_number in page
    assert "辽市监发〔2026〕7号" in page
    assert agency.name in page
    assert "2026-03-09" in page
    assert f'<span class="badge badge-warn">{Validity.REPEALED.label}</span>' in page


def test_the_query_kind_and_sort_are_kept_in_the_form(client, shelf):
    response = client.get(URL, {"q": "食品 许可", "kind": "entry", "sort": "newest"})
    page = html(response)

    assert 'name="q" value="食品 许可"' in page
    assert '<option value="entry" selected>' in page
    assert '<input type="hidden" name="sort" value="newest">' in page


def test_facets_count_per_kind_and_per_agency_and_mark_the_chosen_one(client, shelf, agency):
    response = client.get(URL, {"q": "食品"})
    kinds = {f.label: f.count for f in response.context["kind_facets"]}
    agencies = {f.label: f.count for f in response.context["agency_facets"]}

    assert kinds == {"目录信息": 2, "权责事项": 1}
    assert agencies == {agency.name: 2, shelf["new"].agency.name: 1}
    assert "(2)" in html(response)

    narrowed = client.get(URL, {"q": "食品", "agency": str(agency.pk)})
    assert set(titles(narrowed)) == {shelf["old"].title, shelf["power"].name}
    assert re.search(r'aria-current="true"><span class="tree-label">' + agency.name, html(narrowed))
    assert f"机构：{agency.name}" in html(narrowed)  # the chip that removes it

    only_power = client.get(URL, {"q": "食品", "kind": "power"})
    assert titles(only_power) == [shelf["power"].name]


def test_facet_links_keep_the_query_and_drop_the_page(client, shelf):
    response = client.get(URL, {"q": "食品", "page": "1"})
    urls = [f.url for f in response.context["kind_facets"]]

    assert all(url.startswith("?q=%E9%A3%9F%E5%93%81&kind=") for url in urls)
    assert not any("page=" in url for url in urls)


def test_sort_switch_lists_newest_first(client, shelf):
    response = client.get(URL, {"q": "食品", "kind": "entry", "sort": "newest"})

    assert titles(response) == [shelf["new"].title, shelf["old"].title]
    current = [option.label for option in response.context["sorts"] if option.current]
    assert current == ["最新"]
    assert 'href="?q=%E9%A3%9F%E5%93%81&amp;kind=entry" aria-current' not in html(response)


def test_relevance_is_the_default_and_unknown_sorts_fall_back_to_it(client, shelf):
    for params in ({"q": "食品"}, {"q": "食品", "sort": "'; DROP TABLE x"}):
        response = client.get(URL, params)
        assert response.status_code == 200
        assert response.context["sort"] == engine.Sort.RELEVANCE


def test_results_are_paged(client, agency):
    for n in range(engine.PER_PAGE + 5):
        entry(agency, f"食品抽检信息第{n}期")

    first = client.get(URL, {"q": "食品"})
    second = client.get(URL, {"q": "食品", "page": "2"})

    assert len(titles(first)) == engine.PER_PAGE
    assert len(titles(second)) == 5
    assert not set(titles(first)) & set(titles(second))
    assert '<a href="?q=%E9%A3%9F%E5%93%81&amp;page=2" aria-current="page">2</a>' in html(second)
    assert f'start="{engine.PER_PAGE + 1}"' in html(second)


@pytest.mark.parametrize("page", ["abc", "-3", "0", "99999999999999999999", "2.5", ""])
def test_a_bad_page_number_never_fails(client, shelf, page):
    response = client.get(URL, {"q": "食品", "page": page})

    assert response.status_code == 200
    assert len(titles(response)) == 3


def test_unknown_kind_and_agency_are_ignored_with_a_message(client, shelf):
    response = client.get(URL, {"q": "食品", "kind": "secret", "agency": "99999"})

    assert response.status_code == 200
    assert len(titles(response)) == 3
    assert "没有该信息类别，已在全部类别中检索。" in html(response)
    assert "没有该机构，已在全部机构中检索。" in html(response)

    not_a_number = client.get(URL, {"q": "食品", "agency": "<b>1</b>"})
    assert not_a_number.status_code == 200
    assert "没有该机构" in html(not_a_number)


# ---------- did you mean, long queries, nothing found ----------


def test_traditional_characters_are_searched_as_simplified_and_said_so(client, agency):
    found = entry(agency, "行政处罚决定书公开")

    response = client.get(URL, {"q": "行政處罰"})

    assert titles(response) == [found.title]
    assert "已按简体/半角" in html(response)
    assert '<a href="?q=%E8%A1%8C%E6%94%BF%E5%A4%84%E7%BD%9A">“行政处罚”</a>' in html(response)


def test_a_full_width_document_number_is_found_and_said_so(client, agency):
    found = entry(agency, "关于开展抽查的通知", document_number="辽市监发〔2024〕12号")
    entry(agency, "关于开展检查的通知", document_number="辽市监发〔2024〕3号")

    response = client.get(URL, {"q": "辽市监发〔２０２４〕１２号"})

    assert titles(response) == [found.title]
    assert "已按简体/半角" in html(response)
    assert "“辽市监发〔2024〕12号”" in html(response)
    assert "<mark>辽市监发〔2024〕12号</mark>" in html(response)


def test_a_simplified_query_gets_no_did_you_mean(client, shelf):
    assert "已按简体/半角" not in html(client.get(URL, {"q": "食品"}))


def test_a_long_query_is_cut_and_said_so(client, shelf):
    response = client.get(URL, {"q": "食品" * 150})

    assert response.status_code == 200
    assert "检索词过长，已截取前100个字检索。" in html(response)
    assert f'value="{"食品" * 50}"' in html(response)


def test_nothing_found_gives_tips_and_the_way_to_apply(client, shelf):
    response = client.get(URL, {"q": "火星殖民"})
    page = main(response)

    assert response.status_code == 200
    assert "没有找到与“火星殖民”相关的信息。" in page
    assert "检索提示" in page
    assert "不输入括号" in page
    assert f'href="{reverse("requests_app:new")}"' in page
    assert 'class="search-results"' not in page


def test_nothing_found_in_a_facet_links_to_all_kinds_and_agencies(client, shelf):
    response = client.get(URL, {"q": "电动自行车", "kind": "power"})

    assert titles(response) == []
    assert 'href="?q=%E7%94%B5%E5%8A%A8%E8%87%AA%E8%A1%8C%E8%BD%A6">在全部类别和机构中检索' in (
        html(response)
    )


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}])
def test_an_empty_query_shows_the_form_and_tips_only(client, shelf, params):
    response = client.get(URL, params)
    page = main(response)

    assert response.status_code == 200
    assert 'id="search-q"' in page
    assert "检索提示" in page
    assert "results" not in response.context
    assert 'class="search-results"' not in page
    assert "相关的信息" not in page


HOSTILE = [
    "' OR 1=1; DROP TABLE catalog_searchdocument; --",
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>食品",
    "食品 & | ! : * ( ) <-> ''",
    "食:* | !品 & (安全)",
    "\\' \\\" %_ \x00",
    "MATCH 'a' OR NEAR(b) AND NOT c*",
    "食" * 300,
    "ＡＢＣ　１２３",
]


@pytest.mark.parametrize("raw", HOSTILE)
def test_hostile_queries_never_fail_and_are_shown_escaped(client, shelf, raw):
    response = client.get(URL, {"q": raw})

    assert response.status_code == 200
    page = html(response)
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert escape(" ".join(raw.split())[:100]) in page or not raw.strip("\x00 ")


def test_operators_only_say_there_is_nothing_to_search(client, shelf):
    response = client.get(URL, {"q": "&|!:*()"})

    assert "检索词中没有可检索的汉字、字母或数字。" in html(response)
    assert "results" not in response.context


# ---------- who sees what ----------


@pytest.fixture
def internal(city):
    return entry(city, "局务公开食品内部通报", scope=Scope.INTERNAL)


def test_an_internal_entry_is_not_found_by_the_public(client, shelf, internal):
    assert internal.title not in titles(client.get(URL, {"q": "食品"}))


def test_an_internal_entry_is_not_found_by_another_agencys_staff(
    client, shelf, internal, other_city, make_staff
):
    client.force_login(make_staff(other_city, StaffRole.EDITOR))

    assert internal.title not in titles(client.get(URL, {"q": "食品"}))


def test_an_internal_entry_is_found_by_its_own_agencys_staff(
    client, shelf, internal, city, make_staff
):
    client.force_login(make_staff(city, StaffRole.EDITOR))

    response = client.get(URL, {"q": "食品"})

    assert internal.title in titles(response)


@pytest.mark.django_db(transaction=True)  # pages rendered inside a transaction are not stored
def test_the_public_search_page_is_cached_but_staff_get_their_own(
    client, settings, shelf, internal, city, make_staff
):
    settings.PAGE_CACHE = {**settings.PAGE_CACHE, "ENABLED": True}
    caches["pages"].clear()
    params = {"q": "食品"}
    try:
        first, second = client.get(URL, params), Client().get(URL, params)
        assert [r.headers.get("X-Page-Cache") for r in (first, second)] == ["miss", "hit"]

        staff = Client()
        staff.force_login(make_staff(city, StaffRole.EDITOR))
        theirs = staff.get(URL, params)
        assert theirs.headers.get("X-Page-Cache") != "hit"
        assert internal.title in titles(theirs)

        after = Client().get(URL, params)
        assert after.headers.get("X-Page-Cache") == "hit"
        assert "内部通报" not in html(after)
    finally:
        caches["pages"].clear()


def test_search_pages_follow_the_catalogue_and_the_reports():
    middleware = PageCacheMiddleware(lambda request: None)

    assert middleware.namespaces("/search/") == ("catalog", "reports")
    assert "/search/" not in django_settings.PAGE_CACHE["EXCLUDE"]


# ---------- work per page ----------


def _matching_entries(agency, n):
    for i in range(n):
        entry(agency, f"食品安全监督抽检第{i}期", document_number=f"辽市监发〔2026〕{i}号")


@pytest.mark.parametrize("n_hits", [3, 30])
@pytest.mark.parametrize("sort", ["relevance", "newest"])
def test_query_count_does_not_grow_with_the_hits(
    client, agency, city, django_assert_max_num_queries, n_hits, sort
):
    _matching_entries(agency, n_hits // 2)
    _matching_entries(city, n_hits - n_hits // 2)
    client.get("/")  # the agencies and topics are memoized from here on

    # Count and facets, the agencies, two sets of candidates, the phrase, the page.
    with django_assert_max_num_queries(6):
        response = client.get(URL, {"q": "食品 抽检", "sort": sort})

    assert len(titles(response)) == min(n_hits, engine.PER_PAGE)


def test_query_count_for_signed_in_staff(client, agency, make_staff, django_assert_max_num_queries):
    _matching_entries(agency, 25)
    client.force_login(make_staff(agency, StaffRole.EDITOR))
    client.get("/")

    with django_assert_max_num_queries(6 + 2):  # session and user
        response = client.get(URL, {"q": "食品"})

    assert len(titles(response)) == engine.PER_PAGE


# ---------- the header's search box ----------


def test_every_public_page_has_the_site_search_box(client, shelf, agency):
    for path in ("/", reverse("catalog:entry_list"), agency.get_absolute_url(), URL):
        page = html(client.get(path))
        form = re.search(r'<form class="site-search[^"]*" method="get" action="/search/"', page)
        assert form, path
        assert '<label class="visually-hidden" for="site-search-q">全站搜索</label>' in page
        assert 'name="q"' in page


def test_the_search_page_is_in_english_too(client, shelf):
    response = client.get(URL, {"q": "食品"}, HTTP_ACCEPT_LANGUAGE="en")

    assert "Site search" in html(response)
    assert "3 results found" in html(response)

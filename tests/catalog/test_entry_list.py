"""The public catalogue list: facets, keyword search, sorting, paging, visibility, queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from catalog.models import (
    DisclosureMode,
    Genre,
    ReviewStatus,
    Scope,
    StaffRole,
    Validity,
)
from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("catalog:entry_list")


def listed_titles(response):
    return [entry.title for entry in response.context["page_obj"].object_list]


@pytest.fixture
def tree():
    """A province with two cities; the first city has a county."""
    province = factories.AgencyFactory(slug="province")
    city_a = factories.CityAgencyFactory(parent=province, slug="city-a")
    city_b = factories.CityAgencyFactory(parent=province, slug="city-b")
    county = factories.CountyAgencyFactory(parent=city_a, slug="county-a1")
    return province, city_a, city_b, county


def published(**kwargs):
    return factories.PublishedEntryFactory(**kwargs)


# Facets -------------------------------------------------------------------


def test_agency_facet_on_province_includes_city_and_county_entries(client, tree):
    province, city_a, city_b, county = tree
    for agency, title in [(province, "省局文件"), (city_a, "甲市文件"), (city_b, "乙市文件")]:
        published(agency=agency, title=title)
    published(agency=county, title="甲县文件")

    response = client.get(URL, {"agency": "province"})

    assert sorted(listed_titles(response)) == sorted(
        ["省局文件", "甲市文件", "乙市文件", "甲县文件"]
    )


def test_agency_facet_on_city_includes_its_counties_and_excludes_the_other_city(client, tree):
    province, city_a, city_b, county = tree
    published(agency=province, title="省局文件")
    published(agency=city_a, title="甲市文件")
    published(agency=county, title="甲县文件")
    published(agency=city_b, title="乙市文件")

    response = client.get(URL, {"agency": "city-a"})

    assert sorted(listed_titles(response)) == sorted(["甲市文件", "甲县文件"])


def test_topic_facet_includes_subtopics(client):
    parent = factories.TopicFactory(slug="quality", name="质量监督")
    child = factories.TopicFactory(slug="sampling", name="抽查", parent=parent)
    other = factories.TopicFactory(slug="fees", name="收费")
    published(topic=parent, title="质量总则")
    published(topic=child, title="抽查结果")
    published(topic=other, title="收费标准")

    assert sorted(listed_titles(client.get(URL, {"topic": "quality"}))) == ["抽查结果", "质量总则"]
    assert listed_titles(client.get(URL, {"topic": "sampling"})) == ["抽查结果"]


def test_genre_facet(client):
    published(genre=Genre.NOTICE, title="通知一")
    published(genre=Genre.ANNOUNCEMENT, title="公告一")

    assert listed_titles(client.get(URL, {"genre": Genre.ANNOUNCEMENT})) == ["公告一"]


def test_year_facet_uses_date_made(client):
    published(date_made=datetime.date(2024, 12, 31), title="旧文件")
    published(date_made=datetime.date(2025, 1, 1), title="新文件")

    assert listed_titles(client.get(URL, {"year": "2024"})) == ["旧文件"]


def test_validity_facet(client):
    published(validity=Validity.VALID, title="有效文件")
    published(
        validity=Validity.REPEALED,
        validity_changed_on=datetime.date(2025, 6, 1),
        title="废止文件",
    )

    assert listed_titles(client.get(URL, {"validity": "repealed"})) == ["废止文件"]


def test_mode_facet(client):
    published(title="主动公开文件")
    published(disclosure_mode=DisclosureMode.ON_REQUEST, title="依申请文件")

    assert listed_titles(client.get(URL, {"mode": "on_request"})) == ["依申请文件"]


@pytest.mark.parametrize(
    ("field", "value", "term"),
    [
        ("title", "关于食品安全抽检的通告", "抽检"),
        ("document_number", "辽市监函〔2025〕88号", "〔2025〕88"),
        ("keywords", "电梯,特种设备", "特种设备"),
        ("summary", "公布电动自行车质量抽查结果。", "电动自行车"),
    ],
)
def test_keyword_search_matches_each_field(client, field, value, term):
    published(**{"title": "命中文件", field: value})
    published(title="无关文件", keywords="其他", summary="其他", document_number="无")

    assert listed_titles(client.get(URL, {"q": term})) == [
        value if field == "title" else "命中文件"
    ]


def test_keyword_search_requires_every_term(client):
    published(title="食品安全抽检结果", keywords="抽检")
    published(title="食品经营许可", keywords="许可")

    assert listed_titles(client.get(URL, {"q": "食品 抽检"})) == ["食品安全抽检结果"]
    # A full-width space separates terms too, as Chinese input methods type it.
    assert listed_titles(client.get(URL, {"q": "食品\u3000许可"})) == ["食品经营许可"]
    assert listed_titles(client.get(URL, {"q": "食品 不存在"})) == []


def test_keyword_search_is_case_insensitive_and_matches_whole_latin_words(client):
    published(title="GB 2760 食品添加剂标准")

    assert listed_titles(client.get(URL, {"q": "gb"})) == ["GB 2760 食品添加剂标准"]
    assert listed_titles(client.get(URL, {"q": "GB2760"})) == ["GB 2760 食品添加剂标准"]
    # Letters and digits are words: part of one matches nothing.
    assert listed_titles(client.get(URL, {"q": "276"})) == []


def test_keyword_search_finds_chinese_substrings_of_two_characters_and_more(client):
    published(title="关于开展电动自行车质量抽查的通知")

    for term in ("自行", "电动自行车", "质量抽查的通"):
        assert listed_titles(client.get(URL, {"q": term})) == ["关于开展电动自行车质量抽查的通知"]


def test_a_traditional_character_query_finds_a_simplified_title(client):
    published(title="食品安全监督抽检结果公告")
    published(title="无关文件", keywords="其他", summary="其他")

    response = client.get(URL, {"q": "食品安全監督抽檢"})

    assert listed_titles(response) == ["食品安全监督抽检结果公告"]
    assert response.context["page_obj"].count == 1


def test_a_document_number_typed_with_square_brackets_finds_the_entry(client):
    published(title="命中文件", document_number="辽市监发〔2025〕12号")
    published(title="同年另一文件", document_number="辽市监发〔2025〕13号")

    for term in ("辽市监发[2025]12号", "辽市监发［2025］12号", "辽市监发(2025)12"):
        assert listed_titles(client.get(URL, {"q": term})) == ["命中文件"], term


def test_a_query_of_punctuation_only_filters_nothing(client):
    published(title="第一份文件")
    published(title="第二份文件")

    for term in ("〔〕", "!!! ()", "*"):
        response = client.get(URL, {"q": term})
        assert sorted(listed_titles(response)) == ["第一份文件", "第二份文件"], term
        assert response.context["page_obj"].count == 2


def test_keyword_search_finds_internal_entries_for_staff_of_that_agency_only(
    client, city, other_city, make_staff
):
    published(agency=city, title="局务公开会议纪要", scope=Scope.INTERNAL)
    published(agency=city, title="面向社会会议纪要")

    assert listed_titles(client.get(URL, {"q": "会议纪要"})) == ["面向社会会议纪要"]

    client.force_login(make_staff(other_city, StaffRole.EDITOR))
    assert listed_titles(client.get(URL, {"q": "会议纪要"})) == ["面向社会会议纪要"]

    client.force_login(make_staff(city, StaffRole.EDITOR))
    assert sorted(listed_titles(client.get(URL, {"q": "会议纪要"}))) == sorted(
        ["局务公开会议纪要", "面向社会会议纪要"]
    )


def test_keyword_search_no_longer_finds_a_withdrawn_entry(client, city):
    entry = published(agency=city, title="将撤回的文件")
    assert listed_titles(client.get(URL, {"q": "撤回"})) == ["将撤回的文件"]

    entry.status = ReviewStatus.WITHDRAWN
    entry.withdrawn_at = timezone.now()
    entry.save()

    assert listed_titles(client.get(URL, {"q": "撤回"})) == []


# Sorting --------------------------------------------------------------------


@pytest.fixture
def three_entries():
    now = timezone.now()
    published(
        title="乙",
        published_at=now - datetime.timedelta(days=2),
        date_made=datetime.date(2026, 1, 5),
    )
    published(
        title="甲",
        published_at=now - datetime.timedelta(days=1),
        date_made=datetime.date(2025, 1, 5),
    )
    published(title="丙", published_at=now, date_made=datetime.date(2024, 1, 5))


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (None, ["丙", "甲", "乙"]),
        ("newest", ["丙", "甲", "乙"]),
        ("oldest", ["乙", "甲", "丙"]),
        ("date_made", ["乙", "甲", "丙"]),
        ("title", sorted(["甲", "乙", "丙"])),
    ],
)
def test_sorting(client, three_entries, sort, expected):
    params = {"sort": sort} if sort else {}

    assert listed_titles(client.get(URL, params)) == expected


# Paging and bad input ------------------------------------------------------


def test_pagination_keeps_the_filters(client, settings):
    settings.CATALOG_PAGE_SIZE = 2
    genre_entries = [published(genre=Genre.BULLETIN) for _ in range(3)]
    published(genre=Genre.NOTICE)

    first = client.get(URL, {"genre": "bulletin"})
    body = first.content.decode()
    assert "genre=bulletin&amp;page=2" in body

    second = client.get(URL, {"genre": "bulletin", "page": "2"})
    assert len(listed_titles(second)) == 1
    assert second.context["page_obj"].count == len(genre_entries)


def test_a_page_number_out_of_range_shows_the_last_page(client):
    published(title="唯一")

    response = client.get(URL, {"page": "99"})

    assert response.status_code == 200
    assert listed_titles(response) == ["唯一"]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"agency": "no-such-agency"}, "agency", "There is no such agency"),
        ({"topic": "no-such-topic"}, "topic", "There is no such topic"),
        ({"year": "abc"}, "year", "Enter a year as four digits"),
        ({"year": "1800"}, "year", "Enter a year from 1949 on"),
        ({"genre": "poem"}, "genre", "Select a valid choice"),
        ({"sort": "random"}, "sort", "Select a valid choice"),
    ],
)
def test_bad_input_gives_a_message_next_to_the_field(client, params, field, message):
    published(title="文件")

    response = client.get(URL, {**params, "q": "文件"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    body = response.content.decode()
    assert message in body
    assert f'id="id_{field}_error"' in body
    assert 'aria-invalid="true"' in body
    # What else was typed stays in the form and still applies.
    assert 'value="文件"' in body
    assert listed_titles(response) == ["文件"]


def test_bad_input_keeps_valid_facets_applied(client, tree):
    province, city_a, city_b, county = tree
    published(agency=city_a, title="甲市文件", genre=Genre.NOTICE)
    published(agency=city_b, title="乙市文件", genre=Genre.NOTICE)

    response = client.get(URL, {"agency": "city-a", "year": "abc"})

    assert listed_titles(response) == ["甲市文件"]
    assert '<option value="city-a" selected>' in response.content.decode()


def test_overlong_keyword_is_refused_with_a_message(client):
    response = client.get(URL, {"q": "字" * 101}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert "q" in response.context["form"].errors


# Chips and tree ------------------------------------------------------------


def test_active_filters_are_shown_as_removable_chips(client, tree):
    published(agency=tree[1], genre=Genre.NOTICE)

    response = client.get(URL, {"agency": "city-a", "genre": "notice", "sort": "title"})

    chips = {chip["name"]: chip for chip in response.context["active_filters"]}
    assert set(chips) == {"agency", "genre"}
    assert chips["agency"]["value"] == tree[1].name
    body = response.content.decode()
    # Removing the agency chip keeps the genre and the sorting.
    assert 'href="?genre=notice&amp;sort=title"' in body
    assert 'href="?agency=city-a&amp;sort=title"' in body


def test_topic_tree_counts_visible_entries_including_subtopics(client):
    parent = factories.TopicFactory(slug="quality")
    child = factories.TopicFactory(slug="sampling", parent=parent)
    published(topic=parent)
    published(topic=child)
    published(topic=child, scope=Scope.INTERNAL)  # not visible to the public
    factories.EntryFactory(topic=child)  # a draft

    response = client.get(URL)

    root, sub = response.context["topic_tree"].rows
    assert (root.depth, root.count, root.opens) == (0, 2, True)
    assert (sub.depth, sub.count, list(sub.closes)) == (1, 1, [0])
    body = response.content.decode()
    # Nested lists: the subtopic's list sits inside its parent's item.
    assert '<span class="tree-count">(1)</span></a></li></ul></li>' in body


def test_agency_tree_links_keep_the_other_filters(client, tree):
    response = client.get(URL, {"genre": "notice", "page": "1"})

    body = response.content.decode()
    assert 'href="?genre=notice&amp;agency=city-b"' in body


# Visibility ---------------------------------------------------------------


def test_list_shows_only_published_public_entries_to_the_public(client, city):
    published(agency=city, title="已发布")
    factories.EntryFactory(agency=city, title="草稿")
    factories.EntryFactory(agency=city, title="审核中", status=ReviewStatus.IN_REVIEW)
    published(
        agency=city, title="已撤回", status=ReviewStatus.WITHDRAWN, withdrawn_at=timezone.now()
    )
    published(agency=city, title="局务公开", scope=Scope.INTERNAL)

    assert listed_titles(client.get(URL)) == ["已发布"]


def test_internal_entries_are_listed_for_staff_of_that_agency_only(
    client, city, other_city, make_staff
):
    published(agency=city, title="局务公开", scope=Scope.INTERNAL)
    published(agency=city, title="面向社会")

    client.force_login(make_staff(other_city, StaffRole.EDITOR))
    assert listed_titles(client.get(URL)) == ["面向社会"]

    client.force_login(make_staff(city, StaffRole.EDITOR))
    assert sorted(listed_titles(client.get(URL))) == sorted(["局务公开", "面向社会"])


def test_repealed_and_on_request_entries_are_listed_and_marked(client):
    published(
        title="废止文件",
        validity=Validity.REPEALED,
        validity_changed_on=datetime.date(2025, 6, 1),
    )
    published(title="依申请文件", disclosure_mode=DisclosureMode.ON_REQUEST)

    body = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "废止文件" in body
    assert '<span class="badge badge-warn">Repealed (废止)</span>' in body
    assert '<span class="badge badge-warn">Disclosure on request (依申请公开)</span>' in body


# Query counts -------------------------------------------------------------


def _populate(n_agencies_per_level=3, n_topics=4, n_entries=60):
    province = factories.AgencyFactory()
    cities = [factories.CityAgencyFactory(parent=province) for _ in range(n_agencies_per_level)]
    for city in cities:
        factories.CountyAgencyFactory(parent=city)
    parent = factories.TopicFactory(slug="root-topic")
    topics = [factories.TopicFactory(parent=parent) for _ in range(n_topics)]
    agencies = [province, *cities]
    for i in range(n_entries):
        published(agency=agencies[i % len(agencies)], topic=topics[i % len(topics)])
    return province


# The agencies and the topics (once a request, for the trees, the selects, the
# facets' subtrees and the nav link) and the topic counts (in production these
# three are read once per catalogue version, not per request), the total from
# the summary tables (a count of the entries for a keyword search), the page of
# entries. Nothing grows with the data. A year filter adds the catalogue's size
# (also once per version in production): catalog.views.entries.clusters_in_time.
LIST_QUERY_LIMIT = 5


def test_list_query_count_is_the_same_at_page_sizes_5_and_50(
    client, settings, django_assert_num_queries
):
    _populate()
    params = {"topic": "root-topic", "q": "抽查", "sort": "title", "mode": "proactive"}
    counts = []
    for page_size in (5, 50):
        settings.CATALOG_PAGE_SIZE = page_size

        with django_assert_num_queries(LIST_QUERY_LIMIT) as captured:
            response = client.get(URL, params)

        assert len(listed_titles(response)) == page_size
        counts.append(len(captured))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("n_entries", [10, 200])
def test_list_query_count_with_a_keyword_does_not_grow_with_entries(
    client, settings, django_assert_num_queries, n_entries
):
    settings.CATALOG_PAGE_SIZE = 5
    _populate(n_entries=n_entries)
    for params in ({"q": "抽查"}, {"q": "產品 抽查", "page": "2"}, {"q": "抽查", "sort": "oldest"}):
        with django_assert_num_queries(LIST_QUERY_LIMIT):
            response = client.get(URL, params)
        assert response.context["page_obj"].count == n_entries


@pytest.mark.parametrize("n_agencies", [1, 8])
def test_list_query_count_does_not_grow_with_agencies_and_topics(
    client, django_assert_num_queries, n_agencies
):
    province = _populate(n_agencies_per_level=n_agencies, n_topics=n_agencies, n_entries=20)

    with django_assert_num_queries(LIST_QUERY_LIMIT + 1):
        client.get(URL, {"agency": province.slug, "genre": "notice", "year": "2026"})


@pytest.mark.parametrize("n_entries", [10, 200])
def test_list_query_count_does_not_grow_with_entries_nor_with_depth(
    client, settings, django_assert_num_queries, n_entries
):
    settings.CATALOG_PAGE_SIZE = 5
    _populate(n_entries=n_entries)
    for params in ({}, {"page": "2"}, {"page": str(n_entries // 5)}, {"sort": "oldest"}):
        with django_assert_num_queries(LIST_QUERY_LIMIT):
            client.get(URL, params)


def test_list_query_count_for_signed_in_staff(
    client, city, make_staff, django_assert_max_num_queries
):
    _populate(n_entries=30)
    client.force_login(make_staff(city, StaffRole.EDITOR))

    with django_assert_max_num_queries(LIST_QUERY_LIMIT + 2):  # session and user
        client.get(URL, {"topic": "root-topic"})
    with django_assert_max_num_queries(LIST_QUERY_LIMIT + 2):
        response = client.get(URL, {"topic": "root-topic", "q": "抽查"})
    assert response.context["page_obj"].count == 30

"""The anonymous page cache: shared where it may be, never where it must not, never stale.

These tests commit (``transaction=True``): content versions change when a write
commits, and nothing read inside an open transaction is cached.
"""

import datetime
import gzip

import brotli
import pytest
import time_machine
from django.core.cache import caches
from django.db import transaction
from django.test import Client
from django.urls import reverse

from catalog import workflow
from catalog.models import Scope, StaffRole
from pagecache import versions
from pagecache.models import ContentVersion
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

CATALOG = reverse("catalog:entry_list")


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = {**settings.PAGE_CACHE, "ENABLED": True}
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def state(response) -> str:
    return response.headers.get("X-Page-Cache", "")


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def staff(agency):
    return factories.MembershipFactory(agency=agency, role=StaffRole.REVIEWER).user


def test_a_second_anonymous_visit_is_served_from_the_cache(client, agency):
    factories.PublishedEntryFactory(agency=agency, title="第一份文件")

    first, second = client.get(CATALOG), Client().get(CATALOG)

    assert (state(first), state(second)) == ("miss", "hit")
    assert text(second) == text(first)
    assert "第一份文件" in text(second)
    assert second.cookies == {}
    assert second["Cache-Control"] == "public, no-cache"


def test_publishing_shows_at_once_and_withdrawing_removes_at_once(client, agency, staff):
    editor = factories.MembershipFactory(agency=agency, role=StaffRole.EDITOR).user
    factories.PublishedEntryFactory(agency=agency, title="旧文件")
    assert state(client.get(CATALOG)) == "miss"
    assert state(client.get(CATALOG)) == "hit"

    entry = factories.EntryFactory(agency=agency, title="新发布的文件")
    workflow.submit_for_review(entry, editor)
    workflow.publish(entry, staff, "经审查，同意公开。")
    after_publish = client.get(CATALOG)
    home = client.get("/")

    workflow.withdraw(entry, staff, "内容有误")
    after_withdrawal = client.get(CATALOG)
    entry_page = client.get(entry.get_absolute_url())

    assert state(after_publish) == "miss" and "新发布的文件" in text(after_publish)
    assert "新发布的文件" in text(home)
    assert state(after_withdrawal) == "miss" and "新发布的文件" not in text(after_withdrawal)
    assert entry_page.status_code == 410


def test_an_edit_in_another_namespace_leaves_the_catalogue_cached(client, agency):
    from requests_app.models import CalendarDay, CalendarDayKind

    client.get(CATALOG)
    client.get(reverse("reports:scoreboard"))
    CalendarDay.objects.create(
        date=datetime.date(2026, 10, 9), kind=CalendarDayKind.WORKDAY, notice="测试"
    )

    assert state(client.get(CATALOG)) == "hit"
    assert state(client.get(reverse("reports:scoreboard"))) == "miss"


def test_a_staff_member_never_gets_a_cached_page_nor_leaves_one(client, agency, staff):
    factories.PublishedEntryFactory(agency=agency, title="内部文件", scope=Scope.INTERNAL)
    anonymous = client.get(CATALOG)
    staff_client = Client()
    staff_client.force_login(staff)

    seen_by_staff = staff_client.get(CATALOG)
    seen_next = Client().get(CATALOG)

    assert "内部文件" not in text(anonymous)
    assert state(seen_by_staff) == "" and "内部文件" in text(seen_by_staff)
    assert seen_by_staff["Cache-Control"] == "private"
    assert "Content-Encoding" not in seen_by_staff
    assert state(seen_next) == "hit" and "内部文件" not in text(seen_next)


def test_a_page_with_a_form_never_shares_its_token(agency):
    first, second = (
        Client().get(reverse("requests_app:new")),
        Client().get(reverse("requests_app:new")),
    )

    assert state(first) == state(second) == ""
    assert "csrftoken" in first.cookies and "csrftoken" in second.cookies
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    assert "private" in first["Cache-Control"]


def test_public_pages_carry_no_csrf_cookie_or_token(client, agency):
    for url in ("/", CATALOG, agency.get_absolute_url(), reverse("catalog:clearances")):
        response = client.get(url)
        assert response.cookies == {}, url
        assert "csrfmiddlewaretoken" not in text(response), url


def test_visitors_with_a_session_or_a_message_are_not_served_from_the_cache(client, agency):
    client.get(CATALOG)
    with_session = Client()
    with_session.cookies["sessionid"] = "abc"
    with_message = Client()
    with_message.cookies["messages"] = "x"

    assert state(with_session.get(CATALOG)) == ""
    assert state(with_message.get(CATALOG)) == ""


def test_language_and_display_mode_are_part_of_the_key(client, agency):
    chinese = client.get(CATALOG, HTTP_ACCEPT_LANGUAGE="zh-hans")
    english = client.get(CATALOG, HTTP_ACCEPT_LANGUAGE="en")
    large = Client()
    large.cookies["a11y"] = "large"
    large_page = large.get(CATALOG, HTTP_ACCEPT_LANGUAGE="en")
    english_again = client.get(CATALOG, HTTP_ACCEPT_LANGUAGE="en")

    assert '<html lang="zh-hans"' in text(chinese)
    assert '<html lang="en"' in text(english)
    assert state(large_page) == "miss" and "mode-large" in text(large_page)
    assert state(english_again) == "hit" and "mode-large" not in text(english_again)


def test_a_new_day_renders_the_page_again(client, agency):
    with time_machine.travel(datetime.datetime(2026, 12, 3, 15, 59, tzinfo=datetime.UTC)):
        assert state(client.get(CATALOG)) == "miss"
        assert state(client.get(CATALOG)) == "hit"
    # 16:00 UTC is midnight in Shanghai: the publication periods and ages move on.
    with time_machine.travel(datetime.datetime(2026, 12, 3, 16, 1, tzinfo=datetime.UTC)):
        assert state(client.get(CATALOG)) == "miss"


def test_conditional_get_answers_304_with_the_same_etag(client, agency):
    first = client.get(CATALOG)
    again = client.get(CATALOG, HTTP_IF_NONE_MATCH=first["ETag"])
    changed = client.get(CATALOG, HTTP_IF_NONE_MATCH='W/"something-else"')

    assert first["ETag"].startswith('W/"')
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    assert "Accept-Encoding" in again["Vary"] and "Accept-Language" in again["Vary"]
    assert changed.status_code == 200


def test_pages_go_out_compressed_as_the_client_accepts(client, agency):
    plain = client.get(CATALOG)
    as_brotli = client.get(CATALOG, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    as_gzip = client.get(CATALOG, HTTP_ACCEPT_ENCODING="gzip")
    refused = client.get(CATALOG, HTTP_ACCEPT_ENCODING="br;q=0, gzip;q=0")

    assert "Content-Encoding" not in plain
    assert as_brotli["Content-Encoding"] == "br"
    assert brotli.decompress(as_brotli.content) == plain.content
    assert as_gzip["Content-Encoding"] == "gzip"
    assert gzip.decompress(as_gzip.content) == plain.content
    assert len(as_gzip.content) < len(plain.content) / 3
    assert "Content-Encoding" not in refused
    assert int(as_brotli["Content-Length"]) == len(as_brotli.content)


def test_with_the_cache_off_public_pages_are_still_compressed_and_tagged(client, agency, settings):
    settings.PAGE_CACHE = {**settings.PAGE_CACHE, "ENABLED": False}
    first = client.get(CATALOG, HTTP_ACCEPT_ENCODING="br")
    second = client.get(CATALOG, HTTP_ACCEPT_ENCODING="br", HTTP_IF_NONE_MATCH=first["ETag"])

    assert state(first) == "off" and first["Content-Encoding"] == "br"
    assert second.status_code == 304


def test_nothing_rendered_inside_a_transaction_is_stored(agency):
    with transaction.atomic():
        inside = Client().get(CATALOG)
    outside = Client().get(CATALOG)

    assert state(inside) == "miss"
    assert state(outside) == "miss"


def test_a_lost_version_token_can_never_bring_back_an_old_page(client, agency):
    client.get(CATALOG)
    ContentVersion.objects.all().delete()  # as if the tokens were evicted

    assert state(client.get(CATALOG)) == "miss"
    assert set(versions.current_tokens()) == set(versions.NAMESPACES)


def test_writes_in_one_transaction_bump_each_namespace_once(agency, django_assert_max_num_queries):
    with transaction.atomic():
        for n in range(5):
            factories.PublishedEntryFactory(agency=agency, title=f"文件{n}")
        pending = [
            func
            for _sids, func, _robust in transaction.get_connection().run_on_commit
            if isinstance(func, versions._Bump)
        ]
    assert [bump.namespace for bump in pending] == ["catalog"]
    assert all(bump.done for bump in pending)


def test_a_release_of_new_code_renders_every_page_again(client, agency, settings):
    client.get(CATALOG)
    settings.PAGE_CACHE = {**settings.PAGE_CACHE, "ENABLED": True, "RELEASE": "next-release"}

    assert state(Client().get(CATALOG)) == "miss"


@pytest.mark.parametrize("path", ["/admin/", "/requests/track/", "/requests/receipt/"])
def test_staff_and_applicant_pages_are_never_cached(client, path):
    client.get(path)
    assert state(client.get(path)) == ""


def test_moving_an_agency_moves_its_entries_between_the_facets(client, agency):
    city_a = factories.CityAgencyFactory(parent=agency, slug="city-a")
    city_b = factories.CityAgencyFactory(parent=agency, slug="city-b")
    county = factories.CountyAgencyFactory(parent=city_a, slug="county")
    factories.PublishedEntryFactory(agency=county, title="县局文件")
    assert "县局文件" in text(client.get(CATALOG, {"agency": "city-a"}))
    assert "县局文件" not in text(client.get(CATALOG, {"agency": "city-b"}))

    county.parent = city_b
    county.save()

    moved_from = client.get(CATALOG, {"agency": "city-a"})
    moved_to = client.get(CATALOG, {"agency": "city-b"})
    assert "县局文件" not in text(moved_from)
    assert moved_from.context["page_obj"].count == 0
    assert "县局文件" in text(moved_to)
    assert moved_to.context["page_obj"].count == 1


def test_a_request_answered_changes_the_scoreboard_at_once(client, agency, settings):
    from tests.requests_app.factories import FAST_HASHERS, handler, received_request

    settings.PASSWORD_HASHERS = FAST_HASHERS
    officer = handler(agency)
    request = received_request(agency=agency, on=datetime.date.today() - datetime.timedelta(days=3))
    scoreboard = reverse("reports:scoreboard")
    client.get(scoreboard)
    assert state(client.get(scoreboard)) == "hit"

    from requests_app import workflow

    workflow.reply(request, officer, answer="granted", text="予以公开。")

    after = client.get(scoreboard)
    assert state(after) == "miss"
    (score,) = [s for s in after.context["scores"] if s.agency == agency]
    assert score.answered == 1

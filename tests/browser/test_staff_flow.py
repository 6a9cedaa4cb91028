"""Staff publish an entry through the admin in a real browser (issue 2, "What a user gets")."""

import re

import pytest

from catalog.models import CatalogEntry, ReviewStatus, StaffRole
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-word-123"  # tests.factories.UserFactory's password


def sign_in(page, live_server, user):
    page.context.clear_cookies()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url(live_server.url + "/admin/")


def submit_step(page):
    """Press the step's submit button and wait for the answer page."""
    with page.expect_navigation():
        page.locator(".submit-row input[type=submit]").click()


def choose_autocomplete(page, field, value, label):
    """Set an autocomplete (select2) field the way its widget would."""
    page.evaluate(
        """([field, value, label]) => {
            const select = document.getElementById('id_' + field);
            select.add(new Option(label, value, true, true));
        }""",
        [field, str(value), label],
    )


def test_editor_drafts_reviewer_publishes_citizen_reads(live_server, page, city, make_staff):
    topic = factories.TopicFactory(name="工作动态", slug="news")
    editor = make_staff(city, StaffRole.EDITOR)
    reviewer = make_staff(city, StaffRole.REVIEWER)

    # The editor drafts an entry for their own agency and sends it to review.
    sign_in(page, live_server, editor)
    page.goto(live_server.url + "/admin/catalog/catalogentry/add/")
    page.fill("#id_title", "沈阳市局开展“5·15”政务公开日活动")
    choose_autocomplete(page, "agency", city.pk, city.name)
    choose_autocomplete(page, "topic", topic.pk, topic.name)
    page.fill("#id_date_made", "2026-05-15")
    page.fill("#id_summary", "介绍政务公开日活动的开展情况。")
    page.fill("#id_body", "<p>5月15日，我局在中街开展政策咨询。</p><script>alert(1)</script>")
    page.locator("input[name=_continue]").click()
    page.wait_for_url(re.compile(r".*/catalogentry/\d+/change/.*"))
    entry = CatalogEntry.objects.get(title__contains="政务公开日活动")
    assert entry.status == ReviewStatus.DRAFT
    page.locator("a.workflow-submit").click()
    submit_step(page)
    entry.refresh_from_db()
    assert entry.status == ReviewStatus.IN_REVIEW
    # The editor is offered no "publish" step.
    page.goto(live_server.url + f"/admin/catalog/catalogentry/{entry.pk}/change/")
    assert page.locator("a.workflow-publish").count() == 0

    # The reviewer must give an opinion, then publishes.
    sign_in(page, live_server, reviewer)
    page.goto(live_server.url + f"/admin/catalog/catalogentry/{entry.pk}/change/")
    page.locator("a.workflow-publish").click()
    submit_step(page)
    assert page.locator(".errorlist").count() >= 1
    page.fill("textarea[name=note]", "经审查，不涉及国家秘密和个人信息，同意公开。")
    submit_step(page)
    entry.refresh_from_db()
    assert entry.status == ReviewStatus.PUBLISHED
    assert entry.index_number == f"{city.credit_code}/{entry.published_at.year}-00001"

    # A citizen finds it in the catalogue under its permanent number.
    page.context.clear_cookies()
    page.goto(live_server.url + "/catalog/")
    page.locator("main a", has_text="政务公开日活动").first.click()
    page.wait_for_url(f"**/catalog/{entry.index_number}/")
    assert "5月15日，我局在中街开展政策咨询。" in page.locator("main").inner_text()
    assert page.locator("main script").count() == 0


def test_editor_cannot_open_another_citys_entry_by_url(live_server, page, city, other_city):
    editor = factories.MembershipFactory(agency=city, role=StaffRole.EDITOR).user
    foreign = factories.EntryFactory(agency=other_city, title="外市内部草稿")
    sign_in(page, live_server, editor)
    page.goto(live_server.url + f"/admin/catalog/catalogentry/{foreign.pk}/change/")
    assert "外市内部草稿" not in page.content()
    page.goto(live_server.url + "/admin/catalog/catalogentry/")
    assert "外市内部草稿" not in page.content()

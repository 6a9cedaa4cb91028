"""The review workflow in the admin: list actions and the buttons on an entry.

Every path ends in ``catalog.workflow``; these tests check that the admin asks
for what each step needs, reports what happened and changes nothing else.
"""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from catalog.models import CatalogEntry, ReviewAction, ReviewEvent, ReviewStatus, StaffRole
from tests import factories

CHANGELIST = reverse("admin:catalog_catalogentry_changelist")
OPINION = "经审查,不涉及国家秘密、工作秘密和个人隐私,同意公开。"


@pytest.fixture
def login():
    def _login(user):
        client = Client(headers={"accept-language": "en"})
        client.force_login(user)
        return client

    return _login


def in_review(agency, **kwargs):
    return factories.EntryFactory(agency=agency, status=ReviewStatus.IN_REVIEW, **kwargs)


def run_action(client, action, entries, **form):
    """Pick the action on the list (step one) and, when ``form`` is given, confirm it."""
    data = {"action": action, "_selected_action": [e.pk for e in entries]}
    if not form:
        return client.post(CHANGELIST, {**data, "index": 0}, follow=True)
    return client.post(
        CHANGELIST, {**data, "select_across": "0", "post": "yes", **form}, follow=True
    )


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def events_of(entry):
    return list(
        ReviewEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(CatalogEntry), object_id=entry.pk
        ).values_list("action", "note")
    )


def transition_url(entry, name):
    return reverse("admin:catalog_catalogentry_transition", args=[entry.pk, name])


# List actions --------------------------------------------------------------------


def test_editor_sends_drafts_to_review(login, editor, city):
    drafts = factories.EntryFactory.create_batch(2, agency=city)
    response = run_action(login(editor), "submit_selected", drafts)
    assert "2 records were sent to review." in messages_of(response)
    for draft in drafts:
        draft.refresh_from_db()
        assert draft.status == ReviewStatus.IN_REVIEW
        assert events_of(draft) == [(ReviewAction.SUBMITTED, "")]


def test_editor_cannot_publish_and_is_told_why(login, editor, city):
    entry = in_review(city, title="待审条目")
    response = run_action(login(editor), "publish_selected", [entry], note=OPINION)
    [message] = messages_of(response)
    assert "待审条目" in message
    assert "Only a confidentiality reviewer" in message
    entry.refresh_from_db()
    assert entry.status == ReviewStatus.IN_REVIEW
    assert entry.index_number == ""
    assert events_of(entry) == []


def test_publish_action_first_asks_for_the_opinion(login, reviewer, city):
    entry = in_review(city, title="待审条目")
    response = run_action(login(reviewer), "publish_selected", [entry])
    assert response.status_code == 200
    assert response.templates[0].name == "admin/catalog/transition.html"
    assert "note" in response.context["form"].fields
    assert "待审条目" in response.text
    entry.refresh_from_db()
    assert entry.status == ReviewStatus.IN_REVIEW


def test_reviewer_publishes_with_an_opinion(login, reviewer, city):
    entry = in_review(city)
    response = run_action(login(reviewer), "publish_selected", [entry], note=OPINION)
    assert "1 record was published." in messages_of(response)
    entry.refresh_from_db()
    assert entry.status == ReviewStatus.PUBLISHED
    assert re.fullmatch(rf"{city.credit_code}/\d{{4}}-00001", entry.index_number)
    assert entry.reviewed_by == reviewer
    assert entry.confidentiality_opinion == OPINION
    assert events_of(entry) == [(ReviewAction.PUBLISHED, OPINION)]


@pytest.mark.parametrize("blank", ["", "   \n  "])
def test_publishing_without_an_opinion_is_refused(login, reviewer, city, blank):
    entry = in_review(city)
    response = run_action(login(reviewer), "publish_selected", [entry], note=blank)
    assert response.status_code == 200
    assert response.context["form"].errors["note"]
    entry.refresh_from_db()
    assert entry.status == ReviewStatus.IN_REVIEW
    assert entry.index_number == ""


def test_publishing_reports_each_entry_that_could_not_be_published(login, reviewer, city):
    ready = in_review(city)
    draft = factories.EntryFactory(agency=city, title="尚未送审的草稿")
    response = run_action(login(reviewer), "publish_selected", [ready, draft], note=OPINION)
    messages = messages_of(response)
    assert "1 record was published." in messages
    [refusal] = [m for m in messages if "尚未送审的草稿" in m]
    assert "Only an entry in review can be published" in refusal
    draft.refresh_from_db()
    assert draft.status == ReviewStatus.DRAFT


def test_reviewer_of_another_city_cannot_publish_by_action(login, make_staff, city, other_city):
    entry = in_review(city)
    outsider = make_staff(other_city, StaffRole.REVIEWER)
    response = run_action(login(outsider), "publish_selected", [entry], note=OPINION)
    assert "Nothing was selected." in messages_of(response)
    entry.refresh_from_db()
    assert entry.status == ReviewStatus.IN_REVIEW


def test_seeing_an_entry_is_not_the_right_to_publish_it(login, make_staff, city, other_city):
    entry = in_review(city, title="甲市待审条目")
    user = make_staff(other_city, StaffRole.REVIEWER)
    factories.MembershipFactory(user=user, agency=city, role=StaffRole.REQUEST_OFFICER)
    response = run_action(login(user), "publish_selected", [entry], note=OPINION)
    [message] = messages_of(response)
    assert "甲市待审条目" in message
    assert city.name in message
    entry.refresh_from_db()
    assert entry.status == ReviewStatus.IN_REVIEW


def test_withdrawal_needs_a_reason(login, reviewer, city):
    entry = factories.PublishedEntryFactory(agency=city)
    client = login(reviewer)
    response = run_action(client, "withdraw_selected", [entry], note="")
    assert response.context["form"].errors["note"]
    entry.refresh_from_db()
    assert entry.status == ReviewStatus.PUBLISHED
    response = run_action(client, "withdraw_selected", [entry], note="内容已过时")
    assert "1 record was withdrawn." in messages_of(response)
    entry.refresh_from_db()
    assert entry.status == ReviewStatus.WITHDRAWN
    assert entry.withdrawal_reason == "内容已过时"
    assert entry.index_number  # kept for ever


def test_editor_cannot_withdraw(login, editor, city):
    entry = factories.PublishedEntryFactory(agency=city)
    run_action(login(editor), "withdraw_selected", [entry], note="不再需要")
    entry.refresh_from_db()
    assert entry.status == ReviewStatus.PUBLISHED


def test_send_back_needs_a_note_and_returns_a_draft(login, reviewer, city):
    entry = in_review(city)
    client = login(reviewer)
    response = run_action(client, "send_back_selected", [entry], note="  ")
    assert response.context["form"].errors["note"]
    run_action(client, "send_back_selected", [entry], note="请补充文号")
    entry.refresh_from_db()
    assert entry.status == ReviewStatus.DRAFT
    assert events_of(entry) == [(ReviewAction.SENT_BACK, "请补充文号")]


def test_request_officer_gets_no_workflow_actions(login, make_staff, city):
    factories.EntryFactory(agency=city)
    response = login(make_staff(city, StaffRole.REQUEST_OFFICER)).get(CHANGELIST)
    assert response.status_code == 200
    assert response.context["action_form"] is None


# Buttons on the change form --------------------------------------------------------


def workflow_buttons(response):
    return [t["name"] for t in response.context["workflow_transitions"]]


def change_page(client, entry):
    return client.get(reverse("admin:catalog_catalogentry_change", args=[entry.pk]))


def test_change_form_offers_only_the_steps_the_user_may_take(login, editor, reviewer, city):
    draft = factories.EntryFactory(agency=city)
    waiting = in_review(city)
    published = factories.PublishedEntryFactory(agency=city)
    assert workflow_buttons(change_page(login(editor), draft)) == ["submit"]
    assert workflow_buttons(change_page(login(editor), waiting)) == []
    assert workflow_buttons(change_page(login(editor), published)) == []
    assert workflow_buttons(change_page(login(reviewer), waiting)) == ["publish", "send_back"]
    assert workflow_buttons(change_page(login(reviewer), published)) == ["withdraw"]
    response = change_page(login(reviewer), waiting)
    assert transition_url(waiting, "publish") in response.text


def test_publish_button_asks_for_the_opinion_then_publishes(login, reviewer, city):
    entry = in_review(city, title="按钮发布的条目")
    client = login(reviewer)
    page = client.get(transition_url(entry, "publish"))
    assert page.status_code == 200
    assert "按钮发布的条目" in page.text
    assert 'name="note"' in page.text
    response = client.post(transition_url(entry, "publish"), {"note": OPINION})
    assert response.status_code == 302
    assert response.url == reverse("admin:catalog_catalogentry_change", args=[entry.pk])
    entry.refresh_from_db()
    assert entry.status == ReviewStatus.PUBLISHED
    assert entry.index_number


def test_publish_button_without_opinion_changes_nothing(login, reviewer, city):
    entry = in_review(city)
    response = login(reviewer).post(transition_url(entry, "publish"), {"note": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["note"]
    entry.refresh_from_db()
    assert entry.status == ReviewStatus.IN_REVIEW


def test_submit_button_sends_to_review(login, editor, city):
    entry = factories.EntryFactory(agency=city)
    response = login(editor).post(transition_url(entry, "submit"), follow=True)
    assert "1 record was sent to review." in messages_of(response)
    entry.refresh_from_db()
    assert entry.status == ReviewStatus.IN_REVIEW


def test_hand_made_post_to_a_step_the_user_may_not_take_is_refused(login, editor, city):
    entry = in_review(city, title="编辑不能发布")
    response = login(editor).post(transition_url(entry, "publish"), {"note": OPINION}, follow=True)
    [message] = messages_of(response)
    assert "Only a confidentiality reviewer" in message
    entry.refresh_from_db()
    assert entry.status == ReviewStatus.IN_REVIEW


def test_step_on_another_citys_entry_answers_as_if_missing(login, make_staff, city, other_city):
    entry = in_review(city, title="甲市的条目")
    client = login(make_staff(other_city, StaffRole.REVIEWER))
    page = client.get(transition_url(entry, "publish"), follow=True)
    assert page.redirect_chain[-1][0] == reverse("admin:index")
    assert "甲市的条目" not in page.text
    client.post(transition_url(entry, "publish"), {"note": OPINION})
    entry.refresh_from_db()
    assert entry.status == ReviewStatus.IN_REVIEW


def test_unknown_step_is_not_found(login, reviewer, city):
    entry = in_review(city)
    assert login(reviewer).get(transition_url(entry, "approve")).status_code == 404


def test_full_round_trip_leaves_one_event_per_change(login, editor, reviewer, city, topic):
    editor_client, reviewer_client = login(editor), login(reviewer)
    add = reverse("admin:catalog_catalogentry_add")
    editor_client.post(
        add,
        {
            "title": "全流程条目",
            "agency": city.pk,
            "topic": topic.pk,
            "genre": "notice",
            "date_made": "2026-03-02",
            "disclosure_mode": "proactive",
            "scope": "public",
            "timeliness": "standing",
            "validity": "valid",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
        },
    )
    entry = CatalogEntry.objects.get(title="全流程条目")
    editor_client.post(transition_url(entry, "submit"))
    reviewer_client.post(transition_url(entry, "send_back"), {"note": "补充摘要"})
    editor_client.post(transition_url(entry, "submit"))
    reviewer_client.post(transition_url(entry, "publish"), {"note": OPINION})
    reviewer_client.post(transition_url(entry, "withdraw"), {"note": "已被新文件取代"})
    assert [action for action, _note in events_of(entry)] == [
        ReviewAction.CREATED,
        ReviewAction.SUBMITTED,
        ReviewAction.SENT_BACK,
        ReviewAction.SUBMITTED,
        ReviewAction.PUBLISHED,
        ReviewAction.WITHDRAWN,
    ]

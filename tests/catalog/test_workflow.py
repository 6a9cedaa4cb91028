"""The publication workflow: draft -> in review -> published -> withdrawn (issue 2 point 7)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.utils import translation

from catalog import workflow
from catalog.models import ReviewAction, ReviewEvent, ReviewStatus, StaffRole
from catalog.workflow import TransitionError
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_messages():
    """The messages are checked in their English source form."""
    with translation.override("en"):
        yield


def events_of(entry):
    return list(
        ReviewEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(entry), object_id=entry.pk
        ).values_list("action", "from_status", "to_status")
    )


def test_full_path_from_draft_to_withdrawn_writes_one_event_per_change(city, editor, reviewer):
    entry = factories.EntryFactory(agency=city)
    workflow.submit_for_review(entry, editor)
    workflow.publish(entry, reviewer, "经审查不涉及国家秘密,同意公开。")
    workflow.withdraw(entry, reviewer, "文件已被新文件替代且内容有误")
    entry.refresh_from_db()
    assert entry.status == ReviewStatus.WITHDRAWN
    assert entry.reviewed_by == reviewer
    assert entry.confidentiality_opinion == "经审查不涉及国家秘密,同意公开。"
    assert entry.withdrawal_reason
    assert events_of(entry) == [
        (ReviewAction.SUBMITTED, ReviewStatus.DRAFT, ReviewStatus.IN_REVIEW),
        (ReviewAction.PUBLISHED, ReviewStatus.IN_REVIEW, ReviewStatus.PUBLISHED),
        (ReviewAction.WITHDRAWN, ReviewStatus.PUBLISHED, ReviewStatus.WITHDRAWN),
    ]


def test_editor_cannot_publish(city, editor):
    entry = factories.EntryFactory(agency=city, status=ReviewStatus.IN_REVIEW)
    with pytest.raises(PermissionDenied):
        workflow.publish(entry, editor, "同意")
    entry.refresh_from_db()
    assert entry.status == ReviewStatus.IN_REVIEW
    assert entry.index_number == ""


def test_reviewer_of_another_agency_cannot_publish(city, other_city, make_staff):
    outsider = make_staff(other_city, StaffRole.REVIEWER)
    entry = factories.EntryFactory(agency=city, status=ReviewStatus.IN_REVIEW)
    with pytest.raises(PermissionDenied):
        workflow.publish(entry, outsider, "同意")


def test_provincial_reviewer_covering_subordinates_may_publish_for_a_city(agency, city, make_staff):
    provincial = factories.MembershipFactory(
        agency=agency, role=StaffRole.REVIEWER, covers_subordinates=True
    ).user
    entry = factories.EntryFactory(agency=city, status=ReviewStatus.IN_REVIEW)
    workflow.publish(entry, provincial, "同意")
    assert entry.status == ReviewStatus.PUBLISHED


def test_provincial_reviewer_without_coverage_may_not_publish_for_a_city(agency, city, make_staff):
    provincial = make_staff(agency, StaffRole.REVIEWER)
    entry = factories.EntryFactory(agency=city, status=ReviewStatus.IN_REVIEW)
    with pytest.raises(PermissionDenied):
        workflow.publish(entry, provincial, "同意")


@pytest.mark.parametrize("opinion", ["", "   "])
def test_publishing_needs_a_confidentiality_opinion(city, reviewer, opinion):
    entry = factories.EntryFactory(agency=city, status=ReviewStatus.IN_REVIEW)
    with pytest.raises(TransitionError, match="confidentiality review opinion"):
        workflow.publish(entry, reviewer, opinion)
    entry.refresh_from_db()
    assert entry.status == ReviewStatus.IN_REVIEW


def test_a_draft_cannot_be_published_without_review(city, reviewer):
    entry = factories.EntryFactory(agency=city)
    with pytest.raises(TransitionError):
        workflow.publish(entry, reviewer, "同意")


def test_publishing_twice_is_refused_and_keeps_the_first_number(city, reviewer):
    entry = factories.EntryFactory(agency=city, status=ReviewStatus.IN_REVIEW)
    workflow.publish(entry, reviewer, "同意")
    stale = type(entry).objects.get(pk=entry.pk)
    stale.status = ReviewStatus.IN_REVIEW  # a second browser tab still shows "in review"
    with pytest.raises(TransitionError):
        workflow.publish(stale, reviewer, "同意")
    entry.refresh_from_db()
    assert entry.index_number.endswith("-00001")


def test_reviewer_sends_back_with_a_note(city, reviewer):
    entry = factories.EntryFactory(agency=city, status=ReviewStatus.IN_REVIEW)
    with pytest.raises(TransitionError):
        workflow.send_back(entry, reviewer, " ")
    workflow.send_back(entry, reviewer, "请删除第三段中的个人信息")
    assert entry.status == ReviewStatus.DRAFT
    assert events_of(entry)[-1][0] == ReviewAction.SENT_BACK


def test_editor_cannot_send_back(city, editor):
    entry = factories.EntryFactory(agency=city, status=ReviewStatus.IN_REVIEW)
    with pytest.raises(PermissionDenied):
        workflow.send_back(entry, editor, "改")


def test_editor_of_another_agency_cannot_submit(city, other_city, make_staff):
    outsider = make_staff(other_city, StaffRole.EDITOR)
    entry = factories.EntryFactory(agency=city)
    with pytest.raises(PermissionDenied):
        workflow.submit_for_review(entry, outsider)


def test_only_published_entries_can_be_withdrawn_and_a_reason_is_needed(city, reviewer):
    entry = factories.EntryFactory(agency=city)
    with pytest.raises(TransitionError):
        workflow.withdraw(entry, reviewer, "原因")
    published = factories.PublishedEntryFactory(agency=city)
    with pytest.raises(TransitionError, match="reason"):
        workflow.withdraw(published, reviewer, "")


def test_editor_cannot_withdraw(city, editor):
    published = factories.PublishedEntryFactory(agency=city)
    with pytest.raises(PermissionDenied):
        workflow.withdraw(published, editor, "原因")


def test_agency_admin_may_withdraw(city, make_staff):
    admin = make_staff(city, StaffRole.AGENCY_ADMIN)
    published = factories.PublishedEntryFactory(agency=city)
    workflow.withdraw(published, admin, "发布错误")
    assert published.status == ReviewStatus.WITHDRAWN


def test_withdrawn_entry_cannot_be_published_again(city, reviewer):
    published = factories.PublishedEntryFactory(agency=city)
    workflow.withdraw(published, reviewer, "错误")
    with pytest.raises(TransitionError):
        workflow.publish(published, reviewer, "同意")


def test_anonymous_user_can_do_nothing(city):
    from django.contrib.auth.models import AnonymousUser

    entry = factories.EntryFactory(agency=city)
    with pytest.raises(PermissionDenied):
        workflow.submit_for_review(entry, AnonymousUser())


def test_inactive_reviewer_cannot_publish(city, reviewer):
    reviewer.is_active = False
    reviewer.save()
    entry = factories.EntryFactory(agency=city, status=ReviewStatus.IN_REVIEW)
    with pytest.raises(PermissionDenied):
        workflow.publish(entry, reviewer, "同意")

"""The steps of an application after receipt, named by the article they apply: correction
(Art. 30), consultation (Arts. 32-33), extension (Art. 33), the answer (Arts. 36-39),
withdrawal, repeats, conversion to proactive disclosure (Art. 44), routing and notes.

Each refusal has its own test. The request of most tests is received on Monday
2 March 2026 and due on 30 March (20 working days, no holiday in between); the
clock of the tests stands at 16 March.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from catalog.models import CatalogEntry, ReviewStatus, StaffRole
from requests_app import deadlines, workflow
from requests_app.models import (
    DocumentKind,
    EventKind,
    PauseReason,
    RequestPause,
    RequestStatus,
)
from requests_app.outcomes import Answer, Outcome
from requests_app.workflow import RequestTransitionError
from tests.factories import DepartmentFactory
from tests.requests_app.factories import (
    FAST_HASHERS,
    InformationRequestFactory,
    at_china,
    handler,
    received_request,
    use_private_storage,
)

D = datetime.date


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


RECEIVED_ON = D(2026, 3, 2)
TODAY = D(2026, 3, 16)


@pytest.fixture
def officer(agency):
    return handler(agency)


@pytest.fixture
def request_(agency, officer):
    """Received Monday 2 March 2026, due Monday 30 March."""
    return received_request(agency=agency, on=RECEIVED_ON, user=officer)


def refused(match):
    """Expect a refusal whose English message contains ``match``."""
    return pytest.raises(RequestTransitionError, match=match)


@pytest.fixture(autouse=True)
def english_on_16_march(time_machine):
    """Messages in English; "today" is Monday 16 March 2026, inside the reply period."""
    time_machine.move_to(at_china(TODAY, 10), tick=False)
    with translation.override("en"):
        yield


def kinds(request):
    return list(request.events.values_list("kind", flat=True))


def test_art33_the_factory_request_is_received_with_its_due_date(request_):
    assert request_.status == RequestStatus.RECEIVED
    assert request_.due_on == D(2026, 3, 30)
    assert kinds(request_) == [EventKind.SUBMITTED, EventKind.RECEIVED]


# Art. 30: correction --------------------------------------------------------------------------


def test_art30_correction_stops_the_clock_and_tells_the_applicant_what_and_by_when(
    request_, officer
):
    workflow.request_correction(
        request_, officer, items="请补充文件的标题或文号。", due_on=D(2026, 3, 20), on=D(2026, 3, 5)
    )
    request_.refresh_from_db()
    assert request_.status == RequestStatus.CORRECTION
    assert request_.due_on is None  # the clock stands still
    assert request_.correction_requested_on == D(2026, 3, 5)
    assert request_.correction_due_on == D(2026, 3, 20)
    event = request_.events.get(kind=EventKind.CORRECTION_REQUESTED)
    assert event.public and event.message == "请补充文件的标题或文号。"


def test_art30_correction_restarts_the_clock_from_the_corrected_receipt(request_, officer):
    workflow.request_correction(
        request_, officer, items="请补充文号。", due_on=D(2026, 3, 20), on=D(2026, 3, 5)
    )
    workflow.receive_correction(request_, officer, on=D(2026, 3, 18))
    request_.refresh_from_db()
    assert request_.status == RequestStatus.RECEIVED
    assert request_.clock_start_on == request_.corrected_on == D(2026, 3, 18)
    assert request_.received_on == RECEIVED_ON  # the first receipt stays on record
    # 20 fresh working days from 18 March, across Qingming: nothing of the first round counts.
    assert request_.due_on == D(2026, 4, 16)
    due = workflow.due_date(request_)
    assert due.period == "restart"
    assert request_.events.get(kind=EventKind.CORRECTION_RECEIVED).public


def test_art30_correction_only_within_7_working_days_of_receipt(request_, officer):
    last_day = deadlines.correction_notice_due(RECEIVED_ON).due_on
    assert last_day == D(2026, 3, 11)
    with refused("within 7 working days"):
        workflow.request_correction(
            request_, officer, items="请补充。", due_on=D(2026, 3, 27), on=D(2026, 3, 12)
        )
    request_.refresh_from_db()
    assert request_.status == RequestStatus.RECEIVED


def test_art30_correction_on_the_7th_working_day_is_still_in_time(request_, officer):
    workflow.request_correction(
        request_, officer, items="请补充。", due_on=D(2026, 3, 27), on=D(2026, 3, 11)
    )
    assert request_.status == RequestStatus.CORRECTION


def test_art30_correction_only_once(request_, officer):
    workflow.request_correction(
        request_, officer, items="请补充。", due_on=D(2026, 3, 13), on=D(2026, 3, 3)
    )
    workflow.receive_correction(request_, officer, on=D(2026, 3, 6))
    with refused("only once"):
        workflow.request_correction(
            request_, officer, items="请再补充。", due_on=D(2026, 3, 20), on=D(2026, 3, 9)
        )


def test_art30_correction_says_what_to_complete(request_, officer):
    with refused("what the applicant should complete"):
        workflow.request_correction(request_, officer, items="  ", due_on=D(2026, 3, 20))


def test_art30_correction_gives_a_later_date(request_, officer):
    with refused("a date after today"):
        workflow.request_correction(
            request_, officer, items="请补充。", due_on=D(2026, 3, 5), on=D(2026, 3, 5)
        )


def test_art30_correction_needs_a_received_application(agency, officer):
    submitted = InformationRequestFactory(agency=agency)
    with refused("“Submitted, awaiting confirmation of receipt”"):
        workflow.request_correction(
            submitted, officer, items="请补充。", due_on=D(2026, 3, 20), on=D(2026, 3, 3)
        )


def test_art30_corrected_application_without_a_correction_asked_is_refused(request_, officer):
    with refused("No correction is awaited"):
        workflow.receive_correction(request_, officer, on=D(2026, 3, 5))


def test_art30_uncorrected_application_is_closed_as_no_correction_the_day_after_its_date(
    request_, officer
):
    workflow.request_correction(
        request_, officer, items="请补充。", due_on=D(2026, 3, 20), on=D(2026, 3, 5)
    )
    assert workflow.close_uncorrected(D(2026, 3, 20)) == 0
    assert workflow.close_uncorrected(D(2026, 3, 23)) == 1
    request_.refresh_from_db()
    assert request_.status == RequestStatus.CLOSED
    assert request_.outcome == Outcome.OTHER_NO_CORRECTION
    assert request_.closed_on == D(2026, 3, 21)
    event = request_.events.get(kind=EventKind.CLOSED_NO_CORRECTION)
    assert event.public and event.actor is None
    assert workflow.close_uncorrected(D(2026, 3, 24)) == 0


def test_art30_correction_by_staff_of_another_agency_is_refused(request_, city):
    with pytest.raises(PermissionDenied):
        workflow.request_correction(
            request_, handler(city), items="请补充。", due_on=D(2026, 3, 20), on=D(2026, 3, 3)
        )


# Arts. 32-33: consultation -------------------------------------------------------------------


def test_art32_third_party_consultation_pauses_the_clock_until_it_ends(request_, officer):
    workflow.start_consultation(
        request_, officer, reason=PauseReason.THIRD_PARTY, note="征求某公司意见", on=D(2026, 3, 10)
    )
    request_.refresh_from_db()
    assert request_.status == RequestStatus.CONSULTING
    assert request_.due_on is None
    pause = RequestPause.objects.get(request=request_)
    assert (pause.first_day, pause.last_day) == (D(2026, 3, 10), None)
    started = request_.events.get(kind=EventKind.CONSULTATION_STARTED)
    assert started.data["answer_due_on"] == "2026-03-31"  # 15 working days (Art. 32)
    assert started.note == "征求某公司意见" and started.message == ""

    workflow.end_consultation(request_, officer, on=D(2026, 3, 12))
    request_.refresh_from_db()
    assert request_.status == RequestStatus.RECEIVED
    assert request_.due_on == D(2026, 4, 2)  # three working days later than 30 March
    pause.refresh_from_db()
    assert pause.last_day == D(2026, 3, 12)


def test_art33_other_agency_consultation_pauses_the_clock_too(request_, officer):
    workflow.start_consultation(
        request_, officer, reason=PauseReason.OTHER_AGENCY, on=D(2026, 3, 10)
    )
    workflow.end_consultation(request_, officer, on=D(2026, 3, 12))
    assert request_.due_on == D(2026, 4, 2)


def test_art33_consultation_started_on_the_receipt_day_is_not_lost(request_, officer):
    workflow.start_consultation(request_, officer, reason=PauseReason.THIRD_PARTY, on=RECEIVED_ON)
    workflow.end_consultation(request_, officer, on=D(2026, 3, 3))
    assert request_.due_on == D(2026, 3, 31)  # 3 March not counted


def test_art33_consultation_reason_must_be_a_consultation(request_, officer):
    with refused("third party or of another agency"):
        workflow.start_consultation(request_, officer, reason=PauseReason.FEE)


def test_art33_consultation_cannot_start_twice(request_, officer):
    workflow.start_consultation(request_, officer, reason=PauseReason.THIRD_PARTY)
    with refused("“Consulting a third party or another agency”"):
        workflow.start_consultation(request_, officer, reason=PauseReason.OTHER_AGENCY)
    assert RequestPause.objects.filter(request=request_).count() == 1


def test_art33_consultation_cannot_end_when_none_runs(request_, officer):
    with refused("No consultation is running"):
        workflow.end_consultation(request_, officer)


def test_art33_consultation_cannot_end_before_it_started(request_, officer):
    workflow.start_consultation(
        request_, officer, reason=PauseReason.THIRD_PARTY, on=D(2026, 3, 10)
    )
    with refused("started on 2026-03-10"):
        workflow.end_consultation(request_, officer, on=D(2026, 3, 9))


# Art. 33: one extension of at most 20 working days -------------------------------------------


def test_art33_extension_adds_its_working_days_and_is_told_to_the_applicant(request_, officer):
    workflow.extend(
        request_, officer, days=20, reason="需调取档案", approved_by="王主任", on=D(2026, 3, 20)
    )
    request_.refresh_from_db()
    assert request_.extension_days == 20
    assert request_.extension_reason == "需调取档案"
    assert request_.extension_approved_by == "王主任"
    assert request_.due_on == D(2026, 4, 28)
    event = request_.events.get(kind=EventKind.EXTENDED)
    assert event.public and event.message == "需调取档案"


def test_art33_extension_and_pause_are_counted_together_from_scratch(request_, officer):
    workflow.start_consultation(
        request_, officer, reason=PauseReason.THIRD_PARTY, on=D(2026, 3, 10)
    )
    workflow.extend(request_, officer, days=10, reason="情况复杂", approved_by="王主任")
    assert request_.due_on is None  # still consulting
    workflow.end_consultation(request_, officer, on=D(2026, 3, 12))
    assert request_.due_on == D(2026, 4, 17)


def test_art33_second_extension_is_refused(request_, officer):
    workflow.extend(request_, officer, days=5, reason="情况复杂", approved_by="王主任")
    with refused("already extended once"):
        workflow.extend(request_, officer, days=5, reason="仍需时间", approved_by="王主任")
    request_.refresh_from_db()
    assert request_.extension_days == 5


def test_art33_extension_of_more_than_20_working_days_is_refused(request_, officer):
    with refused("at most 20 working days"):
        workflow.extend(request_, officer, days=21, reason="情况复杂", approved_by="王主任")


def test_art33_extension_of_no_days_is_refused(request_, officer):
    with refused("at least one working day"):
        workflow.extend(request_, officer, days=0, reason="情况复杂", approved_by="王主任")


def test_art33_extension_needs_a_reason(request_, officer):
    with refused("reason for the extension"):
        workflow.extend(request_, officer, days=5, reason="", approved_by="王主任")


def test_art33_extension_needs_an_approver(request_, officer):
    with refused("who approved"):
        workflow.extend(request_, officer, days=5, reason="情况复杂", approved_by=" ")


def test_art33_extension_after_the_time_limit_ended_is_refused(request_, officer):
    with refused("ended on 2026-03-30"):
        workflow.extend(
            request_, officer, days=5, reason="情况复杂", approved_by="王主任", on=D(2026, 3, 31)
        )


def test_art33_extension_of_a_closed_application_is_refused(request_, officer):
    workflow.reply(request_, officer, answer=Outcome.GRANTED, text="予以公开。")
    with refused("already closed"):
        workflow.extend(request_, officer, days=5, reason="情况复杂", approved_by="王主任")


# Arts. 36-39: the answer ---------------------------------------------------------------------


def test_art36_reply_closes_with_exactly_one_outcome_and_keeps_its_documents(
    request_, officer, tmp_path, monkeypatch
):
    use_private_storage(tmp_path, monkeypatch)
    upload = SimpleUploadedFile("抽检结果.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    workflow.reply(
        request_,
        officer,
        answer=Outcome.PARTIAL,
        text="部分公开,涉及商业秘密的内容不予公开。",
        documents=[upload],
        on=D(2026, 3, 25),
    )
    request_.refresh_from_db()
    assert request_.status == RequestStatus.CLOSED
    assert (request_.answer, request_.outcome) == (Outcome.PARTIAL, Outcome.PARTIAL)
    assert request_.replied_on == request_.closed_on == D(2026, 3, 25)
    assert request_.replied_by == officer
    document = request_.documents.get()
    assert (document.kind, document.public, document.title) == (
        DocumentKind.REPLY,
        True,
        "抽检结果.pdf",
    )
    assert document.content_type == "application/pdf"
    event = request_.events.get(kind=EventKind.REPLIED)
    assert event.public and event.data["late"] is False


@pytest.mark.parametrize(
    ("answer", "outcome"),
    [
        (Answer.ALREADY_DISCLOSED, Outcome.GRANTED),
        (Answer.NOT_THIS_AGENCY, Outcome.OTHER_OTHER),
        (Outcome.UNAVAILABLE_NOT_HELD, Outcome.UNAVAILABLE_NOT_HELD),
    ],
)
def test_art36_special_answers_count_under_their_report_row(request_, officer, answer, outcome):
    workflow.reply(request_, officer, answer=answer, text="答复内容。")
    assert (request_.answer, request_.outcome) == (answer, outcome)


def test_art33_late_reply_is_recorded_as_late(request_, officer):
    workflow.reply(request_, officer, answer=Outcome.GRANTED, text="予以公开。", on=D(2026, 4, 1))
    assert request_.events.get(kind=EventKind.REPLIED).data["late"] is True


def test_art36_reply_twice_is_refused(request_, officer):
    workflow.reply(request_, officer, answer=Outcome.GRANTED, text="予以公开。")
    with refused("already closed"):
        workflow.reply(request_, officer, answer=Outcome.PARTIAL, text="部分公开。")
    request_.refresh_from_db()
    assert request_.outcome == Outcome.GRANTED
    assert request_.events.filter(kind=EventKind.REPLIED).count() == 1


def test_art36_reply_after_withdrawal_is_refused(request_, officer):
    workflow.withdraw(request_, reason="不再需要")
    with refused("already closed"):
        workflow.reply(request_, officer, answer=Outcome.GRANTED, text="予以公开。")


def test_art36_reply_before_receipt_is_confirmed_is_refused(agency, officer):
    submitted = InformationRequestFactory(agency=agency)
    with refused("Only an application being handled can be answered"):
        workflow.reply(submitted, officer, answer=Outcome.GRANTED, text="予以公开。")


def test_art36_reply_while_consulting_is_refused(request_, officer):
    workflow.start_consultation(request_, officer, reason=PauseReason.THIRD_PARTY)
    with refused("“Consulting a third party or another agency”"):
        workflow.reply(request_, officer, answer=Outcome.GRANTED, text="予以公开。")


def test_art36_reply_needs_a_known_answer(request_, officer):
    with refused("Choose one answer"):
        workflow.reply(request_, officer, answer="granted.partly", text="予以公开。")


def test_art36_reply_needs_its_text(request_, officer):
    with refused("Write the reply"):
        workflow.reply(request_, officer, answer=Outcome.GRANTED, text="")


def test_art36_reply_to_another_agency_s_request_is_refused(request_, city):
    with pytest.raises(PermissionDenied):
        workflow.reply(request_, handler(city), answer=Outcome.GRANTED, text="予以公开。")
    request_.refresh_from_db()
    assert request_.status == RequestStatus.RECEIVED


def test_art36_reply_is_delivered_once(request_, officer):
    workflow.reply(request_, officer, answer=Outcome.GRANTED, text="予以公开。", on=D(2026, 3, 20))
    workflow.record_delivery(request_, officer, on=D(2026, 3, 23))
    assert request_.delivered_on == D(2026, 3, 23)
    with refused("already delivered"):
        workflow.record_delivery(request_, officer, on=D(2026, 3, 24))


def test_art36_delivery_without_a_reply_is_refused(request_, officer):
    with refused("Only a reply can be delivered"):
        workflow.record_delivery(request_, officer)


# Withdrawal and repeats ----------------------------------------------------------------------


def test_withdrawal_by_the_applicant_closes_as_other(request_):
    workflow.withdraw(request_, reason="已通过其他途径获得", on=D(2026, 3, 10))
    request_.refresh_from_db()
    assert request_.status == RequestStatus.CLOSED
    assert request_.outcome == Outcome.OTHER_OTHER
    assert request_.closed_on == D(2026, 3, 10)
    event = request_.events.get(kind=EventKind.WITHDRAWN)
    assert event.public and event.actor is None and event.note == "已通过其他途径获得"


def test_withdrawal_during_a_consultation_ends_the_pause(request_, officer):
    workflow.start_consultation(
        request_, officer, reason=PauseReason.OTHER_AGENCY, on=D(2026, 3, 10)
    )
    workflow.withdraw(request_, officer, reason="申请人电话撤回", on=D(2026, 3, 11))
    assert RequestPause.objects.get(request=request_).last_day == D(2026, 3, 11)


def test_withdrawal_before_receipt_dates_receipt_on_the_withdrawal(agency):
    submitted = InformationRequestFactory(agency=agency)
    workflow.withdraw(submitted, reason="", on=D(2026, 3, 3))
    assert submitted.received_on == D(2026, 3, 3)
    assert submitted.outcome == Outcome.OTHER_OTHER


def test_withdrawal_of_a_closed_application_is_refused(request_):
    workflow.withdraw(request_, reason="")
    with refused("already closed"):
        workflow.withdraw(request_, reason="")


def test_withdrawal_recorded_by_staff_of_another_agency_is_refused(request_, city):
    with pytest.raises(PermissionDenied):
        workflow.withdraw(request_, handler(city), reason="")


def answered_earlier(request_, officer):
    earlier = received_request(
        agency=request_.agency,
        on=D(2026, 2, 2),
        user=officer,
        id_number=request_.id_number,
        applicant_name=request_.applicant_name,
    )
    workflow.reply(earlier, officer, answer=Outcome.GRANTED, text="予以公开。", on=D(2026, 2, 20))
    return earlier


def test_art36_repeat_of_an_answered_application_is_not_handled(request_, officer):
    earlier = answered_earlier(request_, officer)
    workflow.mark_repeat(request_, officer, earlier=earlier, on=D(2026, 3, 4))
    request_.refresh_from_db()
    assert request_.outcome == Outcome.NOT_HANDLED_REPEAT
    assert request_.repeat_of == earlier
    event = request_.events.get(kind=EventKind.MARKED_REPEAT)
    assert earlier.tracking_number in event.message


def test_art36_repeat_of_an_unanswered_application_is_refused(request_, officer):
    earlier = received_request(
        agency=request_.agency,
        on=D(2026, 2, 2),
        user=officer,
        id_number=request_.id_number,
        applicant_name=request_.applicant_name,
    )
    with refused("has not been answered"):
        workflow.mark_repeat(request_, officer, earlier=earlier)


def test_art36_repeat_of_another_applicant_s_application_is_refused(request_, officer):
    other = received_request(agency=request_.agency, on=D(2026, 2, 2), user=officer)
    workflow.reply(other, officer, answer=Outcome.GRANTED, text="予以公开。", on=D(2026, 2, 20))
    with refused("same applicant"):
        workflow.mark_repeat(request_, officer, earlier=other)


# Art. 44: conversion to proactive disclosure -------------------------------------------------


def test_art44_disclosed_information_becomes_a_draft_catalogue_entry(request_, officer, topic):
    workflow.reply(request_, officer, answer=Outcome.GRANTED, text="予以公开。", on=D(2026, 3, 20))
    entry = workflow.convert_to_catalogue_draft(
        request_, officer, title="2025年度食品安全监督抽检结果", topic=topic, summary="多人申请"
    )
    assert entry.status == ReviewStatus.DRAFT
    assert (entry.agency, entry.topic, entry.created_by) == (request_.agency, topic, officer)
    assert entry.date_made == D(2026, 3, 20)
    request_.refresh_from_db()
    assert request_.proactive_entry == entry
    assert not request_.events.get(kind=EventKind.CONVERTED).public


def test_art44_conversion_only_once(request_, officer, topic):
    workflow.reply(request_, officer, answer=Outcome.GRANTED, text="予以公开。")
    workflow.convert_to_catalogue_draft(request_, officer, title="抽检结果", topic=topic)
    with refused("already converted"):
        workflow.convert_to_catalogue_draft(request_, officer, title="抽检结果", topic=topic)
    assert CatalogEntry.objects.count() == 1


def test_art44_conversion_needs_disclosed_information(request_, officer, topic):
    workflow.reply(request_, officer, answer=Outcome.UNAVAILABLE_NOT_HELD, text="不掌握。")
    with refused("Only information disclosed"):
        workflow.convert_to_catalogue_draft(request_, officer, title="抽检结果", topic=topic)


# Routing and notes ---------------------------------------------------------------------------


def test_art45_assignment_routes_to_a_department_and_officer_internally(request_, officer, agency):
    department = DepartmentFactory(agency=agency)
    colleague = handler(agency)
    workflow.assign(request_, officer, department=department, officer=colleague, note="请办理")
    request_.refresh_from_db()
    assert (request_.department, request_.officer) == (department, colleague)
    assert not request_.events.get(kind=EventKind.ASSIGNED).public


def test_art45_assignment_to_another_agency_s_department_is_refused(request_, officer, city):
    with refused("belongs to another agency"):
        workflow.assign(request_, officer, department=DepartmentFactory(agency=city))


def test_art45_assignment_to_someone_who_does_not_handle_requests_is_refused(
    request_, officer, agency
):
    editor = handler(agency, role=StaffRole.EDITOR)
    with refused("does not handle"):
        workflow.assign(request_, officer, officer=editor)


def test_art45_assignment_needs_someone_to_assign_to(request_, officer):
    with refused("Choose a department or an officer"):
        workflow.assign(request_, officer)


def test_art45_internal_note_is_never_public(request_, officer):
    workflow.add_note(request_, officer, text="申请人来电询问进度。", at=at_china(D(2026, 3, 3)))
    event = request_.events.get(kind=EventKind.NOTE)
    assert not event.public and event.note == "申请人来电询问进度。"


def test_art45_empty_note_is_refused(request_, officer):
    with refused("Write the note"):
        workflow.add_note(request_, officer, text=" ")


def test_art45_note_by_staff_of_another_agency_is_refused(request_, city):
    with pytest.raises(PermissionDenied):
        workflow.add_note(request_, handler(city), text="看一看")


def test_art45_an_editor_of_the_agency_may_not_act_on_requests(request_, agency):
    with pytest.raises(PermissionDenied):
        workflow.add_note(request_, handler(agency, role=StaffRole.EDITOR), text="看一看")

"""When staff change the working-day calendar, the due dates of open applications follow
(ADR 0005): recomputed from scratch, logged on each application that moved."""

import datetime

import pytest

from requests_app import workflow
from requests_app.models import CalendarDay, CalendarDayKind, EventKind, FeeMethod
from requests_app.outcomes import Outcome
from tests.requests_app.factories import (
    FAST_HASHERS,
    InformationRequestFactory,
    at_china,
    handler,
    received_request,
)

D = datetime.date


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def on_4_march(time_machine):
    time_machine.move_to(at_china(D(2026, 3, 4), 10), tick=False)


@pytest.fixture
def officer(agency):
    return handler(agency)


def holiday(date, name="临时休假", **kwargs):
    return CalendarDay.objects.create(date=date, kind=CalendarDayKind.HOLIDAY, name=name, **kwargs)


def recomputed(request):
    return request.events.filter(kind=EventKind.DUE_DATE_RECOMPUTED)


@pytest.mark.django_db
def test_art33_a_holiday_added_inside_the_window_moves_the_due_date_and_is_logged(
    agency, officer, django_capture_on_commit_callbacks
):
    open_request = received_request(agency=agency, on=D(2026, 3, 2), user=officer)
    closed = received_request(agency=agency, on=D(2026, 3, 2), user=officer)
    workflow.reply(closed, officer, answer=Outcome.GRANTED, text="予以公开。", on=D(2026, 3, 3))
    finished_earlier = received_request(agency=agency, on=D(2026, 2, 2), user=officer)
    assert open_request.due_on == D(2026, 3, 30)

    with django_capture_on_commit_callbacks(execute=True):
        holiday(D(2026, 3, 16))

    open_request.refresh_from_db()
    assert open_request.due_on == D(2026, 3, 31)
    event = recomputed(open_request).get()
    assert not event.public
    assert event.data == {
        "changed_dates": ["2026-03-16"],
        "due_on": ["2026-03-30", "2026-03-31"],
    }
    closed.refresh_from_db()
    assert closed.due_on == D(2026, 3, 30)  # a closed request is untouched
    assert not recomputed(closed).exists()
    finished_earlier.refresh_from_db()
    assert finished_earlier.due_on == D(2026, 3, 6)  # its window ends before the new holiday
    assert not recomputed(finished_earlier).exists()


@pytest.mark.django_db
def test_art33_deleting_the_holiday_moves_the_due_date_back(
    agency, officer, django_capture_on_commit_callbacks
):
    request = received_request(agency=agency, on=D(2026, 3, 2), user=officer)
    with django_capture_on_commit_callbacks(execute=True):
        day = holiday(D(2026, 3, 16))
    with django_capture_on_commit_callbacks(execute=True):
        day.delete()
    request.refresh_from_db()
    assert request.due_on == D(2026, 3, 30)
    assert recomputed(request).count() == 2


@pytest.mark.django_db
def test_art33_moving_a_calendar_entry_recomputes_both_its_dates(
    agency, officer, django_capture_on_commit_callbacks
):
    request = received_request(agency=agency, on=D(2026, 3, 2), user=officer)
    with django_capture_on_commit_callbacks(execute=True):
        day = holiday(D(2026, 3, 16))
    with django_capture_on_commit_callbacks(execute=True):
        day.date = D(2026, 5, 20)  # outside the window: the due date goes back
        day.save()
    request.refresh_from_db()
    assert request.due_on == D(2026, 3, 30)


@pytest.mark.django_db
def test_art33_calendar_change_is_logged_with_the_staff_member_who_made_it(
    agency, officer, django_capture_on_commit_callbacks
):
    request = received_request(agency=agency, on=D(2026, 3, 2), user=officer)
    keeper = handler(agency)
    with django_capture_on_commit_callbacks(execute=True):
        holiday(D(2026, 3, 10), created_by=keeper)
    assert recomputed(request).get().actor == keeper


@pytest.mark.django_db
def test_109_a_holiday_moves_the_fee_payment_date_too(
    agency, officer, django_capture_on_commit_callbacks
):
    request = received_request(agency=agency, on=D(2026, 3, 2), user=officer)
    workflow.issue_fee_notice(
        request, officer, method=FeeMethod.PER_VOLUME, pages=40, on=D(2026, 3, 4)
    )
    before = request.fee_due_on
    with django_capture_on_commit_callbacks(execute=True):
        holiday(D(2026, 3, 20))
    request.refresh_from_db()
    assert request.fee_due_on == before + datetime.timedelta(days=1)
    assert recomputed(request).get().data["fee_due_on"] == [
        before.isoformat(),
        request.fee_due_on.isoformat(),
    ]


@pytest.mark.django_db
def test_art33_publishing_next_year_s_holidays_ends_the_provisional_due_date(
    agency, officer, django_capture_on_commit_callbacks
):
    request = received_request(agency=agency, on=D(2026, 12, 14), user=officer)
    assert (request.due_on, request.due_provisional) == (D(2027, 1, 11), True)
    with django_capture_on_commit_callbacks(execute=True):
        holiday(D(2027, 1, 1), name="元旦", notice="国办发明电〔2026〕X号")
    request.refresh_from_db()
    assert (request.due_on, request.due_provisional) == (D(2027, 1, 12), False)


@pytest.mark.django_db
def test_art33_a_notice_publishing_the_year_ends_provisional_dates_elsewhere_in_it(
    agency, officer, django_capture_on_commit_callbacks
):
    request = received_request(agency=agency, on=D(2027, 3, 1), user=officer)
    assert request.due_provisional
    with django_capture_on_commit_callbacks(execute=True):
        day = holiday(D(2027, 1, 1), name="元旦", notice="国办发明电〔2026〕X号")
    request.refresh_from_db()
    assert not request.due_provisional
    assert not recomputed(request).exists()  # the date did not move: nothing to log
    with django_capture_on_commit_callbacks(execute=True):
        day.delete()
    request.refresh_from_db()
    assert request.due_provisional


@pytest.mark.django_db
def test_art31_unconfirmed_and_paused_applications_have_no_due_date_to_recompute(
    agency, officer, django_capture_on_commit_callbacks
):
    waiting = InformationRequestFactory(agency=agency, submitted_at=at_china(D(2026, 3, 2)))
    with django_capture_on_commit_callbacks(execute=True):
        holiday(D(2026, 3, 16))
    assert not recomputed(waiting).exists()
    assert workflow.recompute_due_dates([]) == 0

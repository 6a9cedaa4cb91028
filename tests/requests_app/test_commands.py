"""The daily commands: ``run_request_clock`` (Arts. 30-31; 109号) and ``deadline_reminders``
(staff told what is due within 3 working days and what is overdue, without personal data)."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from catalog.models import StaffRole
from requests_app import workflow
from requests_app.models import EventKind, FeeMethod, RequestStatus
from requests_app.outcomes import Outcome
from tests.requests_app.factories import (
    FAST_HASHERS,
    InformationRequestFactory,
    OrganisationRequestFactory,
    at_china,
    handler,
    received_request,
)

D = datetime.date


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def on_2_march(time_machine):
    time_machine.move_to(at_china(D(2026, 3, 2), 10), tick=False)


@pytest.fixture
def officer(agency):
    return handler(agency)


def run(command, *args, **options):
    out = StringIO()
    call_command(command, *args, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def clock_work(agency, officer):
    """One of each: unconfirmed online, correction overdue, fee overdue (on 2026-04-20)."""
    unconfirmed = InformationRequestFactory(agency=agency, submitted_at=at_china(D(2026, 4, 16)))
    uncorrected = received_request(agency=agency, on=D(2026, 3, 2), user=officer)
    workflow.request_correction(
        uncorrected, officer, items="请补充。", due_on=D(2026, 3, 20), on=D(2026, 3, 3)
    )
    unpaid = received_request(agency=agency, on=D(2026, 3, 2), user=officer)
    workflow.issue_fee_notice(
        unpaid, officer, method=FeeMethod.PER_VOLUME, pages=50, on=D(2026, 3, 4)
    )
    return unconfirmed, uncorrected, unpaid


@pytest.mark.django_db
def test_art31_art30_109_the_daily_clock_confirms_and_closes_and_prints_counts(clock_work):
    unconfirmed, uncorrected, unpaid = clock_work
    output = run("run_request_clock", "--today", "2026-04-20")
    assert "confirmed automatically: 1" in output
    assert "closed, not corrected in time: 1" in output
    assert "closed, fee not paid in time: 1" in output
    for request in clock_work:
        request.refresh_from_db()
    assert unconfirmed.status == RequestStatus.RECEIVED
    assert unconfirmed.received_on == D(2026, 4, 17)
    assert uncorrected.outcome == Outcome.OTHER_NO_CORRECTION
    assert unpaid.outcome == Outcome.OTHER_FEE_UNPAID
    second = run("run_request_clock", "--today", "2026-04-20")
    assert "confirmed automatically: 0" in second and "fee not paid in time: 0" in second


@pytest.mark.django_db
def test_the_daily_clock_dry_run_changes_nothing_and_sends_nothing(
    clock_work, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        output = run("run_request_clock", "--today", "2026-04-20", "--dry-run")
    assert "[dry run]" in output and "confirmed automatically: 1" in output
    for request in clock_work:
        request.refresh_from_db()
    assert [r.status for r in clock_work] == [
        RequestStatus.SUBMITTED,
        RequestStatus.CORRECTION,
        RequestStatus.FEE_PENDING,
    ]
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_daily_clock_is_silent_at_verbosity_0(clock_work):
    assert run("run_request_clock", "--today", "2026-04-20", verbosity=0) == ""
    clock_work[0].refresh_from_db()
    assert clock_work[0].events.filter(kind=EventKind.AUTO_RECEIVED).exists()


@pytest.mark.django_db
def test_the_daily_clock_refuses_a_bad_date():
    with pytest.raises(CommandError, match="Not a date"):
        run("run_request_clock", "--today", "2026-13-01")


# Reminders -----------------------------------------------------------------------------------


@pytest.fixture
def queues(agency, city, officer):
    """Requests of two agencies as of Thursday 26 March 2026 (due-soon runs to 31 March)."""
    admin = handler(agency, role=StaffRole.AGENCY_ADMIN)
    handler(agency, role=StaffRole.EDITOR)  # not a request handler: gets nothing
    handler(agency, user__email="")  # no address: gets nothing
    city_officer = handler(city)
    due_soon = received_request(agency=agency, on=D(2026, 3, 2), user=officer)  # 30 March
    overdue = received_request(agency=agency, on=D(2026, 2, 2), user=officer)  # 6 March
    later = received_request(agency=agency, on=D(2026, 3, 20), user=officer)
    answered = received_request(agency=agency, on=D(2026, 2, 2), user=officer)
    workflow.reply(answered, officer, answer=Outcome.GRANTED, text="予以公开。", on=D(2026, 3, 5))
    organisation = OrganisationRequestFactory(agency=city)
    workflow.confirm_receipt(organisation, city_officer, on=D(2026, 3, 2))
    return {
        "officer": officer,
        "admin": admin,
        "city_officer": city_officer,
        "due_soon": due_soon,
        "overdue": overdue,
        "later": later,
        "answered": answered,
        "organisation": organisation,
    }


def mail_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


@pytest.mark.django_db
def test_reminders_list_due_soon_and_overdue_per_agency_to_its_handlers(queues):
    output = run("deadline_reminders", "--today", "2026-03-26")
    assert "3 e-mail(s) sent" in output
    assert len(mail.outbox) == 3
    (to_officer,) = mail_to(queues["officer"])
    (to_admin,) = mail_to(queues["admin"])
    assert to_officer.body == to_admin.body
    body = to_officer.body
    assert queues["due_soon"].tracking_number in body
    assert queues["overdue"].tracking_number in body
    assert queues["later"].tracking_number not in body
    assert queues["answered"].tracking_number not in body
    assert queues["organisation"].tracking_number not in body  # another agency's
    assert body.index(queues["overdue"].tracking_number) < body.index(
        queues["due_soon"].tracking_number
    )
    (to_city,) = mail_to(queues["city_officer"])
    assert queues["organisation"].tracking_number in to_city.body
    assert queues["due_soon"].tracking_number not in to_city.body


@pytest.mark.django_db
def test_pipl_reminders_name_requests_by_number_and_due_date_only(queues):
    run("deadline_reminders", "--today", "2026-03-26")
    text = "\n".join(m.subject + m.body for m in mail.outbox)
    for key in ("due_soon", "overdue", "organisation"):
        request = queues[key]
        for value in (
            request.applicant_name,
            request.id_number,
            request.phone,
            request.email,
            request.address,
            request.organisation_code,
            request.description,
        ):
            if value:
                assert value not in text


@pytest.mark.django_db
def test_reminders_dry_run_sends_nothing(queues):
    output = run("deadline_reminders", "--today", "2026-03-26", "--dry-run", verbosity=2)
    assert "[dry run]" in output and "1 overdue, 1 due soon, 2 recipient(s)" in output
    assert mail.outbox == []


@pytest.mark.django_db
def test_reminders_with_nothing_due_send_nothing(agency, officer):
    received_request(agency=agency, on=D(2026, 3, 2), user=officer)
    output = run("deadline_reminders", "--today", "2026-03-03")
    assert "0 agencies" in output
    assert mail.outbox == []

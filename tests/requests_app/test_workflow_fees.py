"""Processing fees in the workflow (Art. 42; 国办函〔2020〕109号): the notice computed by the
schedule, the clock standing still from notice to payment, and closing when unpaid."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from requests_app import workflow
from requests_app.models import EventKind, FeeMethod, PauseReason, RequestPause, RequestStatus
from requests_app.outcomes import Outcome
from requests_app.workflow import RequestTransitionError
from tests.requests_app.factories import (
    FAST_HASHERS,
    InformationRequestFactory,
    at_china,
    handler,
    received_request,
)

D = datetime.date
RECEIVED_ON = D(2026, 3, 2)


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def english_on_16_march(time_machine):
    time_machine.move_to(at_china(D(2026, 3, 16), 10), tick=False)
    with translation.override("en"):
        yield


@pytest.fixture
def officer(agency):
    return handler(agency)


@pytest.fixture
def request_(agency, officer):
    return received_request(agency=agency, on=RECEIVED_ON, user=officer)


def earlier_applications(request_, count):
    """``count`` earlier applications of the same applicant, received this month before it."""
    for _ in range(count):
        InformationRequestFactory(
            agency=request_.agency,
            id_number=request_.id_number,
            applicant_name=request_.applicant_name,
            status=RequestStatus.RECEIVED,
            received_on=D(2026, 3, 1),
            clock_start_on=D(2026, 3, 1),
        )


def refused(match):
    return pytest.raises(RequestTransitionError, match=match)


def test_109_the_11th_application_in_a_month_costs_100_yuan_and_stops_the_clock(request_, officer):
    earlier_applications(request_, 10)
    workflow.issue_fee_notice(
        request_, officer, method=FeeMethod.PER_APPLICATION, on=D(2026, 3, 16)
    )
    request_.refresh_from_db()
    assert request_.status == RequestStatus.FEE_PENDING
    assert (request_.fee_amount, request_.fee_basis_count) == (Decimal(100), 11)
    assert request_.fee_notice_on == D(2026, 3, 16)
    assert request_.fee_due_on == D(2026, 4, 14)  # 20 working days after the notice
    assert request_.due_on is None
    pause = RequestPause.objects.get(request=request_)
    assert (pause.reason, pause.first_day, pause.last_day) == (
        PauseReason.FEE,
        D(2026, 3, 16),
        None,
    )
    event = request_.events.get(kind=EventKind.FEE_NOTICE)
    assert event.public and event.data["amount"] == "100.00"


def test_109_payment_restarts_the_clock_without_the_days_of_notice_to_payment(request_, officer):
    earlier_applications(request_, 30)
    workflow.issue_fee_notice(
        request_, officer, method=FeeMethod.PER_APPLICATION, on=D(2026, 3, 16)
    )
    assert request_.fee_amount == Decimal(200)  # the 31st application
    workflow.record_payment(request_, officer, on=D(2026, 3, 20))
    request_.refresh_from_db()
    assert request_.status == RequestStatus.RECEIVED
    assert request_.fee_paid_on == D(2026, 3, 20)
    assert request_.due_on == D(2026, 4, 7)  # 16-20 March not counted: five working days
    assert request_.events.get(kind=EventKind.FEE_PAID).public


def test_109_per_volume_fee_for_201_pages_is_2740_yuan(request_, officer):
    workflow.issue_fee_notice(request_, officer, method=FeeMethod.PER_VOLUME, pages=201)
    assert (request_.fee_amount, request_.fee_basis_count) == (Decimal(2740), 201)
    assert request_.fee_method == FeeMethod.PER_VOLUME


def test_109_no_fee_notice_when_nothing_is_due(request_, officer):
    with refused("No fee is due"):
        workflow.issue_fee_notice(request_, officer, method=FeeMethod.PER_APPLICATION)
    with refused("No fee is due"):
        workflow.issue_fee_notice(request_, officer, method=FeeMethod.PER_VOLUME, pages=30)
    request_.refresh_from_db()
    assert request_.status == RequestStatus.RECEIVED and not request_.fee_method


def test_109_fee_per_volume_needs_the_pages(request_, officer):
    with refused("number of pages"):
        workflow.issue_fee_notice(request_, officer, method=FeeMethod.PER_VOLUME)


def test_109_fee_method_must_be_one_of_the_two(request_, officer):
    with refused("per application or per volume"):
        workflow.issue_fee_notice(request_, officer, method="both")


def test_109_a_fee_is_charged_once(request_, officer):
    workflow.issue_fee_notice(request_, officer, method=FeeMethod.PER_VOLUME, pages=40)
    workflow.record_payment(request_, officer, on=D(2026, 3, 17))
    with refused("already issued"):
        workflow.issue_fee_notice(request_, officer, method=FeeMethod.PER_VOLUME, pages=40)


def test_109_payment_without_a_notice_is_refused(request_, officer):
    with refused("No fee notice is awaiting payment"):
        workflow.record_payment(request_, officer)


def test_109_payment_after_its_date_is_refused(request_, officer):
    workflow.issue_fee_notice(
        request_, officer, method=FeeMethod.PER_VOLUME, pages=40, on=D(2026, 3, 16)
    )
    with refused("due by 2026-04-14"):
        workflow.record_payment(request_, officer, on=D(2026, 4, 15))


def test_109_fee_notice_waits_for_a_consultation_to_end(request_, officer):
    workflow.start_consultation(request_, officer, reason=PauseReason.THIRD_PARTY)
    with refused("“Consulting a third party or another agency”"):
        workflow.issue_fee_notice(request_, officer, method=FeeMethod.PER_VOLUME, pages=40)


def test_109_unpaid_fee_closes_the_application_as_fee_unpaid(request_, officer):
    workflow.issue_fee_notice(
        request_, officer, method=FeeMethod.PER_VOLUME, pages=40, on=D(2026, 3, 16)
    )
    assert workflow.close_unpaid(D(2026, 4, 14)) == 0  # the last day to pay
    assert workflow.close_unpaid(D(2026, 4, 16)) == 1
    request_.refresh_from_db()
    assert request_.status == RequestStatus.CLOSED
    assert request_.outcome == Outcome.OTHER_FEE_UNPAID
    assert request_.closed_on == D(2026, 4, 15)
    assert RequestPause.objects.get(request=request_).last_day == D(2026, 4, 15)
    assert request_.events.get(kind=EventKind.CLOSED_FEE_UNPAID).public
    assert workflow.close_unpaid(D(2026, 4, 17)) == 0

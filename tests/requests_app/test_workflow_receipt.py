"""Receipt of an application (Art. 31): the receipt date each channel implies, staff intake
of offline applications, confirmation of online ones, and automatic confirmation on the
next working day so that staff inaction cannot stall the clock."""

import datetime

import pytest
from django.contrib.auth.hashers import check_password
from django.core.exceptions import PermissionDenied
from django.utils import translation

from catalog.models import StaffRole
from requests_app import workflow
from requests_app.models import Channel, EventKind, RequestStatus
from requests_app.workflow import RequestTransitionError
from tests.requests_app.factories import (
    FAST_HASHERS,
    InformationRequestFactory,
    at_china,
    handler,
    make_resident_id,
)

D = datetime.date


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture
def officer(agency):
    return handler(agency)


def application(**overrides):
    data = {
        "applicant_kind": "natural_person",
        "applicant_name": "孙立新",
        "id_type": "resident_id",
        "id_number": make_resident_id(7),
        "phone": "13912345678",
        "email": "sun@example.com",
        "address": "沈阳市皇姑区示例路8号",
        "description": "请公开2025年本市电梯安全监督检查结果。",
        "information_form": "paper",
        "delivery": "post",
        "consent": True,
    }
    return data | overrides


def register(agency, officer, channel, event_on, **data):
    return workflow.register_offline(
        agency=agency,
        user=officer,
        cleaned_data=application(**data),
        channel=channel,
        event_on=event_on,
        at=at_china(event_on, 10),
    )


@pytest.mark.django_db
def test_art31_in_person_application_is_received_the_day_it_is_handed_in(agency, officer):
    request, code = register(agency, officer, Channel.IN_PERSON, D(2026, 3, 2))
    request.refresh_from_db()
    assert request.status == RequestStatus.RECEIVED
    assert request.received_on == request.clock_start_on == D(2026, 3, 2)
    assert request.due_on == D(2026, 3, 30)  # the 20th working day after, receipt day not counted
    assert not request.due_provisional
    assert check_password(code, request.query_code_hash)
    assert request.tracking_number.startswith("2026")
    event = request.events.get()
    assert (event.kind, event.public, event.actor) == (EventKind.REGISTERED_OFFLINE, True, officer)
    assert event.data == {"channel": "in_person", "event_on": "2026-03-02"}


@pytest.mark.django_db
def test_art31_posted_application_is_received_the_day_the_agency_signs_for_it(agency, officer):
    request, _code = register(agency, officer, Channel.POST, D(2026, 3, 6))
    assert request.received_on == D(2026, 3, 6)
    assert request.due_on == D(2026, 4, 3)


@pytest.mark.django_db
def test_art31_emailed_application_is_received_the_day_the_mail_system_receives_it(agency, officer):
    request, _code = register(agency, officer, Channel.EMAIL, D(2026, 3, 7))  # a Saturday
    assert request.status == RequestStatus.RECEIVED
    assert request.received_on == D(2026, 3, 7)
    assert request.due_on == D(2026, 4, 3)  # counted from Monday, like a Friday receipt


@pytest.mark.django_db
def test_art31_fax_waits_until_both_sides_confirm_it(agency, officer):
    request, _code = register(agency, officer, Channel.FAX, D(2026, 3, 2))
    assert request.status == RequestStatus.SUBMITTED
    assert request.received_on is None and request.due_on is None
    workflow.confirm_receipt(request, officer, on=D(2026, 3, 4))
    assert request.status == RequestStatus.RECEIVED
    assert request.received_on == D(2026, 3, 4)
    assert request.due_on == D(2026, 4, 1)


@pytest.mark.django_db
def test_art31_online_application_is_received_the_day_staff_confirm_it(agency, officer):
    request = InformationRequestFactory(agency=agency, submitted_at=at_china(D(2026, 3, 2), 8))
    workflow.confirm_receipt(request, officer, on=D(2026, 3, 2))
    request.refresh_from_db()
    assert request.status == RequestStatus.RECEIVED
    assert request.received_on == request.clock_start_on == D(2026, 3, 2)
    assert request.due_on == D(2026, 3, 30)
    event = request.events.get(kind=EventKind.RECEIVED)
    assert event.public and event.actor == officer


@pytest.mark.django_db
def test_art31_online_application_confirmed_late_counts_as_received_the_next_working_day(
    agency, officer
):
    request = InformationRequestFactory(agency=agency, submitted_at=at_china(D(2026, 3, 6), 16))
    workflow.confirm_receipt(request, officer, on=D(2026, 3, 12))
    assert request.received_on == D(2026, 3, 9)  # Friday's submission, Monday at the latest


@pytest.mark.django_db
def test_art31_staff_register_only_offline_applications(agency, officer):
    with translation.override("en"), pytest.raises(RequestTransitionError, match="on the portal"):
        register(agency, officer, Channel.ONLINE, D(2026, 3, 2))


@pytest.mark.django_db
def test_art31_staff_of_another_agency_cannot_register_for_this_one(agency, city):
    stranger = handler(city)
    with pytest.raises(PermissionDenied):
        register(agency, stranger, Channel.IN_PERSON, D(2026, 3, 2))


@pytest.mark.django_db
def test_art31_an_editor_is_not_a_request_handler(agency):
    editor = handler(agency, role=StaffRole.EDITOR)
    with pytest.raises(PermissionDenied):
        register(agency, editor, Channel.IN_PERSON, D(2026, 3, 2))


@pytest.mark.django_db
def test_art31_receipt_is_confirmed_once(agency, officer):
    request = InformationRequestFactory(agency=agency, submitted_at=at_china(D(2026, 3, 2)))
    workflow.confirm_receipt(request, officer, on=D(2026, 3, 2))
    with translation.override("en"), pytest.raises(RequestTransitionError, match="once"):
        workflow.confirm_receipt(request, officer, on=D(2026, 3, 3))
    assert request.events.filter(kind=EventKind.RECEIVED).count() == 1


@pytest.mark.django_db
def test_art31_receipt_cannot_be_confirmed_before_the_application_was_sent(agency, officer):
    request = InformationRequestFactory(agency=agency, submitted_at=at_china(D(2026, 3, 2)))
    with translation.override("en"), pytest.raises(RequestTransitionError, match="before"):
        workflow.confirm_receipt(request, officer, on=D(2026, 3, 1))


@pytest.mark.django_db
def test_art31_staff_of_another_agency_cannot_confirm(agency, city):
    request = InformationRequestFactory(agency=agency, submitted_at=at_china(D(2026, 3, 2)))
    with pytest.raises(PermissionDenied):
        workflow.confirm_receipt(request, handler(city), on=D(2026, 3, 2))
    request.refresh_from_db()
    assert request.status == RequestStatus.SUBMITTED


@pytest.mark.django_db
def test_art31_parent_agency_admin_covering_subordinates_may_handle_a_city_request(agency, city):
    admin = handler(agency, role=StaffRole.AGENCY_ADMIN, covers_subordinates=True)
    request = InformationRequestFactory(agency=city, submitted_at=at_china(D(2026, 3, 2)))
    workflow.confirm_receipt(request, admin, on=D(2026, 3, 2))
    assert request.status == RequestStatus.RECEIVED


# Automatic confirmation --------------------------------------------------------------------


@pytest.mark.django_db
def test_art31_unconfirmed_online_application_is_received_on_the_next_working_day_after_a_weekend(
    agency,
):
    request = InformationRequestFactory(agency=agency, submitted_at=at_china(D(2026, 3, 6), 16))
    assert workflow.auto_confirm(D(2026, 3, 7)) == 0  # Saturday
    assert workflow.auto_confirm(D(2026, 3, 8)) == 0  # Sunday
    assert workflow.auto_confirm(D(2026, 3, 9)) == 1  # Monday
    request.refresh_from_db()
    assert request.status == RequestStatus.RECEIVED
    assert request.received_on == D(2026, 3, 9)
    assert request.due_on == D(2026, 4, 7)
    event = request.events.get(kind=EventKind.AUTO_RECEIVED)
    assert event.actor is None and event.public


@pytest.mark.django_db
def test_art31_unconfirmed_online_application_waits_out_national_day(agency):
    request = InformationRequestFactory(agency=agency, submitted_at=at_china(D(2026, 9, 30), 11))
    assert workflow.auto_confirm(D(2026, 10, 7)) == 0
    assert workflow.auto_confirm(D(2026, 10, 8)) == 1
    request.refresh_from_db()
    assert request.received_on == D(2026, 10, 8)


@pytest.mark.django_db
def test_art31_a_late_clock_run_still_dates_receipt_the_next_working_day(agency):
    request = InformationRequestFactory(agency=agency, submitted_at=at_china(D(2026, 3, 2), 22))
    assert workflow.auto_confirm(D(2026, 3, 12)) == 1
    request.refresh_from_db()
    assert request.received_on == D(2026, 3, 3)
    assert request.due_on == D(2026, 3, 31)


@pytest.mark.django_db
def test_art31_automatic_confirmation_leaves_faxes_and_confirmed_applications_alone(
    agency, officer
):
    fax = InformationRequestFactory(
        agency=agency, channel=Channel.FAX, submitted_at=at_china(D(2026, 3, 2))
    )
    confirmed = InformationRequestFactory(agency=agency, submitted_at=at_china(D(2026, 3, 2)))
    workflow.confirm_receipt(confirmed, officer, on=D(2026, 3, 2))
    assert workflow.auto_confirm(D(2026, 3, 10)) == 0
    fax.refresh_from_db()
    assert fax.status == RequestStatus.SUBMITTED
    assert confirmed.events.filter(kind=EventKind.AUTO_RECEIVED).count() == 0

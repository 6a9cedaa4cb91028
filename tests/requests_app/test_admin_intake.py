"""Staff intake of offline applications (issue 4 item 4): the receipt date each channel
implies (Art. 31), the Art. 29 checks of the online form, the query code shown once."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from catalog.models import StaffRole
from requests_app.intake import check_query_code
from requests_app.models import (
    Channel,
    DocumentKind,
    EventKind,
    InformationRequest,
    RequestDocument,
    RequestStatus,
)
from tests.requests_app.factories import handler, make_resident_id

CHINA = datetime.timezone(datetime.timedelta(hours=8))
D = datetime.date
REGISTER = reverse("admin:requests_app_informationrequest_register")
CHANGELIST = reverse("admin:requests_app_informationrequest_changelist")


@pytest.fixture(autouse=True)
def wednesday():
    with time_machine.travel(datetime.datetime(2026, 3, 4, 10, tzinfo=CHINA), tick=False):
        yield


@pytest.fixture
def private_files(tmp_path, monkeypatch):
    from django.core.files.storage import FileSystemStorage

    field = RequestDocument._meta.get_field("file")
    monkeypatch.setattr(field, "storage", FileSystemStorage(location=tmp_path, base_url=None))
    return tmp_path


@pytest.fixture
def client(city):
    client = Client(headers={"accept-language": "en"})
    client.force_login(handler(city))
    return client


def form_data(agency, **overrides):
    data = {
        "agency": agency.pk,
        "channel": Channel.IN_PERSON,
        "event_on": "2026-03-02",
        "applicant_kind": "natural_person",
        "applicant_name": "孙立新",
        "id_type": "resident_id",
        "id_number": make_resident_id(7),
        "organisation_code": "",
        "legal_representative": "",
        "contact_person": "",
        "phone": "13912345678",
        "email": "",
        "address": "沈阳市和平区示例路5号",
        "postcode": "110001",
        "consent": "on",
        "description": "请公开2025年本市电梯维保单位的检查结果。",
        "information_title": "",
        "information_number": "",
        "entry_numbers": "",
        "information_form": "paper",
        "delivery": "post",
    }
    data.update(overrides)
    return data


def registered(response):
    pk = int(response.url.rstrip("/").split("/")[-2])
    return InformationRequest.objects.get(pk=pk)


@pytest.mark.parametrize(
    ("channel", "event_on"),
    [
        (Channel.IN_PERSON, D(2026, 3, 2)),  # handed in
        (Channel.POST, D(2026, 3, 3)),  # signed for
        (Channel.EMAIL, D(2026, 2, 28)),  # received by the mail system, a Saturday
    ],
)
def test_offline_application_is_received_on_the_day_its_channel_names(
    client, city, channel, event_on
):
    response = client.post(
        REGISTER, form_data(city, channel=channel, event_on=event_on.isoformat())
    )
    assert response.status_code == 302
    request = registered(response)
    assert request.channel == channel
    assert request.status == RequestStatus.RECEIVED
    assert request.received_on == event_on
    assert request.due_on is not None
    assert request.events.filter(kind=EventKind.REGISTERED_OFFLINE).exists()


def test_faxed_application_waits_for_confirmation_by_both_sides(client, city):
    response = client.post(REGISTER, form_data(city, channel=Channel.FAX))
    request = registered(response)
    assert request.status == RequestStatus.SUBMITTED
    assert request.received_on is None
    page = client.get(reverse("admin:requests_app_informationrequest_change", args=[request.pk]))
    confirm = reverse("admin:requests_app_informationrequest_step", args=[request.pk, "confirm"])
    assert confirm in page.text


def test_the_query_code_is_shown_once_and_matches(client, city):
    response = client.post(REGISTER, form_data(city))
    request = registered(response)
    first = client.get(response.url)
    code = first.context["query_code"]
    assert code and code in first.text
    assert request.tracking_number in first.text
    assert check_query_code(request, code)
    assert "no-store" in first.headers["Cache-Control"]
    again = client.get(response.url)
    assert again.context["query_code"] is None
    assert code not in again.text


def test_intake_form_states_the_receipt_rule_of_art_31(client):
    html = client.get(REGISTER).text
    assert "Art. 31" in html
    assert "the day the agency signs for the letter" in html


def test_bad_id_number_is_refused_next_to_its_field_and_input_is_kept(client, city):
    number = make_resident_id(7)
    wrong = number[:-1] + ("0" if number[-1] != "0" else "1")
    response = client.post(REGISTER, form_data(city, id_number=wrong))
    assert response.status_code == 200
    assert response.context["form"].errors["id_number"]
    assert "孙立新" in response.text
    assert "请公开2025年本市电梯维保单位的检查结果。" in response.text
    assert not InformationRequest.objects.exists()


def test_event_date_in_the_future_is_refused(client, city):
    response = client.post(REGISTER, form_data(city, event_on="2026-03-05"))
    assert response.context["form"].errors["event_on"]


def test_intake_offers_only_the_agencies_the_officer_handles(client, city, other_city):
    form = client.get(REGISTER).context["form"]
    assert list(form.fields["agency"].queryset) == [city]
    response = client.post(REGISTER, form_data(other_city))
    assert response.context["form"].errors["agency"]
    assert not InformationRequest.objects.exists()


def test_intake_keeps_the_uploaded_proof_of_identity(client, city, private_files):
    proof = SimpleUploadedFile("身份证.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20)
    response = client.post(REGISTER, {**form_data(city), "identity_proof": proof})
    request = registered(response)
    [document] = request.documents.all()
    assert document.kind == DocumentKind.IDENTITY
    assert not document.public


def test_editor_may_not_register_applications(city, editor):
    client = Client()
    client.force_login(editor)
    assert client.get(REGISTER).status_code == 403


def test_queue_links_to_the_intake_form_for_handlers(client, make_staff, city):
    assert REGISTER in client.get(CHANGELIST).text
    admin = Client()
    admin.force_login(make_staff(city, StaffRole.AGENCY_ADMIN))
    assert REGISTER in admin.get(CHANGELIST).text

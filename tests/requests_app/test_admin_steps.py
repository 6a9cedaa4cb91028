"""The steps of a request taken through the admin (issue 4 item 8): each button opens a form,
calls ``requests_app.workflow``, and reports success or the workflow's refusal as a message.

Arts. 30 (correction), 31 (receipt), 33 (extension), 36 (reply).
"""

import datetime

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from catalog.models import StaffRole
from requests_app import workflow
from requests_app.models import (
    DocumentKind,
    EventKind,
    RequestDocument,
    RequestStatus,
)
from requests_app.outcomes import answer_choices
from tests.requests_app.factories import InformationRequestFactory, handler, received_request

CHINA = datetime.timezone(datetime.timedelta(hours=8))
D = datetime.date
MONDAY = D(2026, 3, 2)


def at(day, hour=10):
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=CHINA)


def change_url(obj):
    return reverse("admin:requests_app_informationrequest_change", args=[obj.pk])


def step_url(obj, name):
    return reverse("admin:requests_app_informationrequest_step", args=[obj.pk, name])


@pytest.fixture(autouse=True)
def monday():
    with time_machine.travel(at(MONDAY), tick=False):
        yield


@pytest.fixture
def private_files(tmp_path, monkeypatch):
    """Documents go to a temporary private storage."""
    from django.core.files.storage import FileSystemStorage

    field = RequestDocument._meta.get_field("file")
    monkeypatch.setattr(field, "storage", FileSystemStorage(location=tmp_path, base_url=None))
    return tmp_path


@pytest.fixture
def officer(city):
    return handler(city)


@pytest.fixture
def client(officer):
    client = Client(headers={"accept-language": "en"})
    client.force_login(officer)
    return client


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_request_page_offers_the_steps_of_its_state(client, city):
    waiting = InformationRequestFactory(agency=city)
    html = client.get(change_url(waiting)).text
    assert step_url(waiting, "confirm") in html
    assert step_url(waiting, "reply") not in html
    received = received_request(on=MONDAY, agency=city)
    html = client.get(change_url(received)).text
    for name in ("correction", "assign", "consult", "extend", "fee", "reply", "note"):
        assert step_url(received, name) in html
    assert step_url(received, "confirm") not in html


def test_confirming_receipt_starts_the_clock(client, city):
    request = InformationRequestFactory(agency=city)
    page = client.get(step_url(request, "confirm"))
    assert page.status_code == 200
    assert "Art. 31" in page.text
    response = client.post(step_url(request, "confirm"), {"on": "2026-03-02"})
    assert response.status_code == 302
    assert response.url == change_url(request)
    request.refresh_from_db()
    assert request.status == RequestStatus.RECEIVED
    assert request.received_on == MONDAY
    assert request.due_on is not None
    assert request.events.filter(kind=EventKind.RECEIVED).exists()
    assert "Receipt confirmed: the reply period runs." in messages_of(response)


def test_asking_for_correction_stops_the_clock_and_offers_the_notice(client, city):
    request = received_request(on=MONDAY, agency=city)
    response = client.post(
        step_url(request, "correction"),
        {"on": "2026-03-02", "items": "请写明所需信息的年份。", "due_on": "2026-03-16"},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.CORRECTION
    assert request.correction_items == "请写明所需信息的年份。"
    assert request.correction_due_on == D(2026, 3, 16)
    [message] = messages_of(response)
    assert "Print the letter: Notice to complete an application" in message
    letter = reverse(
        "admin:requests_app_informationrequest_letter", args=[request.pk, "correction"]
    )
    assert letter in message


def test_correction_form_keeps_what_was_typed_and_says_what_is_wrong(client, city):
    request = received_request(on=MONDAY, agency=city)
    response = client.post(
        step_url(request, "correction"),
        {"on": "2026-03-02", "items": "请写明年份。", "due_on": "2026-03-01"},
    )
    assert response.status_code == 200
    assert "The last day must come after the day of the notice." in response.text
    assert "请写明年份。" in response.text
    request.refresh_from_db()
    assert request.status == RequestStatus.RECEIVED


def test_extending_adds_working_days_once(client, city):
    request = received_request(on=MONDAY, agency=city)
    due_before = request.due_on
    data = {"on": "2026-03-02", "days": "10", "reason": "涉及多个处室。", "approved_by": "李主任"}
    response = client.post(step_url(request, "extend"), data)
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.extension_days == 10
    assert request.due_on > due_before
    # Art. 33: once. The button is gone, and a hand-made POST is refused with a message.
    assert step_url(request, "extend") not in client.get(change_url(request)).text
    with translation.override("en"):
        again = client.post(step_url(request, "extend"), data)
    assert again.status_code == 200
    [message] = messages_of(again)
    assert message.startswith("Not done: The time limit was already extended once")
    request.refresh_from_db()
    assert request.extension_days == 10


def test_extension_longer_than_twenty_working_days_is_refused_next_to_the_field(client, city):
    request = received_request(on=MONDAY, agency=city)
    response = client.post(
        step_url(request, "extend"),
        {"on": "2026-03-02", "days": "21", "reason": "原因", "approved_by": "李主任"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["days"]
    request.refresh_from_db()
    assert request.extension_days == 0


def test_reply_with_a_document_closes_the_request(client, city, private_files):
    request = received_request(on=MONDAY, agency=city)
    page = client.get(step_url(request, "reply"))
    field = page.context["form"].fields["answer"]
    values = [value for _group, rows in field.choices[1:] for value, _label in rows]
    assert values[:2] == ["already_disclosed", "not_this_agency"]
    assert sorted(values) == sorted(value for value, _label in answer_choices())
    assert "<optgroup" in page.text
    document = SimpleUploadedFile("结果汇总.pdf", b"%PDF-1.4 reply", content_type="application/pdf")
    response = client.post(
        step_url(request, "reply"),
        {"on": "2026-03-02", "answer": "granted", "text": "现予公开。", "documents": [document]},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.CLOSED
    assert request.outcome == "granted"
    assert request.reply_text == "现予公开。"
    [reply_document] = request.documents.filter(kind=DocumentKind.REPLY)
    assert reply_document.public
    assert reply_document.content_type == "application/pdf"
    assert reply_document.title == "结果汇总.pdf"


def test_reply_refuses_a_file_whose_content_does_not_match_its_name(client, city):
    request = received_request(on=MONDAY, agency=city)
    fake = SimpleUploadedFile("结果.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(
        step_url(request, "reply"),
        {"on": "2026-03-02", "answer": "granted", "text": "现予公开。", "documents": [fake]},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["documents"]
    request.refresh_from_db()
    assert request.status == RequestStatus.RECEIVED


def test_replying_twice_is_refused_with_a_message_not_an_error_page(client, city, officer):
    request = received_request(on=MONDAY, agency=city)
    workflow.reply(request, officer, answer="granted", text="现予公开。")
    with translation.override("en"):
        response = client.post(
            step_url(request, "reply"),
            {"on": "2026-03-02", "answer": "unavailable.not_held", "text": "不掌握。"},
        )
    assert response.status_code == 200
    [message] = messages_of(response)
    assert "Not done:" in message
    assert "already closed" in message
    request.refresh_from_db()
    assert request.outcome == "granted"


def test_a_step_date_in_the_future_is_refused(client, city):
    request = InformationRequestFactory(agency=city)
    response = client.post(step_url(request, "confirm"), {"on": "2026-03-09"})
    assert response.status_code == 200
    assert "This date lies in the future." in response.text


def test_assign_offers_only_the_agencys_departments_and_handlers(client, city, other_city):
    from tests.factories import DepartmentFactory

    own = DepartmentFactory(agency=city, name="法规处")
    DepartmentFactory(agency=other_city, name="外市办公室")
    colleague = handler(city, role=StaffRole.AGENCY_ADMIN)
    handler(other_city)
    request = received_request(on=MONDAY, agency=city)
    form = client.get(step_url(request, "assign")).context["form"]
    assert list(form.fields["department"].queryset) == [own]
    assert colleague in form.fields["officer"].queryset
    assert all(
        user.memberships.filter(agency=city).exists() for user in form.fields["officer"].queryset
    )
    response = client.post(
        step_url(request, "assign"), {"department": own.pk, "officer": colleague.pk}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.department, request.officer) == (own, colleague)


def test_internal_note_goes_to_the_timeline_marked_internal(client, city):
    request = received_request(on=MONDAY, agency=city)
    client.post(step_url(request, "note"), {"text": "已电话联系申请人。"})
    note = request.events.get(kind=EventKind.NOTE)
    assert not note.public
    html = client.get(change_url(request)).text
    assert "已电话联系申请人。" in html
    assert "internal" in html


def test_timeline_marks_the_events_the_applicant_sees(client, city):
    request = received_request(on=MONDAY, agency=city)
    html = client.get(change_url(request)).text
    assert html.count('class="event-public"') == 2  # submitted, received
    assert "Application submitted" in html
    assert "Receipt confirmed" in html


def test_steps_of_another_agencys_request_are_not_found(client, other_city):
    foreign = InformationRequestFactory(agency=other_city)
    assert client.get(step_url(foreign, "confirm")).status_code == 404
    assert client.post(step_url(foreign, "confirm"), {"on": "2026-03-02"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == RequestStatus.SUBMITTED


def test_unknown_step_is_not_found(client, city):
    request = InformationRequestFactory(agency=city)
    assert client.get(step_url(request, "approve-everything")).status_code == 404


def test_list_action_confirms_the_receipt_of_the_selected(client, city):
    requests = [InformationRequestFactory(agency=city) for _ in range(2)]
    received = received_request(on=MONDAY, agency=city)
    response = client.post(
        reverse("admin:requests_app_informationrequest_changelist"),
        {"action": "confirm_selected", "_selected_action": [r.pk for r in [*requests, received]]},
        follow=True,
    )
    for request in requests:
        request.refresh_from_db()
        assert request.status == RequestStatus.RECEIVED
    messages = [str(m) for m in response.context["messages"]]
    assert "Receipt of 2 applications confirmed." in messages
    assert any(m.startswith(received.tracking_number) for m in messages)


def test_saving_the_page_records_review_cases_and_never_rewrites_the_request(client, city):
    request = received_request(on=MONDAY, agency=city)
    stamp = request.updated_at
    data = {
        "review_cases-TOTAL_FORMS": "1",
        "review_cases-INITIAL_FORMS": "0",
        "review_cases-MIN_NUM_FORMS": "0",
        "review_cases-MAX_NUM_FORMS": "1000",
        "review_cases-0-kind": "reconsideration",
        "review_cases-0-filed_on": "2026-03-02",
        "review_cases-0-body": "辽宁省人民政府",
        "review_cases-0-case_number": "辽政复〔2026〕1号",
        "review_cases-0-result": "pending",
        "review_cases-0-decided_on": "",
        "review_cases-0-note": "",
        "_continue": "1",
    }
    with time_machine.travel(at(MONDAY, 15), tick=False):
        response = client.post(change_url(request), data)
    assert response.status_code == 302
    [case] = request.review_cases.all()
    assert case.case_number == "辽政复〔2026〕1号"
    request.refresh_from_db()
    assert request.updated_at == stamp

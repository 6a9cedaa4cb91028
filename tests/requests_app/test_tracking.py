"""The tracking page: number and code open a request for a while in this browser; the
applicant sees its status, receipt and due date (Arts. 31, 33), the steps meant for them,
the reply (Art. 36) and its documents, and nothing else."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from requests_app import workflow
from requests_app.models import DocumentKind, RequestDocument, RequestStatus
from requests_app.outcomes import Outcome
from tests.requests_app.applications import (
    PDF,
    post_application,
)
from tests.requests_app.factories import (
    QUERY_CODE,
    InformationRequestFactory,
    handler,
    received_request,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_storage")]

TRACK_URL = reverse("requests_app:track")
CHINA = zoneinfo.ZoneInfo("Asia/Shanghai")
# Monday 2 March 2026, 10:00 in Beijing: a working week with no holiday.
MONDAY = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=CHINA)


def track(client, number, code=QUERY_CODE, **extra):
    return client.post(TRACK_URL, {"tracking_number": number, "query_code": code}, **extra)


def document_url(document):
    return reverse("requests_app:track_document", args=[document.pk])


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def frozen():
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def replied(agency, frozen):
    """A request received on Monday and answered on Friday with one reply document."""
    filed = received_request(agency=agency, on=MONDAY.date())
    officer = handler(agency)
    workflow.add_note(filed, officer, text="内部备注：请法规科会签")
    reply_file = SimpleUploadedFile("答复告知书.pdf", PDF, content_type="application/pdf")
    workflow.reply(
        filed,
        officer,
        answer=Outcome.GRANTED,
        text="经查，您申请的信息予以公开，见附件。",
        documents=[reply_file],
        on=MONDAY.date() + datetime.timedelta(days=4),
    )
    RequestDocument.objects.create(
        request=filed,
        kind=DocumentKind.INTERNAL,
        title="内部审批单.pdf",
        file=SimpleUploadedFile("internal.pdf", PDF),
        content_type="application/pdf",
    )
    filed.refresh_from_db()
    return filed


# ---------- looking up ----------


def test_lookup_form_is_shown_and_not_cached(client, agency):
    response = client.get(TRACK_URL)
    assert response.status_code == 200
    assert 'name="tracking_number"' in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_right_pair_opens_the_request(client, agency, frozen):
    filed = InformationRequestFactory(agency=agency)
    response = track(client, filed.tracking_number)
    assert response.status_code == 302
    assert response["Location"] == TRACK_URL
    page = client.get(TRACK_URL)
    assert page.context["tracked"] == filed
    assert "no-store" in page["Cache-Control"]


def test_code_is_accepted_as_typed_with_spaces_and_small_letters(client, agency):
    filed = InformationRequestFactory(agency=agency)
    assert track(client, f" {filed.tracking_number} ", "k7m9p 3qx4r").status_code == 302


def test_wrong_pair_gets_one_answer_whether_or_not_the_number_exists(client, agency):
    filed = InformationRequestFactory(agency=agency)
    wrong_code = track(client, filed.tracking_number, "AAAAAAAAAA")
    unknown_number = track(client, "2099000001")
    for response in (wrong_code, unknown_number):
        assert response.status_code == 200
        assert "The tracking number or query code is not correct." in response.content.decode()
    assert wrong_code.context["form"].non_field_errors() == (
        unknown_number.context["form"].non_field_errors()
    )


def test_opened_request_closes_after_thirty_minutes(client, agency, frozen):
    filed = InformationRequestFactory(agency=agency)
    track(client, filed.tracking_number)
    frozen.shift(datetime.timedelta(minutes=29))
    assert client.get(TRACK_URL).context.get("tracked") == filed
    frozen.shift(datetime.timedelta(minutes=2))
    assert client.get(TRACK_URL).context.get("tracked") is None


def test_ending_the_look_up_closes_the_request(client, agency):
    filed = InformationRequestFactory(agency=agency)
    track(client, filed.tracking_number)
    client.post(TRACK_URL, {"close": "1"})
    assert client.get(TRACK_URL).context.get("tracked") is None


def test_the_receipt_opens_the_new_request_for_tracking(client, agency):
    post_application(client, agency)
    client.get(reverse("requests_app:receipt"))
    assert client.get(TRACK_URL).context["tracked"].tracking_number.startswith("20")


# ---------- what the page shows ----------


def test_submitted_request_shows_when_receipt_is_confirmed_at_the_latest(client, agency, frozen):
    filed = InformationRequestFactory(agency=agency)
    track(client, filed.tracking_number)
    content = client.get(TRACK_URL).content.decode()
    assert str(RequestStatus.SUBMITTED.label) in content
    # Submitted on Monday: confirmed automatically on Tuesday at the latest (Art. 31).
    assert "2026-03-03" in content


def test_received_request_shows_receipt_and_due_date_with_its_explanation(client, agency, frozen):
    filed = received_request(agency=agency, on=MONDAY.date())
    track(client, filed.tracking_number)
    response = client.get(TRACK_URL)
    content = response.content.decode()
    assert "2026-03-02" in content
    # 20 working days after Monday 2 March 2026, the receipt day not counted (Art. 33).
    assert filed.due_on == datetime.date(2026, 3, 30)
    assert "2026-03-30" in content
    assert response.context["due"].due_on == filed.due_on
    assert "How the due date is counted" in content
    assert "(provisional)" not in content


def test_provisional_due_date_is_marked(client, agency, frozen):
    filed = received_request(agency=agency, on=MONDAY.date())
    type(filed).objects.filter(pk=filed.pk).update(due_provisional=True)
    track(client, filed.tracking_number)
    assert "(provisional)" in client.get(TRACK_URL).content.decode()


def test_replied_request_shows_the_reply_outcome_and_public_steps_only(client, replied):
    track(client, replied.tracking_number)
    content = client.get(TRACK_URL).content.decode()
    assert "经查，您申请的信息予以公开，见附件。" in content
    assert str(Outcome.GRANTED.label) in content
    assert "Answered, see below" in content
    assert "Application submitted" in content
    assert "内部备注" not in content
    assert "Internal note" not in content
    assert "答复告知书.pdf" in content
    assert "内部审批单" not in content


# ---------- documents ----------


def test_applicant_downloads_the_reply_document(client, replied):
    document = replied.documents.get(kind=DocumentKind.REPLY)
    track(client, replied.tracking_number)
    response = client.get(document_url(document))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]


def test_documents_need_the_request_opened_in_this_session(client, replied):
    document = replied.documents.get(kind=DocumentKind.REPLY)
    assert client.get(document_url(document)).status_code == 404


def test_internal_documents_stay_closed(client, replied):
    internal = replied.documents.get(kind=DocumentKind.INTERNAL)
    track(client, replied.tracking_number)
    assert client.get(document_url(internal)).status_code == 404


def test_another_requests_document_stays_closed(client, agency, replied):
    other = InformationRequestFactory(agency=agency)
    document = replied.documents.get(kind=DocumentKind.REPLY)
    track(client, other.tracking_number)
    assert client.get(document_url(document)).status_code == 404

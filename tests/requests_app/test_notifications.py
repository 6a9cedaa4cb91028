"""E-mail to the applicant about the events meant for them (Art. 33: an extension is
notified; Art. 30: what to complete and by when), and personal data kept out of mail
to others and out of logs (PIPL)."""

import datetime
import logging
import smtplib

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.utils import translation

from requests_app import notifications, workflow
from requests_app.models import Channel, EventKind, FeeMethod, RequestEvent
from requests_app.outcomes import Outcome
from tests.requests_app.factories import (
    FAST_HASHERS,
    QUERY_CODE,
    at_china,
    handler,
    make_resident_id,
    received_request,
)

D = datetime.date


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def on_16_march(time_machine):
    time_machine.move_to(at_china(D(2026, 3, 16), 10), tick=False)


@pytest.fixture
def officer(agency):
    return handler(agency)


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what the workflow defers to after commit (the e-mails)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def request_(agency, officer, commit):
    with commit():
        request = received_request(agency=agency, on=D(2026, 3, 2), user=officer)
    mail.outbox.clear()
    return request


def register(agency, officer, **data):
    cleaned = {
        "applicant_kind": "natural_person",
        "applicant_name": "孙立新",
        "id_type": "resident_id",
        "id_number": make_resident_id(3),
        "phone": "13912345678",
        "email": "sun@example.com",
        "description": "请公开2025年本市电梯安全监督检查结果。",
    } | data
    return workflow.register_offline(
        agency=agency,
        user=officer,
        cleaned_data=cleaned,
        channel=Channel.FAX,
        event_on=D(2026, 3, 16),
    )


@pytest.mark.django_db
def test_art31_first_email_carries_the_query_code_and_later_ones_never_do(agency, officer, commit):
    with commit():
        request, code = register(agency, officer)
    assert len(mail.outbox) == 1
    first = mail.outbox[0]
    assert first.to == ["sun@example.com"]
    assert request.tracking_number in first.subject
    assert code in first.body and request.tracking_number in first.body
    assert "/requests/track/" in first.body

    with commit():
        workflow.confirm_receipt(request, officer)
    assert len(mail.outbox) == 2
    assert code not in mail.outbox[1].body
    assert request.tracking_number in mail.outbox[1].body


@pytest.mark.django_db
def test_pipl_applicant_email_holds_no_identity_number_and_goes_to_no_one_else(
    agency, officer, commit
):
    with commit():
        request, _code = register(agency, officer)
    message = mail.outbox[0]
    assert message.to == [request.email] and not message.cc and not message.bcc
    assert request.id_number not in message.body
    assert request.phone not in message.body


@pytest.mark.django_db
def test_no_email_without_an_address(agency, officer, commit):
    with commit():
        request, _code = register(agency, officer, email="")
        workflow.confirm_receipt(request, officer)
    assert mail.outbox == []
    assert request.events.filter(public=True).count() == 2


@pytest.mark.django_db
def test_internal_events_are_not_emailed(request_, officer, commit, topic):
    with commit():
        workflow.assign(request_, officer, officer=officer)
        workflow.add_note(request_, officer, text="内部讨论意见")
    assert mail.outbox == []


@pytest.mark.django_db
def test_art30_correction_email_says_what_to_complete_and_by_when(request_, officer, commit):
    with commit(), translation.override("en"):
        workflow.request_correction(
            request_, officer, items="请补充文件的文号。", due_on=D(2026, 3, 20), on=D(2026, 3, 5)
        )
    (message,) = mail.outbox
    assert "请补充文件的文号。" in message.body
    assert "2026" in message.body and "20" in message.body
    assert QUERY_CODE not in message.body


@pytest.mark.django_db
def test_art33_extension_is_notified_with_its_reason_and_new_due_date(request_, officer, commit):
    with commit(), translation.override("en"):
        workflow.extend(request_, officer, days=10, reason="需调取历史档案", approved_by="王主任")
    (message,) = mail.outbox
    assert "需调取历史档案" in message.body
    assert "王主任" not in message.body  # the approver is an internal matter
    subject, body = notifications.applicant_message(request_.events.get(kind=EventKind.EXTENDED))
    assert body == message.body


@pytest.mark.django_db
def test_109_fee_notice_email_states_amount_and_payment_date(request_, officer, commit):
    with commit():
        workflow.issue_fee_notice(request_, officer, method=FeeMethod.PER_VOLUME, pages=101)
    (message,) = mail.outbox
    assert "720.00" in message.body
    assert "101" in message.body


@pytest.mark.django_db
def test_art36_reply_email_names_the_outcome_and_points_to_the_tracking_page(
    request_, officer, commit, settings
):
    settings.PORTAL = settings.PORTAL | {"SITE_URL": "https://gk.example.gov.cn/"}
    with commit():
        workflow.reply(request_, officer, answer=Outcome.GRANTED, text="予以公开。")
    (message,) = mail.outbox
    assert "https://gk.example.gov.cn/requests/track/" in message.body
    with translation.override(settings.LANGUAGE_CODE):
        assert str(Outcome.GRANTED.label) in message.body


@pytest.mark.django_db
def test_every_public_event_kind_renders_an_email(request_):
    for kind in EventKind:
        event = RequestEvent(request=request_, kind=kind, public=True, message="说明")
        subject, body = notifications.applicant_message(event)
        assert request_.tracking_number in subject and request_.tracking_number in body
        assert "&#" not in body and "&amp;" not in body  # plain text, not HTML-escaped


@pytest.mark.django_db
def test_pipl_a_failed_email_is_logged_without_the_address_and_the_step_stands(
    request_, officer, commit, monkeypatch, caplog
):
    def refuse(message, *args, **kwargs):
        raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"no such user")})

    monkeypatch.setattr(EmailMessage, "send", refuse)
    with caplog.at_level(logging.ERROR), commit():
        workflow.extend(request_, officer, days=5, reason="情况复杂", approved_by="王主任")
    request_.refresh_from_db()
    assert request_.extension_days == 5
    assert request_.tracking_number in caplog.text
    assert request_.email not in caplog.text
    assert request_.applicant_name not in caplog.text

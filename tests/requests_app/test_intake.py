"""Filing online (Arts. 29 and 31): tracking numbers, query codes kept as hashes, the
application, its documents and its first event in one transaction, and the one e-mail
that carries the code."""

import datetime
import zoneinfo

import pytest
from django.contrib.auth import hashers
from django.core.files.uploadedfile import SimpleUploadedFile

from requests_app import intake
from requests_app.models import (
    Channel,
    DocumentKind,
    EventKind,
    InformationRequest,
    RequestEvent,
    RequestStatus,
)
from tests import factories
from tests.requests_app.applications import PDF
from tests.requests_app.factories import QUERY_CODE, InformationRequestFactory, make_resident_id

pytestmark = pytest.mark.django_db

CHINA = zoneinfo.ZoneInfo("Asia/Shanghai")


def cleaned(**overrides):
    data = {
        "applicant_kind": "natural_person",
        "applicant_name": "王芳明",
        "id_type": "resident_id",
        "id_number": make_resident_id(3),
        "phone": "13900001111",
        "email": "wang@example.com",
        "address": "",
        "description": "请公开某年度的监督抽检结果汇总。",
        "information_form": "electronic",
        "delivery": "online",
    }
    data.update(overrides)
    return data


# ---------- query codes ----------


def test_query_codes_use_an_alphabet_without_look_alike_characters():
    codes = {intake.new_query_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == 10
        assert not set(code) & set("0O1IL")
        assert set(code) <= set(intake.QUERY_CODE_ALPHABET)


def test_query_code_is_stored_as_a_hash_and_checked_as_typed(agency):
    filed = InformationRequestFactory(agency=agency)
    assert filed.query_code_hash != QUERY_CODE
    assert QUERY_CODE not in filed.query_code_hash
    assert intake.check_query_code(filed, QUERY_CODE)
    assert intake.check_query_code(filed, " " + QUERY_CODE.lower()[:5] + "-" + QUERY_CODE[5:])
    assert not intake.check_query_code(filed, "K7M9P3QX4S")


# ---------- submit_online ----------


def test_online_application_is_submitted_awaiting_confirmation(agency):
    now = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=CHINA)
    filed, code = intake.submit_online(agency=agency, cleaned_data=cleaned(), now=now)

    filed.refresh_from_db()
    assert filed.status == RequestStatus.SUBMITTED
    assert filed.channel == Channel.ONLINE
    assert filed.received_on is None
    assert filed.submitted_at == now
    assert filed.consent_at == now
    assert filed.tracking_number == "2026000001"
    assert hashers.check_password(code, filed.query_code_hash)
    event = filed.events.get()
    assert (event.kind, event.public, event.at) == (EventKind.SUBMITTED, True, now)


def test_tracking_numbers_follow_the_year_in_china(agency):
    # 17:00 UTC on 31 December is already 1 January in Beijing.
    late = datetime.datetime(2025, 12, 31, 17, 0, tzinfo=datetime.UTC)
    first, _code = intake.submit_online(agency=agency, cleaned_data=cleaned(), now=late)
    second, _code = intake.submit_online(agency=agency, cleaned_data=cleaned(), now=late)
    assert first.tracking_number == "2026000001"
    assert second.tracking_number == "2026000002"


def test_only_application_fields_are_taken_from_the_form(agency):
    data = cleaned(status=RequestStatus.CLOSED, outcome="granted", tracking_number="x")
    filed, _code = intake.submit_online(agency=agency, cleaned_data=data)
    filed.refresh_from_db()
    assert filed.status == RequestStatus.SUBMITTED
    assert filed.outcome == ""


@pytest.mark.usefixtures("private_storage")
def test_documents_are_kept_private_with_the_checked_type(agency):
    uploads = [
        intake.Upload(
            SimpleUploadedFile("身份证明.pdf", PDF), DocumentKind.IDENTITY, "application/pdf"
        )
    ]
    filed, _code = intake.submit_online(agency=agency, cleaned_data=cleaned(), uploads=uploads)
    document = filed.documents.get()
    assert document.kind == DocumentKind.IDENTITY
    assert not document.public
    assert document.title == "身份证明.pdf"
    assert document.size == len(PDF)
    # Stored under a random name: the original name may hold personal data.
    assert "身份证明" not in document.file.name
    with document.file.open("rb") as stored:
        assert stored.read() == PDF


def test_named_entries_are_linked(agency):
    entry = factories.PublishedEntryFactory(agency=agency)
    filed, _code = intake.submit_online(agency=agency, cleaned_data=cleaned(), entries=[entry])
    assert list(filed.entries.all()) == [entry]


def test_the_code_is_mailed_once_after_commit(
    agency, monkeypatch, django_capture_on_commit_callbacks
):
    from requests_app import notifications

    sent = []
    monkeypatch.setattr(
        notifications,
        "notify_applicant",
        lambda event, query_code=None: sent.append((event, query_code)),
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        filed, code = intake.submit_online(agency=agency, cleaned_data=cleaned())
        assert sent == []
    for callback in callbacks:
        callback()
    assert sent == [(filed.events.get(), code)]


def test_a_failed_application_leaves_nothing_behind(agency, monkeypatch):
    def disk_full(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(intake, "save_documents", disk_full)
    with pytest.raises(OSError):
        intake.submit_online(agency=agency, cleaned_data=cleaned())
    assert not InformationRequest.objects.exists()
    assert not RequestEvent.objects.exists()


# ---------- find_for_tracking ----------


@pytest.fixture
def hash_checks(monkeypatch):
    """Counts the hash comparisons ``find_for_tracking`` makes."""
    calls = []
    real = intake.check_password

    def counting(password, encoded, *args, **kwargs):
        calls.append(encoded)
        return real(password, encoded, *args, **kwargs)

    monkeypatch.setattr(intake, "check_password", counting)
    return calls


def test_right_pair_finds_the_request(agency, hash_checks):
    filed = InformationRequestFactory(agency=agency)
    assert intake.find_for_tracking(filed.tracking_number, QUERY_CODE) == filed
    assert len(hash_checks) == 1


def test_wrong_code_finds_nothing(agency, hash_checks):
    filed = InformationRequestFactory(agency=agency)
    assert intake.find_for_tracking(filed.tracking_number, "AAAAAAAAAA") is None
    assert len(hash_checks) == 1


@pytest.mark.parametrize("number", ["2099999999", "not-a-number", ""])
def test_unknown_number_costs_one_hash_check_too(agency, hash_checks, number):
    InformationRequestFactory(agency=agency)
    assert intake.find_for_tracking(number, QUERY_CODE) is None
    assert len(hash_checks) == 1

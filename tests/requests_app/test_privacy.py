"""Applicants' personal data (PIPL; DOMAIN.md section 4): after filing, no public page,
feed or error page shows it; the tracking page shows it masked only; uploaded files are
reachable only through permission-checked views; the query code is kept as a hash and
cannot be guessed through the tracking page; logs stay free of personal data."""

import datetime
import logging
import zoneinfo
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.files.storage import storages
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern

from catalog.models import DisclosureMode
from requests_app.models import DocumentKind, InformationRequest
from tests import factories
from tests.requests_app.applications import (
    JPEG,
    PDF,
    application_data,
    upload,
)
from tests.requests_app.factories import QUERY_CODE, InformationRequestFactory, make_resident_id

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_storage")]

CHINA = zoneinfo.ZoneInfo("Asia/Shanghai")
NEW_URL = reverse("requests_app:new")
TRACK_URL = reverse("requests_app:track")

NAME = "欧阳明辉"
ID_NUMBER = make_resident_id(4242)
PHONE = "13987654321"
EMAIL = "ouyang.minghui@example.com"
ADDRESS = "沈阳市皇姑区隐私测试路88号2单元"
PERSONAL = {"name": NAME, "id": ID_NUMBER, "phone": PHONE, "email": EMAIL, "address": ADDRESS}


def assert_no_personal_data(text: str, where: str = ""):
    for what, value in PERSONAL.items():
        assert value not in text, f"{what} appears in {where}"


def personal_application(**overrides):
    return application_data(
        applicant_name=NAME,
        id_number=ID_NUMBER,
        phone=PHONE,
        email=EMAIL,
        address=ADDRESS,
        delivery="post",
        **overrides,
    )


@pytest.fixture
def entry(agency):
    return factories.PublishedEntryFactory(agency=agency, disclosure_mode=DisclosureMode.ON_REQUEST)


@pytest.fixture
def applicant():
    return Client()


@pytest.fixture
def filed(applicant, agency, entry):
    """An application with personal data and a proof of identity, filed through the form;
    the receipt has been read."""
    data = personal_application(
        entry_numbers=entry.index_number,
        identity_proof=upload("欧阳明辉身份证.jpg", JPEG, "image/jpeg"),
    )
    response = applicant.post(f"{NEW_URL}?agency={agency.slug}", data)
    assert response.status_code == 302
    receipt = applicant.get(reverse("requests_app:receipt"))
    request = InformationRequest.objects.get()
    request.query_code = receipt.context["query_code"]
    return request


def parameterless_public_paths():
    """Every public URL without parameters: new pages (feeds, sitemaps) are covered as
    they are added."""

    def walk(patterns, prefix):
        for pattern in patterns:
            route = str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if not route.startswith(("admin/", "i18n/")):
                    yield from walk(pattern.url_patterns, prefix + route)
            elif isinstance(pattern.pattern, RoutePattern) and not pattern.pattern.converters:
                yield "/" + prefix + route

    return sorted(set(walk(get_resolver().url_patterns, "")))


# ---------- public pages ----------


def test_no_public_page_shows_the_applicants_data(filed, agency, entry):
    visitor = Client()
    factories.GuideFactory(agency=agency)
    paths = [
        *parameterless_public_paths(),
        entry.get_absolute_url(),
        agency.get_absolute_url(),
        reverse("catalog:agency_guide", args=[agency.slug]),
        reverse("catalog:clearances_agency", args=[agency.slug]),
        f"{NEW_URL}?entry={entry.index_number}",
        "/no-such-page/",
        f"/requests/track/documents/{filed.documents.get().pk}/",
    ]
    assert "/" in paths
    assert "/catalog/" in paths
    statuses = {}
    for path in paths:
        response = visitor.get(path)
        statuses[path] = response.status_code
        body = b"".join(response) if response.streaming else response.content
        assert_no_personal_data(body.decode(errors="replace"), path)
    assert statuses["/no-such-page/"] == 404
    assert statuses[entry.get_absolute_url()] == 200


def test_error_page_shows_no_personal_data(filed, client):
    client.raise_request_exception = False
    response = client.get("/requests/track/documents/999999/")
    assert response.status_code == 404
    assert_no_personal_data(response.content.decode(), "404 page")


def test_tracking_page_of_another_request_shows_none_of_it(filed, agency):
    other = InformationRequestFactory(agency=agency)
    visitor = Client()
    visitor.post(TRACK_URL, {"tracking_number": other.tracking_number, "query_code": QUERY_CODE})
    page = visitor.get(TRACK_URL)
    assert page.context["tracked"] == other
    assert_no_personal_data(page.content.decode(), "another request's tracking page")


def test_tracking_page_shows_the_applicants_data_masked_only(filed, applicant):
    content = applicant.get(TRACK_URL).content.decode()
    assert_no_personal_data(content, "own tracking page")
    assert "欧***" in content
    assert "139****4321" in content
    assert "o***@example.com" in content


def test_receipt_shows_the_name_masked(agency):
    applicant = Client()
    applicant.post(f"{NEW_URL}?agency={agency.slug}", personal_application())
    content = applicant.get(reverse("requests_app:receipt")).content.decode()
    assert_no_personal_data(content, "receipt")
    assert "欧***" in content


# ---------- files ----------


def test_private_storage_is_outside_every_served_location():
    location = Path(settings.STORAGES["private"]["OPTIONS"]["location"]).resolve()
    for served in (settings.MEDIA_ROOT, settings.STATIC_ROOT, *settings.STATICFILES_DIRS):
        assert not location.is_relative_to(Path(served).resolve())
    # Any URL the storage would give lies under MEDIA_URL, which nothing serves.
    assert storages["private"].url("requests/2026/x.pdf").startswith(settings.MEDIA_URL)


def test_uploaded_files_are_not_served_under_media_url(filed):
    document = filed.documents.get()
    assert Client().get(document.file.url).status_code == 404
    assert Client().get(settings.MEDIA_URL + document.file.name).status_code == 404


def test_applicant_cannot_download_their_own_identity_proof_back(filed, applicant):
    """Only documents meant for the applicant (reply, notices) are downloadable."""
    proof = filed.documents.get(kind=DocumentKind.IDENTITY)
    assert applicant.get(TRACK_URL).context["tracked"] == filed
    response = applicant.get(reverse("requests_app:track_document", args=[proof.pk]))
    assert response.status_code == 404


def test_document_download_needs_the_session_authorisation(filed):
    proof = filed.documents.get()
    proof.public = True
    proof.save()
    url = reverse("requests_app:track_document", args=[proof.pk])
    assert Client().get(url).status_code == 404


def test_document_of_another_request_is_refused(filed, agency):
    proof = filed.documents.get()
    proof.public = True
    proof.save()
    other = InformationRequestFactory(agency=agency)
    visitor = Client()
    visitor.post(TRACK_URL, {"tracking_number": other.tracking_number, "query_code": QUERY_CODE})
    url = reverse("requests_app:track_document", args=[proof.pk])
    assert visitor.get(url).status_code == 404


# ---------- the query code ----------


def test_query_code_is_stored_hashed_and_nowhere_in_clear(filed, applicant):
    code = filed.query_code
    assert filed.query_code_hash != code
    assert code not in filed.query_code_hash
    assert check_password(code, filed.query_code_hash)
    row = InformationRequest.objects.filter(pk=filed.pk).values().get()
    assert code not in repr(row)
    # Shown once: the session no longer holds it.
    assert code not in repr(dict(applicant.session.items()))


def test_tracking_brute_force_is_locked_out_then_works_after_the_lockout(agency):
    start = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=CHINA)
    with time_machine.travel(start, tick=False) as clock:
        target = InformationRequestFactory(agency=agency)
        guesser = Client()

        def attempt(code):
            return guesser.post(
                TRACK_URL, {"tracking_number": target.tracking_number, "query_code": code}
            )

        for guess in range(5):
            assert attempt(f"WRONGCODE{guess}").status_code == 200
        locked = attempt(QUERY_CODE)
        assert locked.status_code == 429
        assert guesser.get(TRACK_URL).context.get("tracked") is None

        clock.shift(datetime.timedelta(minutes=14))
        assert attempt(QUERY_CODE).status_code == 429

        clock.shift(datetime.timedelta(minutes=1, seconds=1))
        assert attempt(QUERY_CODE).status_code == 302
        assert guesser.get(TRACK_URL).context["tracked"] == target


def test_guessing_one_number_from_many_addresses_is_locked_out_too(agency):
    target = InformationRequestFactory(agency=agency)
    for n in range(5):
        Client(REMOTE_ADDR=f"10.9.0.{n}").post(
            TRACK_URL, {"tracking_number": target.tracking_number, "query_code": "AAAAAAAAAA"}
        )
    response = Client(REMOTE_ADDR="10.9.1.1").post(
        TRACK_URL, {"tracking_number": target.tracking_number, "query_code": QUERY_CODE}
    )
    assert response.status_code == 429


# ---------- logs ----------


def test_filing_and_tracking_log_no_personal_data(caplog, agency, entry):
    caplog.set_level(logging.DEBUG)
    applicant = Client()
    applicant.post(
        f"{NEW_URL}?agency={agency.slug}",
        personal_application(identity_proof=upload("证件.pdf", PDF, "application/pdf")),
    )
    code = applicant.get(reverse("requests_app:receipt")).context["query_code"]
    number = InformationRequest.objects.get().tracking_number
    Client().post(TRACK_URL, {"tracking_number": number, "query_code": "WRONGWRONG"})
    applicant.post(TRACK_URL, {"tracking_number": number, "query_code": code})

    assert caplog.records, "the filing logs something (the tracking number)"
    for record in caplog.records:
        text = record.getMessage() + repr(record.__dict__)
        assert_no_personal_data(text, f"log record {record.name}")
        assert code not in text

"""Documents of a request come from private storage only through ``admin:requests_app_document``,
which checks that the user handles the request's agency (PIPL; DESIGN.md)."""

import datetime

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.test import Client
from django.urls import reverse

from catalog.models import StaffRole
from requests_app.models import DocumentKind, RequestDocument
from tests.requests_app.factories import InformationRequestFactory, handler

CHINA = datetime.timezone(datetime.timedelta(hours=8))


@pytest.fixture(autouse=True)
def private_files(tmp_path, monkeypatch):
    field = RequestDocument._meta.get_field("file")
    monkeypatch.setattr(field, "storage", FileSystemStorage(location=tmp_path, base_url=None))
    return tmp_path


@pytest.fixture
def document(city):
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, tzinfo=CHINA), tick=False):
        request = InformationRequestFactory(agency=city)
    document = RequestDocument(
        request=request,
        kind=DocumentKind.IDENTITY,
        title="身份证复印件.pdf",
        content_type="application/pdf",
    )
    document.file.save("scan.pdf", ContentFile(b"%PDF-1.4 identity"), save=False)
    document.save()
    return document


def url(document):
    return reverse("admin:requests_app_document", args=[document.pk])


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_handler_downloads_the_document_as_an_attachment(city, document):
    response = signed_in(handler(city)).get(url(document))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''" in disposition
    assert b"".join(response.streaming_content) == b"%PDF-1.4 identity"
    assert "no-store" in response.headers["Cache-Control"]


def test_staff_of_another_agency_get_not_found(other_city, document):
    assert signed_in(handler(other_city)).get(url(document)).status_code == 404


def test_editor_of_the_same_agency_gets_not_found(city, document, editor):
    assert signed_in(editor).get(url(document)).status_code == 404


def test_anonymous_visitor_is_sent_to_the_login_page(document):
    response = Client().get(url(document))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_provincial_admin_covering_subordinates_downloads_a_citys_document(
    agency, make_staff, document
):
    boss = make_staff(agency, StaffRole.AGENCY_ADMIN, covers_subordinates=True)
    assert signed_in(boss).get(url(document)).status_code == 200


def test_request_page_links_each_document_to_the_checked_view(city, document):
    client = signed_in(handler(city))
    page = client.get(
        reverse("admin:requests_app_informationrequest_change", args=[document.request.pk])
    )
    assert url(document) in page.text
    assert "身份证复印件.pdf" in page.text
    assert document.file.name not in page.text

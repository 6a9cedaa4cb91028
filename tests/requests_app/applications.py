"""Helpers for the public-side request tests: files of each accepted type and a
complete application as the browser posts it."""

import io
import time
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from requests_app import forms as request_forms
from tests.requests_app.factories import make_resident_id

NEW_URL = reverse("requests_app:new")

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def office_file(marker: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(marker, "<x/>")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def with_wrong_last_character(number: str, alphabet: str = "0123456789") -> str:
    """``number`` with another last character: its check no longer matches."""
    return number[:-1] + next(c for c in alphabet if c != number[-1])


def application_data(**overrides) -> dict:
    """A complete, valid application of a natural person, as the browser posts it."""
    data = {
        "applicant_kind": "natural_person",
        "applicant_name": "张伟明",
        "id_type": "resident_id",
        "id_number": make_resident_id(7),
        "organisation_code": "",
        "legal_representative": "",
        "contact_person": "",
        "phone": "13812345678",
        "email": "zhang.weiming@example.com",
        "address": "沈阳市和平区示例街道12号3单元401室",
        "postcode": "110001",
        "information_title": "",
        "information_number": "",
        "description": "请公开2025年度本市食品安全监督抽检结果汇总及不合格产品名单。",
        "entry_numbers": "",
        "information_form": "electronic",
        "delivery": "online",
        "consent": "on",
        "homepage": "",
        "started": request_forms.started_token(time.time() - 60),
    }
    data.update(overrides)
    return data


def post_application(client, agency, data=None, **overrides):
    return client.post(
        f"{NEW_URL}?agency={agency.slug}", data or application_data(**overrides), follow=False
    )

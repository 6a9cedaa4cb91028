"""The online application form (Art. 29 of the Regulations): every check answers next to
its field, the page comes back with what was typed, and a good application is filed.

The helpers (files, a valid application) are in ``tests.requests_app.applications``,
the fixtures in ``tests/requests_app/conftest.py``.
"""

import re

import pytest
from django.urls import reverse

from catalog import validators
from catalog.models import DisclosureMode
from requests_app import forms as request_forms
from requests_app import uploads
from requests_app.models import (
    DocumentKind,
    EventKind,
    InformationRequest,
    RequestStatus,
)
from tests import factories
from tests.requests_app.applications import (
    JPEG,
    NEW_URL,
    PDF,
    PNG,
    application_data,
    office_file,
    post_application,
    upload,
    with_wrong_last_character,
)
from tests.requests_app.factories import make_resident_id

pytestmark = pytest.mark.django_db

RECEIPT_URL = reverse("requests_app:receipt")


def errors_of(response, field: str) -> str:
    """The text of the error list next to ``field``."""
    match = re.search(
        rf'<ul class="field-errors" id="id_{field}_error">(.*?)</ul>',
        response.content.decode(),
        re.S,
    )
    assert match, f"no errors next to {field}"
    return match.group(1)


def summary_of(response) -> str:
    match = re.search(r'<div class="error-summary".*?</div>', response.content.decode(), re.S)
    assert match, "no error summary"
    return match.group(0)


# ---------- the form as it is shown ----------


def test_form_has_the_five_sections_and_marks_required_fields_in_words(client, agency):
    content = client.get(NEW_URL).content.decode()
    for legend in (
        "Applicant details",
        "Information sought",
        "How to receive it",
        "Attachments",
        "Declaration",
    ):
        assert f'<legend class="form-section-title">{legend}</legend>' in content
    assert re.search(r'for="id_description">[^<]*<span class="required-mark">\(required\)', content)
    assert 'enctype="multipart/form-data"' in content
    # The offline ways stay on the page below the form.
    assert content.index('id="form-title"') < content.index('id="how-title"')
    assert agency.reception_address in content


def test_every_control_has_a_label(client, agency):
    content = client.get(NEW_URL).content.decode()
    form = content.split('class="application-form', 1)[1].split("</form>", 1)[0]
    ids = re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', form)
    assert ids
    for control in ids:
        assert f'for="{control}"' in form, control


def test_entry_parameter_prefills_the_information_sought(client, agency):
    entry = factories.PublishedEntryFactory(
        agency=agency,
        disclosure_mode=DisclosureMode.ON_REQUEST,
        title="某某行政许可审查材料",
        document_number="辽市监许〔2026〕3号",
    )
    response = client.get(NEW_URL, {"entry": entry.index_number})
    form = response.context["form"]
    assert form["entry_numbers"].value() == entry.index_number
    assert form["information_title"].value() == "某某行政许可审查材料"
    assert form["information_number"].value() == "辽市监许〔2026〕3号"
    assert f'value="{entry.index_number}"' in response.content.decode()


def test_agency_that_takes_no_online_applications_shows_the_offline_ways_only(client, agency):
    city = factories.CityAgencyFactory(parent=agency, accepts_online=False)
    response = client.get(NEW_URL, {"agency": city.slug})
    content = response.content.decode()
    assert response.context["form"] is None
    assert '<form class="application-form' not in content
    assert city.reception_address in content
    # A post to it files nothing.
    post_application(client, city)
    assert not InformationRequest.objects.exists()


def test_email_delivery_is_offered_only_by_agencies_that_take_email(client, agency):
    offered = client.get(NEW_URL).context["form"].fields["delivery"].choices
    assert "email" not in dict(offered)
    agency.accepts_email = True
    agency.save()
    offered = client.get(NEW_URL).context["form"].fields["delivery"].choices
    assert "email" in dict(offered)


def test_form_pages_are_not_cached(client, agency):
    assert "no-store" in client.get(NEW_URL)["Cache-Control"]


# ---------- a valid application ----------


def test_valid_application_is_filed_with_its_event_and_documents(client, agency, private_storage):
    data = application_data(
        identity_proof=upload("身份证.jpg", JPEG, "image/jpeg"),
        attachments=[upload("说明.pdf", PDF, "application/pdf")],
    )
    response = post_application(client, agency, data)

    assert response.status_code == 302
    assert response["Location"] == RECEIPT_URL
    filed = InformationRequest.objects.get()
    assert filed.agency == agency
    assert filed.status == RequestStatus.SUBMITTED
    assert filed.applicant_name == "张伟明"
    assert filed.consent_at is not None
    event = filed.events.get()
    assert event.kind == EventKind.SUBMITTED
    assert event.public
    documents = {d.kind: d for d in filed.documents.all()}
    assert documents[DocumentKind.IDENTITY].content_type == "image/jpeg"
    assert documents[DocumentKind.IDENTITY].title == "身份证.jpg"
    assert documents[DocumentKind.APPLICANT_FILE].content_type == "application/pdf"
    assert not any(d.public for d in documents.values())


def test_organisation_application_is_filed_without_person_fields(client, agency):
    data = application_data(
        applicant_kind="commercial",
        applicant_name="沈阳示例信息咨询有限公司",
        id_number="",
        organisation_code=factories.make_credit_code(42),
        legal_representative="赵建国",
        contact_person="钱晓东",
    )
    assert post_application(client, agency, data).status_code == 302
    filed = InformationRequest.objects.get()
    assert filed.organisation_code == factories.make_credit_code(42)
    assert filed.id_type == filed.id_number == ""


def test_named_catalogue_entries_are_linked(client, agency):
    entry = factories.PublishedEntryFactory(agency=agency)
    post_application(client, agency, entry_numbers=entry.index_number)
    assert list(InformationRequest.objects.get().entries.all()) == [entry]


def test_receipt_shows_the_code_once(client, agency):
    post_application(client, agency)
    first = client.get(RECEIPT_URL)
    code = first.context["query_code"]
    filed = InformationRequest.objects.get()
    assert code in first.content.decode()
    assert filed.tracking_number in first.content.decode()
    assert "no-store" in first["Cache-Control"]

    again = client.get(RECEIPT_URL).content.decode()
    assert code not in again
    assert filed.tracking_number not in again


# ---------- each check, next to its field, with the typed values kept ----------


def assert_kept(response, *values):
    content = response.content.decode()
    for value in values:
        assert value in content, value


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"id_number": with_wrong_last_character(make_resident_id(7))}, "id_number", "match"),
        ({"id_number": "21010219851345001X"}, "id_number", "date of birth"),
        ({"id_number": "2101021985"}, "id_number", "18 characters"),
        ({"id_number": ""}, "id_number", "Enter the number"),
        (
            {
                "applicant_kind": "research",
                "applicant_name": "某研究院",
                "organisation_code": with_wrong_last_character(factories.make_credit_code(5)),
                "legal_representative": "甲",
                "contact_person": "乙",
            },
            "organisation_code",
            "check character",
        ),
        (
            {"applicant_kind": "commercial", "organisation_code": factories.make_credit_code(3)},
            "legal_representative",
            "legal representative",
        ),
        ({"description": ""}, "description", "Describe the information"),
        ({"description": "文件"}, "description", "at least 10 characters"),
        ({"phone": "12345"}, "phone", "mobile number"),
        ({"delivery": "post", "address": ""}, "address", "needs a postal address"),
        ({"consent": ""}, "consent", "Without your consent"),
        ({"homepage": "http://spam.example"}, "homepage", "must stay empty"),
        ({"entry_numbers": "11210000MB0000000X/2026-99999"}, "entry_numbers", "No published"),
    ],
    ids=[
        "id-check-digit",
        "id-birth-date",
        "id-length",
        "id-missing",
        "credit-code",
        "organisation-without-representative",
        "no-description",
        "description-too-short",
        "phone",
        "post-without-address",
        "no-consent",
        "honeypot",
        "unknown-entry",
    ],
)
def test_each_check_answers_next_to_its_field(client, agency, overrides, field, message):
    data = application_data(**overrides)
    response = post_application(client, agency, data)
    assert response.status_code == 200
    assert message in errors_of(response, field)
    assert f'href="#id_{field}' in summary_of(response)
    assert_kept(
        response, "13812345678" if field != "phone" else "12345", "zhang.weiming@example.com"
    )
    assert not InformationRequest.objects.exists()


def test_email_delivery_without_an_email_address(client, agency):
    agency.accepts_email = True
    agency.save()
    response = post_application(client, agency, delivery="email", email="")
    assert "needs an e-mail address" in errors_of(response, "email")
    assert re.search(
        r'<input type="radio" name="delivery" value="email"[^>]*checked', response.content.decode()
    )


def test_typed_values_come_back_after_an_error(client, agency):
    data = application_data(
        consent="", information_title="某某文件", description="关于某事项的详细描述内容"
    )
    response = post_application(client, agency, data)
    assert_kept(response, "张伟明", make_resident_id(7), "某某文件", "关于某事项的详细描述内容")
    assert 'value="沈阳市和平区示例街道12号3单元401室"' in response.content.decode()


# ---------- uploads ----------


def test_file_larger_than_5_mb_is_refused(client, agency):
    big = upload("大文件.pdf", PDF + b"0" * (5 * 1024 * 1024), "application/pdf")
    response = post_application(client, agency, application_data(attachments=[big]))
    assert "at most 5 MB" in errors_of(response, "attachments")
    assert "choose your files again" in summary_of(response)


def test_file_whose_content_is_not_what_its_name_says_is_refused(client, agency):
    fake = upload("证明.pdf", b"MZ\x90\x00 this is an executable", "application/pdf")
    response = post_application(client, agency, application_data(identity_proof=fake))
    message = errors_of(response, "identity_proof")
    assert "证明.pdf" in message
    assert "named as a PDF document, but its content is not one" in message


def test_file_of_a_type_not_accepted_is_refused(client, agency):
    response = post_application(
        client, agency, application_data(attachments=[upload("a.exe", b"MZ")])
    )
    assert "not accepted" in errors_of(response, "attachments")


def test_more_than_three_files_are_refused(client, agency):
    files = [upload(f"附件{i}.pdf", PDF, "application/pdf") for i in range(3)]
    data = application_data(identity_proof=upload("id.png", PNG, "image/png"), attachments=files)
    response = post_application(client, agency, data)
    assert "At most 3 files" in errors_of(response, "attachments")


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("a.pdf", PDF, "application/pdf"),
        ("a.jpeg", JPEG, "image/jpeg"),
        ("a.png", PNG, "image/png"),
        ("a.docx", office_file("word/document.xml"), uploads.DOCX),
        ("a.xlsx", office_file("xl/workbook.xml"), uploads.XLSX),
        ("a.ofd", office_file("OFD.xml"), "application/ofd"),
        ("a.txt", "纯文本说明\n".encode(), "text/plain"),
        ("a.txt", "纯文本说明\n".encode("gb18030"), "text/plain"),
    ],
)
def test_accepted_types_are_recognised_by_content(name, content, content_type):
    assert uploads.check_upload(upload(name, content)) == content_type


def test_a_zip_named_docx_without_a_document_is_refused():
    with pytest.raises(uploads.ValidationError):
        uploads.check_upload(upload("a.docx", office_file("other.xml")))


# ---------- anti-abuse ----------


def test_application_sent_too_fast_is_refused_and_can_be_sent_again(client, agency):
    token = request_forms.started_token()
    response = post_application(client, agency, started=token)
    assert "very quickly" in errors_of(response, "started")
    assert "very quickly" in summary_of(response)
    assert_kept(response, "张伟明")
    # The page keeps the moment the form was first shown: a second try later passes.
    assert f'value="{token}"' in response.content.decode()


def test_forged_timestamp_is_refused(client, agency):
    response = post_application(client, agency, started="123:forged")
    assert "expired" in errors_of(response, "started")


def test_rate_limit_per_address_keeps_what_was_typed(client, agency):
    for n in range(5):
        assert (
            post_application(client, agency, id_number=make_resident_id(100 + n)).status_code == 302
        )
    response = post_application(client, agency, id_number=make_resident_id(200))
    assert response.status_code == 200
    assert "try again later" in summary_of(response)
    assert_kept(response, "张伟明", make_resident_id(200), "zhang.weiming@example.com")
    assert InformationRequest.objects.count() == 5


def test_rate_limit_per_applicant_counts_across_addresses(client, agency):
    for n in range(10):
        response = client.post(
            f"{NEW_URL}?agency={agency.slug}", application_data(), REMOTE_ADDR=f"10.0.0.{n}"
        )
        assert response.status_code == 302
    response = client.post(
        f"{NEW_URL}?agency={agency.slug}", application_data(), REMOTE_ADDR="10.0.1.1"
    )
    assert response.status_code == 200
    assert InformationRequest.objects.count() == 10


# ---------- the validators themselves ----------


@pytest.mark.parametrize("n", [0, 1, 2, 500, 12345])
def test_resident_id_check_digit_of_valid_numbers(n):
    validators.validate_resident_id(make_resident_id(n))


def test_resident_id_with_x_check_character():
    first17 = "11010519491231002"
    assert validators.resident_id_check_character(first17) == "X"
    validators.validate_resident_id(first17 + "X")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("138 1234 5678", "13812345678"),
        ("+86 13812345678", "13812345678"),
        ("024-12345678", "024-12345678"),
        ("0411-8765432", "0411-8765432"),
    ],
)
def test_phone_numbers_are_normalised(typed, stored):
    assert validators.normalise_phone(typed) == stored

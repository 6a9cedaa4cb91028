"""Disclosure on request in a real browser (issue 4, "Show it"): an applicant files,
reads the receipt and tracks the request; a request officer confirms receipt,
extends the time limit and replies with a document; the applicant reads the reply."""

import pytest

from catalog.models import StaffRole
from requests_app import forms as request_forms
from requests_app.models import InformationRequest, RequestDocument, RequestStatus
from tests import factories
from tests.browser.conftest import assert_accessible
from tests.requests_app.factories import make_resident_id

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
APPLICANT = {"name": "欧阳明华", "id_number": make_resident_id(31), "phone": "13912345678"}


@pytest.fixture
def province(monkeypatch, settings, tmp_path):
    # The form refuses applications sent within seconds of opening it; a test types fast.
    monkeypatch.setattr(request_forms, "MIN_FILL_SECONDS", 0)
    private = RequestDocument._meta.get_field("file").storage
    monkeypatch.setitem(private.__dict__, "base_location", str(tmp_path))
    monkeypatch.setitem(private.__dict__, "location", str(tmp_path))
    return factories.AgencyFactory(name="辽宁省市场监督管理局", slug="liaoning")


def file_application(page, base_url):
    page.goto(f"{base_url}/requests/new/?agency=liaoning")
    assert_accessible(page, "application form")
    page.check("input[name=applicant_kind][value=natural_person]")
    page.fill("#id_applicant_name", APPLICANT["name"])
    page.select_option("#id_id_type", "resident_id")
    page.fill("#id_id_number", APPLICANT["id_number"])
    page.fill("#id_phone", APPLICANT["phone"])
    page.fill("#id_address", "沈阳市和平区示例街道12号3单元401室")
    page.fill(
        "#id_description", "请公开2025年度本省电动自行车产品质量监督抽查结果及不合格企业名单。"
    )
    page.check("input[name=information_form][value=electronic]")
    page.check("input[name=delivery][value=online]")
    page.check("#id_consent")
    page.click("#submit-application")
    page.wait_for_url("**/requests/receipt/")


def track(page, base_url, number, code):
    page.goto(f"{base_url}/requests/track/")
    page.fill("#id_tracking_number", number)
    page.fill("#id_query_code", code)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()


def staff_step(page, base_url, request_pk, step, fields=None, files=None):
    page.goto(f"{base_url}/admin/requests_app/informationrequest/{request_pk}/step/{step}/")
    for name, value in (fields or {}).items():
        if page.locator(f"select[name={name}]").count():
            page.select_option(f"select[name={name}]", value)
        else:
            page.fill(f"[name={name}]", value)
    for name, payload in (files or {}).items():
        page.set_input_files(f"input[name={name}]", payload)
    page.click("form input[type=submit].default")
    page.wait_for_load_state()
    assert (
        "未办理" not in page.locator(".messagelist").inner_text()
        if page.locator(".messagelist").count()
        else True
    )


def test_file_track_handle_and_read_the_reply(live_server, browser, page, province, make_staff):
    base = live_server.url

    # The applicant files online and reads the receipt once.
    file_application(page, base)
    number = page.locator(".receipt-number").inner_text().strip()
    code = page.locator(".receipt-code").inner_text().strip()
    assert len(number) == 10 and len(code) >= 8
    assert_accessible(page, "receipt")
    request = InformationRequest.objects.get(tracking_number=number)
    assert request.status == RequestStatus.SUBMITTED

    # Later, in another browser, number and code show the status; the name only masked.
    tracker = browser.new_context(locale="zh-CN").new_page()
    track(tracker, base, number, code)
    content = tracker.content()
    assert "待确认收到" in content
    assert APPLICANT["name"] not in content and "欧**" in content
    assert APPLICANT["id_number"] not in content
    assert_accessible(tracker, "tracking page")

    # A request officer confirms receipt, extends once and replies with a document.
    officer = make_staff(province, StaffRole.REQUEST_OFFICER)
    staff = browser.new_context(locale="zh-CN").new_page()
    staff.goto(f"{base}/admin/login/")
    staff.fill("#id_username", officer.username)
    staff.fill("#id_password", "pass-word-123")
    staff.click("input[type=submit]")
    staff.goto(f"{base}/admin/requests_app/informationrequest/")
    assert staff.get_by_text(number).count() >= 1
    assert APPLICANT["name"] not in staff.content()  # masked in the queue

    staff_step(staff, base, request.pk, "confirm")
    staff_step(
        staff,
        base,
        request.pk,
        "extend",
        {
            "days": "10",
            "reason": "所需信息涉及多个处室，需要汇总核查。",
            "approved_by": "办公室主任 李世凯",
        },
    )
    staff_step(
        staff,
        base,
        request.pk,
        "reply",
        {"answer": "granted", "text": "经查，您申请的信息予以公开，见附件。"},
        {"documents": {"name": "抽查结果.pdf", "mimeType": "application/pdf", "buffer": PDF}},
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.CLOSED
    assert request.extension_days == 10
    assert request.outcome == "granted"

    # The applicant, in a fresh browser session, reads the reply and downloads the document.
    reader = browser.new_context(locale="zh-CN", accept_downloads=True).new_page()
    track(reader, base, number, code)
    content = reader.content()
    assert "已办结" in content
    assert "经查，您申请的信息予以公开，见附件。" in content
    assert "延长答复期限" in content
    assert_accessible(reader, "tracking page with the reply")
    with reader.expect_download() as download:
        reader.get_by_role("link", name="抽查结果.pdf").click()
    assert download.value.suggested_filename.endswith(".pdf")

"""The letters of disclosure on request (issue 4 item 7; Art. 45): each states its legal basis,
the reply states the remedies (reconsideration within 60 days, litigation within 6 months,
and where), and each prints on A4 from a staff page."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import translation

from catalog.models import AgencyLevel
from catalog.statutes import LITIGATION_MONTHS, RECONSIDERATION_DAYS
from requests_app import letters, workflow
from requests_app.models import FeeMethod, PauseReason
from requests_app.outcomes import answer_choices, legal_basis
from tests import factories
from tests.requests_app.factories import InformationRequestFactory, handler, received_request

CHINA = datetime.timezone(datetime.timedelta(hours=8))
D = datetime.date
MONDAY = D(2026, 3, 2)
REGULATIONS = "《中华人民共和国政府信息公开条例》"


@pytest.fixture(autouse=True)
def monday():
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, tzinfo=CHINA), tick=False):
        yield


@pytest.fixture
def province(db):
    return factories.AgencyFactory(name="辽宁省市场监督管理局", short_name="省市场监管局")


@pytest.fixture
def shenyang(province):
    return factories.CityAgencyFactory(name="沈阳市市场监督管理局", parent=province)


@pytest.fixture
def heping(shenyang):
    return factories.CountyAgencyFactory(name="沈阳市和平区市场监督管理局", parent=shenyang)


@pytest.fixture
def officer(shenyang):
    return handler(shenyang)


@pytest.fixture
def received(shenyang, officer):
    return received_request(on=MONDAY, user=officer, agency=shenyang, applicant_name="欧阳明华")


def letter_url(request, kind):
    return reverse("admin:requests_app_informationrequest_letter", args=[request.pk, kind])


def render(request, kind):
    with translation.override("en"):
        return letters.render_letter(request, kind, full_names=True)


# Who hears an appeal, and the letter's number -------------------------------------------------


def test_reconsideration_goes_to_the_government_at_the_agencys_own_level(
    province, shenyang, heping
):
    assert letters.reconsideration_bodies(province) == ["辽宁省人民政府"]
    assert letters.reconsideration_bodies(shenyang) == ["沈阳市人民政府"]
    assert letters.reconsideration_bodies(heping) == ["沈阳市和平区人民政府"]


def test_the_superior_department_option_can_be_switched_back_on(monkeypatch, province, shenyang):
    monkeypatch.setattr(letters, "RECONSIDERATION_ALSO_BY_SUPERIOR_DEPARTMENT", True)
    assert letters.reconsideration_bodies(province) == ["辽宁省人民政府", "国家市场监督管理总局"]
    assert letters.reconsideration_bodies(shenyang) == ["沈阳市人民政府", "辽宁省市场监督管理局"]


def test_an_agency_named_otherwise_gets_the_generic_wording(db):
    odd = factories.AgencyFactory(name="某某事务中心", level=AgencyLevel.PROVINCE)
    with translation.override("en"):
        assert letters.reconsideration_bodies(odd) == ["the people's government at the same level"]


def test_letter_numbers_are_built_from_the_tracking_number(province, shenyang, heping, received):
    assert letters.number_prefix(province) == "辽市监"
    assert letters.number_prefix(shenyang) == "沈市监"
    assert letters.number_prefix(heping) == "和平市监"
    sequence = int(received.tracking_number[4:])
    assert letters.letter_number(received, "reply") == f"沈市监公开〔2026〕第{sequence}号"
    assert letters.letter_number(received, "fee") == f"沈市监收费〔2026〕第{sequence}号"


# The reply -------------------------------------------------------------------------------------


@pytest.mark.parametrize("answer", [value for value, _label in answer_choices()])
def test_reply_letter_of_each_answer_cites_its_article(received, officer, answer):
    workflow.reply(received, officer, answer=answer, text="答复正文。")
    html = render(received, "reply")
    basis = legal_basis(answer)
    assert REGULATIONS in html
    if basis.articles:
        assert basis.articles in html
    assert "答复正文。" in html
    with translation.override("en"):  # the language the letter was rendered in
        sentence = letters.answer_sentence(answer)
    assert sentence in html.replace("&#x27;", "'")


def test_reply_letter_states_the_remedies_with_body_periods_and_court(received, officer):
    workflow.reply(received, officer, answer="granted", text="现予公开。")
    html = render(received, "reply")
    assert "Reply to an application for government information" in html
    assert letters.letter_number(received, "reply") in html
    assert "欧阳明华" in html
    assert "March 2, 2026" in html  # the date of receipt
    assert received.information_title in html
    assert "administrative reconsideration to 沈阳市人民政府" in html
    assert f"within {RECONSIDERATION_DAYS} days" in html
    assert f"within {LITIGATION_MONTHS} months" in html
    assert "competent people's court" in html
    assert "沈阳市市场监督管理局" in html  # the seal line


def test_reply_letter_lists_the_enclosed_documents(received, officer, tmp_path, monkeypatch):
    from django.core.files.storage import FileSystemStorage
    from django.core.files.uploadedfile import SimpleUploadedFile

    from requests_app.models import RequestDocument

    field = RequestDocument._meta.get_field("file")
    monkeypatch.setattr(field, "storage", FileSystemStorage(location=tmp_path, base_url=None))
    pdf = SimpleUploadedFile("名单.pdf", b"%PDF-1.4", content_type="application/pdf")
    workflow.reply(received, officer, answer="granted", text="现予公开。", documents=[pdf])
    assert "名单.pdf" in render(received, "reply")


def test_closure_without_correction_has_a_reply_letter(received, officer):
    workflow.request_correction(received, officer, items="请写明年份。", due_on=D(2026, 3, 10))
    workflow.close_uncorrected(D(2026, 3, 11))
    received.refresh_from_db()
    html = render(received, "reply")
    assert "treated as abandoned" in html
    assert "第三十条" in html


def test_withdrawn_request_has_no_reply_letter(received, officer):
    workflow.withdraw(received, officer, reason="申请人撤回。")
    received.refresh_from_db()
    assert letters.LetterKind.REPLY not in letters.available_letters(received)
    with pytest.raises(ValueError):
        letters.render_letter(received, "reply")


def test_letters_mask_the_applicants_name_unless_staff_print_them(received, officer):
    workflow.reply(received, officer, answer="granted", text="现予公开。")
    html = letters.render_letter(received, "reply")
    assert "欧阳明华" not in html
    assert "欧***" in html


# The notices -----------------------------------------------------------------------------------


def test_correction_notice_says_what_by_when_and_the_consequence(received, officer):
    workflow.request_correction(
        received, officer, items="请写明所需信息的年份。", due_on=D(2026, 3, 16)
    )
    html = render(received, "correction")
    assert "Notice to complete an application" in html
    assert "请写明所需信息的年份。" in html
    assert "March 16, 2026" in html
    assert "Art. 30" in html
    assert "treated as abandoned" in html


def test_extension_notice_gives_reason_days_and_new_due_date(received, officer):
    workflow.extend(received, officer, days=10, reason="涉及多个处室。", approved_by="李主任")
    received.refresh_from_db()
    html = render(received, "extension")
    assert "涉及多个处室。" in html
    assert "extended by 10 working days" in html
    assert "Art. 33 para. 2" in html
    assert received.due_on.strftime("%B") in html


def test_third_party_letter_gives_fifteen_working_days_and_never_names_the_applicant(
    received, officer
):
    workflow.start_consultation(received, officer, reason=PauseReason.THIRD_PARTY)
    html = render(received, "third_party")
    assert "Request for a third party" in html
    assert "within 15 working days" in html
    assert "March 23, 2026" in html  # 15 working days after 2 March
    assert "Art. 32" in html
    assert "欧阳明华" not in html
    assert received.phone not in html


def test_consulting_another_agency_makes_no_third_party_letter(received, officer):
    workflow.start_consultation(received, officer, reason=PauseReason.OTHER_AGENCY)
    assert letters.LetterKind.THIRD_PARTY not in letters.available_letters(received)


def test_fee_notice_states_basis_standard_amount_payment_and_period(received, officer):
    workflow.issue_fee_notice(received, officer, method=FeeMethod.PER_VOLUME, pages=120)
    received.refresh_from_db()
    html = render(received, "fee")
    assert "国办函〔2020〕109号" in html
    assert "Art. 42" in html
    assert "pages 31 to 100: 10 yuan a page" in html
    assert "pages from 201: 40 yuan a page" in html
    assert "120 pages" in html
    assert f"{received.fee_amount} yuan" in html
    assert "How to pay" in html
    assert "within 20 working days" in html
    assert "treated as abandoned" in html


def test_per_application_standard_comes_from_the_fee_schedule():
    with translation.override("en"):
        lines = letters.fee_standard(FeeMethod.PER_APPLICATION)
    assert "applications 1 to 10: free" in lines
    assert "applications 11 to 30: 100 yuan each" in lines
    assert any("31 to 40: 200 yuan each" in line for line in lines)


# The staff pages -------------------------------------------------------------------------------


@pytest.fixture
def client(officer):
    client = Client(headers={"accept-language": "en"})
    client.force_login(officer)
    return client


def test_letter_page_links_the_print_stylesheet_and_shows_the_full_name(client, received, officer):
    workflow.reply(received, officer, answer="granted", text="现予公开。")
    response = client.get(letter_url(received, "reply"))
    assert response.status_code == 200
    assert "css/letters.css" in response.text
    assert "欧阳明华" in response.text
    assert 'class="letter letter-reply"' in response.text


def test_request_page_lists_the_letters_it_has(client, received, officer):
    workflow.extend(received, officer, days=5, reason="原因。", approved_by="李主任")
    page = client.get(reverse("admin:requests_app_informationrequest_change", args=[received.pk]))
    assert letter_url(received, "extension") in page.text
    assert letter_url(received, "reply") not in page.text


def test_a_letter_the_request_does_not_have_is_not_found(client, received):
    assert client.get(letter_url(received, "reply")).status_code == 404
    assert client.get(letter_url(received, "nonsense")).status_code == 404


def test_letters_of_another_agencys_request_are_not_found(client, province):
    foreign = InformationRequestFactory(agency=province)
    officer = handler(province)
    workflow.confirm_receipt(foreign, officer)
    workflow.extend(foreign, officer, days=5, reason="原因。", approved_by="李主任")
    assert client.get(letter_url(foreign, "extension")).status_code == 404


def test_print_stylesheet_sets_a4_and_hides_the_admin_chrome():
    from django.contrib.staticfiles import finders

    css = open(finders.find("css/letters.css"), encoding="utf-8").read()  # noqa: SIM115
    assert "@page" in css
    assert "size: A4" in css
    assert "@media print" in css
    assert "#header" in css
    assert ".letter-tools" in css


def test_letter_numbers_use_the_agencys_own_abbreviation_when_set(db):
    from tests.factories import AgencyFactory

    agency = AgencyFactory(name="辽宁省市场监督管理局", document_prefix="辽市场监管")
    assert letters.number_prefix(agency) == "辽市场监管"
    agency.document_prefix = ""
    assert letters.number_prefix(agency) == "辽市监"

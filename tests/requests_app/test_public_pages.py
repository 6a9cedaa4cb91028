"""The receipt (Arts. 31 and 33 as the applicant reads them), its print layout, and the
cost of the public request pages."""

import datetime
import zoneinfo
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from requests_app.models import InformationRequest
from tests.requests_app.applications import (
    post_application,
)
from tests.requests_app.factories import QUERY_CODE, received_request

pytestmark = pytest.mark.django_db

CHINA = zoneinfo.ZoneInfo("Asia/Shanghai")
RECEIPT_URL = reverse("requests_app:receipt")
TRACK_URL = reverse("requests_app:track")
# Monday 2 March 2026, 10:00 in Beijing.
MONDAY = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=CHINA)


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def receipt(client, agency):
    with time_machine.travel(MONDAY, tick=False):
        post_application(client, agency)
        return client.get(RECEIPT_URL)


def test_receipt_states_the_receipt_rule_of_online_applications(receipt):
    content = receipt.content.decode()
    assert "both sides confirm" in content
    # Submitted on Monday: receipt confirmed automatically on Tuesday at the latest (Art. 31).
    assert receipt.context["auto_receipt_on"] == datetime.date(2026, 3, 3)
    assert "next working day, 2026-03-03" in content


def test_receipt_states_the_reply_time_counted_from_that_receipt(receipt):
    content = receipt.content.decode()
    assert "within 20 working days of receipt" in content
    # 20 working days after Tuesday 3 March 2026, the receipt day not counted (Art. 33).
    assert receipt.context["due"].due_on == datetime.date(2026, 3, 31)
    assert "due by 2026-03-31" in content
    assert "How the due date is counted" in content


def test_receipt_warns_to_keep_the_code(receipt):
    content = receipt.content.decode()
    assert "Keep your query code safe: it is shown only this once." in content
    assert receipt.context["query_code"] in content
    assert InformationRequest.objects.get().tracking_number in content


def test_code_never_appears_in_a_url(client, agency):
    response = post_application(client, agency)
    assert response["Location"] == RECEIPT_URL
    receipt = client.get(RECEIPT_URL)
    code = receipt.context["query_code"]
    assert f"={code}" not in receipt.content.decode()
    assert code not in receipt.request["PATH_INFO"] + receipt.request.get("QUERY_STRING", "")


def test_reloaded_receipt_says_it_was_shown_once(client, agency):
    post_application(client, agency)
    client.get(RECEIPT_URL)
    again = client.get(RECEIPT_URL)
    assert again.status_code == 200
    assert "The receipt has already been shown" in again.content.decode()
    assert "no-store" in again["Cache-Control"]


def test_receipt_prints_on_a4_without_the_navigation(receipt):
    assert '/static/css/requests.css"' in receipt.content.decode()
    stylesheet = (Path(settings.BASE_DIR) / "static/css/requests.css").read_text()
    assert "size: A4" in stylesheet
    print_rules = stylesheet.split("@media print", 1)[1]
    for hidden in (".mainnav", ".site-footer", ".breadcrumbs", ".receipt-actions"):
        assert hidden in print_rules


def test_apply_page_keeps_the_offline_ways_and_links_to_tracking(client, agency):
    content = client.get(reverse("requests_app:new")).content.decode()
    assert f'href="{TRACK_URL}"' in content
    assert "Art. 29" in content
    assert agency.reception_address in content


def test_tracking_page_query_count(client, agency, django_assert_max_num_queries):
    with time_machine.travel(MONDAY, tick=False):
        filed = received_request(agency=agency, on=MONDAY.date())
        client.post(TRACK_URL, {"tracking_number": filed.tracking_number, "query_code": QUERY_CODE})
        # session, request with agency, events, documents, pauses (running, clock), calendar
        with django_assert_max_num_queries(8):
            assert client.get(TRACK_URL).status_code == 200


def test_apply_page_query_count(client, agency, django_assert_max_num_queries):
    # the provincial agency, the navigation's guide link
    with django_assert_max_num_queries(2):
        assert client.get(reverse("requests_app:new")).status_code == 200

"""Reconsideration and litigation cases in the admin (issue 4 item 10): scoped through their
request's agency, with the kinds and results of the annual report's table 四."""

import datetime
import json

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from requests_app.models import ReviewCase, ReviewKind, ReviewResult
from tests.requests_app.factories import InformationRequestFactory, handler

CHINA = datetime.timezone(datetime.timedelta(hours=8))
CHANGELIST = reverse("admin:requests_app_reviewcase_changelist")
ADD = reverse("admin:requests_app_reviewcase_add")


@pytest.fixture(autouse=True)
def monday():
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, tzinfo=CHINA), tick=False):
        yield


@pytest.fixture
def client(city):
    client = Client(headers={"accept-language": "en"})
    client.force_login(handler(city))
    return client


def case_of(agency, **kwargs):
    return ReviewCase.objects.create(
        request=InformationRequestFactory(agency=agency),
        kind=kwargs.pop("kind", ReviewKind.RECONSIDERATION),
        filed_on=datetime.date(2026, 2, 2),
        **kwargs,
    )


def test_officer_lists_only_the_cases_of_their_agencys_requests(client, city, other_city):
    own = case_of(city)
    case_of(other_city)
    response = client.get(CHANGELIST)
    assert list(response.context["cl"].result_list) == [own]


def test_another_agencys_case_by_url_is_not_found(client, other_city):
    foreign = case_of(other_city, case_number="外市复〔2026〕9号")
    url = reverse("admin:requests_app_reviewcase_change", args=[foreign.pk])
    response = client.get(url, follow=True)
    assert "doesn’t exist" in response.text
    assert "外市复〔2026〕9号" not in response.text


def test_new_case_can_only_name_a_request_of_the_officers_agency(client, city, other_city):
    own = InformationRequestFactory(agency=city)
    foreign = InformationRequestFactory(agency=other_city)
    data = {
        "request": foreign.pk,
        "kind": ReviewKind.LITIGATION_DIRECT,
        "filed_on": "2026-02-20",
        "body": "沈阳市和平区人民法院",
        "case_number": "",
        "result": ReviewResult.PENDING,
        "decided_on": "",
        "note": "",
    }
    refused = client.post(ADD, data)
    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["request"]
    assert client.post(ADD, {**data, "request": own.pk}).status_code == 302
    assert ReviewCase.objects.get().request == own


def test_autocomplete_offers_only_the_officers_requests(client, city, other_city):
    own = InformationRequestFactory(agency=city)
    InformationRequestFactory(agency=other_city)
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "requests_app", "model_name": "reviewcase", "field_name": "request"},
    )
    results = json.loads(response.content)["results"]
    assert [r["id"] for r in results] == [str(own.pk)]


def test_a_concluded_case_needs_its_decision_date(client, city):
    own = InformationRequestFactory(agency=city)
    response = client.post(
        ADD,
        {
            "request": own.pk,
            "kind": ReviewKind.RECONSIDERATION,
            "filed_on": "2026-02-20",
            "body": "沈阳市人民政府",
            "case_number": "",
            "result": ReviewResult.UPHELD,
            "decided_on": "",
            "note": "",
        },
    )
    assert response.status_code == 200
    assert "A concluded case needs its decision date" in response.text
    assert not ReviewCase.objects.exists()


def test_filters_offer_the_kinds_and_results_of_table_four(client, city):
    case_of(city, kind=ReviewKind.LITIGATION_AFTER_RECONSIDERATION)
    html = client.get(CHANGELIST).text
    for label in ("Litigation after reconsideration", "Upheld", "Corrected", "Not yet concluded"):
        assert label in html

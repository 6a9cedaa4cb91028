"""The queue of applications in the admin (issue 4 item 8): scoped by agency, personal data
masked in the list, filters for what is overdue or due soon, a fixed number of queries.

Art. 33 (20 working days), PIPL (masking), DESIGN.md (staff see their agency's records).
"""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import StaffRole
from requests_app.models import Channel, InformationRequest, RequestStatus
from requests_app.staff_views import due_soon_last_day
from tests import factories
from tests.requests_app.factories import (
    InformationRequestFactory,
    OrganisationRequestFactory,
    handler,
    received_request,
)

CHANGELIST = reverse("admin:requests_app_informationrequest_changelist")
CHINA = datetime.timezone(datetime.timedelta(hours=8))
D = datetime.date


def change_url(obj):
    return reverse("admin:requests_app_informationrequest_change", args=[obj.pk])


def at(day, hour=10):
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=CHINA)


@pytest.fixture
def login():
    def _login(user):
        client = Client(headers={"accept-language": "en"})
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def superuser(db):
    return factories.UserFactory(is_staff=True, is_superuser=True)


def listed(response):
    return list(response.context["cl"].result_list)


# Scoping ------------------------------------------------------------------------------------


@time_machine.travel(at(D(2026, 3, 2)), tick=False)
def test_city_officer_lists_only_their_citys_requests(login, city, other_city):
    own = InformationRequestFactory(agency=city)
    InformationRequestFactory(agency=other_city)
    response = login(handler(city)).get(CHANGELIST)
    assert response.status_code == 200
    assert listed(response) == [own]


@time_machine.travel(at(D(2026, 3, 2)), tick=False)
def test_another_citys_request_by_url_is_not_found(login, city, other_city):
    foreign = InformationRequestFactory(agency=other_city, description="外市申请的具体内容描述")
    response = login(handler(city)).get(change_url(foreign), follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:index")
    assert "doesn’t exist" in response.text
    assert "外市申请的具体内容描述" not in response.text
    assert foreign.applicant_name not in response.text


@time_machine.travel(at(D(2026, 3, 2)), tick=False)
def test_agency_admin_handles_requests_too(login, make_staff, city):
    own = InformationRequestFactory(agency=city)
    response = login(make_staff(city, StaffRole.AGENCY_ADMIN)).get(CHANGELIST)
    assert listed(response) == [own]


@time_machine.travel(at(D(2026, 3, 2)), tick=False)
def test_editor_without_the_officer_role_sees_no_requests(login, editor, city):
    request = InformationRequestFactory(agency=city)
    client = login(editor)
    assert client.get(CHANGELIST).status_code == 403
    assert client.get(change_url(request)).status_code in (302, 403)
    index = client.get(reverse("admin:index"))
    assert CHANGELIST not in index.text


@time_machine.travel(at(D(2026, 3, 2)), tick=False)
def test_superuser_sees_every_agencys_requests(login, superuser, city, other_city):
    requests = {InformationRequestFactory(agency=a).pk for a in (city, other_city)}
    assert {r.pk for r in listed(login(superuser).get(CHANGELIST))} == requests


def test_nobody_but_a_superuser_may_delete_or_use_the_add_form(login, superuser, city):
    with time_machine.travel(at(D(2026, 3, 2)), tick=False):
        request = InformationRequestFactory(agency=city)
    officer = login(handler(city, role=StaffRole.AGENCY_ADMIN))
    delete = reverse("admin:requests_app_informationrequest_delete", args=[request.pk])
    assert officer.get(delete).status_code == 403
    assert officer.get(reverse("admin:requests_app_informationrequest_add")).status_code == 403
    assert login(superuser).get(delete).status_code == 200


# Masking ------------------------------------------------------------------------------------


@time_machine.travel(at(D(2026, 3, 2)), tick=False)
def test_changelist_masks_the_applicants_name_and_shows_no_id_or_phone(login, city):
    request = InformationRequestFactory(
        agency=city, applicant_name="欧阳明华", phone="13912345678", email="ouyang@example.com"
    )
    html = login(handler(city)).get(CHANGELIST).text
    assert "欧***" in html
    assert "欧阳明华" not in html
    assert request.id_number not in html
    assert request.id_number[-4:] + "<" not in html
    assert "13912345678" not in html
    assert "ouyang@example.com" not in html
    assert request.address not in html


@time_machine.travel(at(D(2026, 3, 2)), tick=False)
def test_search_does_not_find_requests_by_the_applicants_name(login, city):
    InformationRequestFactory(agency=city, applicant_name="欧阳明华")
    response = login(handler(city)).get(CHANGELIST, {"q": "欧阳明华"})
    assert listed(response) == []


@time_machine.travel(at(D(2026, 3, 2)), tick=False)
def test_search_finds_a_request_by_tracking_number_or_description(login, city):
    request = InformationRequestFactory(agency=city, description="关于电梯维保单位名单的信息")
    InformationRequestFactory(agency=city)
    client = login(handler(city))
    assert listed(client.get(CHANGELIST, {"q": request.tracking_number})) == [request]
    assert listed(client.get(CHANGELIST, {"q": "电梯维保"})) == [request]


@time_machine.travel(at(D(2026, 3, 2)), tick=False)
def test_handler_sees_the_full_applicant_data_on_the_requests_own_page(login, city):
    request = InformationRequestFactory(
        agency=city, applicant_name="欧阳明华", phone="13912345678", email="ouyang@example.com"
    )
    html = login(handler(city)).get(change_url(request)).text
    for value in ("欧阳明华", request.id_number, "13912345678", "ouyang@example.com"):
        assert value in html
    assert request.address in html


@time_machine.travel(at(D(2026, 3, 2)), tick=False)
def test_an_organisations_page_shows_its_code_and_representatives(login, city):
    request = OrganisationRequestFactory(agency=city)
    html = login(handler(city)).get(change_url(request)).text
    assert request.organisation_code in html
    assert "赵建国" in html
    assert "钱晓东" in html


# Filters and the due column -------------------------------------------------------------------


@pytest.fixture
def queue(city):
    """Three received requests with different due dates, and one awaiting confirmation."""
    officer = handler(city)
    with time_machine.travel(at(D(2026, 1, 5)), tick=False):
        early = received_request(on=D(2026, 1, 5), user=officer, agency=city)
    with time_machine.travel(at(D(2026, 3, 2)), tick=False):
        middle = received_request(on=D(2026, 3, 2), user=officer, agency=city)
    with time_machine.travel(at(D(2026, 3, 20)), tick=False):
        late = received_request(on=D(2026, 3, 20), user=officer, agency=city)
        waiting = InformationRequestFactory(agency=city)
    return officer, early, middle, late, waiting


def test_filter_overdue_lists_open_requests_past_their_due_date(login, queue):
    officer, early, middle, late, waiting = queue
    today = middle.due_on + datetime.timedelta(days=1)
    with time_machine.travel(at(today), tick=False):
        response = login(officer).get(CHANGELIST, {"deadline": "overdue"})
    assert early.due_on < today
    assert set(listed(response)) == {early, middle}


def test_filter_due_within_three_working_days(login, queue):
    officer, early, middle, late, waiting = queue
    today = middle.due_on - datetime.timedelta(days=1)
    with time_machine.travel(at(today), tick=False):
        assert middle.due_on <= due_soon_last_day(today) < late.due_on
        response = login(officer).get(CHANGELIST, {"deadline": "soon"})
    assert listed(response) == [middle]


def test_filter_awaiting_confirmation(login, queue):
    officer, early, middle, late, waiting = queue
    with time_machine.travel(at(D(2026, 3, 20)), tick=False):
        response = login(officer).get(CHANGELIST, {"deadline": "unconfirmed"})
    assert listed(response) == [waiting]


def test_due_column_says_in_words_how_late_a_request_is(login, queue):
    officer, early, middle, late, waiting = queue
    # The 3rd working day after middle's due date (no holiday in March or April 2026
    # until Qingming on 5 April).
    with time_machine.travel(at(middle.due_on), tick=False):
        today = middle.due_on
    late_by_three = today + datetime.timedelta(days=3 if today.weekday() < 2 else 5)
    with time_machine.travel(at(late_by_three), tick=False):
        html = login(officer).get(CHANGELIST).text
    assert "overdue by 3 working days" in html
    assert "awaiting confirmation of receipt" in html


def test_due_column_counts_working_days_left(login, queue):
    officer, early, middle, late, waiting = queue
    today = late.due_on - datetime.timedelta(days=7)  # a week before: 5 working days left
    with time_machine.travel(at(today), tick=False):
        html = login(officer).get(CHANGELIST).text
    assert "5 working days left" in html


def test_queue_is_ordered_most_urgent_first(login, queue, city):
    officer, early, middle, late, waiting = queue
    with time_machine.travel(at(D(2026, 3, 20)), tick=False):
        closed = received_request(on=D(2026, 3, 20), user=officer, agency=city)
        InformationRequest.objects.filter(pk=closed.pk).update(
            status=RequestStatus.CLOSED, outcome="granted", answer="granted"
        )
        response = login(officer).get(CHANGELIST)
    assert listed(response) == [waiting, early, middle, late, closed]


def test_filters_by_channel_kind_year_and_agency(login, make_staff, agency, city, other_city):
    boss = make_staff(agency, StaffRole.AGENCY_ADMIN, covers_subordinates=True)
    with time_machine.travel(at(D(2025, 12, 1)), tick=False):
        old = InformationRequestFactory(agency=city)
    with time_machine.travel(at(D(2026, 3, 2)), tick=False):
        fax = InformationRequestFactory(agency=other_city, channel=Channel.FAX)
        firm = OrganisationRequestFactory(agency=city)
        client = login(boss)
        assert listed(client.get(CHANGELIST, {"year": "2025"})) == [old]
        assert listed(client.get(CHANGELIST, {"channel__exact": "fax"})) == [fax]
        assert listed(client.get(CHANGELIST, {"applicant_kind__exact": "commercial"})) == [firm]
        by_agency = client.get(CHANGELIST, {"agency__id__exact": other_city.pk})
        assert listed(by_agency) == [fax]


def test_changelist_queries_do_not_grow_with_the_rows(
    login, city, django_assert_max_num_queries, django_assert_num_queries
):
    officer = handler(city)
    client = login(officer)
    with time_machine.travel(at(D(2026, 3, 2)), tick=False):
        received_request(on=D(2026, 3, 2), user=officer, agency=city)
        InformationRequestFactory(agency=city)
        with CaptureQueriesContext(connection) as two_rows:
            client.get(CHANGELIST)
        for _n in range(12):
            received_request(on=D(2026, 3, 2), user=officer, agency=city)
            InformationRequestFactory(agency=city)
        with django_assert_num_queries(len(two_rows)):
            response = client.get(CHANGELIST)
        with django_assert_max_num_queries(16):
            client.get(CHANGELIST, {"deadline": "soon"})
    assert len(listed(response)) == 26

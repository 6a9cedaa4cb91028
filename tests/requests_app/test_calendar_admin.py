"""The calendar admin: every staff member reads it; superusers and provincial administrators
change it (one national calendar for the whole bureau system)."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from catalog.models import StaffRole
from requests_app.admin import may_change_calendar, may_view_calendar
from requests_app.models import CalendarDay, CalendarDayKind
from tests import factories

CHANGELIST = reverse("admin:requests_app_calendarday_changelist")
ADD = reverse("admin:requests_app_calendarday_add")
D = datetime.date


def change_url(day):
    return reverse("admin:requests_app_calendarday_change", args=[day.pk])


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


@pytest.fixture
def days(db):
    return [
        CalendarDay.objects.create(
            date=D(2027, 2, 8), kind=CalendarDayKind.HOLIDAY, name="春节", notice="国办发明电X"
        ),
        CalendarDay.objects.create(
            date=D(2027, 2, 20), kind=CalendarDayKind.WORKDAY, name="春节", notice="国办发明电X"
        ),
        CalendarDay.objects.create(
            date=D(2026, 10, 9), kind=CalendarDayKind.HOLIDAY, name="本地调整", notice=""
        ),
    ]


def form_data(**overrides):
    data = {
        "date": "2027-10-04",
        "kind": CalendarDayKind.HOLIDAY,
        "name": "国庆节",
        "notice": "国办发明电〔2026〕X号",
        "note": "",
    }
    data.update(overrides)
    return data


def test_superuser_lists_calendar_days_and_filters_by_year_kind_and_search(
    login, superuser, days, django_assert_max_num_queries
):
    client = login(superuser)
    with django_assert_max_num_queries(10):
        response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert set(response.context["cl"].result_list) == set(days)
    by_year = client.get(CHANGELIST, {"year": "2027"}).context["cl"].result_list
    assert {day.date.year for day in by_year} == {2027}
    workdays = client.get(CHANGELIST, {"kind__exact": "workday"}).context["cl"].result_list
    assert list(workdays) == [days[1]]
    found = client.get(CHANGELIST, {"q": "本地"}).context["cl"].result_list
    assert list(found) == [days[2]]


def test_provincial_agency_admin_adds_a_day_and_is_recorded_as_its_author(
    login, make_staff, agency
):
    admin_user = make_staff(agency, StaffRole.AGENCY_ADMIN)
    response = login(admin_user).post(ADD, form_data())
    assert response.status_code == 302
    day = CalendarDay.objects.get(date=D(2027, 10, 4))
    assert day.created_by == day.updated_by == admin_user
    assert day.kind == CalendarDayKind.HOLIDAY


def test_provincial_agency_admin_changes_and_deletes_days(login, make_staff, agency, days):
    client = login(make_staff(agency, StaffRole.AGENCY_ADMIN))
    response = client.post(change_url(days[0]), form_data(date="2027-02-08", name="春节（更正）"))
    assert response.status_code == 302
    days[0].refresh_from_db()
    assert days[0].name == "春节（更正）"
    delete = reverse("admin:requests_app_calendarday_delete", args=[days[2].pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not CalendarDay.objects.filter(pk=days[2].pk).exists()


@pytest.mark.parametrize(
    ("level", "role"),
    [
        ("city", StaffRole.AGENCY_ADMIN),
        ("province", StaffRole.EDITOR),
        ("province", StaffRole.REQUEST_OFFICER),
    ],
)
def test_other_staff_read_the_calendar_but_cannot_change_it(
    login, make_staff, agency, city, days, level, role
):
    client = login(make_staff(agency if level == "province" else city, role))
    assert client.get(CHANGELIST).status_code == 200
    assert client.get(change_url(days[0])).status_code == 200  # the read-only view
    assert client.get(ADD).status_code == 403
    assert client.post(change_url(days[0]), form_data(date="2027-02-08")).status_code == 403
    days[0].refresh_from_db()
    assert days[0].name == "春节"
    assert not CalendarDay.objects.filter(date=D(2027, 10, 4)).exists()


def test_city_admin_covering_subordinates_still_cannot_change_the_calendar(login, city, days):
    user = factories.MembershipFactory(
        agency=city, role=StaffRole.AGENCY_ADMIN, covers_subordinates=True
    ).user
    assert login(user).post(ADD, form_data()).status_code == 403


def test_staff_without_a_membership_do_not_see_the_calendar(login, db):
    client = login(factories.UserFactory(is_staff=True))
    assert client.get(CHANGELIST).status_code == 403
    assert "requests_app" not in {
        app["app_label"] for app in client.get(reverse("admin:index")).context["app_list"]
    }


def test_a_day_that_changes_nothing_is_saved_with_a_warning(login, superuser):
    client = login(superuser)
    response = client.post(ADD, form_data(date="2027-10-02"), follow=True)  # a Saturday
    assert CalendarDay.objects.filter(date=D(2027, 10, 2)).exists()
    messages = [(m.level_tag, str(m)) for m in response.context["messages"]]
    assert (
        "warning",
        "This day is a day off even without this entry; the entry only names it.",
    ) in messages


def test_a_day_that_changes_the_calendar_is_saved_without_a_warning(login, superuser):
    response = login(superuser).post(ADD, form_data(date="2027-10-04"), follow=True)  # a Monday
    assert CalendarDay.objects.filter(date=D(2027, 10, 4)).exists()
    assert not [m for m in response.context["messages"] if m.level_tag == "warning"]


def test_a_second_entry_for_the_same_date_is_refused_next_to_the_date(login, superuser, days):
    response = login(superuser).post(ADD, form_data(date="2027-02-08", name="另一个"))
    assert response.status_code == 200
    assert "date" in response.context["adminform"].form.errors
    assert CalendarDay.objects.filter(date=D(2027, 2, 8)).count() == 1


def test_an_editors_calendar_rights_cost_no_query_once_permissions_are_loaded(
    make_staff, agency, django_assert_num_queries
):
    user = make_staff(agency, StaffRole.EDITOR)
    user.get_all_permissions()  # the admin loads these on every page anyway
    with django_assert_num_queries(0):
        assert may_view_calendar(user)
        assert not may_change_calendar(user)

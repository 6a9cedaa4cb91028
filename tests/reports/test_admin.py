"""The annual report in the admin: scoped to the user's agencies, opened with the
button over the list, edited and published by the agency's administrators."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from catalog.models import ReviewStatus, StaffRole
from reports.models import AnnualReport, ReportStatus
from requests_app.models import ApplicantKind
from tests.factories import MembershipFactory
from tests.reports.factories import AnnualReportFactory, day, request_of

CHINA = zoneinfo.ZoneInfo("Asia/Shanghai")
CHANGELIST = reverse("admin:reports_annualreport_changelist")
OPEN = reverse("admin:reports_annualreport_open")


def change_url(report):
    return reverse("admin:reports_annualreport_change", args=[report.pk])


@pytest.fixture(autouse=True)
def in_january_2026():
    with time_machine.travel(datetime.datetime(2026, 1, 20, 10, tzinfo=CHINA), tick=False):
        yield


@pytest.fixture
def office(city, make_staff):
    """The city bureau's administrator, who also reviews."""
    user = make_staff(city, StaffRole.AGENCY_ADMIN)
    MembershipFactory(user=user, agency=city, role=StaffRole.REVIEWER)
    return user


def client_for(user):
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


@pytest.fixture
def report(city):
    request_of(city, ApplicantKind.NATURAL_PERSON, day("2025-03-01"), day("2025-03-20"), "granted")
    return AnnualReportFactory(agency=city, year=2025)


def form_data(report, **changes):
    data = {
        "overview": report.overview,
        "problems": report.problems,
        "other_matters": report.other_matters,
        "fee_revenue": "" if report.fee_revenue is None else str(report.fee_revenue),
    }
    data.update(changes)
    return data


def test_list_shows_only_the_reports_of_the_users_agencies(report, office, other_city):
    foreign = AnnualReportFactory(agency=other_city, year=2025)
    response = client_for(office).get(CHANGELIST)
    assert list(response.context["cl"].result_list) == [report]

    response = client_for(office).get(change_url(foreign), follow=True)
    assert "doesn’t exist" in response.text
    assert foreign.agency.name not in response.text


def test_editors_read_the_report_but_cannot_change_or_publish_it(report, city, make_staff):
    response = client_for(make_staff(city, StaffRole.EDITOR)).get(change_url(report))
    assert response.status_code == 200
    assert 'name="_publish"' not in response.text
    assert not response.context["has_change_permission"]


def test_change_page_shows_the_computed_tables_and_the_rule(report, office):
    response = client_for(office).get(change_url(report))
    assert response.status_code == 200
    text = response.text
    assert "本年新收政府信息公开申请数量" in text
    assert "第二十条第（一）项" in text
    assert "行政复议" in text
    assert "Row 一 + row 二 = row 三（七） + row 四 holds in every column." in text
    assert 'name="_publish"' in text


def test_change_page_names_the_column_that_breaks_the_rule(report, office):
    request_of(report.agency, ApplicantKind.OTHER, day("2026-01-05"), day("2025-12-20"), "granted")
    text = client_for(office).get(change_url(report)).text
    assert "does not hold" in text
    assert (
        "Column “其他”: rows 一 and 二 add up to 0, but rows 三（七） and 四 add up to 1." in text
    )


def test_entering_the_fee_figure_records_who_and_when(report, office):
    response = client_for(office).post(change_url(report), form_data(report, fee_revenue="3.5"))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.fee_revenue == Decimal("3.5")
    assert report.fee_revenue_entered_by == office
    assert report.fee_revenue_entered_at == datetime.datetime(2026, 1, 20, 10, tzinfo=CHINA)


def test_saving_other_fields_leaves_the_fee_record_alone(report, office):
    client_for(office).post(change_url(report), form_data(report, overview="新的总体情况。"))
    report.refresh_from_db()
    assert report.overview == "新的总体情况。"
    assert report.fee_revenue_entered_by is None


def test_negative_fee_figure_is_refused_next_to_its_field(report, office):
    response = client_for(office).post(
        change_url(report), form_data(report, fee_revenue="-1", overview="保留的文字。")
    )
    assert response.status_code == 200
    assert "fee_revenue" in response.context["adminform"].form.errors
    assert "保留的文字。" in response.text
    report.refresh_from_db()
    assert report.fee_revenue is None


def test_publish_button_saves_and_publishes(report, office):
    response = client_for(office).post(
        change_url(report),
        form_data(report, overview="2025年总体情况。", _publish="1"),
        follow=True,
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    assert report.overview == "2025年总体情况。"
    assert report.catalog_entry.status == ReviewStatus.PUBLISHED
    assert "2025年总体情况。" in report.catalog_entry.body
    assert "was published, with its catalogue entry" in response.text


def test_publish_refusal_is_shown_and_the_text_is_kept(report, office):
    request_of(report.agency, ApplicantKind.OTHER, day("2026-01-05"), day("2025-12-20"), "granted")
    response = client_for(office).post(
        change_url(report), form_data(report, problems="新写的问题。", _publish="1"), follow=True
    )
    assert "was not published: Table 三 does not add up" in response.text
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert report.problems == "新写的问题。"


def test_publish_action_on_the_list(report, office):
    response = client_for(office).post(
        CHANGELIST,
        {"action": "publish_selected", "_selected_action": [report.pk]},
        follow=True,
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    assert "was published" in response.text


def test_this_years_report_has_no_publish_button_yet(city, office):
    current = AnnualReportFactory(agency=city, year=2026)
    text = client_for(office).get(change_url(current)).text
    assert 'name="_publish"' not in text
    assert "The report can be published from 1 January 2027." in text


def test_open_button_starts_last_years_report_and_opens_it(city, office):
    response = client_for(office).get(CHANGELIST)
    assert "Open or start the 2025 annual report" in response.text

    response = client_for(office).post(OPEN, {"agency": city.pk, "year": 2025})
    report = AnnualReport.objects.get(agency=city, year=2025)
    assert response.status_code == 302
    assert response["Location"] == change_url(report)
    client_for(office).post(OPEN, {"agency": city.pk, "year": 2025})
    assert AnnualReport.objects.count() == 1


def test_open_button_cannot_start_another_agencys_report(office, other_city):
    response = client_for(office).post(OPEN, {"agency": other_city.pk, "year": 2025}, follow=True)
    assert not AnnualReport.objects.exists()
    assert "Select a valid choice" in response.text


def test_list_says_whether_the_report_came_by_31_january(report, office, city):
    late = AnnualReportFactory(agency=city, year=2024)
    response = client_for(office).get(CHANGELIST + "?on_time=no")
    assert set(response.context["cl"].result_list) == {report, late}
    response = client_for(office).get(CHANGELIST + "?on_time=yes")
    assert list(response.context["cl"].result_list) == []

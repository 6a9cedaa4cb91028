"""Opening and publishing the annual report (Arts. 49-50): the checks before
publication, the snapshot, and the report's catalogue entry (topic 年度报告)."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import translation

from catalog.models import (
    CatalogEntry,
    Genre,
    ReviewAction,
    ReviewEvent,
    ReviewStatus,
    StaffRole,
    Topic,
    Validity,
)
from reports import publishing, tables
from reports.models import AnnualReport, ReportStatus
from requests_app.models import ApplicantKind
from requests_app.outcomes import Outcome
from tests.factories import MembershipFactory
from tests.reports.factories import AnnualReportFactory, day, request_of

CHINA = zoneinfo.ZoneInfo("Asia/Shanghai")
JANUARY_20 = datetime.datetime(2026, 1, 20, 10, tzinfo=CHINA)


@pytest.fixture(autouse=True)
def in_january_2026():
    with time_machine.travel(JANUARY_20, tick=False):
        yield


@pytest.fixture
def office(city, make_staff):
    """The city bureau's disclosure office: an administrator who also reviews."""
    user = make_staff(city, StaffRole.AGENCY_ADMIN)
    MembershipFactory(user=user, agency=city, role=StaffRole.REVIEWER)
    return user


@pytest.fixture
def report(city):
    request_of(city, ApplicantKind.NATURAL_PERSON, day("2025-03-01"), day("2025-03-20"), "granted")
    request_of(city, ApplicantKind.COMMERCIAL, day("2025-12-29"))
    return AnnualReportFactory(agency=city, year=2025, fee_revenue=Decimal("1.2345"))


def test_publishing_freezes_the_tables_and_publishes_the_catalogue_entry(report, office):
    result = publishing.publish(report, office)

    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    assert report.published_at == JANUARY_20
    assert report.published_by == office
    assert (
        report.published_tables
        == tables.compute([report.agency_id], 2025, Decimal("1.2345")).to_json()
    )
    entry = report.catalog_entry
    assert result.entry == entry and result.entry_published
    assert entry.status == ReviewStatus.PUBLISHED
    assert entry.title == f"{report.agency.name}2025年政府信息公开工作年度报告"
    assert entry.genre == Genre.REPORT
    assert entry.topic.name == "年度报告"
    assert entry.agency == report.agency
    assert entry.index_number.endswith("/2026-00001")
    assert entry.reviewed_by == office and entry.confidentiality_opinion
    assert "扎实推进政务公开" in entry.body
    assert "本年新收政府信息公开申请数量" in entry.body
    actions = list(ReviewEvent.objects.filter(object_id=entry.pk).values_list("action", flat=True))
    assert actions == [ReviewAction.CREATED, ReviewAction.SUBMITTED, ReviewAction.PUBLISHED]


def test_published_report_shows_its_snapshot_not_later_changes(report, office):
    publishing.publish(report, office)
    request_of(report.agency, ApplicantKind.OTHER, day("2025-06-06"))  # entered late
    report.refresh_from_db()
    assert report.tables().table3.cell("received", 6) == 2
    assert report.live_tables().table3.cell("received", 6) == 3


def test_the_topic_of_annual_reports_is_reused(report, office, city):
    existing = Topic.objects.create(slug="openness-annual-reports", name="年度报告")
    publishing.publish(report, office)
    report.refresh_from_db()
    assert report.catalog_entry.topic == existing
    assert Topic.objects.filter(name="年度报告").count() == 1


def test_publishing_again_with_changes_replaces_the_entry_and_marks_the_old_one_amended(
    report, office
):
    publishing.publish(report, office)
    report.refresh_from_db()
    first = report.catalog_entry
    report.problems = "更正：政策解读形式还不够丰富，将增加图解。"
    report.save()

    with time_machine.travel(datetime.datetime(2026, 2, 3, 9, tzinfo=CHINA), tick=False):
        result = publishing.publish(report, office)

    report.refresh_from_db()
    first.refresh_from_db()
    second = report.catalog_entry
    assert second != first and result.replaces == first
    assert second.status == ReviewStatus.PUBLISHED
    assert "将增加图解" in second.body
    assert first.status == ReviewStatus.PUBLISHED  # stays visible (47号)
    assert first.validity == Validity.AMENDED
    assert first.validity_changed_on == datetime.date(2026, 2, 3)
    assert first.replaced_by == second
    assert report.published_at == JANUARY_20  # the first publication counts for the deadline


def test_publishing_again_without_changes_changes_nothing(report, office):
    publishing.publish(report, office)
    report.refresh_from_db()
    entry = report.catalog_entry
    result = publishing.publish(report, office)
    assert result.entry == entry and result.replaces is None
    assert CatalogEntry.objects.filter(genre=Genre.REPORT).count() == 1


def test_an_administrator_who_does_not_review_leaves_the_entry_in_review(report, city, make_staff):
    administrator = make_staff(city, StaffRole.AGENCY_ADMIN)
    result = publishing.publish(report, administrator)
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    assert report.catalog_entry.status == ReviewStatus.IN_REVIEW
    assert not result.entry_published
    with translation.override("en"):
        assert "waits for a confidentiality reviewer" in result.message

    # Published again (the reviewer has not acted yet): the same entry is updated.
    report.overview = "修改后的总体情况。"
    report.save()
    again = publishing.publish(report, administrator)
    assert again.entry == report.catalog_entry
    assert "修改后的总体情况" in CatalogEntry.objects.get(pk=again.entry.pk).body


def test_publishing_is_refused_while_the_year_has_not_ended(city, office):
    report = AnnualReportFactory(agency=city, year=2026)
    with translation.override("en"), pytest.raises(publishing.PublishError) as refused:
        publishing.publish(report, office)
    assert str(refused.value) == (
        "The year 2026 has not ended: its report can be published from 1 January 2027."
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and report.catalog_entry is None


def test_publishing_on_new_years_eve_is_refused_and_on_new_years_day_allowed(report, office):
    eve = datetime.datetime(2025, 12, 31, 23, 59, tzinfo=CHINA)
    with pytest.raises(publishing.PublishError):
        publishing.publish(report, office, when=eve)
    publishing.publish(report, office, when=eve + datetime.timedelta(minutes=1))
    assert report.status == ReportStatus.PUBLISHED


def test_publishing_is_refused_when_table_3_does_not_add_up_and_names_the_column(report, office):
    # Closed in 2025 before it was received in 2026.
    request_of(
        report.agency, ApplicantKind.RESEARCH, day("2026-01-05"), day("2025-12-20"),
        Outcome.GRANTED,
    )  # fmt: skip
    with translation.override("en"), pytest.raises(publishing.PublishError) as refused:
        publishing.publish(report, office)
    message = str(refused.value)
    assert message.startswith("Table 三 does not add up, so the report cannot be published:")
    broken = "Column “科研机构”: rows 一 and 二 add up to 0, but rows 三（七） and 四 add up to 1."
    assert broken in message
    assert "Column “总计”" in message
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert report.published_tables is None
    assert not CatalogEntry.objects.filter(genre=Genre.REPORT).exists()


def test_only_the_agencys_administrators_publish(report, city, other_city, make_staff):
    for user in (
        make_staff(city, StaffRole.EDITOR),
        make_staff(city, StaffRole.REVIEWER),
        make_staff(other_city, StaffRole.AGENCY_ADMIN),
    ):
        with pytest.raises(PermissionDenied):
            publishing.publish(report, user)
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_open_report_starts_a_draft_once(city, office):
    report = publishing.open_report(city, 2025, office)
    assert report.status == ReportStatus.DRAFT
    assert publishing.open_report(city, 2025, office) == report
    assert AnnualReport.objects.count() == 1


def test_open_report_is_refused_to_others_and_for_years_not_begun(city, office, make_staff):
    with pytest.raises(PermissionDenied):
        publishing.open_report(city, 2025, make_staff(city, StaffRole.EDITOR))
    with translation.override("en"), pytest.raises(publishing.PublishError) as refused:
        publishing.open_report(city, 2027, office)
    assert str(refused.value) == "The report of 2027 cannot be opened before the year begins."
    assert not AnnualReport.objects.exists()


@pytest.mark.parametrize(
    ("published", "on_time"),
    [
        (datetime.datetime(2026, 1, 31, 23, 30, tzinfo=CHINA), True),
        (datetime.datetime(2026, 2, 1, 0, 30, tzinfo=CHINA), False),
    ],
)
def test_published_by_31_january_of_the_next_year_is_on_time(report, office, published, on_time):
    publishing.publish(report, office, when=published)
    report.refresh_from_db()
    assert report.published_on_time() is on_time
    assert AnnualReport.objects.published_on_time().filter(pk=report.pk).exists() is on_time


def test_an_unpublished_report_is_late_only_after_31_january(report):
    assert report.published_on_time(today=datetime.date(2026, 1, 31)) is None
    assert report.published_on_time(today=datetime.date(2026, 2, 1)) is False

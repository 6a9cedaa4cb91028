"""The public statistics: headline figures per agency and year, counted as the tables count."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from catalog.models import Scope
from reports import tables
from reports.models import ReportStatus
from reports.statistics import available_years, year_statistics
from requests_app.models import ReviewKind
from requests_app.outcomes import Outcome
from tests import factories
from tests.reports.factories import AnnualReportFactory, case_of, day, request_of

pytestmark = pytest.mark.django_db

CHINA = zoneinfo.ZoneInfo("Asia/Shanghai")
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
URL = reverse("reports:statistics")


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 10, 0, tzinfo=CHINA), tick=False):
        yield


def at(text: str, hour=10, minute=0) -> datetime.datetime:
    d = day(text)
    return datetime.datetime(d.year, d.month, d.day, hour, minute, tzinfo=CHINA)


@pytest.fixture
def year_2025(topic):
    """A province and a city with a hand-built 2025, and records of 2024 and 2026 around it."""
    province = factories.AgencyFactory(name="省局", slug="province")
    city = factories.CityAgencyFactory(parent=province, name="市局", slug="city")

    published = factories.PublishedEntryFactory
    published(agency=province, topic=topic, published_at=at("2025-03-01"))
    published(agency=province, topic=topic, published_at=at("2025-12-31", 23, 30))
    published(agency=province, topic=topic, published_at=at("2024-12-31"))
    published(agency=province, topic=topic, published_at=at("2026-01-01", 0, 30))
    published(agency=province, topic=topic, published_at=at("2025-05-05"), scope=Scope.INTERNAL)
    published(agency=city, topic=topic, published_at=at("2025-07-07"))

    granted = request_of(province, received_on=day("2025-02-03"), closed_on=day("2025-02-20"),
                         outcome=Outcome.GRANTED)  # fmt: skip
    request_of(province, received_on=day("2025-04-01"), closed_on=day("2025-04-20"),
               outcome=Outcome.PARTIAL)  # fmt: skip
    request_of(province, received_on=day("2025-11-03"))  # still open
    request_of(province, received_on=day("2024-12-20"), closed_on=day("2025-01-10"),
               outcome=Outcome.WITHHELD_THIRD_PARTY)  # fmt: skip
    request_of(province, received_on=day("2025-12-30"), closed_on=day("2026-01-09"),
               outcome=Outcome.GRANTED)  # fmt: skip
    request_of(province)  # submitted, never received
    request_of(city, received_on=day("2025-06-02"), closed_on=day("2025-06-20"),
               outcome=Outcome.GRANTED)  # fmt: skip

    case_of(granted, ReviewKind.RECONSIDERATION, day("2025-03-10"))
    case_of(granted, ReviewKind.LITIGATION_DIRECT, day("2025-04-10"))
    case_of(granted, ReviewKind.LITIGATION_AFTER_RECONSIDERATION, day("2025-09-10"))
    case_of(granted, ReviewKind.RECONSIDERATION, day("2026-01-10"))

    AnnualReportFactory(
        agency=province,
        year=2025,
        status=ReportStatus.PUBLISHED,
        published_at=at("2026-01-20"),
        published_tables={},
    )
    AnnualReportFactory(agency=city, year=2025)  # a draft
    return province, city


def figures(row):
    f = row.figures
    return (f.entries, f.received, f.handled, f.granted_or_partial, f.granted_percent,
            f.reconsiderations, f.lawsuits)  # fmt: skip


def test_the_figures_of_a_hand_built_year(year_2025):
    province, city = year_2025
    stats = year_statistics(2025)
    assert [(row.agency, row.depth) for row in stats.rows] == [(province, 0), (city, 1)]
    # entries, received, handled, granted in full or in part, share, reconsiderations, lawsuits
    assert figures(stats.rows[0]) == (2, 4, 3, 2, 66, 1, 2)
    assert figures(stats.rows[1]) == (1, 1, 1, 1, 100, 0, 0)
    total = stats.total
    assert (total.entries, total.received, total.handled, total.granted_percent) == (3, 5, 4, 75)
    assert not stats.is_partial


def test_only_published_annual_reports_are_linked(year_2025):
    stats = year_statistics(2025)
    assert [row.report_url for row in stats.rows] == [
        reverse("reports:detail", kwargs={"slug": "province", "year": 2025}),
        "",
    ]


def test_the_figures_agree_with_the_annual_report_tables(year_2025):
    province, _city = year_2025
    (row, _) = year_statistics(2025).rows
    table3, _check = tables.table3([province.pk], 2025)
    table4 = tables.table4([province.pk], 2025)
    total = len(table3.columns) - 1
    assert row.figures.received == table3.cell("received", total)
    assert row.figures.handled == table3.cell("outcome_total", total)
    assert row.figures.granted == table3.cell(tables.outcome_row_key(Outcome.GRANTED), total)
    assert row.figures.partial == table3.cell(tables.outcome_row_key(Outcome.PARTIAL), total)
    assert row.figures.reconsiderations == table4.cell(tables.REVIEW_ROW_KEY, 4)
    assert row.figures.lawsuits == table4.cell(tables.REVIEW_ROW_KEY, 9) + table4.cell(
        tables.REVIEW_ROW_KEY, 14
    )


def test_the_current_year_is_partial(year_2025):
    stats = year_statistics(2026)
    assert stats.is_partial
    assert figures(stats.rows[0])[:3] == (1, 0, 1)
    assert stats.rows[0].report_url == ""


def test_a_year_with_nothing_handled_has_no_share(agency):
    (row,) = year_statistics(2025).rows
    assert row.figures.handled == 0
    assert row.figures.granted_percent is None


def test_the_years_run_from_the_first_record_to_this_year(year_2025):
    assert available_years(day("2026-06-15")) == [2026, 2025, 2024]


def test_the_years_are_this_year_alone_without_records(db):
    assert available_years(day("2026-06-15")) == [2026]


def test_the_statistics_take_five_queries_whatever_the_number_of_agencies(
    year_2025, django_assert_num_queries
):
    for _ in range(5):
        factories.CityAgencyFactory(parent=year_2025[0])
    with django_assert_num_queries(5):
        stats = year_statistics(2025)
    assert len(stats.rows) == 7


# The page ---------------------------------------------------------------------------


def test_the_page_shows_the_year_chosen_with_totals_and_report_links(client, year_2025):
    response = client.get(URL, {"year": "2025"}, **EN)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="page-title">Disclosure statistics 2025</h1>' in html
    province_row = re.search(r'<tr class="statistics-depth-0">(.*?)</tr>', html, re.S).group(1)
    numbers = re.findall(r'<td class="statistics-number"[^>]*>(\d+)', province_row)
    assert numbers == ["2", "4", "3", "2", "1", "2"]
    assert '<span class="statistics-share">66%</span>' in province_row
    assert 'href="/reports/province/2025/"' in province_row
    total_row = re.search(r'<tr class="statistics-total">(.*?)</tr>', html, re.S).group(1)
    assert re.findall(r'<td class="statistics-number"[^>]*>(\d+)', total_row) == [
        "3", "5", "4", "3", "1", "2",
    ]  # fmt: skip
    assert '<option value="2025" selected>2025</option>' in html


def test_the_page_defaults_to_this_year_and_says_it_is_not_over(client, year_2025):
    response = client.get(URL, **EN)
    assert response.context["stats"].year == 2026
    assert "The year is not over: the figures run to 2026-06-15." in response.content.decode()


def test_a_year_outside_the_list_is_refused_next_to_the_field(client, year_2025):
    with translation.override("en"):
        response = client.get(URL, {"year": "1999"}, **EN)
    assert response.status_code == 200
    html = response.content.decode()
    error = re.search(r'<ul class="field-errors" id="id_year_error">(.*?)</ul>', html, re.S)
    assert "1999 is not one of the available choices" in error.group(1)
    assert response.context["stats"].year == 2026


def test_the_page_has_no_style_attribute(client, year_2025):
    html = client.get(URL, {"year": "2025"}, **EN).content.decode()
    assert not re.search(r"\sstyle\s*=", html)


def test_the_page_takes_a_fixed_number_of_queries(client, year_2025, django_assert_max_num_queries):
    for _ in range(6):
        factories.CityAgencyFactory(parent=year_2025[0])
    with django_assert_max_num_queries(9):
        response = client.get(URL, {"year": "2025"}, **EN)
    assert len(response.context["stats"].rows) == 8


def test_reports_of_a_year_are_not_due_before_31_january_of_the_next(client, year_2025):
    assert year_statistics(2025).reports_due
    assert not year_statistics(2026).reports_due
    html = client.get(URL, {"year": "2026"}, **EN).content.decode()
    assert html.count("Not yet due") == 2

"""A citizen reads the annual reports in a real browser (issue 5): the index through
the main navigation, a published report with its tables in the national format,
and the combined figures of the province; axe on every page."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.utils import timezone

from catalog.models import StaffRole
from reports import publishing
from requests_app.models import ApplicantKind
from requests_app.outcomes import Outcome
from tests import factories
from tests.browser.conftest import assert_accessible
from tests.reports.factories import AnnualReportFactory, request_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHINA = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture
def report():
    """Shenyang's report for last year, published on time with its figures."""
    year = timezone.localdate().year - 1
    province = factories.AgencyFactory(name="辽宁省市场监督管理局", slug="liaoning")
    shenyang = factories.CityAgencyFactory(
        parent=province, name="沈阳市市场监督管理局", short_name="沈阳市局", slug="shenyang"
    )
    for kind, received, outcome in (
        (ApplicantKind.NATURAL_PERSON, datetime.date(year, 3, 3), Outcome.GRANTED),
        (ApplicantKind.NATURAL_PERSON, datetime.date(year, 4, 8), Outcome.PARTIAL),
        (ApplicantKind.COMMERCIAL, datetime.date(year, 5, 6), Outcome.UNAVAILABLE_NOT_HELD),
    ):
        request_of(shenyang, kind, received, received + datetime.timedelta(days=15), outcome)
    request_of(shenyang, ApplicantKind.RESEARCH, datetime.date(year, 12, 28))
    report = AnnualReportFactory(agency=shenyang, year=year, fee_revenue=Decimal("1.2500"))
    office = factories.MembershipFactory(agency=shenyang, role=StaffRole.AGENCY_ADMIN).user
    factories.MembershipFactory(user=office, agency=shenyang, role=StaffRole.REVIEWER)
    when = datetime.datetime(year + 1, 1, 20, 10, tzinfo=CHINA)
    publishing.publish(report, office, when=when)
    return report


def test_citizen_reads_a_report_in_the_national_format_and_the_provincial_summary(
    live_server, page, report
):
    year = report.year

    # The index, through the main navigation.
    page.goto(live_server.url + "/")
    page.locator("nav.mainnav a[href='/reports/']").click()
    page.wait_for_url("**/reports/")
    row = page.locator("table.report-index tr", has_text="沈阳市市场监督管理局")
    assert f"{year + 1}-01-20" in row.inner_text()
    assert_accessible(page, "reports index")

    # The report: headings in the national order and table 三 as printed.
    row.locator(f"a[href='/reports/shenyang/{year}/']").click()
    page.wait_for_url(f"**/reports/shenyang/{year}/")
    assert page.get_by_role("heading", level=1).inner_text() == report.title
    table3 = page.locator("table.report-table3")
    corner = table3.locator("thead th").first
    assert corner.get_attribute("colspan") == "3"
    assert corner.get_attribute("rowspan") == "3"
    results = table3.locator("th", has_text="三、本年度办理结果")
    assert results.get_attribute("rowspan") == "22"
    received = table3.locator("tr", has_text="一、本年新收政府信息公开申请数量")
    assert received.locator("td").all_inner_texts() == ["2", "1", "1", "0", "0", "0", "4"]
    figure = received.locator("td").last
    assert figure.evaluate("cell => getComputedStyle(cell).textAlign") == "right"
    fees = page.locator("table.report-table2 tr", has_text="行政事业性收费")
    assert fees.locator("td").inner_text() == "1.25"
    assert_accessible(page, "report")

    # Printing hides the site's navigation and keeps the tables.
    page.emulate_media(media="print")
    assert not page.locator("nav.mainnav").is_visible()
    assert table3.is_visible()
    page.emulate_media(media="screen")

    # The combined figures of the province, marked as a summary.
    page.goto(live_server.url + "/reports/")
    page.locator(f".report-summary-links a[href='/reports/liaoning/{year}/summary/']").click()
    page.wait_for_url(f"**/reports/liaoning/{year}/summary/")
    mark = page.locator(".report-summary-mark")
    assert mark.is_visible()
    assert mark.bounding_box()["y"] < page.get_by_role("heading", level=1).bounding_box()["y"]
    total = page.locator("table.report-table3 tr", has_text="一、本年新收").locator("td").last
    assert total.inner_text() == "4"
    assert_accessible(page, "combined figures")


def test_the_scoreboard_sets_agencies_side_by_side_and_sorts_on_the_server(
    live_server, page, report
):
    page.goto(live_server.url + "/reports/")
    page.locator("a[href='/reports/scoreboard/']").first.click()
    page.wait_for_url("**/reports/scoreboard/")
    rows = page.locator("table.scoreboard-table tbody tr")
    assert rows.count() == 2  # the province and Shenyang
    # Shenyang published its report on time; the province published none: it lags.
    province_row = rows.filter(has_text="辽宁省市场监督管理局")
    assert province_row.locator(".scoreboard-mark").count() == 1
    chart = page.locator("svg[role=img]")
    assert chart.count() == 1 and chart.locator("title").count() == 1
    assert_accessible(page, "scoreboard")
    # Sorting is a plain link: the sorted column says so to screen readers.
    page.locator("a.scoreboard-sort").nth(1).click()
    page.wait_for_load_state()
    assert page.locator("th[aria-sort]").count() == 1
    assert_accessible(page, "sorted scoreboard")

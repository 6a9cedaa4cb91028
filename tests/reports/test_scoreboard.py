"""The scoreboard (考核评比): each metric, each flag, sorting, query counts and the page.

Hand-built data on a frozen clock: "today" is Monday 15 June 2026. Working days
follow the 2026 State Council calendar (Labour Day off 1-5 May, Saturday 9 May
worked).
"""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from catalog.models import (
    PowerKind,
    ReviewStatus,
    Scope,
    StaffingCategory,
    StaffingQuota,
    Workflow,
    WorkflowStep,
)
from reports.models import ReportStatus
from reports.scoreboard import (
    FlagKind,
    ReportState,
    WorkingDayCounter,
    scoreboard,
    sort_scores,
)
from requests_app.models import InformationRequest, RequestStatus
from requests_app.outcomes import Outcome
from requests_app.workdays import Calendar, working_days_between
from tests import factories
from tests.reports.factories import AnnualReportFactory, request_of

pytestmark = pytest.mark.django_db

CHINA = zoneinfo.ZoneInfo("Asia/Shanghai")
TODAY = datetime.date(2026, 6, 15)
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 10, 0, tzinfo=CHINA), tick=False):
        yield


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def days_ago(n: int, hour: int = 10) -> datetime.datetime:
    day = TODAY - datetime.timedelta(days=n)
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=CHINA)


def entry(agency, topic, published_days_ago, **kwargs):
    return factories.PublishedEntryFactory(
        agency=agency, topic=topic, published_at=days_ago(published_days_ago), **kwargs
    )


def score_of(agency, today=TODAY):
    (score,) = scoreboard(today=today, agencies=[agency])
    return score


def kinds(score) -> set[str]:
    return {str(flag.kind) for flag in score.flags}


def closed_request(agency, received_on, closed_on, due_on, outcome=Outcome.GRANTED, **kwargs):
    return request_of(
        agency,
        received_on=received_on,
        closed_on=closed_on,
        outcome=outcome,
        due_on=due_on,
        **kwargs,
    )


def complete_clearances(agency):
    """Everything the four clearances check, published complete."""
    agency.functions = "负责全市市场综合监督管理。"
    agency.structure = "内设办公室、法制科。"
    agency.save()
    StaffingQuota.objects.create(
        agency=agency, category=StaffingCategory.ADMINISTRATIVE, authorised=30
    )
    factories.DepartmentFactory(agency=agency, duties="负责机关日常运转。")
    flow = Workflow.objects.create(agency=agency, title="行政处罚一般程序")
    WorkflowStep.objects.create(workflow=flow, order=1, name="立案")
    penalty = factories.PublishedPowerItemFactory(agency=agency, kind=PowerKind.PENALTY)
    factories.PowerItemStepFactory(power_item=penalty)
    factories.PowerResponsibilityFactory(power_item=penalty)
    licence = factories.PublishedPowerItemFactory(
        agency=agency,
        kind=PowerKind.LICENSING,
        conditions="具备相应条件。",
        materials="申请书\n营业执照",
    )
    factories.PowerItemStepFactory(power_item=licence)
    factories.PublishedFeeItemFactory(agency=agency)


def published_report(agency, year=2025, on=datetime.date(2026, 1, 20)):
    return AnnualReportFactory(
        agency=agency,
        year=year,
        status=ReportStatus.PUBLISHED,
        published_at=datetime.datetime(on.year, on.month, on.day, 9, tzinfo=CHINA),
        published_tables={},
    )


def model_agency(topic, **kwargs):
    """An agency that meets every rule of the scoreboard."""
    agency = factories.AgencyFactory(**kwargs)
    complete_clearances(agency)
    factories.GuideFactory(agency=agency, revised_on=datetime.date(2026, 2, 1))
    entry(agency, topic, 3)
    published_report(agency)
    closed_request(
        agency, datetime.date(2026, 6, 1), datetime.date(2026, 6, 5), datetime.date(2026, 6, 29)
    )
    return agency


# Publication ------------------------------------------------------------------------


def test_entries_are_counted_over_the_last_30_and_365_days_today_included(agency, topic):
    for n in (0, 29, 30, 364, 365):
        entry(agency, topic, n)
    entry(agency, topic, 1, scope=Scope.INTERNAL)  # not in the public catalogue
    factories.EntryFactory(agency=agency, topic=topic, status=ReviewStatus.DRAFT)
    score = score_of(agency)
    assert (score.entries_recent, score.entries_year) == (2, 4)
    assert score.last_published_on == TODAY
    assert score.days_since_last == 0


def test_days_since_the_last_publication_counts_local_dates(agency, topic):
    # 23:30 on 10 June in China is 15:30 UTC the same day: 5 days ago, not 4.
    factories.PublishedEntryFactory(
        agency=agency,
        topic=topic,
        published_at=datetime.datetime(2026, 6, 10, 23, 30, tzinfo=CHINA),
    )
    score = score_of(agency)
    assert score.last_published_on == datetime.date(2026, 6, 10)
    assert score.days_since_last == 5


def test_a_site_with_nothing_new_for_over_14_days_is_not_updated(agency, topic):
    entry(agency, topic, 15)
    score = score_of(agency)
    assert FlagKind.NOT_UPDATED in kinds(score)
    flag = next(f for f in score.flags if f.kind == FlagKind.NOT_UPDATED)
    assert flag.reason == "Nothing published for 15 days (limit 14)."
    assert flag.label == "Site not updated"


def test_a_site_updated_14_days_ago_is_still_updated(agency, topic):
    entry(agency, topic, 14)
    assert FlagKind.NOT_UPDATED not in kinds(score_of(agency))


def test_an_agency_that_never_published_is_not_updated(agency):
    score = score_of(agency)
    assert score.days_since_last is None
    assert score.stalest_column is None
    assert [f.reason for f in score.flags if f.kind == FlagKind.NOT_UPDATED] == [
        "Nothing published yet."
    ]


# Columns --------------------------------------------------------------------------


def test_a_column_not_updated_for_longer_than_180_days_is_stale_and_named(agency):
    fresh = factories.TopicFactory(name="监督检查", slug="inspection")
    old = factories.TopicFactory(name="规范性文件", slug="policy-normative")
    entry(agency, fresh, 2)
    entry(agency, old, 181)
    entry(agency, old, 400)
    score = score_of(agency)
    assert [(c.topic_name, c.days, c.is_stale) for c in score.columns] == [
        ("规范性文件", 181, True),
        ("监督检查", 2, False),
    ]
    assert score.stalest_column.topic_name == "规范性文件"
    (flag,) = [f for f in score.flags if f.kind == FlagKind.STALE_COLUMNS]
    assert flag.reason == (
        "1 column not updated for longer than its limit; the oldest: 规范性文件, 181 days "
        "(limit 180)."
    )


def test_a_column_180_days_old_is_not_yet_stale(agency, topic):
    entry(agency, topic, 180)
    score = score_of(agency)
    assert score.stale_columns == []
    assert FlagKind.STALE_COLUMNS not in kinds(score)


def test_column_limits_come_from_settings_per_topic(agency, settings):
    settings.SCOREBOARD = {"STALE_COLUMN_DAYS": 90, "COLUMN_DAYS": {"news": 7}}
    news = factories.TopicFactory(name="工作动态", slug="news")
    policy = factories.TopicFactory(name="政策文件", slug="policy")
    entry(agency, news, 10)
    entry(agency, policy, 91)
    score = score_of(agency)
    # The stalest is the one furthest past its limit: news by 3 days, policy by 1.
    assert [(c.topic_name, c.limit, c.is_stale) for c in score.columns] == [
        ("工作动态", 7, True),
        ("政策文件", 90, True),
    ]
    flag = next(f for f in score.flags if f.kind == FlagKind.STALE_COLUMNS)
    assert flag.reason.startswith("2 columns not updated for longer than their limits")


def test_the_annual_report_column_is_judged_by_the_31_january_rule_not_by_age(agency):
    reports = factories.TopicFactory(name="年度报告", slug="annual-reports")
    entry(agency, reports, 300)
    score = score_of(agency)
    assert score.columns[0].limit is None
    assert score.stalest_column is None
    assert FlagKind.STALE_COLUMNS not in kinds(score)


@pytest.mark.parametrize(
    ("slug", "days", "stale"),
    [("news", 15, True), ("news", 14, False), ("planning", 367, True), ("planning", 366, False)],
)
def test_news_columns_are_held_to_two_weeks_and_plans_to_a_year(agency, slug, days, stale):
    entry(agency, factories.TopicFactory(slug=slug), days)
    assert score_of(agency).columns[0].is_stale is stale


# The guide -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("revised_on", "current"),
    [(datetime.date(2026, 1, 1), True), (datetime.date(2025, 12, 31), False)],
)
def test_the_guide_counts_as_updated_when_revised_this_calendar_year(agency, revised_on, current):
    factories.GuideFactory(agency=agency, revised_on=revised_on)
    score = score_of(agency)
    assert score.guide_revised_on == revised_on
    assert score.guide_current is current
    assert (FlagKind.GUIDE in kinds(score)) is not current


def test_an_agency_without_a_guide_is_flagged(agency):
    score = score_of(agency)
    assert [f.reason for f in score.flags if f.kind == FlagKind.GUIDE] == ["No disclosure guide."]


# The four clearances ------------------------------------------------------------------


def test_clearance_areas_not_published_or_below_60_percent_are_flagged(agency):
    complete_clearances(agency)
    # A second fee item without its legal basis: fees 1 of 2 complete, 50 %.
    factories.PublishedFeeItemFactory(agency=agency, legal_basis="")
    score = score_of(agency)
    assert [area.percent for area in score.clearance_list] == [100, 100, 100, 50]
    assert score.lowest_clearance == 50
    (flag,) = [f for f in score.flags if f.kind == FlagKind.CLEARANCES]
    assert flag.reason == "Below 60%: Fee items and standards (收费项目和标准): 50%."


def test_an_agency_with_no_clearance_published_lists_every_area(agency):
    score = score_of(agency)
    assert score.lowest_clearance == -1
    (flag,) = [f for f in score.flags if f.kind == FlagKind.CLEARANCES]
    assert flag.reason.count("not published") == 4


def test_complete_clearances_raise_no_flag(agency):
    complete_clearances(agency)
    assert FlagKind.CLEARANCES not in kinds(score_of(agency))


# Requests ---------------------------------------------------------------------------


def test_requests_received_in_the_last_365_days_and_extensions_used(agency):
    request_of(agency, received_on=TODAY)
    request_of(agency, received_on=TODAY - datetime.timedelta(days=364), extension_days=10)
    request_of(agency, received_on=TODAY - datetime.timedelta(days=365), extension_days=20)
    request_of(agency)  # submitted, never received
    score = score_of(agency)
    assert score.received == 2
    assert score.extended == 1


def test_on_time_share_counts_answers_by_their_due_date_in_the_window(agency):
    june = datetime.date(2026, 6, 1)
    closed_request(agency, june, datetime.date(2026, 6, 10), datetime.date(2026, 6, 10))  # on time
    closed_request(agency, june, datetime.date(2026, 6, 11), datetime.date(2026, 6, 10))  # late
    closed_request(agency, june, datetime.date(2026, 6, 2), datetime.date(2026, 6, 29))  # on time
    # Closed without a running time limit (never corrected): not an answer.
    closed_request(agency, june, datetime.date(2026, 6, 12), None, Outcome.OTHER_NO_CORRECTION)
    # Answered before the window.
    closed_request(
        agency,
        datetime.date(2025, 5, 1),
        datetime.date(2025, 6, 15),
        datetime.date(2025, 5, 29),
    )
    score = score_of(agency)
    assert (score.answered, score.on_time, score.on_time_percent) == (3, 2, 66)
    (flag,) = [f for f in score.flags if f.kind == FlagKind.LATE_REPLIES]
    assert flag.reason == "2 of 3 requests answered on time (66%, minimum 90%)."


def test_an_on_time_share_of_exactly_90_percent_is_not_late(agency):
    june = datetime.date(2026, 6, 1)
    for _ in range(9):
        closed_request(agency, june, datetime.date(2026, 6, 5), datetime.date(2026, 6, 29))
    closed_request(agency, june, datetime.date(2026, 6, 12), datetime.date(2026, 6, 10))
    score = score_of(agency)
    assert score.on_time_percent == 90
    assert FlagKind.LATE_REPLIES not in kinds(score)


def test_no_answer_means_no_share_and_no_flag(agency):
    score = score_of(agency)
    assert score.on_time_percent is None
    assert score.median_days is None
    assert FlagKind.LATE_REPLIES not in kinds(score)


def test_median_counts_working_days_from_receipt_to_answer_with_the_holidays(agency):
    due = datetime.date(2026, 6, 29)
    # Thursday 30 April to Friday 8 May: 1-5 May are Labour Day: 3 working days.
    closed_request(agency, datetime.date(2026, 4, 30), datetime.date(2026, 5, 8), due)
    # Monday 1 June to Friday 5 June: 4; to Friday 12 June: 9.
    closed_request(agency, datetime.date(2026, 6, 1), datetime.date(2026, 6, 5), due)
    closed_request(agency, datetime.date(2026, 6, 1), datetime.date(2026, 6, 12), due)
    assert score_of(agency).median_days == 4
    closed_request(agency, datetime.date(2026, 6, 1), datetime.date(2026, 6, 12), due)
    assert score_of(agency).median_days == 6.5


def test_requests_overdue_today_are_counted_and_flagged(agency):
    request_of(agency, received_on=datetime.date(2026, 5, 6), due_on=datetime.date(2026, 6, 12))
    request_of(agency, received_on=datetime.date(2026, 6, 1), due_on=TODAY)  # due today
    waiting = request_of(agency, received_on=datetime.date(2026, 5, 6))  # clock stopped
    InformationRequest.objects.filter(pk=waiting.pk).update(status=RequestStatus.CORRECTION)
    score = score_of(agency)
    assert score.overdue == 1
    (flag,) = [f for f in score.flags if f.kind == FlagKind.OVERDUE]
    assert flag.reason == "1 request past its due date."


def test_the_working_day_counter_agrees_with_working_days_between():
    first, last = datetime.date(2025, 12, 20), datetime.date(2026, 6, 15)
    calendar = Calendar.around(first, last)
    counter = WorkingDayCounter(first, last, calendar)
    pairs = [
        (first, last),
        (datetime.date(2025, 12, 31), datetime.date(2026, 1, 5)),
        (datetime.date(2026, 4, 30), datetime.date(2026, 5, 9)),
        (datetime.date(2026, 2, 13), datetime.date(2026, 3, 2)),
        (datetime.date(2026, 6, 1), datetime.date(2026, 6, 1)),
    ]
    for a, b in pairs:
        assert counter.between(a, b) == working_days_between(a, b, calendar), (a, b)


# The annual report ----------------------------------------------------------------


def test_last_years_report_published_by_31_january_is_on_time(agency):
    published_report(agency, on=datetime.date(2026, 1, 31))
    report = score_of(agency).report
    assert (report.year, report.state, report.published_on) == (
        2025,
        ReportState.ON_TIME,
        datetime.date(2026, 1, 31),
    )
    assert FlagKind.REPORT not in kinds(score_of(agency))


def test_last_years_report_published_in_february_is_late(agency):
    published_report(agency, on=datetime.date(2026, 2, 1))
    score = score_of(agency)
    assert score.report.state == ReportState.LATE
    (flag,) = [f for f in score.flags if f.kind == FlagKind.REPORT]
    assert flag.reason == "The 2025 report was published on 2026-02-01, after 2026-01-31."


def test_an_unpublished_report_is_missing_after_31_january(agency):
    AnnualReportFactory(agency=agency, year=2025)  # a draft
    published_report(agency, year=2024, on=datetime.date(2025, 1, 10))
    score = score_of(agency)
    assert score.report.state == ReportState.MISSING
    (flag,) = [f for f in score.flags if f.kind == FlagKind.REPORT]
    assert flag.reason == "The 2025 report was not published by 2026-01-31."


def test_an_unpublished_report_is_not_yet_due_in_january(agency):
    score = score_of(agency, today=datetime.date(2026, 1, 31))
    assert score.report.state == ReportState.NOT_YET_DUE
    assert FlagKind.REPORT not in kinds(score)


# Lagging, sorting, queries --------------------------------------------------------


def test_an_agency_that_meets_every_rule_does_not_lag(topic):
    agency = model_agency(topic)
    score = score_of(agency)
    assert score.flags == []
    assert not score.is_lagging


def test_an_agency_lags_when_any_flag_is_raised(topic):
    agency = model_agency(topic)
    request_of(agency, received_on=datetime.date(2026, 5, 6), due_on=datetime.date(2026, 6, 3))
    score = score_of(agency)
    assert score.is_lagging
    assert kinds(score) == {FlagKind.OVERDUE}


def test_scores_come_in_tree_order_with_their_depth(agency, city, topic):
    county = factories.CountyAgencyFactory(parent=city)
    scores = scoreboard(today=TODAY)
    assert [(s.agency, s.depth) for s in scores] == [(agency, 0), (city, 1), (county, 2)]


def _scores_with_on_time(topic):
    province = factories.AgencyFactory(name="省局", slug="p")
    city_a = factories.CityAgencyFactory(parent=province, name="甲市局", slug="a", sort_order=1)
    city_b = factories.CityAgencyFactory(parent=province, name="乙市局", slug="b", sort_order=2)
    june, due = datetime.date(2026, 6, 1), datetime.date(2026, 6, 10)
    closed_request(city_a, june, datetime.date(2026, 6, 12), due)  # 0 % on time
    closed_request(city_b, june, datetime.date(2026, 6, 5), due)  # 100 %
    return province, city_a, city_b, scoreboard(today=TODAY)


def test_sorting_puts_agencies_without_a_value_last_in_both_directions(topic):
    province, city_a, city_b, scores = _scores_with_on_time(topic)
    assert [s.agency for s in sort_scores(scores, "on_time", "asc")] == [city_a, city_b, province]
    assert [s.agency for s in sort_scores(scores, "on_time", "desc")] == [city_b, city_a, province]


def test_sorting_by_agency_is_tree_order_or_its_reverse(topic):
    province, city_a, city_b, scores = _scores_with_on_time(topic)
    assert [s.agency for s in sort_scores(scores, "agency", "asc")] == [province, city_a, city_b]
    assert [s.agency for s in sort_scores(scores, "agency", "desc")] == [city_b, city_a, province]


def test_ties_keep_tree_order(topic):
    province, city_a, city_b, scores = _scores_with_on_time(topic)
    assert [s.agency for s in sort_scores(scores, "overdue", "desc")] == [
        province,
        city_a,
        city_b,
    ]


def _queries_for(count, topic):
    other = factories.TopicFactory()
    agencies = []
    for _ in range(count):
        agency = model_agency(topic)
        entry(agency, other, 200)
        request_of(agency, received_on=datetime.date(2026, 5, 6), due_on=datetime.date(2026, 6, 3))
        agencies.append(agency)
    with CaptureQueriesContext(connection) as queries:
        scores = scoreboard(today=TODAY, agencies=agencies)
    assert len(scores) == count
    assert all(score.median_days == 4 for score in scores)
    return len(queries)


def test_the_scoreboard_takes_the_same_few_queries_for_3_or_12_agencies(topic):
    three = _queries_for(3, topic)
    twelve = _queries_for(12, topic)
    assert three == twelve
    assert three <= 13  # the two entry figures come from the summary tables


def test_the_scoreboard_reads_no_catalogue_entry(topic):
    """Entry figures come from the summaries (catalog.summaries), whatever the catalogue's size."""
    agencies = [model_agency(topic) for _ in range(2)]
    with CaptureQueriesContext(connection) as queries:
        scores = scoreboard(today=TODAY, agencies=agencies)
    assert [score.entries_recent for score in scores] == [1, 1]
    assert not [q for q in queries if "catalog_catalogentry" in q["sql"]]


# The page ---------------------------------------------------------------------------


@pytest.fixture
def two_agencies(topic):
    good = model_agency(topic, name="模范局", slug="good")
    poor = factories.CityAgencyFactory(parent=good, name="落后局", slug="poor")
    entry(poor, topic, 40)
    return good, poor


def test_the_page_marks_the_agencies_that_need_attention_and_says_why(client, two_agencies):
    good, poor = two_agencies
    response = client.get(reverse("reports:scoreboard"), **EN)
    assert response.status_code == 200
    html = response.content.decode()
    good_row, poor_row = re.findall(
        r"<tr class=\"[^\"]*\">\s*<th scope=\"row\".*?</tr>", html, re.S
    )
    assert "scoreboard-lagging" not in good_row
    assert "scoreboard-mark" not in good_row
    assert "scoreboard-lagging" in poor_row
    assert '<span class="badge badge-warn scoreboard-mark">Needs attention</span>' in poor_row
    assert "<li>Site not updated</li>" in poor_row
    assert 'href="#why-poor"' in poor_row
    # The reasons, in words, below the table; only for the agency that lags.
    why = re.search(r'<li id="why-poor" tabindex="-1">(.*?)</ul>', html, re.S).group(1)
    assert "Nothing published for 40 days (limit 14)." in why
    assert "No disclosure guide." in why
    assert 'id="why-good"' not in html
    assert response.context["lagging"] == 1


def test_the_page_sorts_on_the_server_and_marks_the_sorted_column(client, two_agencies):
    good, poor = two_agencies
    url = reverse("reports:scoreboard")
    response = client.get(url, {"sort": "flags", "dir": "desc"}, **EN)
    assert [s.agency for s in response.context["scores"]] == [poor, good]
    html = response.content.decode()
    assert html.count("aria-sort=") == 1
    sorted_header = re.search(
        r"<th scope=\"col\" aria-sort=\"descending\"[^>]*>(.*?)</th>", html, re.S
    )
    assert "Needs attention" in sorted_header.group(1)
    # Its link reverses the order; another column's link sorts it the way that puts lagging first.
    assert f'href="{url}?sort=flags&amp;dir=asc#scores"' in html
    assert f'href="{url}?sort=days&amp;dir=desc#scores"' in html
    assert "Sorted by “Needs attention”, descending." in html
    # The same choice in a form, for small screens where the headings are hidden.
    assert '<option value="flags" selected>Needs attention</option>' in html
    assert '<option value="desc" selected>Descending</option>' in html


def test_an_unknown_sort_falls_back_to_tree_order(client, two_agencies):
    good, poor = two_agencies
    response = client.get(reverse("reports:scoreboard"), {"sort": "drop table", "dir": "x"}, **EN)
    assert response.status_code == 200
    assert [s.agency for s in response.context["scores"]] == [good, poor]
    assert 'aria-sort="ascending"' in response.content.decode()


def test_the_page_has_no_style_attribute_and_draws_the_chart(client, two_agencies):
    response = client.get(reverse("reports:scoreboard"), **EN)
    html = response.content.decode()
    assert not re.search(r"\sstyle\s*=", html)
    assert "<style" not in html
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 1
    assert 'role="img"' in html


def test_the_page_takes_a_fixed_number_of_queries(client, topic, django_assert_max_num_queries):
    for _ in range(6):
        model_agency(topic)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("reports:scoreboard"), **EN)
    assert len(response.context["scores"]) == 6

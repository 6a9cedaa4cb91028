"""The scoreboard (考核评比): every agency side by side on what inspections look for.

Government sites are inspected for not being updated, for stale columns and
for poor responses (国办秘函〔2019〕19号, DOMAIN.md section 8); a bureau system
also checks its guide, the four clearances, the handling of requests and the
annual report. For each agency the scoreboard gives:

- entries published (public catalogue) in the last 30 and 365 days, and the
  days since the last one;
- its columns (栏目): the topics it has published in, each with the days since
  its last entry and the limit that applies to it; the stalest one is shown;
- whether its disclosure guide was revised this year;
- the completeness of the four clearances (``catalog.completeness``);
- requests received in the last 365 days; of the requests answered in that
  window, the share answered on time and the median working days from receipt
  to answer; the requests overdue today; the extensions used;
- whether last year's annual report was published by 31 January.

Each shortfall raises a ``Flag`` with a short translated reason; an agency
with any flag lags (``AgencyScore.is_lagging``). The thresholds are named in
``DEFAULTS`` with their source and can be changed in ``settings.SCOREBOARD``.

Queries: a fixed number whatever the number of agencies, entries or
requests: at most fourteen, thirteen when the agencies are given. Entries are
never read: their figures come from the summary tables the database keeps
(``catalog.summaries``: publications per agency and day for the windows, the
latest entry of each column), two queries; requests and reports are counted
with GROUP BY aggregates over indexed date ranges (requests two, the guides
one, the reports one); the four clearances take the five queries of
``area_completeness``. The median needs each answered request's dates: one
``values_list`` query fetches (agency, received_on, closed_on) of the requests
answered in the window, the calendar is loaded once for the whole span
(``Calendar.around``), and the working days are counted in one pass in Python
from a running total of working days over that span (the same count as
``working_days_between``).
"""

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from catalog.completeness import AreaScore, area_completeness
from catalog.filters import tree_ordered
from catalog.models import Agency, ClearanceArea, ColumnLatest, DisclosureGuide, PublicationDay
from reports.models import AnnualReport, publication_deadline
from requests_app.models import InformationRequest
from requests_app.workdays import Calendar

# The windows the counts look back over, in days, today included.
RECENT_DAYS = 30
WINDOW_DAYS = 365

DEFAULTS = {
    # 网站不更新: the site's information not updated for more than two weeks (the
    # single-veto indicator of 国办秘函〔2019〕19号, taken over from the first national
    # survey of government sites, 国办发〔2015〕15号). An agency with nothing published
    # in this many days is "not updated".
    "SITE_STALE_DAYS": 14,
    # 栏目不更新: notice and policy-document columns (通知公告、政策文件类) not updated
    # within six months (same sources). The limit of every column without one of its own.
    "STALE_COLUMN_DAYS": 180,
    # Columns with a limit of their own, by topic slug (the slugs of the classification
    # the portal ships, catalog/demo/topics.py; a site with its own sets its own). Only
    # columns that should be updated are judged (应更新栏目): news (动态、要闻类) within
    # two weeks (same indicator); staffing and plans (人事、规划计划类) and the yearly
    # columns within a year *(verify)*. None: not judged by age, because the column
    # holds standing information changed when it changes (structure, leaders, rules),
    # or has a rule of its own (the guide; the annual report, due by 31 January).
    "COLUMN_DAYS": {
        "news": 14,
        "planning": 366,
        "personnel": 366,
        "finance-budgets": 366,
        "openness-summaries": 366,
        "organisation": None,
        "organisation-setup": None,
        "organisation-leaders": None,
        "organisation-departments": None,
        "policy-laws": None,
        "openness-guide": None,
        "openness-rules": None,
        "openness-annual-reports": None,
        "annual-reports": None,
    },
    # The portal's own thresholds, not from a text: a clearance area is weak below this
    # completeness, and replies are late when fewer than this share came on time.
    "MIN_CLEARANCE_PERCENT": 60,
    "MIN_ON_TIME_PERCENT": 90,
}


@dataclass(frozen=True)
class Limits:
    """The thresholds in force: ``DEFAULTS`` overlaid with ``settings.SCOREBOARD``."""

    site_stale_days: int
    stale_column_days: int
    column_days: dict
    min_clearance_percent: int
    min_on_time_percent: int

    @classmethod
    def from_settings(cls) -> "Limits":
        given = getattr(settings, "SCOREBOARD", {})
        merged = {**DEFAULTS, **given}
        merged["COLUMN_DAYS"] = {**DEFAULTS["COLUMN_DAYS"], **given.get("COLUMN_DAYS", {})}
        return cls(**{key.lower(): value for key, value in merged.items()})

    def column_limit(self, topic_slug: str) -> int | None:
        return self.column_days.get(topic_slug, self.stale_column_days)


class FlagKind(models.TextChoices):
    """Why an agency lags: the short label that heads each reason on the page."""

    NOT_UPDATED = "not_updated", _("Site not updated")
    STALE_COLUMNS = "stale_columns", _("Stale columns")
    GUIDE = "guide", _("Guide not revised this year")
    CLEARANCES = "clearances", _("Four clearances incomplete")
    LATE_REPLIES = "late_replies", _("Late replies")
    OVERDUE = "overdue", _("Requests overdue")
    REPORT = "report", _("Annual report late or missing")


@dataclass(frozen=True)
class Flag:
    """A shortfall: its kind and the reason in words (translated when it was raised)."""

    kind: FlagKind
    reason: str

    @property
    def label(self):
        return FlagKind(self.kind).label


class ReportState(models.TextChoices):
    """Where last year's annual report stands against the 31 January deadline."""

    ON_TIME = "on_time", _("Published on time")
    LATE = "late", _("Published late")
    MISSING = "missing", _("Not published")
    NOT_YET_DUE = "not_yet_due", _("Not yet due")


@dataclass(frozen=True)
class ReportCheck:
    """Whether the annual report of ``year`` was published by 31 January of the next year."""

    year: int
    state: ReportState
    published_on: datetime.date | None = None

    @property
    def label(self):
        return ReportState(self.state).label

    @property
    def due_on(self) -> datetime.date:
        return publication_deadline(self.year)

    @property
    def is_lagging(self) -> bool:
        return self.state in (ReportState.LATE, ReportState.MISSING)


@dataclass(frozen=True)
class ColumnAge:
    """A column (a topic the agency publishes in) and how long it has not been updated."""

    topic_name: str
    last_published_on: datetime.date
    days: int
    limit: int | None

    @property
    def is_stale(self) -> bool:
        return self.limit is not None and self.days > self.limit


@dataclass
class AgencyScore:
    agency: Agency
    depth: int = 0
    entries_recent: int = 0  # published in the last RECENT_DAYS days
    entries_year: int = 0  # published in the last WINDOW_DAYS days
    last_published_on: datetime.date | None = None
    days_since_last: int | None = None
    columns: list[ColumnAge] = field(default_factory=list)  # stalest judged column first
    guide_revised_on: datetime.date | None = None
    guide_current: bool = False
    clearances: dict[ClearanceArea, AreaScore] = field(default_factory=dict)
    received: int = 0  # received in the window
    answered: int = 0  # answered (closed with a time limit running) in the window
    on_time: int = 0  # of those, closed on or before the due date
    median_days: float | None = None  # working days from receipt to answer
    overdue: int = 0  # open today past their due date
    extended: int = 0  # received in the window and extended (Art. 33)
    report: ReportCheck | None = None
    flags: list[Flag] = field(default_factory=list)

    @property
    def is_lagging(self) -> bool:
        return bool(self.flags)

    @property
    def flag_kinds(self) -> set[str]:
        """The kinds of the flags raised, to mark the cells they concern."""
        return {str(flag.kind) for flag in self.flags}

    @property
    def stale_columns(self) -> list[ColumnAge]:
        return [column for column in self.columns if column.is_stale]

    @property
    def stalest_column(self) -> ColumnAge | None:
        judged = [column for column in self.columns if column.limit is not None]
        return judged[0] if judged else None

    @property
    def on_time_percent(self) -> int | None:
        """The share answered on time in whole percent, rounded down; None with no answer."""
        return self.on_time * 100 // self.answered if self.answered else None

    @property
    def clearance_list(self) -> list[AreaScore]:
        return [self.clearances[area] for area in ClearanceArea if area in self.clearances]

    @property
    def lowest_clearance(self) -> int | None:
        """The weakest area's percentage; -1 when an area is not published at all."""
        scores = self.clearance_list
        if not scores:
            return None
        return min(-1 if score.percent is None else score.percent for score in scores)


# Counting ---------------------------------------------------------------------------


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _publication_windows(ids, today) -> dict[int, dict]:
    """One query on the publication days: per agency, public entries in the two windows."""
    recent = Q(day__gte=today - datetime.timedelta(days=RECENT_DAYS - 1))
    rows = (
        PublicationDay.objects.filter(
            agency__in=ids, day__gte=today - datetime.timedelta(days=WINDOW_DAYS - 1)
        )
        .values("agency_id")
        .annotate(recent=Sum("n", filter=recent, default=0), year=Sum("n", default=0))
        .order_by()
    )
    return {row["agency_id"]: row for row in rows}


def _entry_columns(ids) -> dict[int, list[dict]]:
    """One query on the column summaries: per agency, each topic it publishes in and
    when its latest public entry came out."""
    rows = (
        ColumnLatest.objects.filter(agency__in=ids, n__gt=0, last_published_at__isnull=False)
        .values("agency_id", "topic__slug", "topic__name", last=F("last_published_at"))
        .order_by()
    )
    grouped = defaultdict(list)
    for row in rows:
        grouped[row["agency_id"]].append(row)
    return grouped


def _request_counts(ids, today) -> dict[int, dict]:
    """One query: per agency, requests received, answered, on time and extended."""
    start = today - datetime.timedelta(days=WINDOW_DAYS - 1)
    received = Q(received_on__gte=start, received_on__lte=today)
    answered = Q(closed_on__gte=start, closed_on__lte=today, due_on__isnull=False)
    rows = (
        InformationRequest.objects.filter(agency__in=ids)
        .values("agency_id")
        .annotate(
            received=Count("pk", filter=received),
            answered=Count("pk", filter=answered),
            on_time=Count("pk", filter=answered & Q(closed_on__lte=F("due_on"))),
            extended=Count("pk", filter=received & Q(extension_days__gt=0)),
        )
        .order_by()
    )
    return {row["agency_id"]: row for row in rows}


def _overdue_counts(ids, today) -> dict[int, int]:
    rows = (
        InformationRequest.objects.overdue(today)
        .filter(agency__in=ids)
        .values("agency_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["agency_id"]: row["n"] for row in rows}


class WorkingDayCounter:
    """``between(a, b)``: the working days after ``a`` up to and including ``b``, for
    dates from ``first`` to ``last``; the count of ``working_days_between``, answered in
    constant time from running totals built once over the span."""

    def __init__(self, first: datetime.date, last: datetime.date, calendar: Calendar):
        self.first = first
        self.totals = [0]
        for offset in range(1, (last - first).days + 1):
            day = first + datetime.timedelta(days=offset)
            self.totals.append(self.totals[-1] + calendar.day_info(day).is_workday)

    def between(self, a: datetime.date, b: datetime.date) -> int:
        return self.totals[(b - self.first).days] - self.totals[(a - self.first).days]


def _median_days(ids, today) -> dict[int, float]:
    """Per agency, the median working days from receipt to answer (two queries at most)."""
    start = today - datetime.timedelta(days=WINDOW_DAYS - 1)
    rows = list(
        InformationRequest.objects.filter(
            agency__in=ids,
            received_on__isnull=False,
            due_on__isnull=False,
            closed_on__gte=start,
            closed_on__lte=today,
        ).values_list("agency_id", "received_on", "closed_on")
    )
    if not rows:
        return {}
    first = min(received for _agency, received, _closed in rows)
    counter = WorkingDayCounter(first, today, Calendar.around(first, today))
    days = defaultdict(list)
    for agency_id, received, closed in rows:
        days[agency_id].append(max(0, counter.between(received, closed)))
    return {agency_id: statistics.median(values) for agency_id, values in days.items()}


def _guides(ids) -> dict[int, datetime.date]:
    return dict(
        DisclosureGuide.objects.filter(agency__in=ids).values_list("agency_id", "revised_on")
    )


def _report_checks(ids, today) -> dict[int, ReportCheck]:
    """One query: last year's annual report of every agency, checked against 31 January."""
    year = today.year - 1
    published = dict(
        AnnualReport.objects.published()
        .for_year(year)
        .filter(agency__in=ids)
        .values_list("agency_id", "published_at")
    )
    due_on = publication_deadline(year)
    checks = {}
    for agency_id in ids:
        when = published.get(agency_id)
        if when is not None:
            on = timezone.localdate(when)
            state = ReportState.ON_TIME if on <= due_on else ReportState.LATE
            checks[agency_id] = ReportCheck(year, state, on)
        elif today <= due_on:
            checks[agency_id] = ReportCheck(year, ReportState.NOT_YET_DUE)
        else:
            checks[agency_id] = ReportCheck(year, ReportState.MISSING)
    return checks


# Judging -------------------------------------------------------------------------


def _columns(rows, today, limits: Limits) -> list[ColumnAge]:
    columns = [
        ColumnAge(
            topic_name=row["topic__name"],
            last_published_on=timezone.localdate(row["last"]),
            days=(today - timezone.localdate(row["last"])).days,
            limit=limits.column_limit(row["topic__slug"]),
        )
        for row in rows
    ]
    # Judged columns first, stalest (by how far past its limit, then by age) first.
    return sorted(
        columns,
        key=lambda c: (c.limit is None, -(c.days - (c.limit or 0)), -c.days, c.topic_name),
    )


def _publication_flags(score: AgencyScore, limits: Limits) -> list[Flag]:
    flags = []
    if score.days_since_last is None:
        flags.append(Flag(FlagKind.NOT_UPDATED, gettext("Nothing published yet.")))
    elif score.days_since_last > limits.site_stale_days:
        reason = gettext("Nothing published for %(days)s days (limit %(limit)s).") % {
            "days": score.days_since_last,
            "limit": limits.site_stale_days,
        }
        flags.append(Flag(FlagKind.NOT_UPDATED, reason))
    stale = score.stale_columns
    if stale:
        oldest = stale[0]
        reason = ngettext(
            "%(count)s column not updated for longer than its limit; the oldest: "
            "%(topic)s, %(days)s days (limit %(limit)s).",
            "%(count)s columns not updated for longer than their limits; the oldest: "
            "%(topic)s, %(days)s days (limit %(limit)s).",
            len(stale),
        ) % {
            "count": len(stale),
            "topic": oldest.topic_name,
            "days": oldest.days,
            "limit": oldest.limit,
        }
        flags.append(Flag(FlagKind.STALE_COLUMNS, reason))
    return flags


def _guide_flags(score: AgencyScore, today) -> list[Flag]:
    if score.guide_revised_on is None:
        return [Flag(FlagKind.GUIDE, gettext("No disclosure guide."))]
    if not score.guide_current:
        reason = gettext("Guide last revised on %(date)s.") % {
            "date": score.guide_revised_on.isoformat()
        }
        return [Flag(FlagKind.GUIDE, reason)]
    return []


def _clearance_flags(score: AgencyScore, limits: Limits) -> list[Flag]:
    weak = []
    for area_score in score.clearance_list:
        if area_score.percent is None:
            weak.append(gettext("%(area)s: not published") % {"area": area_score.area.label})
        elif area_score.percent < limits.min_clearance_percent:
            weak.append(
                gettext("%(area)s: %(percent)s%%")
                % {"area": area_score.area.label, "percent": area_score.percent}
            )
    if not weak:
        return []
    reason = gettext("Below %(minimum)s%%: %(areas)s.") % {
        "minimum": limits.min_clearance_percent,
        "areas": gettext("; ").join(weak),
    }
    return [Flag(FlagKind.CLEARANCES, reason)]


def _request_flags(score: AgencyScore, limits: Limits) -> list[Flag]:
    flags = []
    if score.answered and score.on_time * 100 < limits.min_on_time_percent * score.answered:
        reason = gettext(
            "%(on_time)s of %(answered)s requests answered on time (%(percent)s%%, "
            "minimum %(minimum)s%%)."
        ) % {
            "on_time": score.on_time,
            "answered": score.answered,
            "percent": score.on_time_percent,
            "minimum": limits.min_on_time_percent,
        }
        flags.append(Flag(FlagKind.LATE_REPLIES, reason))
    if score.overdue:
        reason = ngettext(
            "%(count)s request past its due date.",
            "%(count)s requests past their due date.",
            score.overdue,
        ) % {"count": score.overdue}
        flags.append(Flag(FlagKind.OVERDUE, reason))
    return flags


def _report_flags(report: ReportCheck | None) -> list[Flag]:
    if report is None or not report.is_lagging:
        return []
    params = {"year": report.year, "due": report.due_on.isoformat()}
    if report.state == ReportState.LATE:
        params["date"] = report.published_on.isoformat()
        reason = gettext("The %(year)s report was published on %(date)s, after %(due)s.")
    else:
        reason = gettext("The %(year)s report was not published by %(due)s.")
    return [Flag(FlagKind.REPORT, reason % params)]


def _flags(score: AgencyScore, today, limits: Limits) -> list[Flag]:
    return [
        *_publication_flags(score, limits),
        *_guide_flags(score, today),
        *_clearance_flags(score, limits),
        *_request_flags(score, limits),
        *_report_flags(score.report),
    ]


# The scoreboard ------------------------------------------------------------------


def _score(agency, depth, data, today, limits) -> AgencyScore:
    columns_rows = data["columns"].get(agency.pk, [])
    windows = data["windows"].get(agency.pk, {})
    last = max((row["last"] for row in columns_rows), default=None)
    last_on = timezone.localdate(last) if last else None
    counts = data["requests"].get(agency.pk, {})
    guide_revised_on = data["guides"].get(agency.pk)
    score = AgencyScore(
        agency=agency,
        depth=depth,
        entries_recent=windows.get("recent", 0),
        entries_year=windows.get("year", 0),
        last_published_on=last_on,
        days_since_last=(today - last_on).days if last_on else None,
        columns=_columns(columns_rows, today, limits),
        guide_revised_on=guide_revised_on,
        guide_current=bool(guide_revised_on and guide_revised_on.year == today.year),
        clearances=data["clearances"].get(agency.pk, {}),
        received=counts.get("received", 0),
        answered=counts.get("answered", 0),
        on_time=counts.get("on_time", 0),
        median_days=data["median"].get(agency.pk),
        overdue=data["overdue"].get(agency.pk, 0),
        extended=counts.get("extended", 0),
        report=data["reports"].get(agency.pk),
    )
    score.flags = _flags(score, today, limits)
    return score


def scoreboard(today: datetime.date | None = None, agencies=None) -> list[AgencyScore]:
    """The score of every agency (or of ``agencies``), in tree order.

    ``agencies``: Agency instances or a queryset (evaluated once); all agencies by
    default. ``today`` defaults to the local date.
    """
    today = today or timezone.localdate()
    limits = Limits.from_settings()
    agency_list = list(Agency.objects.in_tree_order() if agencies is None else agencies)
    ids = [agency.pk for agency in agency_list]
    if not ids:
        return []
    data = {
        "windows": _publication_windows(ids, today),
        "columns": _entry_columns(ids),
        "guides": _guides(ids),
        "clearances": area_completeness(agency_list),
        "requests": _request_counts(ids, today),
        "overdue": _overdue_counts(ids, today),
        "median": _median_days(ids, today),
        "reports": _report_checks(ids, today),
    }
    return [
        _score(agency, depth, data, today, limits) for depth, agency in tree_ordered(agency_list)
    ]


# Sorting ------------------------------------------------------------------------

# The sortable columns: the value to sort by (None sorts last either way) and the
# direction a first click sorts in, the one that puts the agencies that lag first.
SORTS = {
    "agency": (None, "asc"),
    "recent": (lambda s: s.entries_recent, "asc"),
    "year": (lambda s: s.entries_year, "asc"),
    "days": (lambda s: s.days_since_last, "desc"),
    "column": (lambda s: s.stalest_column.days if s.stalest_column else None, "desc"),
    "guide": (lambda s: s.guide_revised_on, "asc"),
    "clearances": (lambda s: s.lowest_clearance, "asc"),
    "received": (lambda s: s.received, "desc"),
    "on_time": (lambda s: s.on_time_percent, "asc"),
    "median": (lambda s: s.median_days, "desc"),
    "overdue": (lambda s: s.overdue, "desc"),
    "extended": (lambda s: s.extended, "desc"),
    "report": (lambda s: _REPORT_ORDER[s.report.state] if s.report else None, "asc"),
    "flags": (lambda s: len(s.flags), "desc"),
}
_REPORT_ORDER = {
    ReportState.MISSING: 0,
    ReportState.LATE: 1,
    ReportState.NOT_YET_DUE: 2,
    ReportState.ON_TIME: 3,
}


def sort_scores(scores: list[AgencyScore], key: str, direction: str) -> list[AgencyScore]:
    """The scores sorted by the column ``key`` (tree order for "agency" ascending).

    Ties keep tree order; agencies without a value (None) come last in both directions.
    """
    value = SORTS[key][0]
    descending = direction == "desc"
    if value is None:
        return list(reversed(scores)) if descending else list(scores)
    with_value = [score for score in scores if value(score) is not None]
    without = [score for score in scores if value(score) is None]
    return sorted(with_value, key=value, reverse=descending) + without

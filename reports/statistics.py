"""The public statistics: headline figures of every agency for a calendar year.

The figures count what the annual report's tables count, the same way
(``reports.tables``; DOMAIN.md section 6), so a citizen reads here what the
reports will say:

- entries published: public catalogue entries first published in the year;
- requests received: received in the year (table 三, row 一);
- requests handled: closed in the year, whatever their date of receipt
  (table 三, row 三（七）);
- of those, granted (予以公开) and partly granted (部分公开), and their share;
- reconsiderations (行政复议) and lawsuits (行政诉讼, direct or after a
  reconsideration) filed in the year (table 四).

Live figures from the records: a published annual report keeps the figures as
published, which the page links to. Five queries whatever the number of
agencies or records.
"""

import datetime
from dataclasses import dataclass, fields

from django.db.models import Count, Min, Q, Sum
from django.urls import reverse
from django.utils import timezone

from catalog.filters import tree_ordered
from catalog.models import Agency, CatalogEntry, PublicationDay
from reports.models import FIRST_YEAR, AnnualReport, publication_deadline
from requests_app.models import InformationRequest, ReviewCase, ReviewKind
from requests_app.outcomes import Outcome

LAWSUIT_KINDS = (ReviewKind.LITIGATION_DIRECT, ReviewKind.LITIGATION_AFTER_RECONSIDERATION)


@dataclass
class Figures:
    """The headline figures of one agency (or of all, summed) for one year."""

    entries: int = 0
    received: int = 0
    handled: int = 0
    granted: int = 0
    partial: int = 0
    reconsiderations: int = 0
    lawsuits: int = 0

    @property
    def granted_or_partial(self) -> int:
        return self.granted + self.partial

    @property
    def granted_percent(self) -> int | None:
        """The share of handled requests granted in full or in part, in whole percent
        rounded down; None when none was handled."""
        return self.granted_or_partial * 100 // self.handled if self.handled else None

    def add(self, other: "Figures") -> None:
        for item in fields(Figures):
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))


@dataclass
class AgencyYear:
    agency: Agency
    depth: int
    figures: Figures
    report_url: str = ""  # the published annual report of the year, if any


@dataclass
class YearStatistics:
    year: int
    rows: list[AgencyYear]
    total: Figures
    is_partial: bool  # the year has not ended: figures run to today
    reports_due: bool  # the year's annual reports should be out (31 January has passed)


def available_years(today: datetime.date | None = None) -> list[int]:
    """The years with records, newest first: from the first entry published or request
    received (never before the Regulations, 2008) to this year. Two queries."""
    today = today or timezone.localdate()
    first_entry = CatalogEntry.objects.listed().aggregate(first=Min("published_at"))["first"]
    first_request = InformationRequest.objects.aggregate(first=Min("received_on"))["first"]
    starts = [today.year]
    if first_entry:
        starts.append(timezone.localdate(first_entry).year)
    if first_request:
        starts.append(first_request.year)
    first = max(FIRST_YEAR, min(starts))
    return list(range(today.year, first - 1, -1))


def _entries(ids, year) -> dict[int, int]:
    """Public entries published in the year, per agency, from the publication days
    (``catalog.summaries``): no entry is read."""
    return dict(
        PublicationDay.objects.filter(agency__in=ids, day__year=year)
        .values("agency_id")
        .annotate(total=Sum("n"))
        .values_list("agency_id", "total")
        .order_by()
    )


def _requests(ids, year) -> dict[int, dict]:
    closed = Q(closed_on__year=year) & ~Q(outcome="")
    rows = (
        InformationRequest.objects.filter(agency__in=ids)
        .filter(Q(received_on__year=year) | closed)
        .values("agency_id")
        .annotate(
            received=Count("pk", filter=Q(received_on__year=year)),
            handled=Count("pk", filter=closed),
            granted=Count("pk", filter=closed & Q(outcome=Outcome.GRANTED)),
            partial=Count("pk", filter=closed & Q(outcome=Outcome.PARTIAL)),
        )
        .order_by()
    )
    return {row.pop("agency_id"): row for row in rows}


def _reviews(ids, year) -> dict[int, dict]:
    rows = (
        ReviewCase.objects.filter(request__agency__in=ids, filed_on__year=year)
        .values("request__agency_id")
        .annotate(
            reconsiderations=Count("pk", filter=Q(kind=ReviewKind.RECONSIDERATION)),
            lawsuits=Count("pk", filter=Q(kind__in=LAWSUIT_KINDS)),
        )
        .order_by()
    )
    return {row.pop("request__agency_id"): row for row in rows}


def _published_reports(ids, year) -> set[int]:
    return set(
        AnnualReport.objects.published()
        .for_year(year)
        .filter(agency__in=ids)
        .values_list("agency_id", flat=True)
    )


def year_statistics(year: int, agencies=None, today=None) -> YearStatistics:
    """The figures of every agency (or of ``agencies``) for ``year``, in tree order,
    with their total."""
    today = today or timezone.localdate()
    agency_list = list(Agency.objects.in_tree_order() if agencies is None else agencies)
    ids = [agency.pk for agency in agency_list]
    entries = _entries(ids, year) if ids else {}
    requests = _requests(ids, year) if ids else {}
    reviews = _reviews(ids, year) if ids else {}
    reports = _published_reports(ids, year) if ids else set()
    rows, total = [], Figures()
    for depth, agency in tree_ordered(agency_list):
        figures = Figures(
            entries=entries.get(agency.pk, 0),
            **requests.get(agency.pk, {}),
            **reviews.get(agency.pk, {}),
        )
        total.add(figures)
        url = (
            reverse("reports:detail", kwargs={"slug": agency.slug, "year": year})
            if agency.pk in reports
            else ""
        )
        rows.append(AgencyYear(agency, depth, figures, url))
    return YearStatistics(
        year,
        rows,
        total,
        is_partial=year >= today.year,
        reports_due=today > publication_deadline(year),
    )

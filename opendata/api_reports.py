"""The annual reports' figures and the scoreboard.

A report's figures are its published snapshot (``AnnualReport.tables()``), the
numbers its public page and its exports print; drafts do not exist here. The
scoreboard is the public page's (``reports.scoreboard``), memoized the same way:
of the requests it holds only counts, medians and shares per agency.
"""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Query

from opendata.api import api, keyset_page
from opendata.api_catalog import ERRORS, ID_ORDER, _in_agency_tree, _url, agency_by_slug
from opendata.schemas import (
    AgencyPaging,
    Problem,
    ReportFiguresOut,
    ReportPage,
    ScoreboardOut,
)
from pagecache.versions import memoized
from reports.models import AnnualReport
from reports.scoreboard import scoreboard as compute_scoreboard


def _report(request, report) -> dict:
    return {
        "agency": report.agency.slug,
        "year": report.year,
        "title": report.title,
        "published_at": report.published_at,
        "url": _url(request, report),
    }


@api.get("/reports", response={200: ReportPage, **ERRORS}, tags=["reports"])
def reports(request, paging: Query[AgencyPaging]):
    """The published annual reports (政府信息公开工作年度报告)."""
    published = _in_agency_tree(
        AnnualReport.objects.published().select_related("agency").defer("published_tables"),
        paging,
    )
    return keyset_page(request, published, ID_ORDER, paging, _report)


def _table(table) -> dict:
    return {
        "key": table.key,
        "title": table.title,
        "columns": [str(column) for column in table.columns],
        "rows": [
            {
                "key": row.key,
                "number": row.number,
                "label": row.label,
                "cells": [
                    str(v) if v is not None and not isinstance(v, int) else v for v in row.cells
                ],
                "level": row.level,
                "is_group": row.is_group,
            }
            for row in table.rows
        ],
        "parts": [_table(part) for part in table.parts],
    }


@api.get(
    "/reports/{slug}/{year}",
    response={200: ReportFiguresOut, 404: Problem, 422: Problem, 429: Problem},
    tags=["reports"],
)
def report_figures(request, slug: str, year: int):
    """The figures of an agency's published report for a year: tables 二, 三 and 四 as
    published."""
    agency = agency_by_slug(slug)
    report = AnnualReport.objects.published().filter(agency=agency, year=year).first()
    if report is None:
        raise Http404(_("No annual report of this agency for this year has been published."))
    report.agency = agency
    tables = report.tables()
    return {
        **_report(request, report),
        "tables": [_table(table) for table in tables.all()],
        "consistent": tables.check.holds,
    }


def _score(score) -> dict:
    column = score.stalest_column
    return {
        "agency": score.agency.slug,
        "agency_name": score.agency.name,
        "depth": score.depth,
        "entries_recent": score.entries_recent,
        "entries_year": score.entries_year,
        "last_published_on": score.last_published_on,
        "days_since_last": score.days_since_last,
        "stalest_column": column
        and {
            "topic": column.topic_name,
            "last_published_on": column.last_published_on,
            "days": column.days,
            "limit": column.limit,
            "stale": column.is_stale,
        },
        "guide_revised_on": score.guide_revised_on,
        "guide_current": score.guide_current,
        "clearances": [
            {"area": area.area, "met": area.met, "total": area.total, "percent": area.percent}
            for area in score.clearance_list
        ],
        "requests_received": score.received,
        "requests_answered": score.answered,
        "answered_on_time": score.on_time,
        "on_time_percent": score.on_time_percent,
        "median_working_days": score.median_days,
        "overdue": score.overdue,
        "extended": score.extended,
        "report": score.report
        and {
            "year": score.report.year,
            "state": score.report.state,
            "published_on": score.report.published_on,
            "due_on": score.report.due_on,
        },
        "flags": [{"kind": flag.kind, "reason": str(flag.reason)} for flag in score.flags],
    }


@api.get("/scoreboard", response={200: ScoreboardOut, 429: Problem}, tags=["reports"])
def scoreboard(request):
    """The scoreboard (考核评比), in tree order: what the public page shows."""
    today = timezone.localdate()
    scores = memoized(
        ("catalog", "requests", "reports"),
        "scoreboard",
        lambda: compute_scoreboard(today),
        vary=(today, get_language()),
    )
    return {"date": today, "items": [_score(score) for score in scores]}

"""The public scoreboard (/reports/scoreboard/) and statistics (/reports/statistics/) pages.

Thin views: they read the query string, call ``reports.scoreboard`` or
``reports.statistics``, and render. Sorting is done on the server from
``?sort=<column>&dir=asc|desc``: the column headers are plain links, so the
table sorts without JavaScript.
"""

from dataclasses import dataclass

from django import forms
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from pagecache.versions import memoized
from reports import charts
from reports.scoreboard import SORTS, Limits, sort_scores
from reports.scoreboard import scoreboard as compute_scoreboard
from reports.statistics import available_years, year_statistics

# The scoreboard's columns, in order: (sort key, header).
COLUMNS = (
    ("agency", _("Agency")),
    ("recent", _("Entries, last 30 days")),
    ("year", _("Entries, last 365 days")),
    ("days", _("Days since the last entry")),
    ("column", _("Stalest column")),
    ("guide", _("Guide revised on")),
    ("clearances", _("Four clearances")),
    ("received", _("Requests received")),
    ("on_time", _("Answered on time")),
    ("median", _("Median working days to answer")),
    ("overdue", _("Overdue now")),
    ("extended", _("Extensions")),
    ("report", _("Last year's annual report")),
    ("flags", _("Needs attention")),
)
DEFAULT_SORT = "agency"
ARIA_SORT = {"asc": "ascending", "desc": "descending"}


def _crumbs(label):
    return [
        (gettext("Home"), reverse("catalog:home")),
        (gettext("Annual reports"), reverse("reports:index")),
        (label, None),
    ]


@dataclass(frozen=True)
class Header:
    key: str
    label: str
    url: str  # the link that sorts by this column (or reverses it)
    direction: str  # "asc" / "desc" when the table is sorted by this column, else ""

    @property
    def aria_sort(self) -> str:
        return ARIA_SORT.get(self.direction, "")


def _sorting(params) -> tuple[str, str]:
    key = params.get("sort", DEFAULT_SORT)
    if key not in SORTS:
        key = DEFAULT_SORT
    direction = params.get("dir", "")
    if direction not in ARIA_SORT:
        direction = SORTS[key][1]
    return key, direction


def _headers(path, key, direction) -> list[Header]:
    headers = []
    for column, label in COLUMNS:
        if column == key:
            next_direction = "desc" if direction == "asc" else "asc"
        else:
            next_direction = SORTS[column][1]
        query = urlencode({"sort": column, "dir": next_direction})
        headers.append(
            Header(column, label, f"{path}?{query}#scores", direction if column == key else "")
        )
    return headers


def _entries_chart(scores, today):
    ordered = sorted(scores, key=lambda s: s.entries_year, reverse=True)
    lagging = sum(1 for score in scores if score.is_lagging)
    description = gettext(
        "Entries each agency published in the public catalogue in the 365 days to "
        "%(date)s, largest first. %(lagging)s of %(total)s agencies need attention: "
        "their bars are hatched and followed by “%(mark)s”."
    ) % {
        "date": today.isoformat(),
        "lagging": lagging,
        "total": len(scores),
        "mark": f"{charts.FLAG_MARK} {charts.NEEDS_ATTENTION}",
    }
    return charts.bar_chart(
        "entries-chart",
        title=gettext("Entries published in the last 365 days"),
        description=description,
        bars=[
            charts.Bar(
                label=score.agency.display_name,
                value=score.entries_year,
                text=str(score.entries_year),
                flagged=score.is_lagging,
            )
            for score in ordered
        ],
        label_header=gettext("Agency"),
        value_header=gettext("Entries"),
    )


def scoreboard(request):
    today = timezone.localdate()
    key, direction = _sorting(request.GET)
    # Once per version of everything it shows, per day and language (the reasons
    # of the flags are worded when they are raised).
    scores = memoized(
        ("catalog", "requests", "reports"),
        "scoreboard",
        lambda: compute_scoreboard(today),
        vary=(today, get_language()),
    )
    return render(
        request,
        "reports/scoreboard.html",
        {
            "scores": sort_scores(scores, key, direction),
            "headers": _headers(request.path, key, direction),
            "sort_label": dict(COLUMNS)[key],
            "sort_direction": direction,
            "tree_order": key == DEFAULT_SORT and direction == "asc",
            "lagging": sum(1 for score in scores if score.is_lagging),
            "chart": _entries_chart(scores, today),
            "limits": Limits.from_settings(),
            "today": today,
            "breadcrumbs": _crumbs(gettext("Scoreboard")),
        },
    )


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]


def statistics(request):
    today = timezone.localdate()
    years = available_years(today)
    form = YearForm(request.GET or None, years=years, initial={"year": today.year})
    year = form.cleaned_data["year"] if form.is_valid() else today.year
    return render(
        request,
        "reports/statistics.html",
        {
            "form": form,
            "stats": year_statistics(year, today=today),
            "today": today,
            "breadcrumbs": _crumbs(gettext("Statistics")),
        },
    )

"""The public pages of the annual reports (年度报告) and their exports.

- ``index``: every agency, in the order of the bureau tree, against the recent
  report years: the published report, its publication date and whether it came
  by 31 January; the combined figures of each agency that has subordinates.
- ``detail``: a published report, narrative and tables as published (the
  snapshot). A draft is a 404, except for the agency's own staff asking for
  ``?preview=1``, who see it with the figures computed now under a draft banner.
- ``combined``: the figures of an agency and its subordinates, computed now and
  marked as a summary, never as a statutory report.
- ``export`` / ``combined_export``: the same tables as XLSX or CSV.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from catalog.models import Agency, CatalogEntry
from catalog.permissions import may_act_for
from catalog.views.pages import agency_directory
from pagecache.versions import memoized
from reports import exports, tables
from reports.models import FIRST_YEAR, AnnualReport

# How many report years the index shows side by side.
INDEX_YEARS = 5
EXPORT_TYPES = {"xlsx": exports.XLSX_CONTENT_TYPE, "csv": exports.CSV_CONTENT_TYPE}


def latest_report_year(today) -> int:
    """The last year whose report is due or published: the year before ``today``'s."""
    return today.year - 1


def tree_order(agencies) -> list[Agency]:
    """Agencies depth first (the province, a city, its counties, the next city), each
    with ``depth`` set (0 at the top)."""
    ordered = []

    def walk(nodes, depth):
        for node in nodes:
            node.agency.depth = depth
            ordered.append(node.agency)
            walk(node.children, depth + 1)

    walk(agency_directory(agencies), 0)
    return ordered


def index_years(published_years, today) -> list[int]:
    """The latest report year and the years reports were published for, newest first."""
    latest = latest_report_year(today)
    years = {year for year in published_years if year <= latest} | {latest}
    return sorted(years, reverse=True)[:INDEX_YEARS]


def _crumbs(*tail):
    return [(_("Home"), reverse("catalog:home")), *tail]


def index(request):
    today = timezone.localdate()
    agencies = tree_order(Agency.objects.in_tree_order())
    published = {
        (report.agency_id, report.year): report
        for report in AnnualReport.objects.published().only(
            "agency_id", "year", "status", "published_at"
        )
    }
    years = index_years({year for _agency, year in published}, today)
    parents = {agency.parent_id for agency in agencies}
    rows = [
        {
            "agency": agency,
            "has_subordinates": agency.pk in parents,
            # An unsaved report stands for one not published: it still knows its deadline.
            "reports": [
                published.get((agency.pk, year)) or AnnualReport(agency=agency, year=year)
                for year in years
            ],
        }
        for agency in agencies
    ]
    return render(
        request,
        "reports/index.html",
        {
            "years": years,
            "rows": rows,
            "top_agencies": [agency for agency in agencies if agency.parent_id is None],
            "breadcrumbs": _crumbs((_("Annual reports"), None)),
        },
    )


def _visible_report(request, agency, year) -> tuple[AnnualReport, bool]:
    """The published report, or the draft when the agency's own staff ask for a
    preview; also whether it is a preview. Anything else is a 404, which does not
    reveal whether a draft exists."""
    report = AnnualReport.objects.filter(agency=agency, year=year).first()
    if report is not None and report.is_published:
        return report, False
    wants_preview = request.GET.get("preview") == "1"
    if report is not None and wants_preview and may_act_for(request.user, agency):
        return report, True
    raise Http404(_("No annual report of this agency for this year has been published."))


def detail(request, slug, year):
    agency = get_object_or_404(Agency, slug=slug)
    report, preview = _visible_report(request, agency, year)
    report_tables = report.live_tables() if preview else report.tables()
    context = exports.body_context(report_tables, report)
    context.update(
        agency=agency,
        preview=preview,
        entry=CatalogEntry.objects.listed().filter(pk=report.catalog_entry_id).first()
        if report.catalog_entry_id
        else None,
        has_subordinates=agency.children.exists(),
        breadcrumbs=_crumbs((_("Annual reports"), reverse("reports:index")), (report.title, None)),
    )
    response = render(request, "reports/report_detail.html", context)
    if preview:
        # A draft shown to its agency's staff: never kept by any cache.
        add_never_cache_headers(response)
    return response


def _summary_year(year) -> int:
    """Summaries exist for the years the Regulations applied in, up to this one."""
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404(_("There are no figures for this year."))
    return year


def summary_title(agency, year) -> str:
    return _("%(agency)s and its subordinate agencies: combined figures for %(year)s") % {
        "agency": agency.name,
        "year": year,
    }


def combined(request, slug, year):
    agency = get_object_or_404(Agency, slug=slug)
    _summary_year(year)
    subtree = tree_order(Agency.objects.subtree(agency).in_tree_order())
    published = {
        report.agency_id: report
        for report in AnnualReport.objects.published().for_year(year).for_agencies(subtree)
    }
    # The figures are computed from every request of the agencies: once per
    # version of the records they count.
    combined_tables = memoized(
        ("catalog", "requests", "reports"),
        f"combined-report:{agency.pk}:{year}",
        lambda: tables.combined(agency, year),
    )
    context = exports.body_context(combined_tables)
    context.update(
        agency=agency,
        year=year,
        title=summary_title(agency, year),
        members=[(member, published.get(member.pk)) for member in subtree],
        breadcrumbs=_crumbs(
            (_("Annual reports"), reverse("reports:index")),
            (summary_title(agency, year), None),
        ),
    )
    return render(request, "reports/report_summary.html", context)


def _download(title, report_tables, fmt, filename) -> HttpResponse:
    grids = [exports.grid(table) for table in report_tables.all()]
    notes = {report_tables.table3.key: exports.check_text(report_tables.check)}
    build = exports.xlsx_bytes if fmt == "xlsx" else exports.csv_bytes
    response = HttpResponse(build(title, grids, notes), content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def export(request, slug, year, fmt):
    """A published report's tables, as published; drafts are not exported."""
    report = get_object_or_404(
        AnnualReport.objects.published().select_related("agency"), agency__slug=slug, year=year
    )
    return _download(report.title, report.tables(), fmt, f"{slug}-{year}-annual-report")


def combined_export(request, slug, year, fmt):
    agency = get_object_or_404(Agency, slug=slug)
    _summary_year(year)
    title = _("%(title)s (combined figures, not a statutory annual report)") % {
        "title": summary_title(agency, year)
    }
    return _download(title, tables.combined(agency, year), fmt, f"{slug}-{year}-summary")

"""The reports section of the navigation (年度报告), gathered from the catalogue.

Until the annual report (issue 5) exists, the page shows what the catalogue
already holds for it: published work reports and summaries, optionally
narrowed to one agency and the agencies below it. The four clearances have
their own pages (``catalog.views.clearances``).
"""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from catalog.models import Agency, CatalogEntry, Genre

REPORT_GENRES = (Genre.REPORT, Genre.WORK_SUMMARY)


def _scoped_entries(request):
    """Listed entries, narrowed to ``?agency=<slug>`` and its subordinates when given."""
    entries = CatalogEntry.objects.listed().with_list_data()
    slug = request.GET.get("agency", "")
    agency = get_object_or_404(Agency, slug=slug) if slug else None
    if agency:
        entries = entries.for_agency_tree(agency)
    return entries, agency


def reports(request):
    entries, agency = _scoped_entries(request)
    reports = entries.filter(genre__in=REPORT_GENRES)
    return render(
        request,
        "catalog/reports.html",
        {
            "entries": list(reports[:50]),
            "count": reports.count(),
            "agency": agency,
            "agencies": Agency.objects.in_tree_order(),
            "breadcrumbs": [(_("Home"), reverse("catalog:home")), (_("Annual reports"), None)],
        },
    )

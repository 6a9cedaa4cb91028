"""Section pages of the navigation that gather catalogue entries: the four
clearances (四清理四公开) and the reports on disclosure work.

Until the power-item registry (issue 3) and the annual report (issue 5)
exist, these pages show what the catalogue already holds for them: entries
tagged with a four-clearance aspect, and published work reports.
"""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from catalog.models import Agency, CatalogEntry, ClearanceArea, Genre

SECTION_LATEST_ENTRIES = 8
REPORT_GENRES = (Genre.REPORT, Genre.WORK_SUMMARY)


def _scoped_entries(request):
    """Listed entries, narrowed to ``?agency=<slug>`` and its subordinates when given."""
    entries = CatalogEntry.objects.listed().with_list_data()
    slug = request.GET.get("agency", "")
    agency = get_object_or_404(Agency, slug=slug) if slug else None
    if agency:
        entries = entries.for_agency_tree(agency)
    return entries, agency


def _catalogue_link(**params):
    return f"{reverse('catalog:entry_list')}?{urlencode({k: v for k, v in params.items() if v})}"


def clearances(request):
    entries, agency = _scoped_entries(request)
    areas = []
    for area in ClearanceArea:
        in_area = entries.in_clearance_area(area.value)
        areas.append(
            {
                "area": area,
                "aspects": area.aspects,
                "entries": list(in_area[:SECTION_LATEST_ENTRIES]),
                "count": in_area.count(),
                "more_url": _catalogue_link(aspect=area.value, agency=agency and agency.slug),
            }
        )
    return render(
        request,
        "catalog/clearances.html",
        {
            "areas": areas,
            "agency": agency,
            "agencies": Agency.objects.in_tree_order(),
            "breadcrumbs": [(_("Home"), reverse("catalog:home")), (_("Four clearances"), None)],
        },
    )


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

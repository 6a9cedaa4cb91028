"""Disclosure on request: the public pages.

Online filing comes later. Until then ``new_request`` tells the visitor how to
apply today (in person, by post and, where the agency accepts them, by e-mail
or fax) and what an application must contain (Art. 29). It collects nothing.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from catalog.models import Agency, AgencyLevel, CatalogEntry
from catalog.views.pages import statutory_numbers


def _target(request):
    """The agency (and entry) the visitor wants to apply to, from the query string.

    ``?entry=<index number>`` names a published public entry, ``?agency=<slug>``
    an agency; without either, the provincial agency. Unknown values are a 404,
    never a silent switch to another agency.
    """
    index_number = request.GET.get("entry", "").strip()
    if index_number:
        entry = get_object_or_404(
            CatalogEntry.objects.listed().select_related("agency"), index_number=index_number
        )
        return entry.agency, entry
    slug = request.GET.get("agency", "").strip()
    if slug:
        return get_object_or_404(Agency, slug=slug), None
    agency = Agency.objects.filter(level=AgencyLevel.PROVINCE).in_tree_order().first()
    if agency is None:
        raise Http404(_("No agency has been set up yet."))
    return agency, None


def new_request(request):
    agency, entry = _target(request)
    return render(
        request,
        "requests_app/new_request.html",
        {
            "agency": agency,
            "entry": entry,
            "statutes": statutory_numbers(),
            "breadcrumbs": [
                (_("Home"), reverse("catalog:home")),
                (_("Apply for information"), None),
            ],
        },
    )

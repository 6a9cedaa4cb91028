"""The public pages around the catalogue: home, agency directory and profile,
the disclosure guide, and the display preferences (适老化) switch."""

from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from catalog import statutes
from catalog.models import Agency, AgencyLevel, CatalogEntry, ClearanceArea
from catalog.trees import attach_children
from disclosure_portal.context_processors import (
    ACCESSIBILITY_COOKIE,
    ACCESSIBILITY_MODES,
    accessibility_modes,
)

HOME_LATEST_ENTRIES = 10
AGENCY_LATEST_ENTRIES = 5
PREFERENCE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60


@dataclass
class DirectoryNode:
    """An agency and the agencies directly below it, for the directory tree."""

    agency: Agency
    children: list["DirectoryNode"] = field(default_factory=list)


def agency_directory(agencies) -> list[DirectoryNode]:
    """Group agencies (one query, already in tree order) into province > city > county."""
    nodes = {agency.pk: DirectoryNode(agency) for agency in agencies}
    return attach_children(nodes, lambda node: node.agency.parent_id)


def statutory_numbers() -> dict:
    """The periods the guide and the request page quote, from their one home."""
    return {
        "proactive_days": statutes.PROACTIVE_PUBLICATION_WORKING_DAYS,
        "reply_days": statutes.REPLY_WORKING_DAYS,
        "extension_days": statutes.EXTENSION_MAX_WORKING_DAYS,
        "correction_days": statutes.CORRECTION_NOTICE_WORKING_DAYS,
        "third_party_days": statutes.THIRD_PARTY_WORKING_DAYS,
        "fee_payment_days": statutes.FEE_PAYMENT_WORKING_DAYS,
        "reconsideration_days": statutes.RECONSIDERATION_DAYS,
        "litigation_months": statutes.LITIGATION_MONTHS,
    }


def home(request):
    directory = agency_directory(Agency.objects.in_tree_order())
    provincial = next(
        (node.agency for node in directory if node.agency.level == AgencyLevel.PROVINCE), None
    )
    return render(
        request,
        "catalog/home.html",
        {
            "latest_entries": CatalogEntry.objects.listed().with_list_data()[:HOME_LATEST_ENTRIES],
            "directory": directory,
            "provincial_agency": provincial,
        },
    )


@csrf_exempt
@require_POST
def display_preferences(request):
    """Switch the large-font or the high-contrast mode on or off; remembered in a cookie.

    Exempt from CSRF like the language switch: the header's forms carry no token,
    so public pages set no CSRF cookie and can be shared by the page cache. A
    forged post can only change how a page looks to the visitor (ADR 0009).
    """
    mode = request.POST.get("mode", "")
    action = request.POST.get("action", "")
    if mode not in ACCESSIBILITY_MODES or action not in ("on", "off"):
        return HttpResponseBadRequest(_("Unknown display mode."))
    modes = set(accessibility_modes(request))
    if action == "on":
        modes.add(mode)
    else:
        modes.discard(mode)

    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("catalog:home")
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        ACCESSIBILITY_COOKIE,
        ",".join(m for m in ACCESSIBILITY_MODES if m in modes),
        max_age=PREFERENCE_COOKIE_MAX_AGE,
        samesite="Lax",
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def agency_list(request):
    return render(
        request,
        "catalog/agency_list.html",
        {
            "directory": agency_directory(Agency.objects.in_tree_order()),
            "breadcrumbs": [(_("Home"), reverse("catalog:home")), (_("Agencies"), None)],
        },
    )


def agency_detail(request, slug):
    agency = get_object_or_404(Agency.objects.select_related("parent", "guide"), slug=slug)
    return render(
        request,
        "catalog/agency_detail.html",
        {
            "agency": agency,
            "children": agency.children.in_tree_order(),
            "departments": agency.departments.all(),
            # Department powers (部门职权): staffing, workflows with their steps, tagged
            # entries. Left lazy: the page's body is a fragment kept per catalogue
            # version, and while it is kept none of these is read.
            "staffing_quotas": agency.staffing_quotas.all(),
            "workflows": agency.workflows.select_related("department").prefetch_related("steps"),
            "powers_entries": CatalogEntry.objects.listed()
            .filter(agency=agency)
            .in_clearance_area(ClearanceArea.POWERS.value),
            "latest_entries": CatalogEntry.objects.listed()
            .filter(agency=agency)
            .with_list_data()[:AGENCY_LATEST_ENTRIES],
            "has_guide": hasattr(agency, "guide"),
            "breadcrumbs": [
                (_("Home"), reverse("catalog:home")),
                (_("Agencies"), reverse("catalog:agency_list")),
                (agency.name, None),
            ],
        },
    )


def agency_guide(request, slug):
    agency = get_object_or_404(Agency.objects.select_related("guide"), slug=slug)
    return render(
        request,
        "catalog/agency_guide.html",
        {
            "agency": agency,
            "guide": getattr(agency, "guide", None),
            "statutes": statutory_numbers(),
            "breadcrumbs": [
                (_("Home"), reverse("catalog:home")),
                (_("Agencies"), reverse("catalog:agency_list")),
                (agency.name, agency.get_absolute_url()),
                (_("Disclosure guide"), None),
            ],
        },
    )

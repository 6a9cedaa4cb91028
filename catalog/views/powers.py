"""The power catalogue (权责清单) and the fee items (收费项目): lists and details.

Every lookup starts from ``published()``: drafts and items in review answer
404 exactly like ids that were never given out. A withdrawn item answers 410
Gone with its code and name only. An abolished power or fee stays visible
with a notice, like a repealed document (47号); the lists leave it out unless
the status facet asks for it.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog import statutes, structured_data
from catalog.clearance_filters import FeeItemFilter, PowerItemFilter
from catalog.models import (
    ClearanceArea,
    DecisionRecord,
    FeeItem,
    PowerItem,
)

LATEST_DECISIONS = 5

# The three views of the power catalogue: URL name and page title per area.
POWER_LISTS = {
    None: ("catalog:power_item_list", gettext_lazy("Power catalogue")),
    ClearanceArea.ENFORCEMENT: ("catalog:enforcement_list", gettext_lazy("Enforcement items")),
    ClearanceArea.APPROVAL: ("catalog:approval_list", gettext_lazy("Administrative approvals")),
}


def clearance_crumbs(*tail):
    return [
        (_("Home"), reverse("catalog:home")),
        (_("Four clearances"), reverse("catalog:clearances")),
        *tail,
    ]


def _page(request, queryset):
    return Paginator(queryset, settings.CATALOG_PAGE_SIZE).get_page(request.GET.get("page"))


def _withdrawn(model, pk):
    return model.objects.withdrawn().filter(pk=pk).first()


def _gone(request, item, kind, list_url, list_title):
    return render(
        request,
        "catalog/clearances/power_item_gone.html",
        {
            "item": item,
            "gone_kind": kind,
            "list_url": list_url,
            "breadcrumbs": clearance_crumbs((list_title, list_url), (item.code, None)),
        },
        status=410,
    )


# Power items ------------------------------------------------------------------


def power_item_list(request, area=None):
    url_name, title = POWER_LISTS[area]
    items = PowerItem.objects.published().with_list_data()
    if area:
        items = items.in_area(area)
    filterset = PowerItemFilter(request.GET, queryset=items, area=area, request=request)
    return render(
        request,
        "catalog/clearances/power_item_list.html",
        {
            "title": title,
            "area": area,
            "list_name": url_name,
            "list_url": reverse(url_name),
            "form": filterset.form,
            "active_filters": filterset.active_filters(),
            "page_obj": _page(request, filterset.qs),
            "breadcrumbs": clearance_crumbs((title, None)),
        },
    )


def power_list_for(item):
    """The URL and title of the list an item belongs to, for breadcrumbs and back links."""
    url_name, title = POWER_LISTS[item.area]
    return reverse(url_name), title


def _decisions(item):
    """How many decisions of ``item`` are on public display, and the latest few."""
    if not item.takes_decisions:
        return None
    listed = DecisionRecord.objects.listed().filter(power_item=item)
    return {
        "count": listed.count(),
        "latest": list(listed.order_by("-decided_on", "-pk")[:LATEST_DECISIONS]),
        "url": f"{reverse('catalog:decision_list')}?{urlencode({'power': item.pk})}",
    }


def power_item_detail(request, pk):
    item = (
        PowerItem.objects.published()
        .select_related("agency", "department", "fee_item")
        .filter(pk=pk)
        .first()
    )
    if item is None:
        gone = _withdrawn(PowerItem, pk)
        if gone is None:
            raise Http404(_("No published power item has this number."))
        return _gone(request, gone, "power", *power_list_for(gone))
    list_url, list_title = power_list_for(item)

    fee = item.fee_item
    agency_entries = {"agency": item.agency.slug}
    if item.area:
        agency_entries["aspect"] = item.area
    return render(
        request,
        "catalog/clearances/power_item_detail.html",
        {
            "item": item,
            "structured_data": structured_data.power_item(item, request),
            "basis_entries": list(item.basis_entries.listed().order_by("-date_made", "pk")),
            "fee": fee if fee is not None and fee.is_published else None,
            "fee_unpublished": fee is not None and not fee.is_published,
            "steps": list(item.steps.all()),
            "responsibilities": list(item.responsibilities.all()),
            "decisions": _decisions(item),
            "agency_entries_url": f"{reverse('catalog:entry_list')}?{urlencode(agency_entries)}",
            "area_label": ClearanceArea(item.area).label if item.area else "",
            "reconsideration_days": statutes.RECONSIDERATION_DAYS,
            "litigation_months": statutes.LITIGATION_MONTHS,
            "list_url": list_url,
            "list_title": list_title,
            "breadcrumbs": clearance_crumbs((list_title, list_url), (item.name, None)),
        },
    )


# Fee items --------------------------------------------------------------------


def fee_item_list(request):
    title = _("Fee items and standards")
    filterset = FeeItemFilter(
        request.GET, queryset=FeeItem.objects.published().with_list_data(), request=request
    )
    return render(
        request,
        "catalog/clearances/fee_item_list.html",
        {
            "title": title,
            "list_url": reverse("catalog:fee_item_list"),
            "form": filterset.form,
            "active_filters": filterset.active_filters(),
            "page_obj": _page(request, filterset.qs),
            "breadcrumbs": clearance_crumbs((title, None)),
        },
    )


def fee_item_detail(request, pk):
    list_url, list_title = reverse("catalog:fee_item_list"), _("Fee items and standards")
    fee = FeeItem.objects.published().select_related("agency").filter(pk=pk).first()
    if fee is None:
        gone = _withdrawn(FeeItem, pk)
        if gone is None:
            raise Http404(_("No published fee item has this number."))
        return _gone(request, gone, "fee", list_url, list_title)
    return render(
        request,
        "catalog/clearances/fee_item_detail.html",
        {
            "fee": fee,
            "power_items": list(fee.power_items.published()),
            "list_url": list_url,
            "breadcrumbs": clearance_crumbs((list_title, list_url), (fee.name, None)),
        },
    )

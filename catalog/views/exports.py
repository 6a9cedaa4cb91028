"""Downloads of the public lists as CSV or Excel (``catalog.exports``).

Each export builds the filter set of its list on the list's queryset, from the
same query string, so it holds exactly the rows the list shows with those
filters, in the list's order, without paging: only what the user may see
(internal entries for the staff of their agencies), a value that does not
validate left out as on the list. The list pages link here with their filters.
"""

from django.urls import re_path

from catalog import exports
from catalog.clearance_filters import FeeItemFilter, PowerItemFilter
from catalog.decision_filters import DecisionFilter
from catalog.filters import EntryFilter
from catalog.models import CatalogEntry, ClearanceArea, DecisionRecord, FeeItem, PowerItem

FORMAT = r"export\.(?P<file_format>csv|xlsx)$"


def entry_export(request, file_format):
    visible = CatalogEntry.objects.visible_to(request.user)
    filterset = EntryFilter(request.GET or None, queryset=visible.with_list_data(), request=request)
    return exports.response(request, exports.entries(request, filterset), file_format)


def power_item_export(request, file_format, area=None):
    items = PowerItem.objects.published().with_list_data()
    if area:
        items = items.in_area(area)
    filterset = PowerItemFilter(request.GET, queryset=items, area=area, request=request)
    return exports.response(request, exports.power_items(request, filterset, area), file_format)


def fee_item_export(request, file_format):
    filterset = FeeItemFilter(
        request.GET, queryset=FeeItem.objects.published().with_list_data(), request=request
    )
    return exports.response(request, exports.fee_items(request, filterset), file_format)


def decision_export(request, file_format):
    listed = DecisionRecord.objects.listed().with_list_data()
    filterset = DecisionFilter(request.GET or None, queryset=listed, request=request)
    return exports.response(request, exports.decisions(request, filterset), file_format)


# Named after their list: ``catalog:entry_list`` exports as ``catalog:entry_export``.
urlpatterns = [
    re_path(rf"^catalog/{FORMAT}", entry_export, name="entry_export"),
    re_path(rf"^clearances/powers/{FORMAT}", power_item_export, name="power_item_export"),
    re_path(
        rf"^clearances/enforcement/{FORMAT}",
        power_item_export,
        {"area": ClearanceArea.ENFORCEMENT},
        name="enforcement_export",
    ),
    re_path(
        rf"^clearances/approvals/{FORMAT}",
        power_item_export,
        {"area": ClearanceArea.APPROVAL},
        name="approval_export",
    ),
    re_path(rf"^clearances/fees/{FORMAT}", fee_item_export, name="fee_item_export"),
    re_path(rf"^clearances/decisions/{FORMAT}", decision_export, name="decision_export"),
]

"""The links from a list page to its downloads (``catalog.views.exports``).

``{% export_links "catalog:entry_list" %}`` links the CSV and the Excel export of
that list (``catalog:entry_export``) with the current filters: the query string
without the page number and the paging cursors, which an export does not have.
"""

from django import template
from django.urls import reverse

from catalog.links import CURSOR_PARAMS, QueryLinks

register = template.Library()


@register.inclusion_tag("components/export_links.html", takes_context=True)
def export_links(context, list_name):
    query = QueryLinks(context.request.GET, "page", drop=("page", *CURSOR_PARAMS))(None)
    query = "" if query == "?" else query
    export_name = list_name.removesuffix("_list") + "_export"
    return {
        "csv_url": reverse(export_name, kwargs={"file_format": "csv"}) + query,
        "xlsx_url": reverse(export_name, kwargs={"file_format": "xlsx"}) + query,
    }

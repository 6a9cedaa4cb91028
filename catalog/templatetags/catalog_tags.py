"""Template helpers of the public catalogue."""

import datetime
import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.template.defaulttags import querystring
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from catalog.links import pager
from catalog.models import DisclosureMode, Validity
from catalog.sanitize import sanitize_html

register = template.Library()


@register.filter
def sanitized(html):
    """Entry body HTML, cleaned at display time and marked safe.

    ``CatalogEntry.save()`` cleans the body too, but a ``queryset.update()``, a
    fixture or a raw SQL fix bypasses ``save()``: cleaning again here means no
    script, event handler or ``javascript:`` URL can reach a page whatever wrote
    the row. Use this instead of ``|safe``.
    """
    return mark_safe(sanitize_html(html or ""))  # noqa: S308 - the HTML was just cleaned by nh3


@register.filter
def iso_date(value):
    """``YYYY-MM-DD`` of a date, or of a datetime in the current time zone.

    What ``|date:"Y-m-d"`` shows, without parsing a format for every row of a list.
    """
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return value.isoformat()


@register.filter
def validity_badge(validity):
    """The class for a validity: in force is plain text, anything else a warning badge."""
    if validity == Validity.VALID:
        return "validity-valid"
    return "badge badge-warn"


@register.filter
def breakable_index(index_number):
    """An index number that may wrap after its agency code, not in the middle of a part."""
    prefix, slash, rest = (index_number or "").partition("/")
    if not slash:
        return index_number
    return format_html(
        '<span class="index-part">{}/</span><wbr><span class="index-part">{}</span>', prefix, rest
    )


@register.filter
def mode_badge(mode):
    """The badge class for a disclosure mode; proactive is the normal case."""
    return {
        DisclosureMode.ON_REQUEST: "badge badge-warn",
        DisclosureMode.WITHHELD: "badge badge-muted",
    }.get(mode, "badge badge-muted")


@register.simple_tag(takes_context=True)
def query_without(context, name):
    """The current query string without ``name`` (and back on page 1): a chip's link."""
    return querystring(context, context.request.GET, {name: None, "page": None})


@register.inclusion_tag("components/pagination.html", takes_context=True)
def pagination(context, page_obj):
    """The pagination bar of a list page (``catalog.links.pager``)."""
    return {"pager": pager(page_obj, context.request.GET)}


# What must not appear raw inside a <script> element (as Django's json_script).
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """``data`` as a ``<script type="application/ld+json">`` block (catalog.structured_data)."""
    text = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder).translate(
        _JSON_SCRIPT_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 - escaped above

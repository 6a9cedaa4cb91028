"""The facets and keyword search of the public power and fee lists (四清理四公开).

Like the catalogue's ``EntryFilter``, each filter set narrows whatever
queryset the view hands it (always ``published()``: nothing unpublished can be
filtered into view). The keywords are matched by the site search index, which
holds every published item whatever its status, so an abolished power or fee
item is found when the status facet lists abolished ones. A value that does
not validate is reported next to its field and left out; the other facets
still apply.

The status facet has a default: with no status given, only current items are
listed (powers in force; fees collected or suspended), which is what
``listed()`` means. For the default to apply to a first visit with an empty
query string too, the filter sets are always bound.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from catalog import reference
from catalog.filters import ChipsMixin, KeywordsMixin, TreeChoiceFilter
from catalog.models import (
    KINDS_BY_AREA,
    Agency,
    DocumentKind,
    FeeItem,
    FeeStatus,
    PowerItem,
    PowerKind,
    PowerStatus,
)

AGENCY_ERRORS = {"invalid_choice": _("There is no such agency. Choose one from the list.")}


def keyword_filter(placeholder):
    return django_filters.CharFilter(
        label=_("Keywords"),
        method="filter_keywords",
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": placeholder}),
        help_text=_("Separate several words with spaces; every word must match."),
    )


class ClearanceFilterSet(KeywordsMixin, ChipsMixin, django_filters.FilterSet):
    """What the power and fee filter sets share: keywords, the agency tree, the status default.

    Subclasses name the kind of search document they list (``search_kind``), the
    status value that means the same as giving none (``status_default``: never
    shown as a chip), and how to narrow to current items (``current()``).
    """

    status_default = ""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data if data is not None else {}, *args, **kwargs)

    def current(self, queryset):
        raise NotImplementedError

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("status") in (None, "", self.status_default):
            queryset = self.current(queryset)
        return queryset

    def filter_agency(self, queryset, name, agency):
        return queryset.for_agency_tree(agency)

    def chip_skipped(self, name, value) -> bool:
        return name == "status" and value == self.status_default


class PowerItemFilter(ClearanceFilterSet):
    """The power catalogue (权责清单) and its enforcement and approval views.

    ``area`` (a ``ClearanceArea`` value or None) limits the kind facet to the
    kinds of that clearance; the view limits the queryset the same way.
    """

    search_kind = DocumentKind.POWER
    status_default = PowerStatus.IN_FORCE

    q = keyword_filter(_("Code, name, legal basis"))
    agency = TreeChoiceFilter(
        label=_("Implementing agency"),
        queryset=Agency.objects.in_tree_order(),
        objects=reference.agencies,
        to_field_name="slug",
        method="filter_agency",
        empty_label=_("All agencies"),
        error_messages=AGENCY_ERRORS,
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of power"), choices=PowerKind.choices, empty_label=_("All kinds")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        field_name="power_status",
        choices=PowerStatus.choices,
        empty_label=None,
    )

    class Meta:
        model = PowerItem
        fields = []

    def __init__(self, data=None, *args, area=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        kinds = KINDS_BY_AREA.get(area)
        if kinds:
            self.filters["kind"].extra["choices"] = [(kind.value, kind.label) for kind in kinds]

    def current(self, queryset):
        return queryset.in_force()


class FeeItemFilter(ClearanceFilterSet):
    """The fee items and standards (收费项目和标准)."""

    search_kind = DocumentKind.FEE

    q = keyword_filter(_("Code, name, legal basis"))
    agency = TreeChoiceFilter(
        label=_("Collecting agency"),
        queryset=Agency.objects.in_tree_order(),
        objects=reference.agencies,
        to_field_name="slug",
        method="filter_agency",
        empty_label=_("All agencies"),
        error_messages=AGENCY_ERRORS,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        field_name="fee_status",
        choices=FeeStatus.choices,
        empty_label=_("Current (collected or suspended)"),
    )

    class Meta:
        model = FeeItem
        fields = []

    def current(self, queryset):
        return queryset.current()

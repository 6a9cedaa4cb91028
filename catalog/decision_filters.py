"""The facets and the keyword search of the published decisions (结果公示).

The filter set works on the queryset the view hands it, which is always
``DecisionRecord.objects.listed()``: filtering narrows the public list, never
widens it. The keywords are matched by the site search index, whose documents
hold a natural person only masked, as the decision's page shows them: a
natural person is never found by name or identity number, an organisation by
its name and credit code. A value that does not validate is reported next to
its field and left out of the filtering; the other facets still apply.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from catalog import reference
from catalog.filters import ChipsMixin, KeywordsMixin, TreeChoiceFilter, YearFilter
from catalog.models import Agency, DecisionKind, DecisionRecord, DocumentKind, PowerItem


class DecisionFilter(KeywordsMixin, ChipsMixin, django_filters.FilterSet):
    search_kind = DocumentKind.DECISION

    q = django_filters.CharFilter(
        label=_("Keywords"),
        method="filter_keywords",
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Decision number, organisation, power item")}
        ),
        help_text=_(
            "Separate several words with spaces; every word must match. "
            "Natural persons cannot be searched by name or identity number."
        ),
    )
    agency = TreeChoiceFilter(
        label=_("Deciding agency"),
        queryset=Agency.objects.in_tree_order(),
        objects=reference.agencies,
        to_field_name="slug",
        method="filter_agency",
        empty_label=_("All agencies"),
        error_messages={
            "invalid_choice": _("There is no such agency. Choose one from the list."),
        },
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of decision"), choices=DecisionKind.choices, empty_label=_("All kinds")
    )
    year = YearFilter(
        label=_("Year of decision"),
        field_name="decided_on",
        lookup_expr="year",
        min_value=1949,
        max_value=2100,
        widget=forms.TextInput(attrs={"placeholder": "2026", "inputmode": "numeric", "size": 6}),
        error_messages={
            "invalid": _("Enter a year as four digits, for example 2026."),
            "min_value": _("Enter a year from 1949 on."),
            "max_value": _("Enter a year before 2100."),
        },
    )
    # Set by the links from a power item's page; kept as a hidden field and a chip.
    power = django_filters.ModelChoiceFilter(
        label=_("Power item"),
        field_name="power_item",
        queryset=PowerItem.objects.published(),
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": _("There is no such published power item."),
        },
    )

    class Meta:
        model = DecisionRecord
        fields = []

    def filter_agency(self, queryset, name, agency):
        return queryset.for_agency_tree(agency)

    # What the page shows about the filters --------------------------------

    def _cleaned(self) -> dict:
        if not self.is_bound:
            return {}
        self.form.is_valid()
        return self.form.cleaned_data

    def selected_power(self) -> PowerItem | None:
        """The power item the list is narrowed to, for the heading."""
        return self._cleaned().get("power")

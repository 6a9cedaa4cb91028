"""The facets and the keyword search of the public catalogue (信息公开目录).

The filter set works on whatever queryset the view hands it, which is always
``CatalogEntry.objects.visible_to(user)``: filtering narrows what a user may
see, never widens it. The keywords are matched by the site search
(``catalog.search``, ADR 0012): ``KeywordsMixin`` narrows to the ids the index
finds for the request's user. A value that does not validate (an unknown agency
slug, a year like "abc") is reported next to its field and left out of the
filtering; the other facets still apply.
"""

from collections import defaultdict

import django_filters
import django_filters.constants
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.choices import flatten_choices
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField, ModelChoiceIterator

from catalog import reference, summaries
from catalog.models import (
    Agency,
    CatalogEntry,
    ClearanceArea,
    ClearanceAspect,
    DisclosureMode,
    DocumentKind,
    Genre,
    Topic,
    Validity,
)
from catalog.search import engine
from catalog.search.text import parse

TREE_INDENT = "\u3000"  # ideographic space: indents the tree in a <select>


def tree_ordered(items):
    """``(depth, item)`` pairs of a parent_id tree, each item followed by its children.

    ``items`` is one already-fetched list in sibling order; an item whose parent
    is not in the list is treated as a root.
    """
    known = {item.pk for item in items}
    children = defaultdict(list)
    for item in items:
        children[item.parent_id if item.parent_id in known else None].append(item)

    def walk(parent_id, depth):
        for item in children[parent_id]:
            yield depth, item
            yield from walk(item.pk, depth + 1)

    return list(walk(None, 0))


class ChipsMixin:
    """The facets in effect, as removable chips: name, label and shown value.

    Shared by every public filter set. ``chip_skipped(name, value)`` leaves out
    values that mean the same as no filter (a sort order, a default status).
    """

    def chip_skipped(self, name, value) -> bool:
        return False

    def active_filters(self):
        if not self.is_bound:
            return []
        self.form.is_valid()
        active = []
        for name, value in self.form.cleaned_data.items():
            if value in (None, "") or self.chip_skipped(name, value):
                continue
            field = self.form.fields[name]
            if isinstance(value, models.Model):
                shown = getattr(value, "name", str(value))
            elif isinstance(field, forms.ChoiceField):
                shown = dict(flatten_choices(field.choices)).get(value, value)
            else:
                shown = value
            active.append({"name": name, "label": field.label, "value": shown})
        return active


class KeywordsMixin:
    """The keyword box, matched by the site search index (``catalog.search``).

    ``search_kind`` names the ``DocumentKind`` of the filtered model. The index
    is limited to what the request's user may read (anonymous without a
    request); each list's own queryset still decides what it shows. A query
    with no searchable characters (empty, only punctuation) filters nothing.
    """

    search_kind = ""

    def search_user(self):
        return getattr(self.request, "user", None) or AnonymousUser()

    def has_keywords(self) -> bool:
        """Whether the keyword box holds something searchable."""
        if not self.is_bound:
            return False
        self.form.is_valid()  # values that failed are left out, as in ``qs``
        return bool(parse(self.form.cleaned_data.get("q") or ""))

    def filter_keywords(self, queryset, name, value):
        query = parse(value)
        if not query:
            return queryset
        return queryset.filter(
            pk__in=engine.matching(query, self.search_kind, user=self.search_user())
        )


class TreeChoiceIterator(ModelChoiceIterator):
    """Choices of a tree model in tree order, indented by depth (one query, or none)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for depth, obj in tree_ordered(self.field.choice_objects()):
            value, label = self.choice(obj)
            yield value, TREE_INDENT * depth + label


class TreeChoiceField(ModelChoiceField):
    """A choice of a tree's node. ``objects``: a function giving the nodes as a list
    (``catalog.reference``), so that neither the choices nor the check of the chosen
    value read the database; without it, the queryset is read."""

    iterator = TreeChoiceIterator

    def __init__(self, *args, objects=None, **kwargs):
        self.objects = objects
        super().__init__(*args, **kwargs)

    def choice_objects(self) -> list:
        return self.objects() if self.objects else list(self.queryset)

    def label_from_instance(self, obj):
        return obj.name

    def to_python(self, value):
        if self.objects is None or value in self.empty_values:
            return super().to_python(value)
        self.validate_no_null_characters(value)
        key = self.to_field_name or "pk"
        for obj in self.objects():
            if str(getattr(obj, key)) == str(value):
                return obj
        raise ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class TreeChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = TreeChoiceField


class YearFilter(django_filters.Filter):
    """The year an entry was made: a whole number, with messages that say what to type."""

    field_class = forms.IntegerField


SORT_CHOICES = [
    ("newest", _("Newest published first")),
    ("oldest", _("Oldest published first")),
    ("date_made", _("Date made, newest first")),
    ("title", _("Title")),
]
SORT_ORDERINGS = {
    "newest": ("-published_at", "-pk"),
    "oldest": ("published_at", "pk"),
    "date_made": ("-date_made", "-pk"),
    "title": ("title", "pk"),
}


class EntryFilter(KeywordsMixin, ChipsMixin, django_filters.FilterSet):
    search_kind = DocumentKind.ENTRY

    q = django_filters.CharFilter(
        label=_("Keywords"),
        method="filter_keywords",
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Title, document number, keywords")}
        ),
        help_text=_("Separate several words with spaces; every word must match."),
    )
    agency = TreeChoiceFilter(
        label=_("Publishing agency"),
        queryset=Agency.objects.in_tree_order(),
        objects=reference.agencies,
        to_field_name="slug",
        method="filter_agency",
        empty_label=_("All agencies"),
        error_messages={
            "invalid_choice": _("There is no such agency. Choose one from the list."),
        },
    )
    topic = TreeChoiceFilter(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        objects=reference.topics,
        to_field_name="slug",
        method="filter_topic",
        empty_label=_("All topics"),
        error_messages={
            "invalid_choice": _("There is no such topic. Choose one from the list."),
        },
    )
    genre = django_filters.ChoiceFilter(
        label=_("Genre"), choices=Genre.choices, empty_label=_("All genres")
    )
    year = YearFilter(
        label=_("Year made"),
        field_name="date_made",
        lookup_expr="year",
        min_value=1949,
        max_value=2100,
        # A text box, not type=number: a browser empties a number box holding "abc",
        # and the visitor should see what was refused next to the message.
        widget=forms.TextInput(attrs={"placeholder": "2026", "inputmode": "numeric", "size": 6}),
        error_messages={
            "invalid": _("Enter a year as four digits, for example 2026."),
            "min_value": _("Enter a year from 1949 on."),
            "max_value": _("Enter a year before 2100."),
        },
    )
    validity = django_filters.ChoiceFilter(
        label=_("Validity"), choices=Validity.choices, empty_label=_("Any validity")
    )
    mode = django_filters.ChoiceFilter(
        label=_("Disclosure mode"),
        field_name="disclosure_mode",
        choices=DisclosureMode.choices,
        empty_label=_("Any mode"),
    )
    aspect = django_filters.ChoiceFilter(
        label=_("Four clearances"),
        choices=[*ClearanceArea.choices, *ClearanceAspect.choices],
        method="filter_aspect",
        empty_label=_("Any aspect"),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=SORT_CHOICES,
        method="sort_entries",
        empty_label=None,
    )

    class Meta:
        model = CatalogEntry
        fields = []

    # Filter methods -------------------------------------------------------

    def chip_skipped(self, name, value) -> bool:
        return name == "sort"

    def filter_agency(self, queryset, name, agency):
        return queryset.filter(agency__in=reference.agency_subtree_ids(agency))

    def filter_topic(self, queryset, name, topic):
        return queryset.filter(topic_id__in=reference.topic_subtree_ids(topic))

    def filter_aspect(self, queryset, name, value):
        if value in ClearanceArea.values:
            return queryset.in_clearance_area(value)
        return queryset.filter(clearance_aspect=value)

    def sort_entries(self, queryset, name, value):
        return queryset.order_by(*SORT_ORDERINGS[value])

    # Counting from the summaries -------------------------------------------

    # Filters whose value is one column of the facet counts (catalog.summaries).
    SUMMARY_COLUMNS = {
        "genre": "genre",
        "year": "year_made",
        "validity": "validity",
        "mode": "disclosure_mode",
    }

    def count_from_summaries(self, user) -> int | None:
        """How many entries the filters select for ``user``, from the summary tables
        (``catalog.summaries``), without reading an entry.

        None when a keyword is given, or a filter the counts do not know is set:
        then the caller counts the entries themselves.
        """
        conditions = {}
        if self.is_bound:
            self.form.is_valid()  # values that failed are left out, as in ``qs``
            for name, value in self.form.cleaned_data.items():
                if value in django_filters.constants.EMPTY_VALUES or name == "sort":
                    continue
                if name == "q" and not parse(value):
                    continue  # nothing searchable: the keywords filter nothing
                if name == "agency":
                    conditions["agency__in"] = reference.agency_subtree_ids(value)
                elif name == "topic":
                    conditions["topic_id__in"] = reference.topic_subtree_ids(value)
                elif name == "aspect" and value in ClearanceArea.values:
                    conditions["clearance_aspect__startswith"] = f"{value}."
                elif name == "aspect":
                    conditions["clearance_aspect"] = value
                elif name in self.SUMMARY_COLUMNS:
                    conditions[self.SUMMARY_COLUMNS[name]] = value
                else:
                    return None
        return summaries.count(user, **conditions)

    # What the page shows about the filters --------------------------------

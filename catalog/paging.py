"""Paging a long list without reading what is not shown.

A million entries make fifty thousand pages; ``OFFSET 980000`` walks a million
index rows. ``ListPaginator`` never does:

- the total comes from the caller (the summary tables), not from a COUNT;
- a page near either end is read with a short OFFSET from that end (the last
  page is the first of the reversed order), at most ``MAX_OFFSET`` rows;
- stepping on from a page ("next", "previous") carries a cursor, the sort
  value and id of the row it starts after or before, and is read by keyset
  (``WHERE (published_at, id) < (...)``) at any depth;
- a page number deeper than ``MAX_OFFSET`` from both ends, typed without a
  cursor, is not read: the page says how to get there (filters, the other
  sort order, or stepping on).

Orderings are one field and the primary key (``SORT_ORDERINGS`` of the
catalogue), so every row has one place and a cursor names it exactly.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import F, OrderBy, Q
from django.db.models.functions import Coalesce

MAX_OFFSET = 10_000
CURSOR_SEPARATOR = "~"


@dataclass(frozen=True)
class Ordering:
    """``("-published_at", "-pk")``: the sort field, its direction, and the id after it."""

    name: str
    descending: bool

    @classmethod
    def of(cls, order_by) -> "Ordering":
        first = order_by[0]
        if len(order_by) != 2 or order_by[1].lstrip("-") != "pk":
            raise ValueError(f"Paging needs one field and the pk: {order_by!r}")
        if first.startswith("-") != order_by[1].startswith("-"):
            raise ValueError(f"The field and the pk must sort the same way: {order_by!r}")
        return cls(first.lstrip("-"), first.startswith("-"))

    def order_by(self, reverse=False, filter_first=False) -> tuple:
        """The ORDER BY of this order (reversed). ``filter_first``: sort expressions an
        index cannot provide, so the planner selects the few matching rows by their
        filters and sorts them, instead of walking the sort index past most of the
        table looking for them (it cannot know that matches of, say, one year cluster
        deep in that index)."""
        descending = self.descending != reverse
        if filter_first:
            return tuple(
                OrderBy(Coalesce(F(name), F(name)), descending=descending)
                for name in (self.name, "pk")
            )
        sign = "-" if descending else ""
        return (f"{sign}{self.name}", f"{sign}pk")

    def beyond(self, value, pk, reverse=False) -> Q:
        """The rows after ``(value, pk)`` in this order (before it when ``reverse``).

        Written as a range on the sort field and a tie-break on the id, so an
        index on the field bounds the scan.
        """
        forward = self.descending != reverse
        edge, strict = ("lte", "lt") if forward else ("gte", "gt")
        return Q(**{f"{self.name}__{edge}": value}) & (
            Q(**{f"{self.name}__{strict}": value}) | Q(**{f"pk__{strict}": pk})
        )


def encode_cursor(obj, ordering: Ordering) -> str:
    value = getattr(obj, ordering.name)
    shown = value.isoformat() if isinstance(value, datetime.date) else str(value)
    return f"{shown}{CURSOR_SEPARATOR}{obj.pk}"


def decode_cursor(text: str, model, ordering: Ordering):
    """``(value, pk)`` from a cursor, or None for anything malformed."""
    shown, separator, pk = (text or "").rpartition(CURSOR_SEPARATOR)
    if not separator or not pk.isdigit():
        return None
    model_field = model._meta.get_field(ordering.name)
    try:
        if isinstance(model_field, models.DateTimeField):
            value = datetime.datetime.fromisoformat(shown)
        elif isinstance(model_field, models.DateField):
            value = datetime.date.fromisoformat(shown)
        else:
            value = shown
    except ValueError:
        return None
    return value, int(pk)


@dataclass
class ListPage:
    """One page of a list, with what the pagination bar needs to link on."""

    number: int
    num_pages: int
    count: int
    object_list: list
    per_page: int
    reachable: bool = True  # False: a middle page of a long list, typed without a cursor
    next_cursor: str = ""  # the cursor that reads the next page by keyset
    previous_cursor: str = ""
    max_offset: int = MAX_OFFSET
    # False: ``count`` is a lower bound (a keyword list counted up to a limit); the
    # list is then read from its start only, as far as ``count`` goes.
    exact: bool = True

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    @property
    def has_other_pages(self) -> bool:
        return self.num_pages > 1

    def by_number(self, number: int) -> bool:
        """Whether page ``number`` can be read from its number alone (near an end)."""
        bottom = (number - 1) * self.per_page
        if not self.exact:
            return bottom <= self.max_offset
        top = min(bottom + self.per_page, self.count)
        return min(bottom, self.count - top) <= self.max_offset

    @property
    def reach(self) -> int:
        """How many pages at each end can be read by number."""
        return self.max_offset // self.per_page + 1

    @property
    def first_shown(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.object_list else 0


class ListPaginator:
    """``filter_first``: the caller knows the list is a small part of the table (from
    the summaries); see ``Ordering.order_by``."""

    def __init__(
        self,
        queryset,
        per_page: int,
        count: int,
        max_offset: int = MAX_OFFSET,
        filter_first=False,
        exact=True,
    ):
        self.queryset = queryset
        self.per_page = per_page
        self.count = count
        self.exact = exact
        self.max_offset = max_offset
        self.filter_first = filter_first
        self.ordering = Ordering.of(queryset.query.order_by or queryset.model._meta.ordering)
        self.num_pages = max(1, -(-count // per_page))

    def _ordered(self, queryset, reverse=False):
        return queryset.order_by(
            *self.ordering.order_by(reverse=reverse, filter_first=self.filter_first)
        )

    def _number(self, raw) -> int:
        try:
            number = int(raw)
        except (TypeError, ValueError):
            return 1
        return min(max(number, 1), self.num_pages)

    def page(self, raw_number, after: str = "", before: str = "") -> ListPage:
        """Page ``raw_number`` (clamped to 1..last); ``after`` / ``before``: a cursor."""
        number = self._number(raw_number)
        page = ListPage(
            number,
            self.num_pages,
            self.count,
            [],
            self.per_page,
            max_offset=self.max_offset,
            exact=self.exact,
        )
        cursor_after = decode_cursor(after, self.queryset.model, self.ordering) if after else None
        cursor_before = (
            decode_cursor(before, self.queryset.model, self.ordering) if before else None
        )
        if cursor_after:
            rows = list(
                self._ordered(self.queryset.filter(self.ordering.beyond(*cursor_after)))[
                    : self.per_page
                ]
            )
        elif cursor_before:
            beyond = self.ordering.beyond(*cursor_before, reverse=True)
            rows = list(self._ordered(self.queryset.filter(beyond), reverse=True)[: self.per_page])
            rows.reverse()
        else:
            rows = self._by_offset(number)
            if rows is None:
                page.reachable = False
                return page
        page.object_list = rows
        if rows:
            page.next_cursor = encode_cursor(rows[-1], self.ordering)
            page.previous_cursor = encode_cursor(rows[0], self.ordering)
        return page

    def _by_offset(self, number: int) -> list | None:
        """The rows of page ``number`` by OFFSET from the nearer end; None beyond reach."""
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        from_end = self.count - top
        if not self.exact:  # the end is not known: from the start, or not at all
            return (
                list(self._ordered(self.queryset)[bottom:top])
                if bottom <= self.max_offset
                else None
            )
        if min(bottom, from_end) > self.max_offset:
            return None
        if bottom <= from_end:
            return list(self._ordered(self.queryset)[bottom:top])
        rows = list(self._ordered(self.queryset, reverse=True)[from_end : from_end + top - bottom])
        rows.reverse()
        return rows

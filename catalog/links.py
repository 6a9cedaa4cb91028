"""Links that change one parameter of the current query string, built in Python.

A facet tree or a pager has one link per node or page. ``{% querystring %}``
rebuilds the whole query string for each of them; ``QueryLinks`` encodes the
unchanged parameters once and only the changed one per link, with the same
result: the parameter keeps its place, a new one goes last, and the page
number is dropped when a filter changes.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

CURSOR_PARAMS = ("after", "before")  # catalog.paging: where a page starts, by keyset


class QueryLinks:
    """``links(value)`` is the current query string with ``name`` set to ``value``.

    ``value=None`` removes ``name``. Parameters in ``drop`` are always removed.
    """

    def __init__(self, params, name: str, drop=("page",)):
        self.name = name
        self.before, self.after = [], []
        seen = False
        for key in params:
            if key in drop:
                continue
            if key == name:
                seen = True
                continue
            encoded = urlencode([(key, value) for value in params.getlist(key)])
            (self.after if seen else self.before).append(encoded)

    def __call__(self, value) -> str:
        middle = [] if value is None else [urlencode([(self.name, value)])]
        return "?" + "&".join(part for part in (*self.before, *middle, *self.after) if part)


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: a gap between shown numbers
    url: str = ""
    current: bool = False


@dataclass(frozen=True)
class Pager:
    """What the pagination bar shows: a few page numbers around the current one."""

    number: int
    num_pages: int
    count: int | str  # "1000+" when the list was counted up to a limit
    links: list[PageLink]
    first_url: str = ""
    previous_url: str = ""
    next_url: str = ""
    last_url: str = ""


def page_numbers(number: int, num_pages: int, radius: int = 2) -> list[int | None]:
    """The first, the last and ``radius`` pages either side of ``number``; None marks a gap."""
    shown = sorted(
        {1, num_pages, *range(max(1, number - radius), min(num_pages, number + radius) + 1)}
    )
    numbers, previous = [], 0
    for page in shown:
        if page - previous > 1:
            numbers.append(None)
        numbers.append(page)
        previous = page
    return numbers


def pager(page_obj, params) -> Pager:
    """The pagination bar of ``page_obj``: work and links in proportion to what is shown,
    never to the number of pages.

    ``page_obj`` is a Django ``Page`` or a ``catalog.paging.ListPage``. For the
    latter, a page beyond the reach of its number is linked with the cursor that
    reads it by keyset from the page shown, and numbers that can be read neither
    way are left out.
    """
    link = QueryLinks(params, "page", drop=CURSOR_PARAMS)
    if hasattr(page_obj, "paginator"):
        number, num_pages = page_obj.number, page_obj.paginator.num_pages
        count, by_number = page_obj.paginator.count, None
    else:
        number, num_pages, count = page_obj.number, page_obj.num_pages, page_obj.count
        by_number = page_obj.by_number
        if not getattr(page_obj, "exact", True):
            count = f"{count}+"

    def stepped(target: int, cursor_param: str, cursor: str) -> str:
        if by_number is None or by_number(target) or not cursor:
            return link(target)
        return f"{link(target)}&{urlencode([(cursor_param, cursor)])}"

    shown = [
        page
        for page in page_numbers(number, num_pages)
        if page is None or page == number or by_number is None or by_number(page)
    ]
    return Pager(
        number=number,
        num_pages=num_pages,
        count=count,
        links=[
            PageLink(page, link(page), page == number) if page else PageLink(None) for page in shown
        ],
        first_url=link(1) if number > 1 else "",
        previous_url=stepped(number - 1, "before", getattr(page_obj, "previous_cursor", ""))
        if number > 1
        else "",
        next_url=stepped(number + 1, "after", getattr(page_obj, "next_cursor", ""))
        if number < num_pages
        else "",
        last_url=link(num_pages) if number < num_pages else "",
    )

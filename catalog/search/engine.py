"""Running a search: matching, counting, ranking, one page of hits.

``search(query, user=...)`` is what the search page calls; ``matching(query,
kind, user=...)`` the ids of one kind that the list pages' keyword boxes
narrow to. Both see only what ``SearchDocument.objects.readable_by(user)``
lets the user read, inside its publication period.

The work is bounded whatever the query (ADR 0012):

- counting reads at most ``COUNT_LIMIT + 1`` matching rows (more: "1000+");
- ranking by relevance scores at most ``2 * CANDIDATES`` rows: the newest
  matches in the title or number and the newest matches anywhere, so an old
  title match still competes; the score (``score``) is computed in Python from
  the stored terms, the same on both databases;
- when the count read every match (no more than ``COUNT_LIMIT``), its rows give the
  newest-first order and, up to ``2 * CANDIDATES``, every match is scored;
- otherwise the newest-first order is the date index; pages stop at ``COUNT_LIMIT``.
"""

import dataclasses
import datetime
from collections import Counter

from django.utils import timezone

from catalog import reference
from catalog.models import DocumentKind, SearchDocument
from catalog.search import sources as registry
from catalog.search.backends import Matches
from catalog.search.text import Query, contains, highlight, snippet

COUNT_LIMIT = 1000
CANDIDATES = 200
PER_PAGE = 20


class Sort:
    RELEVANCE = "relevance"
    NEWEST = "newest"
    CHOICES = (RELEVANCE, NEWEST)


def documents(user, today=None):
    """The documents this user may find today."""
    today = today or timezone.localdate()
    return SearchDocument.objects.readable_by(user).visible_on(today)


def matching(query: Query, kind: str, *, user, today=None):
    """The ids (``object_id``) of one kind of record that match: a subquery for a
    list page's own filters and order."""
    return documents(user, today).filter(kind=kind).filter(Matches(query)).values("object_id")


# Ranking -------------------------------------------------------------------------

WEIGHTS = {
    "number": 12.0,  # every group in the document number (文号, code, decision number)
    "title": 8.0,  # every group in the title
    "title_part": 4.0,  # times the share of groups in the title, when not all are
    "phrase_title": 4.0,  # the whole query as one phrase, in the title
    "phrase": 2.0,  # the whole query as one phrase, anywhere else
    "current": 2.0,  # still valid, in force, collected
    "recency": 3.0,  # halved every RECENCY_HALF_LIFE days of age
}
RECENCY_HALF_LIFE = 365


def score(row, query: Query, *, phrase_anywhere: bool, today: datetime.date) -> float:
    groups = query.groups
    value = 0.0
    if all(contains(row["number_terms"], group) for group in groups):
        value += WEIGHTS["number"]
    in_title = sum(contains(row["title_terms"], group) for group in groups)
    if in_title == len(groups):
        value += WEIGHTS["title"]
    else:
        value += WEIGHTS["title_part"] * in_title / len(groups)
    phrase = query.phrase
    if phrase is not None:
        if contains(row["title_terms"], phrase):
            value += WEIGHTS["phrase_title"]
        elif phrase_anywhere:
            value += WEIGHTS["phrase"]
    if row["current"]:
        value += WEIGHTS["current"]
    age = max((today - row["date"]).days, 0)
    value += WEIGHTS["recency"] * 0.5 ** (age / RECENCY_HALF_LIFE)
    return value


SCORE_FIELDS = ("id", "date", "current", "title_terms", "number_terms")


def ranked_ids(matches, query: Query, today, known_ids=None) -> list[int]:
    """The ids of the candidates, best first.

    ``known_ids``: every matching id, when the count found them all and they are
    few enough to score; otherwise two pools of candidates are read, one query each.
    """
    if known_ids is not None:
        rows = list(SearchDocument.objects.filter(id__in=known_ids).values(*SCORE_FIELDS))
    else:
        newest = ("-date", "-id")
        by_id = {}
        for pool in (matches.filter(Matches(query, head=True)), matches):
            for row in pool.order_by(*newest).values(*SCORE_FIELDS)[:CANDIDATES]:
                by_id[row["id"]] = row
        rows = list(by_id.values())
    phrase_ids = set()
    if query.phrase is not None and rows:
        phrase_ids = set(
            SearchDocument.objects.filter(id__in=[row["id"] for row in rows])
            .filter(Matches(groups=[query.phrase]))
            .values_list("id", flat=True)
        )
    scored = [
        (
            score(row, query, phrase_anywhere=row["id"] in phrase_ids, today=today),
            row["date"],
            row["id"],
        )
        for row in rows
    ]
    scored.sort(reverse=True)
    return [row_id for _, _, row_id in scored]


# The page -----------------------------------------------------------------------


@dataclasses.dataclass
class Facet:
    value: str
    label: str
    count: int | None  # None: not counted (more matches than were read)
    selected: bool


@dataclasses.dataclass
class Hit:
    document: SearchDocument
    kind_label: str
    state_label: str
    title: str  # highlighted, safe
    snippet: str  # highlighted, safe
    agency_name: str


@dataclasses.dataclass
class Results:
    query: Query
    sort: str
    hits: list[Hit]
    total: int
    total_capped: bool  # more than COUNT_LIMIT matches: total is a lower bound
    kinds: list[Facet]
    agencies: list[Facet]
    page: int
    pages: int
    ranked_only: bool  # relevance lists only the best candidates, not every match

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.pages


def _facets(rows, kind, agency_id, capped=False):
    """Kind and agency facets of the matches read. When the read stopped at the limit,
    the counts are lower bounds of an arbitrary share of the matches, and every other
    kind and agency is listed too, with no count (``None``): any may hold matches."""
    kinds = Counter(k for k, a in rows if agency_id is None or a == agency_id)
    agencies = Counter(a for k, a in rows if not kind or k == kind)
    every_agency = reference.agencies()
    names = {agency.pk: agency.name for agency in every_agency}
    kind_facets = [
        Facet(value, label, kinds[value], value == kind)
        for value, label in DocumentKind.choices
        if kinds[value] or value == kind
    ]
    agency_facets = [
        Facet(str(pk), names.get(pk, ""), n, pk == agency_id) for pk, n in agencies.most_common()
    ]
    if capped:
        kind_facets += [
            Facet(value, label, None, False)
            for value, label in DocumentKind.choices
            if not kinds[value] and value != kind
        ]
        agency_facets += [
            Facet(str(agency.pk), agency.name, None, agency.pk == agency_id)
            for agency in every_agency
            if agency.pk not in agencies
        ]
    elif agency_id in names and agency_id not in agencies:  # the chosen one stays, with 0
        agency_facets.append(Facet(str(agency_id), names[agency_id], 0, True))
    return kind_facets, agency_facets


def _hit(document, query):
    source = registry.source(document.kind)
    return Hit(
        document=document,
        kind_label=DocumentKind(document.kind).label,
        state_label=source.state_label(document.state),
        title=highlight(document.title, query),
        snippet=snippet(document.text, query),
        agency_name=document.agency.name,
    )


def search(
    query: Query,
    *,
    user,
    kind: str = "",
    agency_id: int | None = None,
    sort: str = Sort.RELEVANCE,
    page: int = 1,
    per_page: int = PER_PAGE,
    today: datetime.date | None = None,
) -> Results:
    today = today or timezone.localdate()
    matches = documents(user, today).filter(Matches(query))
    # One bounded read of the matches gives the count, the facets and, when it found
    # them all, the newest-first order and the candidates: the query runs once.
    rows = list(matches.values_list("id", "kind", "agency_id", "date")[: COUNT_LIMIT + 1])
    capped = len(rows) > COUNT_LIMIT
    rows = rows[:COUNT_LIMIT]
    kinds, agencies = _facets([(k, a) for _, k, a, _ in rows], kind, agency_id, capped)

    narrowed = matches
    if kind:
        narrowed = narrowed.filter(kind=kind)
    if agency_id is not None:
        narrowed = narrowed.filter(agency_id=agency_id)
    chosen = [
        (date, pk)
        for pk, k, a, date in rows
        if (not kind or k == kind) and (agency_id is None or a == agency_id)
    ]
    total = len(chosen)

    ranked_only = False
    if sort == Sort.NEWEST:
        pages = max(1, -(-total // per_page))
        page = min(max(page, 1), pages)
        start = (page - 1) * per_page
        end = min(start + per_page, total)  # the list stops where the count did
        if capped:
            ids = list(narrowed.order_by("-date", "-id").values_list("id", flat=True)[start:end])
        else:
            ids = [pk for _, pk in sorted(chosen, reverse=True)[start:end]]
    else:
        known = [pk for _, pk in chosen] if not capped and total <= 2 * CANDIDATES else None
        ranked = ranked_ids(narrowed, query, today, known) if total else []
        ranked_only = len(ranked) < total or capped
        pages = max(1, -(-len(ranked) // per_page))
        page = min(max(page, 1), pages)
        start = (page - 1) * per_page
        ids = ranked[start : start + per_page]

    by_id = SearchDocument.objects.select_related("agency").in_bulk(ids)
    hits = [_hit(by_id[pk], query) for pk in ids if pk in by_id]
    return Results(
        query=query,
        sort=sort,
        hits=hits,
        total=total,
        total_capped=capped,
        kinds=kinds,
        agencies=agencies,
        page=page,
        pages=pages,
        ranked_only=ranked_only,
    )

"""Bulk catalogue entries for ``manage.py generate_bulk --entries N`` (the benchmark's large
case), and what the other apps' bulk generators share about agencies and staff.

Every app that contributes to ``generate_bulk`` has a ``bulk`` module like this one
(``requests_app/bulk.py``); the command discovers them, the catalogue never imports them:

- ``add_arguments(parser)`` adds the app's options (here ``--entries``);
- ``generate(run)`` gets a ``catalog.bulk_writer.BulkRun``; it plans, says what it
  writes (or, with ``--dry-run``, would write) and, unless it is a dry run, writes through
  ``run.writer`` inside the command's transaction.

The entries run on top of the demo (``manage.py load_demo``): its agencies, topics,
departments and staff. They are spread over the agencies (the province most, cities
fewer, counties fewest), the years 2015 to this year (more in recent years), the leaf
topics (Zipf-weighted) and the genres; ``catalog.bulk_entries`` makes each row.

Index numbers continue each agency's ``IndexCounter`` for the year of publication, in
order of publication. The counters are locked while the plan is made and moved past its
last numbers before any entry is written (the entries are then committed in groups,
``catalog.bulk_writer``), so the next real publication gets the next free number.
A counter has ``SEQUENCE_DIGITS`` digits: no agency gets more numbered entries in a year
than fit, the excess goes to agencies and years with room (and if the whole plan does
not fit, nothing is written).
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.management.base import CommandError
from django.db import transaction

from catalog.bulk_entries import ENTRY_FIELDS, EntryMaker, leaf_topics
from catalog.bulk_text import demo_vocabulary_ranked
from catalog.demo.departments import departments_for
from catalog.models import (
    Agency,
    AgencyLevel,
    CatalogEntry,
    Department,
    IndexCounter,
    StaffMembership,
    StaffRole,
)
from catalog.naming import document_prefix, place_name
from catalog.permissions import EDIT_ROLES, REVIEW_ROLES

FIRST_YEAR = 2015
# How much each level publishes, per agency.
LEVEL_WEIGHTS = {AgencyLevel.PROVINCE: 30.0, AgencyLevel.CITY: 4.5, AgencyLevel.COUNTY: 1.5}
# Each year publishes this much more than the one before (share of 2015's volume).
YEARLY_GROWTH = 0.12
# Drafts and entries in review: recent, without index numbers.
QUEUE_SHARE = 0.05
DRAFT_SHARE_OF_QUEUE = 0.6
# This year takes part once it has had this many days (its first working day has passed).
MIN_DAYS_OF_YEAR = 10
SEQUENCE_DIGITS = int(re.search(r"sequence:0(\d+)d", IndexCounter.FORMAT).group(1))
MAX_SEQUENCE = 10**SEQUENCE_DIGITS - 1


def add_arguments(parser) -> None:
    parser.add_argument(
        "--entries",
        type=int,
        default=0,
        metavar="N",
        help="How many catalogue entries to add (most published, some withdrawn, drafts "
        "and in review).",
    )


# --- what the generators of every app need to know about agencies ----------------------------


@dataclass
class AgencyInfo:
    """An agency as the generators use it: plain values, looked up once."""

    agency: Agency
    prefix: str
    place: str
    children: tuple[str, ...]
    departments: dict[str, int]  # demo department key -> pk
    department_ids: tuple[int, ...]
    staff: dict[str, int | None] = field(default_factory=dict)  # "editor" / "reviewer" -> user

    @property
    def pk(self) -> int:
        return self.agency.pk

    @property
    def level(self) -> str:
        return self.agency.level

    @property
    def weight(self) -> float:
        return LEVEL_WEIGHTS.get(self.agency.level, 1.0)


def load_agencies() -> list[AgencyInfo]:
    """Every agency in tree order (the same order on every database), with its
    departments; raises ``CommandError`` when there are none (run load_demo first)."""
    agencies = list(Agency.objects.order_by("level_rank", "sort_order", "slug"))
    if not agencies:
        raise CommandError(
            "There are no agencies. generate_bulk adds to the demo: run "
            "`manage.py load_demo` first."
        )
    by_pk = {a.pk: a for a in agencies}
    children = defaultdict(list)
    for agency in agencies:
        if agency.parent_id:
            children[agency.parent_id].append(agency.name)
    departments = defaultdict(dict)
    for agency_id, name, pk in agency_departments():
        departments[agency_id][name] = pk
    infos = []
    for agency in agencies:
        by_name = departments[agency.pk]
        keys = {spec.key: by_name.get(name) for spec, name in departments_for(agency.level)}
        infos.append(
            AgencyInfo(
                agency=agency,
                prefix=document_prefix(agency, by_pk.get(agency.parent_id)),
                place=place_name(agency) or agency.short_name or agency.name,
                children=tuple(children[agency.pk]),
                departments={k: v for k, v in keys.items() if v is not None},
                department_ids=tuple(by_name.values()),
            )
        )
    return infos


def agency_departments():
    rows = Department.objects.order_by("agency_id", "sort_order", "name")
    return rows.values_list("agency_id", "name", "pk")


def staff_by_agency(agencies: list[AgencyInfo], roles) -> dict[int, int | None]:
    """{agency pk: the user who acts for it in one of ``roles``}: a member of the agency
    itself, else of the nearest agency above it whose membership covers subordinates; the
    first by username. None where nobody does (the rows then name nobody)."""
    parents = {info.pk: info.agency.parent_id for info in agencies}
    direct, covering = {}, {}
    memberships = StaffMembership.objects.filter(role__in=roles, user__is_active=True)
    for agency_id, user_id, covers in memberships.order_by("user__username", "pk").values_list(
        "agency_id", "user_id", "covers_subordinates"
    ):
        direct.setdefault(agency_id, user_id)
        if covers:
            covering.setdefault(agency_id, user_id)
    found = {}
    for info in agencies:
        user = direct.get(info.pk)
        above = parents.get(info.pk)
        while user is None and above is not None:
            user = covering.get(above)
            above = parents.get(above)
        found[info.pk] = user
    return found


def editors_and_reviewers(agencies: list[AgencyInfo]) -> None:
    editors = staff_by_agency(agencies, [r for r in EDIT_ROLES if r != StaffRole.REVIEWER])
    reviewers = staff_by_agency(agencies, REVIEW_ROLES)
    for info in agencies:
        info.staff = {"editor": editors[info.pk], "reviewer": reviewers[info.pk]}


# --- the plan: how many entries of which agency in which year -----------------------------


@dataclass
class Cell:
    """The numbered entries of one agency in one year of publication."""

    agency: AgencyInfo
    year: int
    weight: float
    last_sequence: int = 0  # the counter before this run
    count: int = 0

    @property
    def spare(self) -> int:
        return MAX_SEQUENCE - self.last_sequence - self.count

    def number(self, offset: int) -> str:
        """The index number of the ``offset``-th entry (0 = first) of this cell."""
        return IndexCounter.FORMAT.format(
            code=self.agency.agency.credit_code,
            year=self.year,
            sequence=self.last_sequence + offset + 1,
        )


@dataclass
class EntryPlan:
    agencies: list[AgencyInfo]
    cells: list[Cell]
    queue: Counter  # agency pk -> drafts and entries in review
    total: int

    @property
    def numbered(self) -> int:
        return sum(cell.count for cell in self.cells)


def year_weights(today) -> dict[int, float]:
    """More each year; this year only as far as it has gone."""
    weights = {}
    for year in range(FIRST_YEAR, today.year + 1):
        weights[year] = 1 + YEARLY_GROWTH * (year - FIRST_YEAR)
    elapsed = today.timetuple().tm_yday - 1
    if elapsed < MIN_DAYS_OF_YEAR:
        del weights[today.year]
    else:
        weights[today.year] *= elapsed / 365
    return weights


def build_plan(rng, agencies, today, total: int, counters: dict) -> EntryPlan:
    queue_count = round(total * QUEUE_SHARE)
    years = year_weights(today)
    cells = [
        Cell(info, year, info.weight * weight, counters.get((info.pk, year), 0))
        for year, weight in years.items()
        for info in agencies
    ]
    picks = Counter(
        rng.choices(range(len(cells)), [c.weight for c in cells], k=total - queue_count)
    )
    for index, count in picks.items():
        cells[index].count = count
    spill_over(cells)
    queue = Counter(
        info.pk for info in rng.choices(agencies, [a.weight for a in agencies], k=queue_count)
    )
    return EntryPlan(agencies, [c for c in cells if c.count], queue, total)


def spill_over(cells: list[Cell]) -> None:
    """Move what does not fit into a cell's index sequence to the cells with most room."""
    excess = 0
    for cell in cells:
        if cell.spare < 0:
            excess -= cell.spare
            cell.count += cell.spare
    for cell in sorted(cells, key=lambda c: (-c.spare, c.year, c.agency.pk)):
        if excess <= 0:
            return
        moved = min(excess, cell.spare)
        cell.count += moved
        excess -= moved
    if excess > 0:
        raise CommandError(
            f"{excess:,} entries do not fit: an index number has {SEQUENCE_DIGITS} digits, "
            f"so an agency numbers at most {MAX_SEQUENCE:,} entries a year. Ask for fewer."
        )


def read_counters(agencies, lock: bool) -> dict:
    rows = IndexCounter.objects.filter(agency__in=[info.agency for info in agencies])
    if lock:
        rows = rows.select_for_update()
    return {(c.agency_id, c.year): c.last_sequence for c in rows}


def claim_counters(plan: EntryPlan) -> list[IndexCounter]:
    """Lock the counter of every cell of the plan, creating the missing ones, before any
    entry is written: a reviewer publishing meanwhile waits for the bulk load to end."""
    counters = []
    for cell in plan.cells:
        IndexCounter.objects.get_or_create(agency=cell.agency.agency, year=cell.year)
        counter = IndexCounter.objects.select_for_update().get(
            agency=cell.agency.agency, year=cell.year
        )
        if counter.last_sequence != cell.last_sequence:
            raise CommandError(f"The index counter {counter} moved while planning; run again.")
        counters.append(counter)
    return counters


def move_counters(plan: EntryPlan, counters: list[IndexCounter]) -> None:
    """Set every counter the plan used past its last number."""
    for cell, counter in zip(plan.cells, counters, strict=True):
        counter.last_sequence = cell.last_sequence + cell.count
    IndexCounter.objects.bulk_update(counters, ["last_sequence"])


def describe(run, plan: EntryPlan) -> None:
    would = "would add" if run.dry_run else "adding"
    years = sorted({cell.year for cell in plan.cells})
    span = f"{years[0]}-{years[-1]}" if years else "-"
    run.say(
        f"Catalogue entries: {would} {plan.total:,} ({plan.numbered:,} with index numbers, "
        f"{sum(plan.queue.values()):,} drafts and in review) over "
        f"{len({c.agency.pk for c in plan.cells})} agencies, publication years {span}."
    )
    by_agency = defaultdict(list)
    for cell in plan.cells:
        by_agency[cell.agency.pk].append(cell)
    for info in plan.agencies:
        cells = by_agency[info.pk]
        numbered = sum(c.count for c in cells)
        line = f"  {info.agency.slug:<20} {numbered:>9,} numbered, {plan.queue[info.pk]:>7,} queued"
        if cells:
            last = max(cells, key=lambda c: c.year)
            line += f"; {last.year}: {last.number(0)} to {last.number(last.count - 1)}"
        run.say(line, 2)


def generate(run) -> None:
    total = run.options.get("entries") or 0
    if total <= 0:
        return
    agencies = load_agencies()
    topics = leaf_topics()
    editors_and_reviewers(agencies)
    rng = run.rng("catalog")
    with transaction.atomic():
        counters = read_counters(agencies, lock=not run.dry_run)
        plan = build_plan(rng, agencies, run.today, total, counters)
        describe(run, plan)
        if run.dry_run:
            return
        # Every number of the plan is taken now; a reviewer publishing meanwhile gets the
        # next one after them.
        move_counters(plan, claim_counters(plan))
    maker = EntryMaker(rng, demo_vocabulary_ranked(), topics, run.now, FIRST_YEAR, total)
    progress = run.progress("Catalogue entries", total)
    for group in run.groups(run.batches(maker.rows(plan))):
        with transaction.atomic():
            for batch in group:
                progress.advance(run.writer.write(CatalogEntry, ENTRY_FIELDS, batch))
    progress.finish()
    run.summary.append(f"{total:,} catalogue entries")

"""The working-day calendar: which days count for the statutory periods.

A day is decided, in this order (ADR 0005):

1. a ``CalendarDay`` row for that date (staff override, with its notice);
2. the ``chinese_calendar`` package, for the years it knows (2004-2026 in
   1.11.0): its ``holidays`` and ``workdays`` dictionaries;
3. the weekend rule: Monday to Friday are working days.

A day decided by the weekend rule is *provisional* unless its year counts as
published: a year the package knows, or one with a holiday row that cites its
notice (``Override.publishes_year``, the one home of that rule). Pages show provisional dates
as such.

A ``Calendar`` answers for many days with one query per batch of years: build
one per computation and pass it along, never one query per day.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import chinese_calendar
from chinese_calendar.constants import holidays as STATUTORY_HOLIDAYS
from django.db import models
from django.utils.translation import gettext_lazy as _

ONE_DAY = datetime.timedelta(days=1)
# A count that walks this far without finding its working days is a broken
# calendar (every day marked a holiday), not a long deadline.
MAX_WALK_DAYS = 366 * 5

# The package's holiday names (English, in its dictionaries) as translated labels.
STATUTORY_NAMES = {
    "New Year's Day": _("New Year's Day"),
    "Spring Festival": _("Spring Festival"),
    "Tomb-sweeping Day": _("Tomb-sweeping Day"),
    "Labour Day": _("Labour Day"),
    "Dragon Boat Festival": _("Dragon Boat Festival"),
    "Mid-autumn Festival": _("Mid-autumn Festival"),
    "National Day": _("National Day"),
    "Anti-Fascist 70th Day": _("70th anniversary of the victory of the War of Resistance"),
}
WEEKEND = _("Weekend")


class DaySource(models.TextChoices):
    """What decided whether a day is a working day."""

    OVERRIDE = "override", _("calendar entry")
    STATUTORY = "statutory", _("State Council holiday notice")
    WEEKEND_RULE = "weekend rule", _("weekend rule")


def _package_years() -> range:
    years = [day.year for day in STATUTORY_HOLIDAYS]
    return range(min(years), max(years) + 1)


PACKAGE_YEARS = _package_years()


@dataclass(frozen=True)
class DayInfo:
    """Whether ``date`` is a working day, what decided it, and the day's name if it has one."""

    date: datetime.date
    is_workday: bool
    source: DaySource
    provisional: bool = False
    name: str = ""

    @property
    def is_weekend(self) -> bool:
        return self.date.weekday() >= 5

    @property
    def is_makeup_workday(self) -> bool:
        """A Saturday or Sunday worked in exchange for a holiday (调休上班)."""
        return self.is_workday and self.is_weekend

    @property
    def label(self):
        """What to call the day in an explanation: its name, or "Weekend"."""
        if self.name:
            return self.name
        return WEEKEND if self.is_weekend else ""


@dataclass(frozen=True)
class Override:
    """One ``CalendarDay`` row, as plain values."""

    date: datetime.date
    is_workday: bool
    name: str = ""
    notice: str = ""

    @property
    def publishes_year(self) -> bool:
        return not self.is_workday and bool(self.notice)


def load_overrides(first_year: int, last_year: int) -> list[Override]:
    """The ``CalendarDay`` rows of years ``first_year`` to ``last_year``, in one query."""
    from requests_app.models import CalendarDay, CalendarDayKind

    rows = CalendarDay.objects.in_years(first_year, last_year).values_list(
        "date", "kind", "name", "notice"
    )
    return [
        Override(date, kind == CalendarDayKind.WORKDAY, name, notice)
        for date, kind, name, notice in rows
    ]


def statutory_day_info(date: datetime.date) -> DayInfo:
    """The day as the package (or, beyond it, the weekend rule) has it, ignoring overrides."""
    if date.year not in PACKAGE_YEARS:
        return DayInfo(date, date.weekday() < 5, DaySource.WEEKEND_RULE, provisional=True)
    is_off, name = chinese_calendar.get_holiday_detail(date)
    label = STATUTORY_NAMES.get(name, name) if name else ""
    return DayInfo(date, not is_off, DaySource.STATUTORY, name=label)


@dataclass
class Calendar:
    """Day answers backed by overrides that are loaded a batch of years at a time.

    ``Calendar.around(date)`` preloads the year of ``date`` and the next one in
    one query, which covers every statutory period started that year; a walk
    that goes further loads each further year once. ``Calendar.fixed(...)``
    never queries (for tests and for previews of unsaved rows).
    """

    loader: Callable[[int, int], Iterable[Override]] = load_overrides
    overrides: dict[datetime.date, Override] = field(default_factory=dict)
    loaded_years: set[int] = field(default_factory=set)
    published_years: set[int] = field(default_factory=set)

    @classmethod
    def around(cls, first: datetime.date, last: datetime.date | None = None) -> "Calendar":
        calendar = cls()
        calendar.load(first.year, (last or first).year + (0 if last else 1))
        return calendar

    @classmethod
    def fixed(cls, overrides: Iterable[Override] = ()) -> "Calendar":
        calendar = cls(loader=lambda first, last: ())
        calendar.add(overrides)
        return calendar

    def add(self, overrides: Iterable[Override]) -> None:
        for override in overrides:
            self.overrides[override.date] = override
            if override.publishes_year:
                self.published_years.add(override.date.year)

    def load(self, first_year: int, last_year: int) -> None:
        missing = [y for y in range(first_year, last_year + 1) if y not in self.loaded_years]
        if missing:
            self.add(self.loader(min(missing), max(missing)))
            self.loaded_years.update(range(min(missing), max(missing) + 1))

    def is_year_known(self, year: int) -> bool:
        """Whether the holidays of ``year`` are official (package data or a published notice)."""
        self.load(year, year)
        return year in PACKAGE_YEARS or year in self.published_years

    def day_info(self, date: datetime.date) -> DayInfo:
        self.load(date.year, date.year)
        override = self.overrides.get(date)
        if override is not None:
            return DayInfo(date, override.is_workday, DaySource.OVERRIDE, name=override.name)
        info = statutory_day_info(date)
        if info.provisional and self.is_year_known(date.year):
            return DayInfo(date, info.is_workday, info.source)
        return info


def day_info(date: datetime.date, calendar: Calendar | None = None) -> DayInfo:
    """Whether ``date`` is a working day, and why."""
    return (calendar or Calendar.around(date, date)).day_info(date)


@dataclass(frozen=True)
class Count:
    """The result of counting working days forward from a start day (not counted)."""

    start: datetime.date
    end: datetime.date
    counted: tuple[DayInfo, ...]
    skipped: tuple[DayInfo, ...]
    paused: tuple[DayInfo, ...] = ()

    @property
    def provisional(self) -> bool:
        """Whether a day that decided the end was decided by the weekend rule alone."""
        return any(day.provisional for day in self.counted + self.skipped)


def _in_any(date: datetime.date, ranges) -> bool:
    return any(first <= date <= last for first, last in ranges)


def add_working_days(
    start: datetime.date,
    n: int,
    calendar: Calendar | None = None,
    *,
    pauses: Iterable[tuple[datetime.date, datetime.date]] = (),
) -> Count:
    """The ``n``-th working day after ``start`` (``start`` itself is not counted).

    Days inside a pause (``(first_day, last_day)``, both included) are not
    counted whatever they are; they are listed in ``Count.paused``. Non-working
    days are listed in ``Count.skipped``. ``n`` = 0 gives ``start`` itself.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    calendar = calendar or Calendar.around(start)
    ranges = [(first, last) for first, last in pauses]
    counted, skipped, paused = [], [], []
    day = start
    while len(counted) < n:
        day += ONE_DAY
        if (day - start).days > MAX_WALK_DAYS:
            raise RuntimeError(f"no {n} working days within {MAX_WALK_DAYS} days of {start}")
        info = calendar.day_info(day)
        if _in_any(day, ranges):
            paused.append(info)
        elif info.is_workday:
            counted.append(info)
        else:
            skipped.append(info)
    return Count(start, day, tuple(counted), tuple(skipped), tuple(paused))


def working_days_between(
    a: datetime.date, b: datetime.date, calendar: Calendar | None = None
) -> int:
    """Working days after ``a`` up to and including ``b``; negative when ``b`` is before ``a``.

    ``working_days_between(received_on, today)`` is the day of the clock
    today; ``working_days_between(due_on, today)`` > 0 says by how many
    working days a reply is late.
    """
    if b < a:
        return -working_days_between(b, a, calendar)
    calendar = calendar or Calendar.around(a, b)
    calendar.load(a.year, b.year)
    days = (a + ONE_DAY * i for i in range(1, (b - a).days + 1))
    return sum(1 for day in days if calendar.day_info(day).is_workday)

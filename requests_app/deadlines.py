"""The legal clock of disclosure on request: when a reply, and each step before it, is due.

Pure functions over plain values; the request workflow stores their answers.
The periods are those of ``catalog.statutes``; the working days come from
``requests_app.workdays`` (ADR 0005). Every period follows the general rule
for periods (Civil Code Art. 201): the day it starts from is not counted, day
1 is the first working day after it.

- Reply (Art. 33): the 20th working day after receipt, plus one extension of
  at most 20 working days (the caller passes the extension's length: the
  workflow allows one extension, so the total is that one).
- Correction (Art. 30): the notice asking for it goes out within 7 working
  days of receipt; the reply clock restarts from the receipt of the completed
  application: ``restart_after_correction(corrected_received_on)``.
- Pauses: consulting a third party (Art. 32) or another agency (Art. 33), and
  the time from a fee notice to payment (国办函〔2020〕109号), do not count:
  pass them as ``pauses``, each from its first to its last day, both included.
- Receipt (Art. 31): ``receipt_date(channel, ...)``.
"""

import datetime
import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from catalog.statutes import (
    CORRECTION_NOTICE_WORKING_DAYS,
    EXTENSION_MAX_WORKING_DAYS,
    FEE_PAYMENT_WORKING_DAYS,
    REPLY_WORKING_DAYS,
    THIRD_PARTY_WORKING_DAYS,
)
from requests_app.models import Channel, PauseReason
from requests_app.workdays import Calendar, DayInfo, add_working_days

# The queue and the staff reminders flag what is due within this many working
# days (a convention of the portal, not a statutory period).
DUE_SOON_WORKING_DAYS = 3


class ExtensionError(ValueError):
    """An extension longer than the law allows (Art. 33), or a negative one."""


# What each period is counted from, as the first line of its explanation says.
START_EVENTS = {
    "reply": _("receipt of the application"),
    "restart": _("receipt of the corrected application (Art. 30)"),
    "correction_notice": _("receipt of the application"),
    "third_party_reply": _("the request for the third party's opinion (Art. 32)"),
    "fee_payment": _("receipt of the fee notice (国办函〔2020〕109号)"),
}


@dataclass(frozen=True)
class Pause:
    """Days on which the clock stands still, ``first_day`` to ``last_day`` inclusive."""

    first_day: datetime.date
    last_day: datetime.date
    reason: str = ""

    def __post_init__(self):
        if self.last_day < self.first_day:
            raise ValueError(f"pause ends ({self.last_day}) before it starts ({self.first_day})")

    @property
    def reason_label(self):
        if self.reason in PauseReason.values:
            return PauseReason(self.reason).label
        return self.reason or gettext("pause")


def _as_pauses(pauses: Iterable) -> tuple[Pause, ...]:
    """``Pause`` objects, or ``(first_day, last_day[, reason])`` tuples, as pauses."""
    return tuple(p if isinstance(p, Pause) else Pause(*p) for p in pauses)


@dataclass(frozen=True)
class DueDate:
    """A due date that can explain itself.

    ``counted`` are the working days counted, ``skipped`` the non-working
    days passed over (weekends, holidays), ``paused`` the days inside a
    pause. ``provisional`` is true when any counted or skipped day was decided
    by the weekend rule alone, for a year whose holidays are not published.
    """

    period: str
    start: datetime.date
    due_on: datetime.date
    working_days: int
    counted: tuple[DayInfo, ...]
    skipped: tuple[DayInfo, ...]
    paused: tuple[DayInfo, ...] = ()
    pauses: tuple[Pause, ...] = ()
    extension_days: int = 0

    @property
    def provisional(self) -> bool:
        return any(day.provisional for day in self.counted + self.skipped)

    @property
    def provisional_years(self) -> list[int]:
        return sorted({day.date.year for day in self.counted + self.skipped if day.provisional})

    @property
    def makeup_workdays(self) -> tuple[DayInfo, ...]:
        """Counted Saturdays and Sundays (调休上班)."""
        return tuple(day for day in self.counted if day.is_makeup_workday)

    def runs(self) -> list[tuple[str, str, list[datetime.date]]]:
        """The days from the start to the due date as runs: ``(kind, label, dates)``.

        ``kind`` is "counted", "makeup", "skipped" or "paused"; a run is a
        stretch of consecutive days of one kind and one label (a holiday's
        name, "Weekend", the reason of a pause).
        """
        days = [("counted", "", d) for d in self.counted if not d.is_makeup_workday]
        days += [("makeup", str(d.name), d) for d in self.makeup_workdays]
        days += [("skipped", str(d.label), d) for d in self.skipped]
        days += [("paused", str(self._pause_label(d.date)), d) for d in self.paused]
        days.sort(key=lambda item: item[2].date)
        runs = []
        for (kind, label), group in itertools.groupby(days, key=lambda item: item[:2]):
            runs.append((kind, label, [item[2].date for item in group]))
        return runs

    def _pause_label(self, date):
        for pause in self.pauses:
            if pause.first_day <= date <= pause.last_day:
                return pause.reason_label
        return gettext("pause")

    def explain(self) -> list[str]:
        """Human-readable lines for a page, in the active language."""
        lines = [
            gettext("Counted from %(date)s, %(event)s; that day itself is not counted.")
            % {"date": _date(self.start), "event": START_EVENTS[self.period]},
            gettext("Due on %(date)s, working day %(count)s after it.")
            % {"date": _date(self.due_on), "count": self.working_days},
        ]
        if self.extension_days:
            lines.append(
                ngettext(
                    "This includes an extension of %(days)s working day (Art. 33).",
                    "This includes an extension of %(days)s working days (Art. 33).",
                    self.extension_days,
                )
                % {"days": self.extension_days}
            )
        lines += [_run_line(kind, label, dates) for kind, label, dates in self.runs()]
        if self.provisional:
            lines.append(
                gettext(
                    "Provisional: the holidays of %(years)s are not published yet, so only "
                    "weekends were taken as days off. The date is recomputed when the "
                    "calendar is updated."
                )
                % {"years": ", ".join(str(y) for y in self.provisional_years)}
            )
        return lines


def _date(date: datetime.date) -> str:
    return formats.date_format(date, "DATE_FORMAT")


def _span(dates: list[datetime.date]) -> str:
    if len(dates) == 1:
        return _date(dates[0])
    return gettext("%(first)s to %(last)s") % {
        "first": _date(dates[0]),
        "last": _date(dates[-1]),
    }


def _run_line(kind: str, label: str, dates: list[datetime.date]) -> str:
    values = {"span": _span(dates), "count": len(dates), "label": label}
    if kind == "counted":
        text = ngettext(
            "%(span)s: %(count)s working day, counted",
            "%(span)s: %(count)s working days, counted",
            len(dates),
        )
    elif kind == "makeup":
        text = gettext("%(span)s: make-up workday (%(label)s), counted")
    elif kind == "skipped":
        text = gettext("%(span)s: %(label)s, not counted")
    else:
        text = gettext("%(span)s: clock stopped (%(label)s), not counted")
    return text % values


def _due(period, start, working_days, *, pauses=(), calendar=None, extension_days=0):
    pauses = _as_pauses(pauses)
    count = add_working_days(
        start,
        working_days,
        calendar or Calendar.around(start),
        pauses=[(p.first_day, p.last_day) for p in pauses],
    )
    return DueDate(
        period=period,
        start=start,
        due_on=count.end,
        working_days=working_days,
        counted=count.counted,
        skipped=count.skipped,
        paused=count.paused,
        pauses=pauses,
        extension_days=extension_days,
    )


def check_extension(extension_days: int) -> None:
    """Refuse an extension the law does not allow (Art. 33: one, of at most 20 working days)."""
    if extension_days < 0:
        raise ExtensionError(gettext("An extension cannot be negative."))
    if extension_days > EXTENSION_MAX_WORKING_DAYS:
        raise ExtensionError(
            gettext(
                "An extension may add at most %(max)s working days (Art. 33); "
                "%(days)s were asked for."
            )
            % {"max": EXTENSION_MAX_WORKING_DAYS, "days": extension_days}
        )


def reply_due(
    received_on: datetime.date,
    *,
    pauses: Iterable = (),
    extension_days: int = 0,
    calendar: Calendar | None = None,
) -> DueDate:
    """The reply deadline (Art. 33): the 20th working day after receipt, receipt day not counted.

    ``pauses`` (third-party or other-agency consultation, fee notice to
    payment) are not counted; ``extension_days`` adds the one extension.
    """
    return _reply("reply", received_on, pauses, extension_days, calendar)


def restart_after_correction(
    corrected_received_on: datetime.date,
    *,
    pauses: Iterable = (),
    extension_days: int = 0,
    calendar: Calendar | None = None,
) -> DueDate:
    """The reply deadline after a correction (Art. 30): counted afresh from the completed
    application's receipt; nothing of the first round carries over."""
    return _reply("restart", corrected_received_on, pauses, extension_days, calendar)


def _reply(period, start, pauses, extension_days, calendar) -> DueDate:
    check_extension(extension_days)
    return _due(
        period,
        start,
        REPLY_WORKING_DAYS + extension_days,
        pauses=pauses,
        calendar=calendar,
        extension_days=extension_days,
    )


def correction_notice_due(received_on: datetime.date, calendar: Calendar | None = None):
    """The last day to ask for a correction (Art. 30): 7 working days after receipt."""
    return _due("correction_notice", received_on, CORRECTION_NOTICE_WORKING_DAYS, calendar=calendar)


def third_party_reply_due(asked_on: datetime.date, calendar: Calendar | None = None):
    """The last day for a consulted third party's opinion (Art. 32): 15 working days."""
    return _due("third_party_reply", asked_on, THIRD_PARTY_WORKING_DAYS, calendar=calendar)


def fee_payment_due(notice_received_on: datetime.date, calendar: Calendar | None = None):
    """The last day to pay a processing fee (国办函〔2020〕109号): 20 working days
    from the day after the applicant received the notice."""
    return _due("fee_payment", notice_received_on, FEE_PAYMENT_WORKING_DAYS, calendar=calendar)


# Art. 31: which day is the receipt date, per channel: (keyword of receipt_date, rule).
RECEIPT_RULES = {
    Channel.IN_PERSON: ("handed_in_on", _("the day the application is handed in")),
    Channel.POST: ("signed_for_on", _("the day the agency signs for the letter")),
    Channel.ONLINE: ("confirmed_on", _("the day both sides confirm the online application")),
    Channel.FAX: ("confirmed_on", _("the day both sides confirm the fax")),
    Channel.EMAIL: (
        "mail_received_on",
        _("the day the agency's mail system receives the e-mail"),
    ),
}


def receipt_date(
    channel: str,
    *,
    handed_in_on=None,
    signed_for_on=None,
    confirmed_on=None,
    mail_received_on=None,
) -> datetime.date:
    """The legal receipt date of an application (Art. 31), from the event its channel names.

    Each keyword takes a date or a datetime (an aware one is read in China
    time). Keywords of other channels are ignored; the one the channel needs
    must be given.
    """
    events = {
        "handed_in_on": handed_in_on,
        "signed_for_on": signed_for_on,
        "confirmed_on": confirmed_on,
        "mail_received_on": mail_received_on,
    }
    keyword, rule = RECEIPT_RULES[Channel(channel)]
    value = events[keyword]
    if value is None:
        raise ValueError(
            gettext("%(channel)s: the receipt date is %(rule)s, and that date was not given.")
            % {"channel": Channel(channel).label, "rule": rule}
        )
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value

"""One bulk application's workflow, in memory: the fields, pauses and timeline.

``Case`` keeps the fields of an ``InformationRequest`` that the workflow sets, its pauses
and its events, and has one method per workflow step that changes them exactly as the
function of ``requests_app.workflow`` of the same name does (state, dates of the clock,
outcome, event kind and data), without the database. ``requests_app.bulk_stories``
decides which steps happen when.

Due dates come from ``FastCalendar``: the project's calendar
(``requests_app.workdays.Calendar``: overrides, the State Council calendar, the weekend
rule) asked once for every day of the years involved, so counting a deadline is an index
lookup instead of a walk; the reply period, the extension and the pauses are those of
``requests_app.deadlines`` and ``catalog.statutes``.
"""

import bisect
import datetime
from dataclasses import dataclass

from catalog.statutes import FEE_PAYMENT_WORKING_DAYS, REPLY_WORKING_DAYS, THIRD_PARTY_WORKING_DAYS
from requests_app import fees
from requests_app.demo import scenarios as demo_scenarios
from requests_app.models import Channel, EventKind, FeeMethod, PauseReason, RequestStatus
from requests_app.outcomes import Outcome, outcome_of
from requests_app.workdays import Calendar

ONE_DAY = datetime.timedelta(days=1)
REPEAT_TEXT = (
    "经审查，您本次提出的政府信息公开申请与本机关已经答复的申请内容相同。根据《中华人民共和国"
    "政府信息公开条例》第三十六条第（六）项的规定，本机关不再重复处理。"
)


class FastCalendar:
    """The working days from ``first`` to ``last`` as the project's calendar decides
    them, looked up once."""

    def __init__(self, first: datetime.date, last: datetime.date):
        calendar = Calendar.around(first, last)
        self.days = []
        day = first
        while day <= last:
            if calendar.day_info(day).is_workday:
                self.days.append(day)
            day += ONE_DAY
        self.unknown_years = frozenset(
            year for year in range(first.year, last.year + 1) if not calendar.is_year_known(year)
        )

    def is_workday(self, day: datetime.date) -> bool:
        i = bisect.bisect_left(self.days, day)
        return i < len(self.days) and self.days[i] == day

    def add(self, start: datetime.date, n: int, pauses=()) -> datetime.date:
        """The ``n``-th working day after ``start``, days inside ``pauses`` (``(first,
        last)`` pairs, both included) not counted: ``workdays.add_working_days``."""
        i = bisect.bisect_right(self.days, start)
        if n <= 0:
            return start
        if not pauses:
            return self.days[i + n - 1]
        counted = 0
        while True:
            day = self.days[i]
            if not any(first <= day <= last for first, last in pauses):
                counted += 1
                if counted == n:
                    return day
            i += 1

    def on_or_after(self, day: datetime.date) -> datetime.date:
        return self.days[bisect.bisect_left(self.days, day)]

    def count_between(self, first: datetime.date, last: datetime.date) -> int:
        """Working days after ``first`` up to and including ``last``."""
        return max(0, bisect.bisect_right(self.days, last) - bisect.bisect_right(self.days, first))

    def provisional(self, start: datetime.date, end: datetime.date) -> bool:
        """Whether a day counted from ``start`` to ``end`` lies in a year whose holidays
        are not published (``DueDate.provisional``)."""
        return any(
            year in self.unknown_years for year in range((start + ONE_DAY).year, end.year + 1)
        )


@dataclass
class Pause:
    reason: str
    first_day: datetime.date
    last_day: datetime.date | None = None
    note: str = ""


class Case:
    """One application's workflow fields, pauses and events, changed step by step as the
    workflow changes them. ``now``: steps after it do not happen (``happens``)."""

    def __init__(self, clock: FastCalendar, now: datetime.datetime, officer: int | None):
        self.clock = clock
        self.now = now
        self.officer = officer
        self.stopped = False
        self.last_at = None
        self.fields = {
            "status": RequestStatus.SUBMITTED, "received_on": None, "clock_start_on": None,
            "due_on": None, "due_provisional": False, "correction_requested_on": None,
            "correction_items": "", "correction_due_on": None, "corrected_on": None,
            "extension_days": 0, "extension_reason": "", "extension_approved_by": "",
            "fee_method": "", "fee_amount": None, "fee_basis_count": None, "fee_notice_on": None,
            "fee_due_on": None, "fee_paid_on": None, "answer": "", "outcome": "", "reply_text": "",
            "replied_on": None, "replied_by_id": None, "closed_on": None, "delivered_on": None,
            "repeat_of_id": None, "department_id": None, "officer_id": None,
        }  # fmt: skip
        self.pauses: list[Pause] = []
        self.events: list[tuple] = []  # (kind, at, actor, public, message, note, data)

    def __getitem__(self, name):
        return self.fields[name]

    def happens(self, at: datetime.datetime) -> bool:
        """Whether a step at ``at`` has happened by now; once one has not, none after it."""
        self.stopped = self.stopped or at > self.now
        return not self.stopped

    def record(self, kind, at, *, actor=None, public=True, message="", note="", data=None):
        self.events.append((kind, at, actor, public, message, note, data or {}))
        self.last_at = at

    # --- the clock (``workflow.base``) -------------------------------------------------

    def refresh_due(self) -> None:
        """``workflow.base.due_date``: None before receipt, while waiting for a correction
        and during a pause; else 20 working days (plus the extension) from the clock's
        start, the days of its finished pauses not counted."""
        f = self.fields
        start = f["clock_start_on"]
        waiting = f["status"] in (RequestStatus.SUBMITTED, RequestStatus.CORRECTION)
        if start is None or waiting or any(p.last_day is None for p in self.pauses):
            f["due_on"], f["due_provisional"] = None, False
            return
        pauses = [(p.first_day, p.last_day) for p in self.pauses if p.first_day >= start]
        due = self.clock.add(start, REPLY_WORKING_DAYS + f["extension_days"], pauses)
        f["due_on"], f["due_provisional"] = due, self.clock.provisional(start, due)

    def start_clock(self, received_on) -> None:
        self.fields.update(
            status=RequestStatus.RECEIVED, received_on=received_on, clock_start_on=received_on
        )
        self.refresh_due()

    def open_pause(self, reason, on, note="") -> None:
        first_day = max(on, self.fields["clock_start_on"] + ONE_DAY)
        self.pauses.append(Pause(reason, first_day, None, note))

    def close_pause(self, on) -> None:
        running = [p for p in self.pauses if p.last_day is None]
        if not running:
            return
        if on < running[0].first_day:
            self.pauses.remove(running[0])
        else:
            running[0].last_day = on

    def close(self, outcome: Outcome, on, answer=None) -> None:
        self.fields.update(
            status=RequestStatus.CLOSED,
            outcome=outcome.value,
            answer=outcome.value if answer is None else answer,
            closed_on=on,
        )
        self.close_pause(on)

    # --- receipt (``workflow.receipt``, ``intake``) -------------------------------------

    def submit_online(self, at) -> None:
        self.record(EventKind.SUBMITTED, at, data={"channel": Channel.ONLINE.value})

    def register_offline(self, channel, event_on, at) -> None:
        if channel != Channel.FAX:
            self.start_clock(event_on)
        data = {"channel": channel, "event_on": event_on.isoformat()}
        self.record(EventKind.REGISTERED_OFFLINE, at, actor=self.officer, data=data)

    def confirm_receipt(self, on, at, auto_on) -> None:
        received = min(on, auto_on) if auto_on else on
        self.start_clock(received)
        data = {"received_on": received.isoformat()}
        self.record(EventKind.RECEIVED, at, actor=self.officer, data=data)

    def auto_confirm(self, received_on, at) -> None:
        self.start_clock(received_on)
        self.record(EventKind.AUTO_RECEIVED, at, data={"received_on": received_on.isoformat()})

    def assign(self, at, department) -> None:
        self.fields.update(department_id=department, officer_id=self.officer)
        data = {"department": department, "officer": self.officer}
        self.record(EventKind.ASSIGNED, at, actor=self.officer, public=False, data=data)

    # --- correction (``workflow.correction``) ---------------------------------------------

    def request_correction(self, on, at, due_on) -> None:
        items = demo_scenarios.CORRECTION_ITEMS
        self.fields.update(
            status=RequestStatus.CORRECTION,
            correction_requested_on=on,
            correction_items=items,
            correction_due_on=due_on,
        )
        self.refresh_due()
        data = {"requested_on": on.isoformat(), "due_on": due_on.isoformat()}
        self.record(
            EventKind.CORRECTION_REQUESTED, at, actor=self.officer, message=items, data=data
        )

    def receive_correction(self, on, at) -> None:
        self.fields.update(status=RequestStatus.RECEIVED, corrected_on=on, clock_start_on=on)
        self.refresh_due()
        data = {"received_on": on.isoformat(), "late": on > self["correction_due_on"]}
        self.record(EventKind.CORRECTION_RECEIVED, at, actor=self.officer, data=data)

    def close_uncorrected(self, at) -> None:
        due_on = self["correction_due_on"]
        self.close(Outcome.OTHER_NO_CORRECTION, due_on + ONE_DAY)
        data = {"correction_due_on": due_on.isoformat()}
        self.record(EventKind.CLOSED_NO_CORRECTION, at, data=data)

    # --- consultation, extension (``workflow.handling``) -----------------------------------

    def start_consultation(self, on, at, reason) -> None:
        third_party = reason == PauseReason.THIRD_PARTY
        note = demo_scenarios.THIRD_PARTY_NOTE if third_party else demo_scenarios.OTHER_AGENCY_NOTE
        self.open_pause(reason, on, note)
        self.fields["status"] = RequestStatus.CONSULTING
        self.refresh_due()
        data = {"reason": str(reason), "asked_on": on.isoformat()}
        if third_party:
            data["answer_due_on"] = self.clock.add(on, THIRD_PARTY_WORKING_DAYS).isoformat()
        self.record(EventKind.CONSULTATION_STARTED, at, actor=self.officer, note=note, data=data)

    def end_consultation(self, on, at, reason) -> None:
        third_party = reason == PauseReason.THIRD_PARTY
        answered = demo_scenarios.THIRD_PARTY_ANSWER if third_party else None
        note = answered or demo_scenarios.OTHER_AGENCY_ANSWER
        self.close_pause(on)
        self.fields["status"] = RequestStatus.RECEIVED
        self.refresh_due()
        data = {"ended_on": on.isoformat()}
        self.record(EventKind.CONSULTATION_ENDED, at, actor=self.officer, note=note, data=data)

    def extend(self, on, at, days, approved_by) -> None:
        reason = demo_scenarios.EXTENSION_REASON
        self.fields.update(
            extension_days=days, extension_reason=reason, extension_approved_by=approved_by
        )
        self.refresh_due()
        data = {
            "on": on.isoformat(),
            "days": days,
            "approved_by": approved_by,
            "due_on": self["due_on"].isoformat(),
        }
        self.record(EventKind.EXTENDED, at, actor=self.officer, message=reason, data=data)

    # --- fees (``workflow.charging``) -------------------------------------------------------

    def issue_fee_notice(self, on, at, pages) -> None:
        amount = fees.per_volume_fee(pages).quantize(fees.YUAN)
        due_on = self.clock.add(on, FEE_PAYMENT_WORKING_DAYS)
        self.fields.update(
            fee_method=FeeMethod.PER_VOLUME.value,
            fee_amount=amount,
            fee_basis_count=pages,
            fee_notice_on=on,
            fee_due_on=due_on,
            status=RequestStatus.FEE_PENDING,
        )
        self.open_pause(PauseReason.FEE, on)
        self.refresh_due()
        data = {
            "method": FeeMethod.PER_VOLUME.value,
            "amount": str(amount),
            "basis_count": pages,
            "due_on": due_on.isoformat(),
        }
        self.record(EventKind.FEE_NOTICE, at, actor=self.officer, data=data)

    def record_payment(self, on, at) -> None:
        self.close_pause(on)
        self.fields.update(fee_paid_on=on, status=RequestStatus.RECEIVED)
        self.refresh_due()
        self.record(EventKind.FEE_PAID, at, actor=self.officer, data={"paid_on": on.isoformat()})

    def close_unpaid(self, at) -> None:
        due_on = self["fee_due_on"]
        self.close(Outcome.OTHER_FEE_UNPAID, due_on + ONE_DAY)
        self.record(EventKind.CLOSED_FEE_UNPAID, at, data={"fee_due_on": due_on.isoformat()})

    # --- the answer (``workflow.answer``) ---------------------------------------------------

    def reply(self, on, at, answer, text) -> None:
        late = self["due_on"] is not None and on > self["due_on"]
        self.close(outcome_of(answer), on, answer=answer)
        self.fields.update(reply_text=text, replied_on=on, replied_by_id=self.officer)
        data = {"answer": str(answer), "outcome": self["outcome"], "late": late}
        self.record(EventKind.REPLIED, at, actor=self.officer, data=data)

    def mark_repeat(self, on, at, earlier) -> None:
        """``earlier``: (pk, tracking number) of the answered application repeated, or None."""
        self.close(Outcome.NOT_HANDLED_REPEAT, on)
        self.fields.update(
            repeat_of_id=earlier[0] if earlier else None,
            reply_text=REPEAT_TEXT,
            replied_on=on,
            replied_by_id=self.officer,
        )
        message = f"Already answered under application {earlier[1]}." if earlier else ""
        data = {"earlier": earlier[1]} if earlier else {}
        self.record(EventKind.MARKED_REPEAT, at, actor=self.officer, message=message, data=data)

    def withdraw(self, on, at, reason) -> None:
        if self["received_on"] is None:
            self.fields["received_on"] = on
        self.close(Outcome.OTHER_OTHER, on, answer="")
        self.record(EventKind.WITHDRAWN, at, actor=self.officer, note=reason)

    def record_delivery(self, on, at) -> None:
        self.fields["delivered_on"] = on
        self.record(EventKind.DELIVERED, at, actor=self.officer, data={"on": on.isoformat()})

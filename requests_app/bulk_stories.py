"""How one bulk application goes: ``Player.play`` draws a story (receipt, assignment, a
correction, a consultation, a fee, an extension, the answer and its delivery) and plays it
on a ``requests_app.bulk_case.Case`` step by step, each step on a working day and at a
time after the one before. A step that would happen after "now" does not, nor does
anything after it, so recent applications stay open in whatever state that leaves them
(some of them overdue).
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from catalog.statutes import CORRECTION_NOTICE_WORKING_DAYS
from requests_app.bulk_case import ONE_DAY, Case, FastCalendar
from requests_app.demo import scenarios as demo_scenarios
from requests_app.models import Channel, Delivery, PauseReason, RequestStatus
from requests_app.outcomes import Outcome

WITHDRAWN = "withdrawn"  # a story's ending that is not an answer: the applicant withdraws

# How often a story has each complication (the answers that need one always have it).
AUTO_RECEIPT_SHARE = 0.15
ASSIGN_SHARE = 0.9
CORRECTION_SHARE = 0.05
CONSULT_SHARE = 0.05
FEE_SHARE = 0.015
EXTEND_SHARE = 0.07
LATE_SHARE = 0.05
# Of the applications of the last RECENT_DAYS, this share is answered very late (the slow
# answers inspections find): some of them are open and overdue today.
NEGLECTED_SHARE = 0.2
RECENT_DAYS = 120
NEGLECTED_WORKING_DAYS = (15, 60)
ON_THE_SPOT_SHARE = 0.05
DELIVERY_SHARE = 0.9


@dataclass
class Story:
    """How one application goes; ``play`` turns it into steps."""

    channel: str
    delivery: str
    submitted_at: datetime.datetime
    answer: str  # an answer (``outcomes.answer_choices``), or WITHDRAWN
    reply_text: str = ""
    department: int | None = None
    earlier: tuple | None = None  # for a repeat: (pk, tracking number, replied on)


class Player:
    """Plays stories on ``Case`` objects with one random stream and one calendar."""

    def __init__(self, rng, clock: FastCalendar, now: datetime.datetime):
        self.rng = rng
        self.clock = clock
        self.now = now
        self.tz = timezone.get_default_timezone()

    def between(self, low: int, high: int) -> int:
        return low + int(self.rng.random() * (high - low + 1))

    def chance(self, share: float) -> bool:
        return self.rng.random() < share

    def moment(self, case: Case, on: datetime.date, *, cron: bool = False) -> datetime.datetime:
        """A time on ``on`` after the case's last event: office hours for staff, early in the
        morning for the daily clock (``run_request_clock``)."""
        if cron:
            minutes = 5 + self.between(0, 25)
        elif case.last_at is not None and timezone.localdate(case.last_at, self.tz) == on:
            at = case.last_at + datetime.timedelta(minutes=self.between(5, 50))
            return at
        else:
            minutes = self.between(8 * 60 + 35, 16 * 60 + 50)
        at = datetime.datetime.combine(on, datetime.time(minutes // 60, minutes % 60), self.tz)
        if case.last_at is not None and at <= case.last_at:
            at = case.last_at + datetime.timedelta(minutes=1)
        return at

    def last_on(self, case: Case) -> datetime.date:
        return timezone.localdate(case.last_at, self.tz)

    def later(self, case: Case, low: int, high: int) -> datetime.date:
        return self.clock.add(self.last_on(case), self.between(low, high))

    # --- the story ------------------------------------------------------------------------

    def play(self, case: Case, story: Story) -> None:
        self.receipt(case, story)
        if case.stopped or case["status"] == RequestStatus.SUBMITTED:
            return
        if self.chance(ASSIGN_SHARE):
            on = max(case["received_on"], self.last_on(case))
            at = self.moment(case, on)
            if case.happens(at):
                case.assign(at, story.department)
        self.handle(case, story)

    def receipt(self, case: Case, story: Story) -> None:
        submitted_at = story.submitted_at
        submitted_on = timezone.localdate(submitted_at, self.tz)
        if story.channel != Channel.ONLINE:
            case.register_offline(story.channel, submitted_on, submitted_at)
            if story.channel != Channel.FAX:
                return
        else:
            case.submit_online(submitted_at)
        auto_on = self.clock.add(submitted_on, 1)
        if story.channel == Channel.ONLINE and self.chance(AUTO_RECEIPT_SHARE):
            at = self.moment(case, auto_on, cron=True)
            if case.happens(at):
                case.auto_confirm(auto_on, at)
            return
        same_day = (
            self.clock.is_workday(submitted_on) and submitted_at.astimezone(self.tz).hour < 15
        )
        on = submitted_on if same_day and self.chance(0.6) else auto_on
        at = self.moment(case, on)
        if case.happens(at):
            case.confirm_receipt(on, at, auto_on if story.channel == Channel.ONLINE else None)

    def handle(self, case: Case, story: Story) -> None:
        answer = story.answer
        if answer == WITHDRAWN:
            self.step(case, self.later(case, 1, 10), case.withdraw, self.withdrawal_reason())
            return
        if answer == Outcome.OTHER_NO_CORRECTION or answer == Outcome.UNAVAILABLE_STILL_UNCLEAR:
            self.correction(case, answered=answer != Outcome.OTHER_NO_CORRECTION)
        elif self.chance(CORRECTION_SHARE):
            self.correction(case, answered=True)
        if answer == Outcome.OTHER_FEE_UNPAID:
            self.fee(case, paid=False)
        elif self.chance(FEE_SHARE):
            self.fee(case, paid=True)
        if answer == Outcome.WITHHELD_THIRD_PARTY or self.chance(CONSULT_SHARE):
            self.consultation(case, answer)
        if self.chance(EXTEND_SHARE):
            self.extension(case)
        if answer == Outcome.NOT_HANDLED_REPEAT:
            self.repeat(case, story)
        else:
            self.answer(case, story)

    def step(self, case: Case, on, action, *args, cron=False) -> bool:
        """Do ``action(on, at, *args)`` if it has happened by now; whether it has (and the
        case is still open)."""
        if case.stopped or case["status"] == RequestStatus.CLOSED:
            return False
        at = self.moment(case, on, cron=cron)
        if not case.happens(at):
            return False
        action(on, at, *args)
        return case["status"] != RequestStatus.CLOSED

    def withdrawal_reason(self) -> str:
        return self.rng.choice(demo_scenarios.WITHDRAWAL_REASONS)

    def correction(self, case: Case, *, answered: bool) -> None:
        if case.stopped or case["status"] != RequestStatus.RECEIVED:
            return
        on = self.clock.add(case["received_on"], self.between(1, CORRECTION_NOTICE_WORKING_DAYS))
        on = max(on, self.last_on(case))
        due_on = self.clock.add(on, 15)
        if not self.step(case, on, case.request_correction, due_on):
            return
        if answered:
            back = min(self.clock.add(on, self.between(2, 12)), due_on)
            self.step(case, back, case.receive_correction)
        else:
            at = self.moment(case, due_on + ONE_DAY, cron=True)
            if case.happens(at):
                case.close_uncorrected(at)

    def fee(self, case: Case, *, paid: bool) -> None:
        if case.stopped or case["status"] != RequestStatus.RECEIVED:
            return
        on = max(self.later(case, 2, 6), case["clock_start_on"])
        if not self.step(case, on, case.issue_fee_notice, self.between(120, 600)):
            return
        due_on = case["fee_due_on"]
        if paid:
            self.step(
                case, min(self.clock.add(on, self.between(2, 12)), due_on), case.record_payment
            )
            return
        at = self.moment(case, due_on + ONE_DAY, cron=True)
        if case.happens(at):
            case.close_unpaid(at)

    def consultation(self, case: Case, answer: str) -> None:
        if case.stopped or case["status"] != RequestStatus.RECEIVED:
            return
        third_party = answer == Outcome.WITHHELD_THIRD_PARTY or self.chance(0.6)
        reason = PauseReason.THIRD_PARTY if third_party else PauseReason.OTHER_AGENCY
        start = max(self.later(case, 1, 5), case["clock_start_on"])
        if self.step(case, start, case.start_consultation, reason):
            self.step(
                case, self.clock.add(start, self.between(5, 15)), case.end_consultation, reason
            )

    def extension(self, case: Case) -> None:
        if case.stopped or case["status"] != RequestStatus.RECEIVED:
            return
        due, last = case["due_on"], self.last_on(case)
        room = self.clock.count_between(last, due)
        if room < 1:
            return
        on = self.clock.add(last, max(1, room - self.between(0, 4)))
        days = self.rng.choice((10, 15, 20, 20, 20))
        approver = self.rng.choice(demo_scenarios.EXTENSION_APPROVERS)
        self.step(case, on, case.extend, days, approver)

    def reply_day(self, case: Case, story: Story) -> datetime.date:
        last, due = self.last_on(case), case["due_on"]
        on_the_spot = story.channel == Channel.IN_PERSON and self.chance(ON_THE_SPOT_SHARE)
        if on_the_spot and case["received_on"] == last and self.clock.is_workday(last):
            return last
        room = self.clock.count_between(last, due)
        recent = self.now - story.submitted_at < datetime.timedelta(days=RECENT_DAYS)
        if recent and self.chance(NEGLECTED_SHARE):  # still open, and overdue, today
            return self.clock.add(max(due, last), self.between(*NEGLECTED_WORKING_DAYS))
        if self.chance(LATE_SHARE) or room < 1:
            return self.clock.add(max(due, last), self.between(1, 15))
        return self.clock.add(last, self.between(max(1, room // 3), room))

    def answer(self, case: Case, story: Story) -> None:
        if case.stopped or case["status"] != RequestStatus.RECEIVED:
            return
        on = self.reply_day(case, story)
        self.step(case, on, case.reply, story.answer, story.reply_text)
        self.delivery(case, story, on)

    def repeat(self, case: Case, story: Story) -> None:
        if case.stopped or case["status"] != RequestStatus.RECEIVED:
            return
        on = self.later(case, 1, 5)
        earlier = story.earlier if story.earlier and story.earlier[2] <= on else None
        self.step(case, on, case.mark_repeat, earlier[:2] if earlier else None)

    def delivery(self, case: Case, story: Story, replied_on: datetime.date) -> None:
        if case.stopped or case["replied_on"] is None or not self.chance(DELIVERY_SHARE):
            return
        if story.delivery in (Delivery.POST, Delivery.COLLECT):
            on = replied_on + datetime.timedelta(days=self.between(1, 5))
        else:
            on = replied_on
        at = self.moment(case, on)
        if case.happens(at):
            case.record_delivery(on, at)

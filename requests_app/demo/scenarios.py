"""The plan of the demo: who applies to which bureau, when, for what, and every step of
the handling with its legal date (``on``) and the time of its event (``at``).

``build_plan(calendar)`` is deterministic (``random.Random(SEED)``) and does not
depend on today's date: the demo's "now" is ``DEMO_NOW``. Each application is
planned from submission to its end, then cut at ``DEMO_NOW``: what would happen
later has not happened yet, so applications filed in the last weeks are still
open, in whatever state the cut leaves them. Due dates are planned with the
same functions the workflow uses (``requests_app.deadlines``), so replies fall on
or before the due date unless a scenario says it is late.

Besides some hundreds of random applications, the plan guarantees, for 2025 and
for 2026 each: every outcome of the annual report and both special answers,
a repeat, a correction answered and one not, consultations, extensions,
withdrawals, fees (an applicant's 11th to 13th application of a month, and
per volume; one left unpaid each year), a conversion to a catalogue draft and
reconsideration and litigation cases of every kind and result. Applications
received in December 2025 are answered in January 2026.
"""

import datetime
import random
from dataclasses import dataclass, field, replace
from zoneinfo import ZoneInfo

from catalog.demo import agencies as demo_agencies
from requests_app import deadlines
from requests_app.demo import people, texts
from requests_app.demo.reviews import Review, reviews_for
from requests_app.models import (
    ApplicantKind,
    Channel,
    Delivery,
    FeeMethod,
    InformationForm,
    PauseReason,
)
from requests_app.outcomes import Outcome, outcome_of
from requests_app.workdays import Calendar, add_working_days

SHANGHAI = ZoneInfo("Asia/Shanghai")
ONE_DAY = datetime.timedelta(days=1)
SEED = 20250102
FIRST_DAY = datetime.date(2025, 1, 2)
# The demo's "now": the catalogue's last publication is the same afternoon.
DEMO_NOW = datetime.datetime(2026, 11, 27, 17, 45, tzinfo=SHANGHAI)
RANDOM_APPLICATIONS = 370
PEOPLE, COMPANIES = 240, 60

AGENCY_WEIGHTS = {
    "liaoning": 22, "shenyang": 14, "dalian": 12, "anshan": 5, "fushun": 3, "benxi": 2,
    "dandong": 3, "jinzhou": 3, "yingkou": 3, "fuxin": 2, "liaoyang": 2, "panjin": 2,
    "tieling": 2, "chaoyang": 2, "huludao": 2, "shenyang-heping": 1.5, "shenyang-hunnan": 1.5,
    "dalian-jinzhou": 1.5, "anshan-haicheng": 1, "chaoyang-lingyuan": 1,
}  # fmt: skip
KIND_WEIGHTS = {
    ApplicantKind.NATURAL_PERSON: 66, ApplicantKind.COMMERCIAL: 19, ApplicantKind.RESEARCH: 3,
    ApplicantKind.PUBLIC_INTEREST: 3, ApplicantKind.LEGAL_SERVICE: 6, ApplicantKind.OTHER: 3,
}  # fmt: skip
CHANNEL_WEIGHTS = {
    Channel.ONLINE: 62, Channel.IN_PERSON: 16, Channel.POST: 13, Channel.EMAIL: 4, Channel.FAX: 3,
}  # fmt: skip
FORM_WEIGHTS = {InformationForm.ELECTRONIC: 55, InformationForm.PAPER: 42, InformationForm.OTHER: 3}

# Answers that end an application without a reply of the ``reply`` function.
WITHDRAWN = Outcome.OTHER_OTHER.value
CLOSING_ACTIONS = ("reply", "mark_repeat", "withdraw", "close_uncorrected", "close_unpaid")

CORRECTION_ITEMS = (
    "请补充明确所申请政府信息的名称、文号或者便于本机关查询的其他特征性描述，例如涉及企业的"
    "全称、统一社会信用代码以及检查、处罚或者投诉的大致时间。"
)
EXTENSION_REASON = (
    "申请内容涉及多个年度的档案资料，需调取并逐件审查，经本机关政府信息公开工作机构负责人"
    "同意，延长答复期限。"
)
THIRD_PARTY_NOTE = "申请公开的信息涉及第三方商业信息，已书面征求第三方意见。"
THIRD_PARTY_ANSWER = "第三方已书面回复意见。"
OTHER_AGENCY_NOTE = "申请公开的信息由本机关与其他行政机关共同制作，已书面征求其意见。"
OTHER_AGENCY_ANSWER = "共同制作机关已书面回复意见。"
WITHDRAWAL_REASONS = ("申请人书面撤回申请。", "申请人来电表示已通过其他途径获取，申请撤回。")
EXTENSION_APPROVERS = ("办公室主任", "政务公开科科长")


@dataclass(frozen=True)
class Step:
    """One act of the handling: a function of ``requests_app.workflow`` and its arguments."""

    action: str
    on: datetime.date
    at: datetime.datetime
    options: tuple = ()

    def option(self, name, default=None):
        return dict(self.options).get(name, default)


@dataclass(frozen=True)
class Scenario:
    key: str
    agency: str  # slug
    channel: str
    applicant: people.Applicant
    with_email: bool
    subject: str  # key of ``texts.SUBJECT_BY_KEY``
    fill: dict
    information: dict
    form: str
    delivery: str
    submitted_at: datetime.datetime
    steps: tuple[Step, ...]
    answer: str = ""  # how it ends, if it ends before DEMO_NOW; an answer or an outcome
    reply_text: str = ""
    documents: bool = False  # a reply document is attached
    reviews: tuple[Review, ...] = ()

    @property
    def submitted_on(self) -> datetime.date:
        return self.submitted_at.astimezone(SHANGHAI).date()

    @property
    def outcome(self) -> str:
        return outcome_of(self.answer).value if self.answer else ""

    @property
    def closed_on(self) -> datetime.date | None:
        closing = [step for step in self.steps if step.action in CLOSING_ACTIONS]
        return closing[-1].on if closing else None

    def cleaned_data(self) -> dict:
        return {
            **self.applicant.fields(with_email=self.with_email),
            **self.information,
            "information_form": self.form,
            "delivery": self.delivery,
            "consent": True,
        }


@dataclass
class Story:
    """How an application will be handled; the planner turns it into dated steps."""

    answer: str = ""
    auto_receipt: bool = False  # an online application nobody confirmed
    confirm_after: int | None = None  # working days to confirm an online or fax application
    correction: str = ""  # "answered" or "unanswered"
    consult: str = ""  # PauseReason.THIRD_PARTY or OTHER_AGENCY
    fee: str = ""  # a FeeMethod
    pages: int = 0
    fee_paid: bool = True
    extend: bool = False
    late: bool = False
    withdraw: str = ""  # "early" (before receipt) or "later"
    repeat_of: Scenario | None = None
    reply_not_before: datetime.date | None = None
    wait: tuple[int, int] | None = None  # working days the pending party takes to answer
    convert: tuple[str, str, str] | None = None  # (title, topic slug, summary)


class Clock:
    """The reply clock of a planned application, counted as the workflow counts it."""

    def __init__(self, calendar: Calendar, start: datetime.date):
        self.calendar = calendar
        self.start = start
        self.pauses: list[tuple[datetime.date, datetime.date]] = []
        self.extension = 0

    def restart(self, on: datetime.date) -> None:
        self.start, self.pauses = on, []

    def pause(self, first_on: datetime.date, last_on: datetime.date) -> None:
        first = max(first_on, self.start + ONE_DAY)  # the clock's own start day never counts
        if last_on >= first:
            self.pauses.append((first, last_on))

    def due(self) -> datetime.date:
        return deadlines.reply_due(
            self.start, pauses=self.pauses, extension_days=self.extension, calendar=self.calendar
        ).due_on


class Days:
    """Working-day arithmetic and times of day for the planner."""

    def __init__(self, calendar: Calendar, rng: random.Random):
        self.calendar = calendar
        self.rng = rng

    def after(self, day: datetime.date, n: int) -> datetime.date:
        return add_working_days(day, n, self.calendar).end

    def is_workday(self, day: datetime.date) -> bool:
        return self.calendar.day_info(day).is_workday

    def on_or_after(self, day: datetime.date) -> datetime.date:
        return day if self.is_workday(day) else self.after(day, 1)

    def between(self, first: datetime.date, last: datetime.date) -> list[datetime.date]:
        """The working days from ``first`` to ``last``, both included."""
        days, day = [], first
        while day <= last:
            if self.is_workday(day):
                days.append(day)
            day += ONE_DAY
        return days

    def random_day(self, first: datetime.date, last: datetime.date) -> datetime.date:
        return first + datetime.timedelta(days=self.rng.randint(0, (last - first).days))

    def office_time(self, day: datetime.date) -> datetime.datetime:
        minutes = self.rng.randint(8 * 60 + 35, 16 * 60 + 50)
        return datetime.datetime.combine(
            day, datetime.time(minutes // 60, minutes % 60, self.rng.randint(0, 59)), SHANGHAI
        )

    def any_time(self, day: datetime.date) -> datetime.datetime:
        minutes = self.rng.randint(6 * 60, 23 * 60 + 30)
        return datetime.datetime.combine(
            day, datetime.time(minutes // 60, minutes % 60, self.rng.randint(0, 59)), SHANGHAI
        )

    def moment(self, on, after, *, clock=False) -> datetime.datetime:
        """A time on ``on`` after ``after``: office hours for staff, just after midnight
        for the daily clock (``run_request_clock``)."""
        if clock:
            at = datetime.datetime.combine(on, datetime.time(0, 5), SHANGHAI)
            at += datetime.timedelta(seconds=self.rng.randint(0, 1500))
        elif after.astimezone(SHANGHAI).date() == on:
            at = after + datetime.timedelta(minutes=self.rng.randint(5, 50))
        else:
            at = self.office_time(on)
        return max(at, after + datetime.timedelta(seconds=1))


class Handling:
    """Turns a ``Story`` into the dated steps of one application."""

    def __init__(self, days: Days, story: Story, channel: str, submitted_at, subject):
        self.days = days
        self.rng = days.rng
        self.story = story
        self.channel = channel
        self.subject = subject
        self.submitted_on = submitted_at.astimezone(SHANGHAI).date()
        self.steps: list[Step] = []
        self.last_at = submitted_at
        self.clock: Clock | None = None
        self.answer = ""

    @property
    def last_on(self) -> datetime.date:
        return self.last_at.astimezone(SHANGHAI).date()

    def step(self, action: str, on: datetime.date, *, clock=False, **options) -> None:
        at = self.days.moment(on, self.last_at, clock=clock)
        self.steps.append(Step(action, on, at, tuple(sorted(options.items()))))
        self.last_at = at

    def next_day(self, low: int, high: int) -> datetime.date:
        return self.days.after(self.last_on, self.rng.randint(low, high))

    def plan(self) -> None:
        story = self.story
        if story.withdraw == "early":
            self.withdraw(self.submitted_on, by_applicant=True)
            return
        self.receipt()
        if self.rng.random() < 0.9:
            self.assign()
        if story.correction and not self.correction():
            return
        if story.repeat_of is not None:
            self.mark_repeat()
            return
        if story.withdraw:
            self.withdraw(self.next_day(1, 8), by_applicant=self.rng.random() < 0.6)
            return
        if story.consult:
            self.consultation()
        if story.fee and not self.fee():
            return
        if story.extend:
            self.extension()
        self.reply()

    # Receipt (Art. 31) --------------------------------------------------------------------

    def receipt(self) -> None:
        received = self.submitted_on  # in person, post and e-mail: the day of the event
        if self.channel == Channel.ONLINE and self.story.auto_receipt:
            received = self.days.after(self.submitted_on, 1)
            self.step("auto_confirm", received, clock=True)
        elif self.channel in (Channel.ONLINE, Channel.FAX):
            received = self.days.after(self.submitted_on, self.confirm_delay())
            self.step("confirm_receipt", received)
        self.clock = Clock(self.days.calendar, received)

    def confirm_delay(self) -> int:
        if self.story.confirm_after is not None:
            return self.story.confirm_after
        same_day = self.days.is_workday(self.submitted_on) and self.last_at.hour < 15
        return 0 if same_day and self.rng.random() < 0.6 else 1

    def assign(self) -> None:
        on = self.clock.start if self.rng.random() < 0.5 else self.days.after(self.clock.start, 1)
        self.step("assign", max(on, self.last_on), department=self.subject.department)

    # Correction (Art. 30) -----------------------------------------------------------------

    def correction(self) -> bool:
        """Ask for a correction; False when the application closes for want of it."""
        on = self.days.after(self.clock.start, self.rng.randint(1, 5))
        due_on = self.days.after(on, 15)
        self.step("request_correction", on, items=CORRECTION_ITEMS, due_on=due_on)
        if self.story.correction == "answered":
            low, high = self.story.wait or (2, 12)
            back = self.days.after(on, self.rng.randint(low, high))
            self.step("receive_correction", back)
            self.clock.restart(back)
            return True
        self.step("close_uncorrected", due_on + ONE_DAY, clock=True)
        self.answer = Outcome.OTHER_NO_CORRECTION.value
        return False

    # Pauses: consultation (Arts. 32-33) and fees (109号) -----------------------------------

    def consultation(self) -> None:
        start = self.next_day(1, 5)
        low, high = self.story.wait or (5, 15)
        end = self.days.after(start, self.rng.randint(low, high))
        third_party = self.story.consult == PauseReason.THIRD_PARTY
        self.step(
            "start_consultation",
            start,
            reason=self.story.consult,
            note=THIRD_PARTY_NOTE if third_party else OTHER_AGENCY_NOTE,
        )
        self.step(
            "end_consultation", end, note=THIRD_PARTY_ANSWER if third_party else OTHER_AGENCY_ANSWER
        )
        self.clock.pause(start, end)

    def fee(self) -> bool:
        """Issue a fee notice; False when it stays unpaid and the application closes."""
        notice = self.next_day(2, 6)
        self.step("issue_fee_notice", notice, method=self.story.fee, pages=self.story.pages or None)
        pay_by = deadlines.fee_payment_due(notice, self.days.calendar).due_on
        if not self.story.fee_paid:
            self.step("close_unpaid", pay_by + ONE_DAY, clock=True)
            self.answer = Outcome.OTHER_FEE_UNPAID.value
            return False
        low, high = self.story.wait or (2, 12)
        paid = min(self.days.after(notice, self.rng.randint(low, high)), pay_by)
        self.step("record_payment", paid)
        self.clock.pause(notice, paid)
        return True

    # Extension (Art. 33) ------------------------------------------------------------------

    def extension(self) -> None:
        due = self.clock.due()
        days = self.days.between(self.days.after(self.last_on, 1), due)
        if not days:
            return
        on = self.rng.choice(days[-5:])
        extension = self.rng.choice((10, 15, 20))
        approver = self.rng.choice(EXTENSION_APPROVERS) + people.person_name(self.rng)
        self.step("extend", on, days=extension, reason=EXTENSION_REASON, approved_by=approver)
        self.clock.extension = extension

    # The end --------------------------------------------------------------------------------

    def reply(self) -> None:
        due = self.clock.due()
        earliest = self.days.after(self.last_on, 1)
        if self.rng.random() < 0.08 and self.days.is_workday(self.last_on):
            earliest = self.last_on  # answered on the spot
        if self.story.reply_not_before:
            earliest = max(earliest, self.days.on_or_after(self.story.reply_not_before))
        window = self.days.between(earliest, due)
        if self.story.late or not window:
            on = self.days.after(max(due, earliest), self.rng.randint(1, 6))
        else:
            on = self.rng.choice(window[len(window) // 3 :])
        self.step("reply", on, answer=self.story.answer)
        self.answer = self.story.answer
        self.deliver(on)
        if self.story.convert:
            title, topic, summary = self.story.convert
            self.step("convert", self.next_day(2, 8), title=title, topic=topic, summary=summary)

    def deliver(self, replied_on: datetime.date) -> None:
        if self.rng.random() < 0.15:
            return
        self.step("record_delivery", replied_on + datetime.timedelta(days=self.rng.randint(0, 4)))

    def mark_repeat(self) -> None:
        earlier = self.story.repeat_of
        on = max(self.next_day(1, 5), self.days.on_or_after(earlier.closed_on))
        self.step("mark_repeat", on, earlier=earlier.key)
        self.answer = Outcome.NOT_HANDLED_REPEAT.value

    def withdraw(self, on: datetime.date, *, by_applicant: bool) -> None:
        self.step(
            "withdraw", on, by_applicant=by_applicant, reason=self.rng.choice(WITHDRAWAL_REASONS)
        )
        self.answer = WITHDRAWN


def cut(steps: list[Step], answer: str) -> tuple[tuple[Step, ...], str]:
    """The steps that happened by DEMO_NOW, and the answer if the closing one did."""
    done = tuple(step for step in steps if step.at <= DEMO_NOW)
    closed = any(step.action in CLOSING_ACTIONS for step in done)
    return done, answer if closed else ""


@dataclass
class Plan:
    scenarios: list[Scenario] = field(default_factory=list)


class Planner:
    """Draws applications and plans their handling (``build_plan`` puts it together)."""

    def __init__(self, calendar: Calendar, seed: int = SEED):
        self.rng = random.Random(seed)  # noqa: S311 (demo data, not secrets)
        self.days = Days(calendar, self.rng)
        self.places = {place.slug: place for place in demo_agencies.ALL_PLACES}
        self.pool = people.build_pool(self.rng, list(people.CITY_NAMES), PEOPLE, COMPANIES)
        self.scenarios: list[Scenario] = []
        self.taken: set[tuple[str, datetime.datetime]] = set()

    # Drawing ------------------------------------------------------------------------------

    def weighted(self, weights: dict):
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def agency(self) -> str:
        return self.weighted(AGENCY_WEIGHTS)

    def channel(self, slug: str) -> str:
        place = self.places[slug]
        weights = {
            channel: weight
            for channel, weight in CHANNEL_WEIGHTS.items()
            if (channel != Channel.EMAIL or place.accepts_email)
            and (channel != Channel.FAX or place.accepts_fax)
        }
        return self.weighted(weights)

    def applicant(self, kind: str | None = None) -> people.Applicant:
        """A drawn applicant; the first ones of each kind apply more often than the rest."""
        candidates = self.pool[kind or self.weighted(KIND_WEIGHTS)]
        weights = [1 / (position + 1) ** 0.6 for position in range(len(candidates))]
        return self.rng.choices(candidates, weights=weights)[0]

    def subject(self) -> texts.Subject:
        return self.rng.choices(texts.SUBJECTS, weights=[s.weight for s in texts.SUBJECTS])[0]

    def subject_answer(self, subject: texts.Subject) -> str:
        answers, weights = zip(*subject.answers, strict=True)
        return str(self.rng.choices(answers, weights=weights)[0])

    def delivery(self, channel: str) -> str:
        if channel == Channel.EMAIL:
            return Delivery.EMAIL if self.rng.random() < 0.7 else Delivery.POST
        if channel == Channel.FAX:
            return Delivery.FAX if self.rng.random() < 0.4 else Delivery.POST
        if channel == Channel.ONLINE:
            return self.weighted({Delivery.ONLINE: 45, Delivery.POST: 30, Delivery.COLLECT: 15})
        return self.weighted({Delivery.POST: 55, Delivery.COLLECT: 35, Delivery.ONLINE: 10})

    def submission(self, slug, channel, first, last) -> datetime.datetime:
        """A free moment between ``first`` and ``last``: online any day and hour,
        offline on a working day in office hours."""
        while True:
            day = self.days.random_day(first, last)
            if channel == Channel.ONLINE:
                at = self.days.any_time(day)
            elif self.days.is_workday(day):
                at = self.days.office_time(day)
            else:
                continue
            if (slug, at) not in self.taken and at <= DEMO_NOW:
                self.taken.add((slug, at))
                return at

    def text_place(self, slug: str) -> texts.Place:
        place = self.places[slug]
        city = {"province": "", "city": slug}.get(place.level, place.parent)
        return texts.Place(
            place.name,
            place.place,
            place.doc_prefix,
            city or self.rng.choice(list(people.CITY_NAMES)),
        )

    # Planning one application ---------------------------------------------------------------

    def add(self, story: Story, *, slug=None, window=None, at=None, applicant=None,
            subject=None, channel=None, information=None) -> Scenario:  # fmt: skip
        slug = slug or self.agency()
        channel = channel or self.channel(slug)
        if at is not None and (slug, at) in self.taken:
            raise ValueError(f"two demo applications to {slug} at {at}")
        submitted_at = at or self.submission(slug, channel, *window)
        self.taken.add((slug, submitted_at))
        applicant = applicant or self.applicant()
        subject = texts.SUBJECT_BY_KEY[subject] if isinstance(subject, str) else subject
        subject = subject or self.subject()
        story.answer = story.answer or self.subject_answer(subject)
        submitted_on = submitted_at.astimezone(SHANGHAI).date()
        fill = texts.values(self.rng, self.text_place(slug), applicant.kind, submitted_on)
        information = information or texts.information(subject, fill)
        handling = Handling(self.days, story, channel, submitted_at, subject)
        handling.plan()
        steps, answer = cut(handling.steps, handling.answer)
        delivery = self.delivery(channel)
        form = self.weighted(FORM_WEIGHTS)
        reply = texts.reply_text(
            story.answer, subject, fill, information["information_title"]
        ) if story.answer in texts.REPLIES else ""  # fmt: skip
        scenario = Scenario(
            key=f"S{len(self.scenarios) + 1:04d}",
            agency=slug,
            channel=channel,
            applicant=applicant,
            with_email=delivery == Delivery.EMAIL or channel == Channel.EMAIL,
            subject=subject.key,
            fill=fill,
            information=information,
            form=form,
            delivery=delivery,
            submitted_at=submitted_at,
            steps=steps,
            answer=answer,
            reply_text=reply,
            documents=answer in (Outcome.GRANTED, Outcome.PARTIAL)
            and form == InformationForm.ELECTRONIC,
        )
        self.scenarios.append(scenario)
        return scenario

    def year_window(self, year: int) -> tuple[datetime.date, datetime.date]:
        """Applications meant to be closed within ``year``."""
        if year == 2025:
            return FIRST_DAY, datetime.date(2025, 9, 15)
        return datetime.date(2026, 1, 5), datetime.date(2026, 8, 14)

    # The guaranteed cases --------------------------------------------------------------------

    def every_answer(self, year: int) -> dict[str, Scenario]:
        """One application per answer (every outcome row and both special answers)."""
        made = {}
        for answer, subject in texts.FOR_ANSWER.items():
            story = Story(answer=str(answer))
            if answer == Outcome.UNAVAILABLE_STILL_UNCLEAR:
                story.correction = "answered"
            if answer == Outcome.WITHHELD_THIRD_PARTY:
                story.consult = PauseReason.THIRD_PARTY
            made[answer] = self.add(story, window=self.year_window(year), subject=subject)
        return made

    def repeat(self, year: int) -> Scenario:
        """An applicant asks again what was answered already (Art. 36 (6))."""
        first, _last = self.year_window(year)
        earlier = self.add(
            Story(answer=Outcome.GRANTED),
            window=(first, first + datetime.timedelta(days=60)),
            subject="complaint-result",
            applicant=self.applicant(ApplicantKind.NATURAL_PERSON),
        )
        start = earlier.closed_on + datetime.timedelta(days=10)
        return self.add(
            Story(repeat_of=earlier),
            slug=earlier.agency,
            window=(start, start + datetime.timedelta(days=30)),
            applicant=earlier.applicant,
            subject=earlier.subject,
            information=earlier.information,
        )

    def handling_variety(self, year: int) -> dict[str, Scenario]:
        window = self.year_window(year)
        return {
            "no_correction": self.add(Story(correction="unanswered"), window=window,
                                      subject="vague"),
            "corrected": self.add(Story(correction="answered"), window=window, subject="vague"),
            "withdrawn": self.add(Story(withdraw="later"), window=window),
            "third_party": self.add(Story(consult=PauseReason.THIRD_PARTY, answer=Outcome.PARTIAL),
                                    window=window, subject="licence-file"),
            "other_agency": self.add(Story(consult=PauseReason.OTHER_AGENCY), window=window,
                                     subject="process-information"),
            "extended": self.add(Story(extend=True), window=window),
            "extended_late": self.add(Story(extend=True, late=True), window=window),
            "late": self.add(Story(late=True), window=window),
            "auto_receipt": self.add(Story(auto_receipt=True), window=window,
                                     channel=Channel.ONLINE),
        }  # fmt: skip

    def frequent_applicant(self) -> list[Scenario]:
        """13 applications of one person to the province in March 2025: from the 11th on
        a fee per application (109号); the 13th is never paid."""
        person = people.make_person(self.rng, 9001, "shenyang")
        days = self.days.between(datetime.date(2025, 3, 3), datetime.date(2025, 3, 31))[:13]
        made = []
        for nth, day in enumerate(days, start=1):
            story = Story(confirm_after=0)
            if nth > 10:
                story = Story(confirm_after=0, fee=FeeMethod.PER_APPLICATION, fee_paid=nth < 13)
            at = datetime.datetime.combine(day, datetime.time(9, nth), SHANGHAI)
            subject = ("complaint-result", "penalty-decision", "food-sampling")[nth % 3]
            made.append(self.add(story, slug="liaoning", at=at, applicant=person,
                                 subject=subject, channel=Channel.ONLINE))  # fmt: skip
        return made

    def fees_per_volume(self) -> dict[str, Scenario]:
        def add(pages, paid, first, last, slug):
            story = Story(fee=FeeMethod.PER_VOLUME, pages=pages, fee_paid=paid, answer="granted")
            return self.add(story, slug=slug, window=(first, last), subject="product-spot-check")

        d = datetime.date
        return {
            "paid_2025": add(86, True, d(2025, 6, 2), d(2025, 6, 30), "dalian"),
            "paid_2026": add(45, True, d(2026, 4, 1), d(2026, 4, 30), "liaoning"),
            "unpaid_2026": add(260, False, d(2026, 5, 6), d(2026, 5, 29), "shenyang"),
        }

    def conversions(self) -> list[Scenario]:
        """Information many ask for becomes proactive disclosure (Art. 44)."""
        d = datetime.date
        return [
            self.add(
                Story(answer="granted", convert=(
                    "沈阳市2024年度市场主体登记统计数据", "licensing-registration",
                    "依申请公开转为主动公开：全市2024年度新设立、注销市场主体数量，按行业分列。")),
                slug="shenyang", window=(d(2025, 3, 3), d(2025, 4, 30)), subject="statistics",
            ),
            self.add(
                Story(answer="granted", convert=(
                    "2025年全省加油站计量器具强制检定结果", "inspection-product",
                    "依申请公开转为主动公开：2025年全省加油站燃油加油机强制检定结果。")),
                slug="liaoning", window=(d(2026, 3, 2), d(2026, 4, 30)), subject="fuel-meters",
            ),
        ]  # fmt: skip

    def year_boundary(self) -> list[Scenario]:
        """Received in December 2025, answered in January 2026 (carried over, table 三)."""
        window = (datetime.date(2025, 12, 8), datetime.date(2025, 12, 30))
        stories = [Story(), Story(), Story(extend=True), Story(consult=PauseReason.THIRD_PARTY),
                   Story(), Story(correction="answered"), Story(), Story(extend=True)]  # fmt: skip
        made = []
        for story in stories:
            story.reply_not_before = datetime.date(2026, 1, 5)
            made.append(self.add(story, window=window))
        return made

    def open_now(self) -> dict[str, Scenario]:
        """Applications in every open state at DEMO_NOW (their next step is after it)."""
        d, later = datetime.date, datetime.date(2026, 12, 2)
        friday = DEMO_NOW.date()
        return {
            "unconfirmed": [
                self.add(Story(auto_receipt=True), channel=Channel.ONLINE,
                         at=datetime.datetime.combine(friday, t, SHANGHAI))
                for t in (datetime.time(9, 12), datetime.time(13, 47), datetime.time(16, 58))
            ],
            "fax": self.add(Story(confirm_after=1), slug="dalian", channel=Channel.FAX,
                            at=datetime.datetime.combine(friday, datetime.time(17, 20), SHANGHAI)),
            "correction": self.add(Story(correction="answered", wait=(14, 15)), slug="shenyang",
                                   window=(d(2026, 11, 16), d(2026, 11, 18))),
            "consulting": self.add(Story(consult=PauseReason.THIRD_PARTY, wait=(14, 15)),
                                   slug="liaoning", subject="licence-file",
                                   window=(d(2026, 11, 9), d(2026, 11, 12))),
            "fee_pending": self.add(Story(fee=FeeMethod.PER_VOLUME, pages=64, wait=(15, 18)),
                                    slug="liaoning", subject="product-spot-check",
                                    window=(d(2026, 11, 3), d(2026, 11, 5))),
            "extended": self.add(Story(extend=True, reply_not_before=later), slug="dalian",
                                 window=(d(2026, 10, 19), d(2026, 10, 21))),
            "overdue": self.add(Story(reply_not_before=later), slug="shenyang",
                                channel=Channel.IN_PERSON,
                                window=(d(2026, 10, 12), d(2026, 10, 14))),
        }  # fmt: skip

    def random_applications(self, count: int) -> None:
        for _ in range(count):
            story = Story()
            roll = self.rng.random()
            if roll < 0.05:
                story.correction = "answered" if self.rng.random() < 0.8 else "unanswered"
            elif roll < 0.08:
                story.withdraw = "later"
            elif roll < 0.11:
                story.consult = self.rng.choice((PauseReason.THIRD_PARTY, PauseReason.OTHER_AGENCY))
            story.extend = self.rng.random() < 0.06
            story.late = self.rng.random() < 0.03
            story.auto_receipt = self.rng.random() < 0.1
            subject = self.subject()
            story.answer = self.subject_answer(subject)
            if story.answer == Outcome.WITHHELD_THIRD_PARTY:
                story.consult = PauseReason.THIRD_PARTY
            self.add(story, window=(FIRST_DAY, DEMO_NOW.date()), subject=subject)

    def catalogue_requests(self) -> None:
        """Applications naming an entry of the province's catalogue (依申请公开)."""
        for first, last in ((datetime.date(2025, 4, 1), datetime.date(2025, 10, 31)),
                            (datetime.date(2026, 2, 2), datetime.date(2026, 9, 30))):  # fmt: skip
            for _ in range(3):
                self.add(Story(), slug="liaoning", window=(first, last), subject=texts.CATALOGUE)


def build_plan(calendar: Calendar | None = None, seed: int = SEED) -> Plan:
    """The whole demo: scenarios in order of submission, each with its reviews."""
    calendar = calendar or Calendar.around(FIRST_DAY, datetime.date(2027, 1, 31))
    planner = Planner(calendar, seed)
    for year in (2025, 2026):
        planner.every_answer(year)
        planner.repeat(year)
        planner.handling_variety(year)
    planner.frequent_applicant()
    planner.fees_per_volume()
    planner.conversions()
    planner.year_boundary()
    planner.open_now()
    planner.catalogue_requests()
    planner.random_applications(RANDOM_APPLICATIONS)
    reviews = reviews_for(planner.scenarios, planner.places, planner.rng, DEMO_NOW.date())
    scenarios = [
        replace_reviews(scenario, reviews.get(scenario.key, ())) for scenario in planner.scenarios
    ]
    scenarios.sort(key=lambda scenario: scenario.submitted_at)
    return Plan(scenarios)


def replace_reviews(scenario: Scenario, reviews: tuple[Review, ...]) -> Scenario:
    return replace(scenario, reviews=reviews) if reviews else scenario

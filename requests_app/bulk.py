"""Bulk applications for disclosure, for ``manage.py generate_bulk --requests N``.

Discovered by the catalogue's ``generate_bulk`` command (``catalog.bulk`` describes the
contract); runs after the catalogue entries, on top of the demo's agencies, departments
and request officers.

The applications are spread over the agencies (the demo's weights; by level for others),
the years 2021 to now (more each year), the channels each agency accepts, the applicant
kinds of the annual report's table 三 (a pool of invented people and organisations with
valid identity numbers and credit codes, the first ones applying more often), and the
answers, with the weights of real annual reports (granted and partial common, not held
common, state secrets rare) and every outcome of the report at least once when there
are enough old applications. Each one is played through ``requests_app.bulk_stories``
(the workflow's steps in memory, cut at "now"), so its status, dates, due date, pauses
and timeline agree with each other and with the model's constraints; some reach
reconsideration or litigation (``ReviewCase``, table 四).

Tracking numbers continue each year's ``RequestCounter`` in order of submission: the
counters (and the primary keys) are claimed in one transaction before any row is written,
then the rows are committed in groups (``catalog.bulk_writer``). Every application shares
one documented query code, ``QUERY_CODE``, hashed once (hashing is slow on purpose) with
a salt drawn from the seed, so a seed gives the same rows; ``applicant_key`` is the one
intake computes.
"""

import datetime
import re
import string

from django.contrib.auth.hashers import make_password
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from catalog.bulk import load_agencies, staff_by_agency
from requests_app.bulk_case import Case, FastCalendar
from requests_app.bulk_plan import (
    FIRST_YEAR,
    Planner,
    Pool,
    Submission,
    answer_subjects,
    cumulative,
    text_place,
)
from requests_app.bulk_stories import WITHDRAWN, Player, Story
from requests_app.demo import reviews as demo_reviews
from requests_app.demo import scenarios as demo_scenarios
from requests_app.demo import texts
from requests_app.intake import normalise_query_code
from requests_app.models import (
    Channel,
    Delivery,
    InformationRequest,
    RequestCounter,
    RequestEvent,
    RequestPause,
    ReviewCase,
    ReviewKind,
    ReviewResult,
)
from requests_app.outcomes import Answer, Outcome
from requests_app.workflow.base import HANDLER_ROLES

# The query code of every bulk application (test data only; documented here).
QUERY_CODE = "GENQ234567"
TRACKING_DIGITS = int(re.search(r"sequence:0(\d+)d", RequestCounter.FORMAT).group(1))
MAX_TRACKING = 10**TRACKING_DIGITS - 1
# Applications older than this are finished by now whatever their story: the ones that
# are given each outcome of the report are among them.
SETTLED_DAYS = 240

O, A = Outcome, Answer  # noqa: E741 - short names keep the table below readable
# How applications end: every answer staff give (and withdrawal), in shares of real
# annual reports of market regulators (granted and partial common, not held common).
ANSWER_WEIGHTS = {
    O.GRANTED: 18, A.ALREADY_DISCLOSED: 12, O.PARTIAL: 10,
    O.WITHHELD_STATE_SECRET: 0.2, O.WITHHELD_PROHIBITED_BY_LAW: 0.4,
    O.WITHHELD_SECURITY_STABILITY: 0.3, O.WITHHELD_THIRD_PARTY: 1.8,
    O.WITHHELD_INTERNAL_AFFAIRS: 0.8, O.WITHHELD_PROCESS_INFO: 1.5,
    O.WITHHELD_ENFORCEMENT_FILE: 1.2, O.WITHHELD_QUERY_MATTER: 1.0,
    O.UNAVAILABLE_NOT_HELD: 20, O.UNAVAILABLE_NEEDS_COMPILING: 4, O.UNAVAILABLE_STILL_UNCLEAR: 2,
    O.NOT_HANDLED_PETITION: 4.5, O.NOT_HANDLED_REPEAT: 2, O.NOT_HANDLED_PUBLICATION: 0.6,
    O.NOT_HANDLED_EXCESSIVE: 1.0, O.NOT_HANDLED_CONFIRMATION: 0.7,
    O.OTHER_NO_CORRECTION: 6, O.OTHER_FEE_UNPAID: 0.5, O.OTHER_OTHER: 2,
    A.NOT_THIS_AGENCY: 5, WITHDRAWN: 3.5,
}  # fmt: skip
ANSWERS = tuple(str(answer) for answer in ANSWER_WEIGHTS)
# A bulk application reaches reconsideration or a court this often, when its answer is
# one applicants challenge.
REVIEW_SHARE = 0.04
LITIGATION_SHARE = 0.3
THEN_LITIGATION_SHARE = 0.15
REVIEW_RESULTS = {ReviewResult.UPHELD: 60, ReviewResult.CORRECTED: 20, ReviewResult.OTHER: 20}
REQUEST_FIELDS = tuple(f.attname for f in InformationRequest._meta.concrete_fields)
EVENT_FIELDS = ("request_id", "kind", "at", "actor_id", "public", "message", "note", "data")
PAUSE_FIELDS = ("request_id", "reason", "first_day", "last_day", "note")
REVIEW_FIELDS = (
    "request_id", "kind", "filed_on", "body", "case_number", "result", "decided_on", "note",
)  # fmt: skip


def add_arguments(parser) -> None:
    parser.add_argument(
        "--requests",
        type=int,
        default=0,
        metavar="N",
        help="How many applications for disclosure to add, with their timelines and some "
        "reconsideration and litigation cases.",
    )


class Generator:
    """Makes the rows of ``total`` applications, batch by batch."""

    def __init__(self, run, agencies, total: int):
        self.run = run
        self.rng = run.rng("requests_app")
        self.agencies = agencies
        self.by_pk = {info.pk: info for info in agencies}
        self.now = run.now
        first = datetime.date(FIRST_YEAR - 1, 12, 1)
        self.clock = FastCalendar(first, run.today + datetime.timedelta(days=3 * 366))
        self.officers = staff_by_agency(agencies, HANDLER_ROLES)
        self.pool = Pool(self.rng, total)
        self.planner = Planner(self.rng, agencies, self.clock, self.now)
        self.player = Player(self.rng, self.clock, self.now)
        self.subjects = answer_subjects()
        self.all_subjects = (texts.SUBJECTS, cumulative(s.weight for s in texts.SUBJECTS))
        self.forms = (
            tuple(demo_scenarios.FORM_WEIGHTS),
            cumulative(demo_scenarios.FORM_WEIGHTS.values()),
        )
        self.answered = {}  # (agency pk, applicant key) -> (pk, tracking number, replied on)
        self.reviews: list[tuple] = []
        salt = "".join(self.rng.choice(string.ascii_letters + string.digits) for _ in range(22))
        self.query_code_hash = make_password(normalise_query_code(QUERY_CODE), salt)

    # --- the plan --------------------------------------------------------------------------

    def plan(self, total: int) -> tuple[list[Submission], list[str]]:
        submissions = self.planner.submissions(total)
        answers = self.rng.choices(
            ANSWERS, cum_weights=cumulative(ANSWER_WEIGHTS.values()), k=total
        )
        settled = self.now - datetime.timedelta(days=SETTLED_DAYS)
        old = [i for i, s in enumerate(submissions) if s.at <= settled]
        every = [str(o) for o in Outcome] + [str(a) for a in Answer]
        for i, answer in zip(self.rng.sample(old, min(len(every), len(old))), every, strict=False):
            answers[i] = answer
        return submissions, answers

    # --- one application ---------------------------------------------------------------------

    def delivery(self, channel: str) -> str:
        roll = self.rng.random()
        if channel == Channel.EMAIL:
            return Delivery.EMAIL if roll < 0.7 else Delivery.POST
        if channel == Channel.FAX:
            return Delivery.FAX if roll < 0.4 else Delivery.POST
        if channel == Channel.ONLINE:
            return (
                Delivery.ONLINE
                if roll < 0.5
                else Delivery.POST
                if roll < 0.83
                else Delivery.COLLECT
            )
        return Delivery.POST if roll < 0.55 else Delivery.COLLECT if roll < 0.9 else Delivery.ONLINE

    def subject(self, answer: str):
        subjects, weights = self.subjects.get(answer) or self.all_subjects
        return self.rng.choices(subjects, cum_weights=weights)[0]

    def application(self, pk: int, tracking: str, submission: Submission, answer: str) -> tuple:
        """The request row, and the case with its pauses and events."""
        info = self.agencies[submission.agency]
        member = self.pool.draw(self.rng)
        applicant = member.applicant
        channel = submission.channel
        delivery = self.delivery(channel)
        subject = self.subject(answer)
        submitted_on = timezone.localdate(submission.at)
        fill = texts.values(
            self.rng, text_place(info, self.by_pk, self.rng), applicant.kind, submitted_on
        )
        information = texts.information(subject, fill)
        reply = ""
        if answer in texts.REPLIES:
            reply = texts.reply_text(answer, subject, fill, information["information_title"])
        department = info.departments.get(subject.department)
        if department is None and info.department_ids:
            department = info.department_ids[0]
        earlier = (
            self.answered.get((info.pk, member.key))
            if answer == Outcome.NOT_HANDLED_REPEAT
            else None
        )
        story = Story(channel, delivery, submission.at, answer, reply, department, earlier)
        case = Case(self.clock, self.now, self.officers[info.pk])
        self.player.play(case, story)
        if case["replied_on"] is not None and case["outcome"] != Outcome.NOT_HANDLED_REPEAT:
            self.answered[(info.pk, member.key)] = (pk, tracking, case["replied_on"])
        values = {
            **applicant.fields(with_email=Delivery.EMAIL in (delivery, channel)),
            **information,
            **case.fields,
            "id": pk,
            "tracking_number": tracking,
            "query_code_hash": self.query_code_hash,
            "agency_id": info.pk,
            "channel": channel,
            "applicant_key": member.key,
            "information_form": self.rng.choices(self.forms[0], cum_weights=self.forms[1])[0],
            "delivery": delivery,
            "consent_at": submission.at,
            "submitted_at": submission.at,
            "proactive_entry_id": None,
            "created_at": submission.at,
            "updated_at": case.last_at,
        }
        self.review(pk, info, case)
        return tuple(values[name] for name in REQUEST_FIELDS), case

    # --- reconsideration and litigation (table 四) --------------------------------------------

    def review(self, pk: int, info, case: Case) -> None:
        outcome = case["outcome"]
        if not outcome or outcome == Outcome.NOT_HANDLED_REPEAT:
            return
        if outcome.split(".")[0] not in demo_reviews.CHALLENGED_GROUPS:
            return
        if self.rng.random() >= REVIEW_SHARE:
            return
        litigation = self.rng.random() < LITIGATION_SHARE
        kind = ReviewKind.LITIGATION_DIRECT if litigation else ReviewKind.RECONSIDERATION
        low, high = demo_reviews.FILING_PERIODS[kind]
        filed = case["closed_on"] + datetime.timedelta(days=self.player.between(low, high))
        decided = self.add_review(pk, info, kind, filed)
        if (
            kind == ReviewKind.RECONSIDERATION
            and decided
            and self.rng.random() < THEN_LITIGATION_SHARE
        ):
            then = decided + datetime.timedelta(days=self.player.between(5, 15))
            self.add_review(pk, info, ReviewKind.LITIGATION_AFTER_RECONSIDERATION, then)

    def add_review(self, pk: int, info, kind: str, filed: datetime.date):
        """Add the case if it was filed by today; its decision date, or None."""
        today = self.run.today
        if filed > today:
            return None
        results = list(REVIEW_RESULTS)
        result = self.rng.choices(results, list(REVIEW_RESULTS.values()))[0]
        decided = filed + datetime.timedelta(days=self.player.between(30, 120))
        if decided > today:
            result, decided = ReviewResult.PENDING, None
        serial = len(self.reviews) + 1
        if kind == ReviewKind.RECONSIDERATION:
            body = f"{info.place}人民政府"
            number = f"{info.prefix.removesuffix('市监')}政复〔{filed.year}〕{serial}号"
        elif kind == ReviewKind.LITIGATION_DIRECT:
            body = f"{info.place}人民法院"
            number = (
                f"（{filed.year}）{info.prefix[:1]}{info.agency.credit_code[4:8]}行初{serial}号"
            )
        else:
            body = f"{info.place}中级人民法院"
            number = (
                f"（{filed.year}）{info.prefix[:1]}{info.agency.credit_code[4:6]}行初{serial}号"
            )
        note = demo_reviews.REVIEW_NOTES[result]
        self.reviews.append((pk, kind, filed, body, number, result, decided, note))
        return decided

    # --- all of them ---------------------------------------------------------------------------

    def batches(self, submissions, answers, ids, tracking):
        """(request rows, event rows, pause rows) per batch of the run's size."""
        numbered = zip(ids, tracking, submissions, answers, strict=True)
        for batch in self.run.batches(numbered):
            requests, events, pauses = [], [], []
            for pk, number, submission, answer in batch:
                row, case = self.application(pk, number, submission, answer)
                requests.append(row)
                events += [(pk, *event) for event in case.events]
                pauses += [(pk, p.reason, p.first_day, p.last_day, p.note) for p in case.pauses]
            yield requests, events, pauses


# --- tracking numbers -----------------------------------------------------------------------


def tracking_numbers(submissions, counters: dict) -> tuple[list[str], dict]:
    """The tracking number of every submission, continuing each year's counter in order
    of submission; and {year: how many}."""
    used, numbers = {}, []
    for submission in submissions:
        year = timezone.localtime(submission.at).year
        used[year] = used.get(year, 0) + 1
        sequence = counters.get(year, 0) + used[year]
        if sequence > MAX_TRACKING:
            raise CommandError(
                f"{year}: more than {MAX_TRACKING:,} tracking numbers in a year. Ask for fewer."
            )
        numbers.append(RequestCounter.FORMAT.format(year=year, sequence=sequence))
    return numbers, used


def read_counters(years, lock: bool) -> dict:
    rows = RequestCounter.objects.filter(year__in=years)
    if lock:
        rows = rows.select_for_update()
    return {counter.year: counter.last_sequence for counter in rows}


def claim_counters(used: dict, counters: dict) -> list[RequestCounter]:
    claimed = []
    for year in sorted(used):
        RequestCounter.objects.get_or_create(year=year)
        counter = RequestCounter.objects.select_for_update().get(year=year)
        if counter.last_sequence != counters.get(year, 0):
            raise CommandError(f"The tracking counter {counter} moved while planning; run again.")
        counter.last_sequence += used[year]
        claimed.append(counter)
    return claimed


def describe(run, generator, submissions, used, counters) -> None:
    would = "would add" if run.dry_run else "adding"
    run.say(
        f"Applications for disclosure: {would} {len(submissions):,} from "
        f"{generator.pool.size:,} invented applicants, submitted "
        f"{min(used)}-{max(used)}; one shared query code {QUERY_CODE} (test data)."
    )
    for year in sorted(used):
        first = counters.get(year, 0) + 1
        last = counters.get(year, 0) + used[year]
        run.say(
            f"  {year}: {used[year]:>8,} applications, tracking numbers "
            f"{RequestCounter.FORMAT.format(year=year, sequence=first)} to "
            f"{RequestCounter.FORMAT.format(year=year, sequence=last)}",
            2,
        )


def generate(run) -> None:
    total = run.options.get("requests") or 0
    if total <= 0:
        return
    agencies = load_agencies()
    generator = Generator(run, agencies, total)
    submissions, answers = generator.plan(total)
    years = sorted({timezone.localtime(s.at).year for s in submissions})
    with transaction.atomic():
        counters = read_counters(years, lock=not run.dry_run)
        tracking, used = tracking_numbers(submissions, counters)
        describe(run, generator, submissions, used, counters)
        if run.dry_run:
            return
        # The numbers and primary keys are taken before any row is written.
        claimed = claim_counters(used, counters)
        RequestCounter.objects.bulk_update(claimed, ["last_sequence"])
        ids = run.writer.reserve_ids(InformationRequest, total)
    progress = run.progress("Applications", total)
    written = {"events": 0, "pauses": 0}
    for group in run.groups(generator.batches(submissions, answers, ids, tracking)):
        with transaction.atomic():
            for requests, events, pauses in group:
                run.writer.write(InformationRequest, REQUEST_FIELDS, requests)
                written["events"] += run.writer.write(RequestEvent, EVENT_FIELDS, events)
                written["pauses"] += run.writer.write(RequestPause, PAUSE_FIELDS, pauses)
                progress.advance(len(requests))
    progress.finish()
    with transaction.atomic():
        reviews = run.writer.write(ReviewCase, REVIEW_FIELDS, generator.reviews)
    run.say(
        f"  {written['events']:,} timeline events, {written['pauses']:,} pauses of the clock, "
        f"{reviews:,} reconsideration and litigation cases.",
        2,
    )
    run.summary.append(
        f"{total:,} applications ({written['events']:,} events, {reviews:,} review cases)"
    )

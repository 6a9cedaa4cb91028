"""The demo applications of ``manage.py load_demo`` (``requests_app.demo``).

Loading replays several hundred applications through the real workflow, so the
session loads the demo once (after a dry run on the empty database) for every test
that uses ``demo_db`` (``tests/conftest.py``). Query codes are hashed with the fast
test hasher; files go to temporary directories.
"""

import datetime
from collections import Counter, defaultdict
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import F

from catalog.models import Agency, AgencyLevel, CatalogEntry, ReviewStatus, StaffRole
from catalog.validators import validate_credit_code, validate_resident_id
from requests_app import fees, workdays
from requests_app.demo import scenarios
from requests_app.demo.staff import OFFICERS
from requests_app.models import (
    ApplicantKind,
    Channel,
    EventKind,
    FeeMethod,
    IdType,
    InformationRequest,
    PauseReason,
    RequestCounter,
    RequestDocument,
    RequestEvent,
    RequestPause,
    RequestStatus,
    ReviewCase,
    ReviewKind,
    ReviewResult,
)
from requests_app.outcomes import Answer, Outcome, outcome_of

NOW = scenarios.DEMO_NOW
TODAY = NOW.date()
CLOSING_EVENTS = {
    EventKind.REPLIED,
    EventKind.MARKED_REPEAT,
    EventKind.WITHDRAWN,
    EventKind.CLOSED_NO_CORRECTION,
    EventKind.CLOSED_FEE_UNPAID,
}


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (InformationRequest, RequestEvent, RequestPause, RequestDocument,
                      ReviewCase, RequestCounter, CatalogEntry, get_user_model())
    }  # fmt: skip


@pytest.fixture
def requests(demo_db):
    return list(InformationRequest.objects.select_related("agency").order_by("pk"))


def _closed_in(year):
    return InformationRequest.objects.closed().filter(closed_on__year=year)


def test_dry_run_reports_what_it_would_create_and_writes_nothing(demo_db):
    assert demo_db.after_dry_run == demo_db.before
    assert demo_db.private_files_after_dry_run == []
    assert "Information requests: " in demo_db.dry_output
    assert "would be created" in demo_db.dry_output


def test_several_hundred_requests_over_2025_and_2026(requests):
    assert 400 <= len(requests) <= 600
    submitted = [r.submitted_at for r in requests]
    assert min(submitted).date() >= scenarios.FIRST_DAY
    assert max(submitted) <= NOW
    by_year = Counter(r.tracking_number[:4] for r in requests)
    assert set(by_year) == {"2025", "2026"} and min(by_year.values()) >= 150


def test_province_and_big_cities_receive_most_and_every_city_some(requests):
    by_agency = Counter(r.agency.slug for r in requests)
    cities = Agency.objects.filter(level=AgencyLevel.CITY).values_list("slug", flat=True)
    assert all(by_agency[slug] > 0 for slug in cities)
    assert by_agency["liaoning"] > by_agency["shenyang"] > by_agency["fushun"]
    assert by_agency["dalian"] > by_agency["benxi"]
    assert any(r.agency.level == AgencyLevel.COUNTY for r in requests)


@pytest.mark.parametrize("year", [2025, 2026])
def test_every_outcome_is_given_in_both_years(demo_db, year):
    outcomes = set(_closed_in(year).values_list("outcome", flat=True))
    assert outcomes == set(Outcome.values)


@pytest.mark.parametrize("year", [2025, 2026])
def test_both_special_answers_are_given_in_both_years(demo_db, year):
    answers = set(_closed_in(year).values_list("answer", flat=True))
    assert {Answer.ALREADY_DISCLOSED, Answer.NOT_THIS_AGENCY} <= answers


def test_every_applicant_kind_with_mostly_natural_persons(requests):
    kinds = Counter(r.applicant_kind for r in requests)
    assert set(kinds) == set(ApplicantKind.values)
    assert kinds.most_common(1)[0][0] == ApplicantKind.NATURAL_PERSON
    assert kinds[ApplicantKind.NATURAL_PERSON] > len(requests) / 2
    assert kinds[ApplicantKind.COMMERCIAL] > kinds[ApplicantKind.RESEARCH]


def test_every_channel_mostly_online_and_e_mail_or_fax_only_where_accepted(requests):
    channels = Counter(r.channel for r in requests)
    assert set(channels) == set(Channel.values)
    assert channels.most_common(1)[0][0] == Channel.ONLINE
    assert all(r.agency.accepts_email for r in requests if r.channel == Channel.EMAIL)
    assert all(r.agency.accepts_fax for r in requests if r.channel == Channel.FAX)


def test_applicants_identity_numbers_and_credit_codes_are_valid(requests):
    for r in requests:
        if r.applicant_kind == ApplicantKind.NATURAL_PERSON:
            assert not r.organisation_code
            if r.id_type == IdType.RESIDENT_ID:
                validate_resident_id(r.id_number, today=TODAY)
            else:
                assert r.id_number
        else:
            validate_credit_code(r.organisation_code)
            assert r.legal_representative and r.contact_person
        assert r.phone and r.address
        assert not r.email or r.email.endswith("@example.com")


def test_descriptions_are_chinese_and_name_what_is_sought(requests):
    assert all(r.description and r.information_title for r in requests)
    assert len({r.description for r in requests}) > len(requests) * 0.8
    assert any("行政处罚决定书" in r.description for r in requests)
    assert any("抽检" in r.description for r in requests)
    assert any(r.entries.exists() for r in requests)


def test_requests_received_in_december_2025_are_answered_in_2026(demo_db):
    carried = InformationRequest.objects.filter(
        received_on__year=2025, closed_on__year=2026, received_on__month=12
    )
    assert carried.count() >= 5
    assert not InformationRequest.objects.open().filter(received_on__year=2025).exists()


def test_open_requests_at_demo_now_in_every_state(demo_db):
    open_requests = InformationRequest.objects.open()
    statuses = set(open_requests.values_list("status", flat=True))
    assert statuses == set(RequestStatus.open_values())
    assert all(r.submitted_at.date() >= datetime.date(2026, 10, 1) for r in open_requests)
    overdue = InformationRequest.objects.overdue(TODAY)
    assert overdue.count() >= 1
    assert InformationRequest.objects.due_by(TODAY + datetime.timedelta(days=30), TODAY).exists()


def test_unconfirmed_online_requests_are_those_the_clock_has_not_reached(demo_db):
    """Art. 31: the daily clock confirms an online application on the next working day,
    so at DEMO_NOW only that day's submissions wait (and a fax awaiting confirmation)."""
    waiting = InformationRequest.objects.awaiting_confirmation()
    online = waiting.filter(channel=Channel.ONLINE)
    assert online.exists()
    assert {r.submitted_at.astimezone(scenarios.SHANGHAI).date() for r in online} == {TODAY}
    assert set(waiting.values_list("channel", flat=True)) <= {Channel.ONLINE, Channel.FAX}
    assert InformationRequest.objects.filter(events__kind=EventKind.AUTO_RECEIVED).exists()


def test_every_closed_request_has_one_outcome_and_its_dates_in_order(requests):
    for r in requests:
        if r.status != RequestStatus.CLOSED:
            assert not r.outcome and r.closed_on is None
            continue
        assert r.outcome in Outcome.values and r.closed_on is not None
        assert r.received_on <= r.closed_on <= TODAY
        if r.answer:
            assert outcome_of(r.answer) == r.outcome
        closing = [e for e in r.events.all() if e.kind in CLOSING_EVENTS]
        assert len(closing) == 1
        if closing[0].kind == EventKind.REPLIED:
            assert r.replied_on == r.closed_on and r.reply_text
        if closing[0].kind == EventKind.MARKED_REPEAT:
            assert r.replied_on == r.closed_on and r.repeat_of_id
        if r.delivered_on:
            assert r.delivered_on >= r.replied_on


def test_no_reply_before_receipt_and_most_replies_on_time(demo_db):
    replied = InformationRequest.objects.exclude(replied_on=None)
    assert all(r.replied_on >= r.received_on for r in replied)
    late = [r for r in replied if r.due_on and r.replied_on > r.due_on]
    assert 0 < len(late) < replied.count() * 0.1
    assert all(
        e.data["late"] == (e.request.replied_on > e.request.due_on)
        for e in RequestEvent.objects.filter(kind=EventKind.REPLIED).select_related("request")
    )


def test_extensions_are_once_at_most_20_working_days_and_decided_in_time(demo_db):
    """Art. 33: one extension of at most 20 working days."""
    extended = InformationRequest.objects.filter(extension_days__gt=0)
    assert extended.count() >= 4
    assert all(r.extension_days <= 20 for r in extended)
    events = RequestEvent.objects.filter(kind=EventKind.EXTENDED)
    assert events.count() == extended.count()
    assert all(e.request.extension_approved_by for e in events)


def test_each_requests_events_are_in_time_order_from_its_filing(requests):
    for r in requests:
        events = list(r.events.order_by("pk"))
        assert [e.at for e in events] == sorted(e.at for e in events)
        assert events[0].kind in (EventKind.SUBMITTED, EventKind.REGISTERED_OFFLINE)
        assert events[0].at == r.submitted_at
        assert events[-1].at <= NOW


def test_corrections_are_asked_within_7_working_days_some_answered_some_not(demo_db):
    """Art. 30: once, within 7 working days of receipt; not completed in time: closed."""
    asked = InformationRequest.objects.exclude(correction_requested_on=None)
    for r in asked:
        assert workdays.working_days_between(r.received_on, r.correction_requested_on) <= 7
        assert r.correction_due_on > r.correction_requested_on
    corrected = asked.exclude(corrected_on=None)
    assert corrected.exists()
    assert not corrected.exclude(clock_start_on=F("corrected_on")).exists()
    unanswered = asked.filter(outcome=Outcome.OTHER_NO_CORRECTION)
    assert unanswered.exists()
    assert all(r.closed_on == r.correction_due_on + datetime.timedelta(days=1) for r in unanswered)


def test_consultations_of_third_parties_and_of_other_agencies_stop_the_clock(demo_db):
    """Arts. 32-33: consultation time does not count."""
    reasons = set(RequestPause.objects.values_list("reason", flat=True))
    assert {PauseReason.THIRD_PARTY, PauseReason.OTHER_AGENCY, PauseReason.FEE} <= reasons
    running = RequestPause.objects.filter(last_day=None)
    assert all(p.request.is_open for p in running)
    assert all(p.last_day >= p.first_day for p in RequestPause.objects.exclude(last_day=None))


def test_fees_follow_the_109_schedule_and_one_per_year_stays_unpaid(demo_db):
    charged = InformationRequest.objects.exclude(fee_method="")
    per_application = charged.filter(fee_method=FeeMethod.PER_APPLICATION)
    assert per_application.count() >= 2
    for r in per_application:
        assert r.fee_basis_count > 10
        assert r.fee_amount == fees.per_application_fee(r.fee_basis_count)
        count = fees.applications_in_month(r.applicant_key, r.received_on, r.agency)
        assert count == r.fee_basis_count
    for r in charged.filter(fee_method=FeeMethod.PER_VOLUME):
        assert r.fee_amount == fees.per_volume_fee(r.fee_basis_count)
    assert charged.exclude(fee_paid_on=None).count() >= 3
    for year in (2025, 2026):
        assert _closed_in(year).filter(outcome=Outcome.OTHER_FEE_UNPAID).exists()


def test_withdrawals_by_the_applicant_and_recorded_by_staff(demo_db):
    withdrawn = RequestEvent.objects.filter(kind=EventKind.WITHDRAWN)
    assert withdrawn.filter(actor=None).exists() and withdrawn.exclude(actor=None).exists()
    assert all(e.request.outcome == Outcome.OTHER_OTHER for e in withdrawn)


def test_repeats_point_at_an_answered_request_of_the_same_applicant(demo_db):
    """Art. 36 (6)."""
    repeats = InformationRequest.objects.exclude(repeat_of=None).select_related("repeat_of")
    assert {r.closed_on.year for r in repeats} == {2025, 2026}
    for r in repeats:
        assert r.outcome == Outcome.NOT_HANDLED_REPEAT
        assert r.repeat_of.applicant_key == r.applicant_key
        assert r.repeat_of.agency_id == r.agency_id
        assert r.repeat_of.replied_on <= r.replied_on


def test_converted_requests_became_catalogue_drafts_of_their_agency(demo_db):
    """Art. 44."""
    converted = InformationRequest.objects.exclude(proactive_entry=None)
    assert converted.count() >= 2
    for r in converted:
        assert r.outcome in (Outcome.GRANTED, Outcome.PARTIAL)
        assert r.proactive_entry.agency_id == r.agency_id
        assert r.proactive_entry.status == ReviewStatus.DRAFT


def test_review_cases_of_every_kind_and_result(demo_db):
    """The annual report's table 四."""
    cases = list(ReviewCase.objects.select_related("request"))
    assert {c.kind for c in cases} == set(ReviewKind.values)
    assert {c.result for c in cases} == set(ReviewResult.values)
    for case in cases:
        assert case.request.closed_on < case.filed_on <= TODAY
        assert (case.result == ReviewResult.PENDING) == (case.decided_on is None)
        assert case.decided_on is None or case.filed_on <= case.decided_on <= TODAY
        assert case.body and case.case_number
    for case in cases:
        if case.kind == ReviewKind.LITIGATION_AFTER_RECONSIDERATION:
            earlier = [c for c in cases if c.request_id == case.request_id and c is not case]
            assert any(c.decided_on and c.decided_on <= case.filed_on for c in earlier)
    assert {c.filed_on.year for c in cases} == {2025, 2026}


def test_every_city_has_a_request_officer_who_handles_its_requests(demo_db):
    users = get_user_model().objects.filter(username__in=[o.username for o in OFFICERS])
    assert users.count() == 14
    for user in users:
        membership = user.memberships.get()
        assert membership.role == StaffRole.REQUEST_OFFICER
        assert user.groups.exists() and user.check_password("demo-pass-2026")
    handled = defaultdict(set)
    for agency, actor in RequestEvent.objects.filter(kind=EventKind.REPLIED).values_list(
        "request__agency__slug", "actor__username"
    ):
        handled[agency].add(actor)
    assert handled["shenyang"] == {"shenyang-officer"}
    assert handled["liaoning"] == {"demo-officer"}
    assert handled["shenyang-heping"] == {"shenyang-officer"}


def test_reply_documents_are_private_files_for_the_applicant(demo_db):
    documents = RequestDocument.objects.all()
    assert documents.exists()
    for document in documents:
        assert document.public and document.request.replied_on
        assert (demo_db.private / document.file.name).is_file()


def test_second_run_changes_nothing(demo_db):
    counts = _counts()
    counters = list(RequestCounter.objects.order_by("year").values_list("year", "last_sequence"))
    last_change = InformationRequest.objects.order_by("-updated_at").first().updated_at
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert _counts() == counts
    assert (
        list(RequestCounter.objects.order_by("year").values_list("year", "last_sequence"))
        == counters
    )
    assert InformationRequest.objects.order_by("-updated_at").first().updated_at == last_change
    assert "Information requests: 0 created, 0 updated" in out.getvalue()
    assert "already loaded" in out.getvalue()


def test_the_plan_is_the_same_on_every_build(demo_db):
    def fingerprint(plan):
        return [
            (s.key, s.agency, s.submitted_at, s.applicant.name, s.answer, s.steps)
            for s in plan.scenarios
        ]

    assert fingerprint(scenarios.build_plan()) == fingerprint(scenarios.build_plan())

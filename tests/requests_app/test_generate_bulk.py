"""``manage.py generate_bulk --requests``: bulk applications, on the same run as
``tests/catalog/test_generate_bulk.py`` (a small bureau system made with factories).

The due dates are checked against the workflow's own computation
(``requests_app.workflow.base.due_date``, Arts. 30-33), the receipt dates against Art. 31,
the table 三 rule of the annual report against every year of the data.
"""

import re
from collections import Counter

import pytest
from django.core.exceptions import ValidationError

from catalog.validators import validate_credit_code, validate_resident_id
from reports import tables
from requests_app import intake
from requests_app.bulk import QUERY_CODE
from requests_app.bulk_case import FastCalendar
from requests_app.bulk_plan import Pool
from requests_app.models import (
    ApplicantKind,
    Channel,
    EventKind,
    IdType,
    InformationRequest,
    RequestCounter,
    RequestEvent,
    RequestStatus,
    ReviewCase,
    ReviewKind,
    applicant_key,
)
from requests_app.outcomes import Outcome
from requests_app.workdays import add_working_days
from requests_app.workflow.base import due_date
from tests.catalog import test_generate_bulk as catalog_bulk
from tests.catalog.test_generate_bulk import CHINA, NOW, REQUESTS

# The same module-scoped run as the catalogue's tests (made again for this module).
bulk = catalog_bulk.bulk


@pytest.fixture
def generated(bulk, db):
    return bulk


CLOSINGS_WITHOUT_REPLY = (Outcome.OTHER_NO_CORRECTION, Outcome.OTHER_FEE_UNPAID)


def applications():
    return list(
        InformationRequest.objects.select_related("agency", "repeat_of").prefetch_related(
            "pauses", "events"
        )
    )


def test_it_adds_the_applications_asked_for_with_timelines_and_review_cases(generated):
    assert InformationRequest.objects.count() == REQUESTS
    assert RequestEvent.objects.count() >= 3 * REQUESTS
    assert ReviewCase.objects.exists()
    assert "Added" in generated["output"] and "400 applications" in generated["output"]


def test_every_application_event_and_review_case_passes_full_clean(generated):
    for request in applications():
        request.full_clean()
        for pause in request.pauses.all():
            pause.full_clean()
        for event in request.events.all():
            event.full_clean()
    for case in ReviewCase.objects.all():
        case.full_clean()
        assert case.filed_on > case.request.closed_on


def test_due_dates_are_those_the_workflow_computes(generated):
    """Arts. 30-33: 20 working days from receipt or from the corrected application, plus
    the extension, the days of pauses not counted; none while the clock stands still."""
    for request in applications():
        if request.outcome in CLOSINGS_WITHOUT_REPLY:
            continue  # closed while the clock stood still: no due date is kept
        due = due_date(request)
        expected = (due.due_on, due.provisional) if due else (None, False)
        assert (request.due_on, request.due_provisional) == expected, request.tracking_number


def test_receipt_dates_follow_the_channel(generated):
    """Art. 31: in person, post and e-mail on the day of the event; online the day both
    sides confirm, at the latest the next working day; fax the day both confirm."""
    for request in applications():
        if request.received_on is None or request.closed_on == request.received_on:
            continue
        submitted_on = request.submitted_at.astimezone(CHINA).date()
        if request.channel in (Channel.IN_PERSON, Channel.POST, Channel.EMAIL):
            assert request.received_on == submitted_on
        elif request.channel == Channel.ONLINE:
            assert submitted_on <= request.received_on <= add_working_days(submitted_on, 1).end
        else:
            assert request.received_on >= submitted_on


def test_dates_follow_each_other(generated):
    for request in applications():
        assert request.submitted_at <= NOW
        if request.status == RequestStatus.CLOSED:
            assert request.received_on <= request.closed_on <= NOW.date()
        if request.replied_on:
            assert request.replied_on == request.closed_on and request.replied_by_id
        if request.delivered_on:
            assert request.replied_on <= request.delivered_on <= NOW.date()
        if request.corrected_on:
            assert request.correction_requested_on <= request.corrected_on
            assert request.clock_start_on == request.corrected_on
        if request.fee_paid_on:
            assert request.fee_notice_on <= request.fee_paid_on <= request.fee_due_on
        events = list(request.events.all())
        assert [e.at for e in events] == sorted(e.at for e in events)
        assert events[0].at == request.submitted_at
        assert events[-1].at == request.updated_at <= NOW


def test_timelines_have_the_receipt_and_the_answer(generated):
    for request in applications():
        kinds = [e.kind for e in request.events.all()]
        assert kinds[0] in (EventKind.SUBMITTED, EventKind.REGISTERED_OFFLINE)
        if request.received_on and request.channel in (Channel.ONLINE, Channel.FAX):
            assert {EventKind.RECEIVED, EventKind.AUTO_RECEIVED, EventKind.WITHDRAWN} & set(kinds)
        if request.replied_on:
            assert {EventKind.REPLIED, EventKind.MARKED_REPEAT} & set(kinds)
        if request.delivered_on:
            assert EventKind.DELIVERED in kinds


def test_tracking_numbers_are_unique_and_continue_the_counters(generated):
    numbers = list(InformationRequest.objects.values_list("tracking_number", "submitted_at"))
    assert len({n for n, _at in numbers}) == len(numbers)
    by_year = Counter()
    for number, submitted_at in numbers:
        assert re.fullmatch(RequestCounter.PATTERN, number)
        assert number[:4] == str(submitted_at.astimezone(CHINA).year)
        by_year[int(number[:4])] += 1
    for year, count in by_year.items():
        assert RequestCounter.objects.get(year=year).last_sequence == count
    fresh = RequestCounter.allocate(2026)
    assert fresh == f"2026{by_year[2026] + 1:06d}"


def test_every_application_shares_the_documented_query_code(generated):
    hashes = set(InformationRequest.objects.values_list("query_code_hash", flat=True))
    assert len(hashes) == 1
    number = InformationRequest.objects.order_by("?").first().tracking_number
    assert intake.find_for_tracking(number, QUERY_CODE).tracking_number == number
    assert intake.find_for_tracking(number, "WRONG23456") is None


def test_applicants_are_fake_but_valid_and_keyed_as_intake_keys_them(generated):
    for request in InformationRequest.objects.all():
        key = applicant_key(
            request.applicant_kind, request.id_number, request.organisation_code,
            request.applicant_name,
        )  # fmt: skip
        assert request.applicant_key == key
        if request.id_type == IdType.RESIDENT_ID:
            validate_resident_id(request.id_number)
        if request.applicant_kind != ApplicantKind.NATURAL_PERSON:
            validate_credit_code(request.organisation_code)
            assert request.legal_representative and request.contact_person
        assert not request.email or request.email.endswith("@example.com")


def test_applications_spread_over_agencies_years_kinds_channels_and_every_outcome(generated):
    rows = InformationRequest.objects.all()
    assert set(rows.values_list("agency__slug", flat=True)) == {
        "liaoning", "shenyang", "dalian", "shenyang-heping",
    }  # fmt: skip
    years = {at.astimezone(CHINA).year for at in rows.values_list("submitted_at", flat=True)}
    assert years == set(range(2021, 2027))
    assert set(rows.values_list("applicant_kind", flat=True)) == set(ApplicantKind.values)
    assert set(rows.values_list("channel", flat=True)) == set(Channel.values)
    # e-mail and fax only where the guide announces them (国办公开办函〔2017〕19号)
    others = rows.exclude(agency__slug="liaoning")
    assert not others.filter(channel__in=[Channel.EMAIL, Channel.FAX]).exists()
    outcomes = Counter(rows.closed().values_list("outcome", flat=True))
    assert set(outcomes) == set(Outcome.values)
    assert outcomes[Outcome.GRANTED] > outcomes[Outcome.WITHHELD_STATE_SECRET]
    assert {"already_disclosed", "not_this_agency"} <= set(rows.values_list("answer", flat=True))


def test_recent_applications_are_still_open_some_of_them_overdue(generated):
    open_requests = InformationRequest.objects.open()
    assert open_requests.exists()
    assert all(r.submitted_at.year == 2026 for r in open_requests)
    assert InformationRequest.objects.overdue(NOW.date()).exists()


def test_repeats_point_at_an_earlier_answered_application_of_the_same_applicant(generated):
    repeats = InformationRequest.objects.filter(outcome=Outcome.NOT_HANDLED_REPEAT)
    assert repeats.exists()
    for repeat in repeats.exclude(repeat_of=None).select_related("repeat_of"):
        earlier = repeat.repeat_of
        assert earlier.agency_id == repeat.agency_id
        assert earlier.applicant_key == repeat.applicant_key
        assert earlier.replied_on <= repeat.replied_on


def test_review_cases_give_table_four_figures(generated):
    kinds = set(ReviewCase.objects.values_list("kind", flat=True))
    assert ReviewKind.RECONSIDERATION in kinds


@pytest.mark.parametrize("year", range(2021, 2027))
def test_the_annual_reports_table_three_rule_holds_every_year(generated, year):
    agencies = [agency.pk for agency in generated["agencies"]]
    _table, check = tables.table3(agencies, year)
    assert check.holds, check.messages()


def test_the_fast_calendar_counts_as_the_project_calendar_counts(db):
    import datetime

    clock = FastCalendar(datetime.date(2025, 1, 1), datetime.date(2027, 12, 31))
    for start in (
        datetime.date(2025, 9, 26),
        datetime.date(2026, 2, 10),
        datetime.date(2026, 12, 20),
    ):
        for n in (1, 7, 20, 40):
            assert clock.add(start, n) == add_working_days(start, n).end
        pauses = [(start + datetime.timedelta(days=3), start + datetime.timedelta(days=12))]
        assert clock.add(start, 20, pauses) == add_working_days(start, 20, pauses=pauses).end


def test_the_pool_gives_every_kind_valid_numbers(db):
    import random

    pool = Pool(random.Random(2), 500)
    for kind, members in pool.members.items():
        assert members, kind
        for member in members:
            if member.applicant.id_type == IdType.RESIDENT_ID:
                validate_resident_id(member.applicant.id_number)
            if kind != ApplicantKind.NATURAL_PERSON:
                validate_credit_code(member.applicant.organisation_code)


def test_validators_reject_a_broken_row(generated):
    """The constraints the generator respects are really enforced (bad input on purpose)."""
    request = InformationRequest.objects.closed().first()
    request.outcome = ""
    with pytest.raises(ValidationError):
        request.full_clean()

"""Factories and helpers for tests of the annual report.

- ``AnnualReportFactory``: a draft report of an agency for 2025.
- ``request_of(agency, kind, received_on, closed_on=None, outcome="")``: an
  information request made directly with the model, in the state the tables
  read: CLOSED with its outcome when ``closed_on`` is given, RECEIVED otherwise
  (SUBMITTED, never received, with ``received_on=None``). No workflow, no events.
- ``case_of(request, kind, filed_on, result=PENDING, decided_on=None)``: a review case.
- ``document(agency, genre, date_made, ...)``: a published rule or normative document.
- ``decision(agency, power_kind, decided_on, ...)``: a published decision.
"""

import datetime
import itertools

import factory

from catalog.models import ReviewStatus, Validity
from reports.models import AnnualReport
from requests_app.models import (
    ApplicantKind,
    Channel,
    InformationRequest,
    RequestStatus,
    ReviewCase,
    ReviewResult,
)
from tests.factories import (
    AgencyFactory,
    DecisionFactory,
    EntryFactory,
    PublishedDecisionFactory,
    PublishedEntryFactory,
    PublishedPowerItemFactory,
)

_serial = itertools.count(1)


class AnnualReportFactory(factory.django.DjangoModelFactory):
    """A draft annual report for 2025."""

    class Meta:
        model = AnnualReport

    agency = factory.SubFactory(AgencyFactory)
    year = 2025
    overview = "2025年，本局认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开。"
    problems = "政策解读形式还不够丰富。下一步将加强图表解读。"
    other_matters = "本年度未收取信息处理费。"


def request_of(
    agency,
    kind=ApplicantKind.NATURAL_PERSON,
    received_on=None,
    closed_on=None,
    outcome="",
    **kwargs,
):
    """A request in the state the annual report reads, made with the model directly."""
    if closed_on is not None:
        status = RequestStatus.CLOSED
    elif received_on is not None:
        status = RequestStatus.RECEIVED
    else:
        status = RequestStatus.SUBMITTED
    serial = next(_serial)
    return InformationRequest.objects.create(
        tracking_number=f"T{serial:09d}",
        query_code_hash="unused",
        agency=agency,
        channel=Channel.ONLINE,
        applicant_kind=kind,
        applicant_name=f"申请人{serial}",
        phone="13800000000",
        description="申请公开有关政府信息。",
        status=status,
        received_on=received_on,
        closed_on=closed_on,
        outcome=outcome,
        **kwargs,
    )


def case_of(request, kind, filed_on, result=ReviewResult.PENDING, decided_on=None):
    return ReviewCase.objects.create(
        request=request, kind=kind, filed_on=filed_on, result=result, decided_on=decided_on
    )


def document(
    agency,
    genre,
    date_made,
    validity=Validity.VALID,
    changed_on=None,
    status=ReviewStatus.PUBLISHED,
    topic=None,
):
    """A rule or normative document of ``agency``; published unless told otherwise."""
    values = {
        "agency": agency,
        "genre": genre,
        "date_made": date_made,
        "validity": validity,
        "validity_changed_on": changed_on,
    }
    if topic is not None:
        values["topic"] = topic
    if status == ReviewStatus.PUBLISHED:
        return PublishedEntryFactory(**values)
    return EntryFactory(status=status, **values)


def decision(agency, power_kind, decided_on, status=ReviewStatus.PUBLISHED, **kwargs):
    """A decision of ``agency`` on a published power item of ``power_kind``."""
    power = PublishedPowerItemFactory(agency=agency, kind=power_kind)
    made = PublishedDecisionFactory if status == ReviewStatus.PUBLISHED else DecisionFactory
    return made(agency=agency, power_item=power, decided_on=decided_on, status=status, **kwargs)


def day(text: str) -> datetime.date:
    """``day("2025-03-01")``: a date, written the way the tests read it."""
    return datetime.date.fromisoformat(text)

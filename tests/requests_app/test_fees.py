"""The processing fee schedule of 国办函〔2020〕109号 (Art. 42), at the edges of each band."""

import datetime
from decimal import Decimal

import pytest

from requests_app import fees
from requests_app.models import FeeMethod
from tests.factories import AgencyFactory
from tests.requests_app.factories import FAST_HASHERS, InformationRequestFactory, received_request

D = datetime.date


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.mark.parametrize(
    ("nth", "fee"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (50, 300), (51, 400)],
)
def test_109_per_application_fee_of_the_nth_application_in_a_month(nth, fee):
    assert fees.per_application_fee(nth) == Decimal(fee)


@pytest.mark.parametrize(
    ("pages", "total"),
    [(0, 0), (1, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740)],
)
def test_109_per_volume_fee_sums_each_band_at_its_price(pages, total):
    # 31-100 at 10 yuan (70 pages: 700), 101-200 at 20 (100 pages: 2000), from 201 at 40.
    assert fees.per_volume_fee(pages) == Decimal(total)


def test_109_nonsense_counts_are_refused():
    with pytest.raises(ValueError):
        fees.per_application_fee(0)
    with pytest.raises(ValueError):
        fees.per_volume_fee(-1)


@pytest.mark.django_db
def test_109_applications_are_counted_per_applicant_by_receipt_in_the_calendar_month(agency):
    person = InformationRequestFactory(agency=agency)
    same = {"id_number": person.id_number, "applicant_name": person.applicant_name}
    for day in (D(2026, 2, 27), D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 20), D(2026, 4, 1)):
        InformationRequestFactory(agency=agency, received_on=day, status="received", **same)
    received_request(agency=agency, on=D(2026, 3, 3))  # another applicant
    other_agency = AgencyFactory()
    InformationRequestFactory(  # the same applicant at another agency: not counted here
        agency=other_agency, received_on=D(2026, 3, 2), status="received", **same
    )
    assert fees.applications_in_month(person.applicant_key, D(2026, 3, 3), agency) == 2
    assert fees.applications_in_month(person.applicant_key, D(2026, 3, 31), agency) == 3
    assert fees.applications_in_month(person.applicant_key, D(2026, 2, 28), agency) == 1
    assert fees.applications_in_month(person.applicant_key, D(2026, 3, 3), other_agency) == 1


@pytest.mark.django_db
def test_109_quote_per_volume_needs_pages(agency):
    request = received_request(agency=agency, on=D(2026, 3, 2))
    with pytest.raises(ValueError):
        fees.quote(request, FeeMethod.PER_VOLUME)
    quote = fees.quote(request, FeeMethod.PER_VOLUME, 101)
    assert (quote.amount, quote.basis_count) == (Decimal(720), 101)

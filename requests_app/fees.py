"""The processing fee of an application: the one home of the 109号 schedule.

《政府信息公开信息处理费管理办法》(国办函〔2020〕109号), under Art. 42 of the
Regulations: information is free by default; a fee is charged only for
excessive frequency or volume, either per application or per volume, never both
(DOMAIN.md section 4).

- Per application (按件计收), per applicant and calendar month: applications 1-10
  are free, 11-30 cost 100 yuan each, and from the 31st each band of ten costs
  100 yuan more than the one before (31-40: 200, 41-50: 300, ...).
- Per volume (按量计收), per application: pages 1-30 are free, 31-100 cost
  10 yuan a page, 101-200 20 yuan, from 201 40 yuan; the bands are summed.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from requests_app.models import FeeMethod

YUAN = Decimal("0.01")  # amounts are stored and shown in yuan with two decimals
# (last application of the band, fee of each application in it); past the last, +100 per 10.
APPLICATION_BANDS = ((10, Decimal(0)), (30, Decimal(100)))
APPLICATION_STEP = 10
APPLICATION_STEP_FEE = Decimal(100)

# (last page of the band or None, yuan per page in the band).
VOLUME_BANDS = ((30, Decimal(0)), (100, Decimal(10)), (200, Decimal(20)), (None, Decimal(40)))


def per_application_fee(nth: int) -> Decimal:
    """The fee of an applicant's ``nth`` application in a calendar month (1-based)."""
    if nth < 1:
        raise ValueError("nth counts from 1")
    for last, fee in APPLICATION_BANDS:
        if nth <= last:
            return fee
    last_banded, last_fee = APPLICATION_BANDS[-1]
    steps = (nth - last_banded - 1) // APPLICATION_STEP + 1
    return last_fee + APPLICATION_STEP_FEE * steps


def per_volume_fee(pages: int) -> Decimal:
    """The fee for ``pages`` pages: each band's pages at the band's price, summed."""
    if pages < 0:
        raise ValueError("pages cannot be negative")
    total = Decimal(0)
    first = 1
    for last, price in VOLUME_BANDS:
        upper = pages if last is None else min(pages, last)
        if upper >= first:
            total += price * (upper - first + 1)
        if last is None or pages <= last:
            break
        first = last + 1
    return total


def applications_in_month(applicant_key: str, day: datetime.date, agency) -> int:
    """How many applications the applicant made to ``agency`` in the calendar month of
    ``day``, up to it.

    Applications are counted by their receipt date, from the first of the month
    to ``day`` inclusive, whatever became of them: the count is that of the
    application received on ``day`` in the month (109号: per applicant, per
    calendar month, at the agency that charges; applications to other agencies
    are theirs to count) *(verify)*.
    """
    from requests_app.models import InformationRequest

    return InformationRequest.objects.filter(
        agency=agency,
        applicant_key=applicant_key,
        received_on__gte=day.replace(day=1),
        received_on__lte=day,
    ).count()


@dataclass(frozen=True)
class Quote:
    """A fee and what it was computed from (applications in the month, or pages)."""

    method: str
    amount: Decimal
    basis_count: int


def quote(request, method: str, pages: int | None = None) -> Quote:
    """The fee of ``request`` by ``method``: per application from the applicant's
    applications in the month of its receipt; per volume from ``pages``."""
    if FeeMethod(method) == FeeMethod.PER_APPLICATION:
        nth = applications_in_month(request.applicant_key, request.received_on, request.agency)
        return Quote(method, per_application_fee(max(nth, 1)).quantize(YUAN), nth)
    if pages is None:
        raise ValueError("a fee per volume needs the number of pages")
    return Quote(method, per_volume_fee(pages).quantize(YUAN), pages)

"""Processing fees (Art. 42; 国办函〔2020〕109号): the notice, the payment, and the
closure of applications whose fee was not paid in time."""

from django.db import transaction
from django.utils.translation import gettext as _

from requests_app import deadlines, fees
from requests_app.models import (
    EventKind,
    FeeMethod,
    InformationRequest,
    PauseReason,
    RequestStatus,
)
from requests_app.outcomes import Outcome
from requests_app.workflow.base import (
    ONE_DAY,
    _acting,
    _close,
    _close_pause,
    _iso,
    _open_pause,
    _record,
    _refresh_due,
    _require,
    _require_not_before,
    _require_status,
    _today,
)


def issue_fee_notice(request, user, *, method, pages=None, on=None, at=None):
    """Charge the processing fee of the 109号 schedule, per application or per volume.

    A zero fee is refused (nothing to notify). The clock stands still from the
    notice to the payment; the applicant pays within 20 working days.
    """
    on = _today(on)
    _require(method in FeeMethod.values, _("Choose per application or per volume."))
    if method == FeeMethod.PER_VOLUME:
        _require(
            isinstance(pages, int) and pages > 0,
            _("Give the number of pages for a fee per volume."),
        )
    with _acting(request, user) as row:
        _require_status(
            row,
            (RequestStatus.RECEIVED,),
            _(
                "A fee notice can be issued only while the application is being handled; "
                "this one is “%(status)s”."
            ),
        )
        _require(
            not row.fee_method,
            _("A fee notice was already issued on %(date)s; a fee is charged once.")
            % {"date": _iso(row.fee_notice_on)},
        )
        _require_not_before(
            on, row.clock_start_on, _("The clock runs from %(date)s; pick that day or a later one.")
        )
        quote = fees.quote(row, method, pages)
        _require(
            quote.amount > 0,
            _(
                "No fee is due: the first 10 applications in a month and the first 30 pages "
                "are free (国办函〔2020〕109号)."
            ),
        )
        row.fee_method = method
        row.fee_amount = quote.amount
        row.fee_basis_count = quote.basis_count
        row.fee_notice_on = on
        row.fee_due_on = deadlines.fee_payment_due(on).due_on
        _open_pause(row, PauseReason.FEE, on)
        row.status = RequestStatus.FEE_PENDING
        _refresh_due(row)
        row.save()
        _record(
            row,
            EventKind.FEE_NOTICE,
            user,
            at,
            public=True,
            data={
                "method": str(method),
                "amount": str(quote.amount),
                "basis_count": quote.basis_count,
                "due_on": _iso(row.fee_due_on),
            },
        )
    return request


def record_payment(request, user, *, on=None, at=None):
    """The fee was paid on ``on``: the clock runs again."""
    on = _today(on)
    with _acting(request, user) as row:
        _require_status(
            row,
            (RequestStatus.FEE_PENDING,),
            _("No fee notice is awaiting payment; this application is “%(status)s”."),
        )
        _require_not_before(
            on,
            row.fee_notice_on,
            _("The fee notice was issued on %(date)s; pick that day or a later one."),
        )
        _require(
            on <= row.fee_due_on,
            _("The fee was due by %(date)s; a later payment does not revive the application.")
            % {"date": _iso(row.fee_due_on)},
        )
        _close_pause(row, on)
        row.fee_paid_on = on
        row.status = RequestStatus.RECEIVED
        _refresh_due(row)
        row.save()
        _record(row, EventKind.FEE_PAID, user, at, public=True, data={"paid_on": _iso(on)})
    return request


def close_unpaid(today, *, at=None) -> int:
    """Close as ``other.fee_unpaid`` every application whose fee is overdue, on the day
    after the payment date. Returns how many."""
    count = 0
    with transaction.atomic():
        candidates = InformationRequest.objects.filter(
            status=RequestStatus.FEE_PENDING, fee_due_on__lt=today
        )
        for row in candidates.select_for_update().order_by("pk"):
            _close(row, Outcome.OTHER_FEE_UNPAID, row.fee_due_on + ONE_DAY)
            row.save()
            _record(
                row,
                EventKind.CLOSED_FEE_UNPAID,
                None,
                at,
                public=True,
                data={"fee_due_on": _iso(row.fee_due_on)},
            )
            count += 1
    return count

"""When staff change the working-day calendar, the due dates of open requests are
computed again and the change is logged on each."""

import datetime

from django.db import transaction
from django.db.models import Q, prefetch_related_objects

from requests_app import deadlines
from requests_app.models import (
    EventKind,
    InformationRequest,
    RequestStatus,
)
from requests_app.workdays import Calendar
from requests_app.workflow.base import _iso, _record, _refresh_due


def recompute_due_dates(changed_dates, user=None, *, at=None) -> int:
    """Recompute the dates of every open application whose clock runs in a changed year.

    A changed day can move a due date whose period covers it, and a holiday
    citing its notice publishes its whole year (ADR 0005), which can end (or,
    removed, bring back) the provisional flag of any period in that year: so
    every open application with a reply or fee date in the years of the changed
    days is recomputed, from scratch, with the calendar as it now is. One whose
    reply or fee date moved gets an internal DUE_DATE_RECOMPUTED event.
    Returns how many moved.
    """
    dates = sorted(set(changed_dates))
    if not dates:
        return 0
    first = datetime.date(dates[0].year, 1, 1)
    last = datetime.date(dates[-1].year, 12, 31)
    covers = Q(clock_start_on__lte=last, due_on__gte=first) | Q(
        status=RequestStatus.FEE_PENDING, fee_notice_on__lte=last, fee_due_on__gte=first
    )
    calendar = Calendar()
    moved = 0
    with transaction.atomic():
        rows = list(
            InformationRequest.objects.open().filter(covers).select_for_update().order_by("pk")
        )
        prefetch_related_objects(rows, "pauses")
        for row in rows:
            before = {"due_on": row.due_on, "fee_due_on": row.fee_due_on}
            changed = _refresh_due(row, calendar)
            if row.status == RequestStatus.FEE_PENDING:
                row.fee_due_on = deadlines.fee_payment_due(row.fee_notice_on, calendar).due_on
            after = {"due_on": row.due_on, "fee_due_on": row.fee_due_on}
            if not changed and before == after:
                continue
            row.save(update_fields=["due_on", "due_provisional", "fee_due_on", "updated_at"])
            if before != after:
                _record(
                    row,
                    EventKind.DUE_DATE_RECOMPUTED,
                    user,
                    at,
                    public=False,
                    data={
                        "changed_dates": [_iso(d) for d in dates],
                        **{
                            key: [_iso(before[key]), _iso(after[key])]
                            for key in before
                            if before[key] != after[key]
                        },
                    },
                )
                moved += 1
    return moved

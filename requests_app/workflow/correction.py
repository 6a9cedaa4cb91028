"""Correction of an unclear application (Art. 30): asked once, within 7 working days;
the clock restarts from the completed application; no answer in time closes it."""

from django.db import transaction
from django.utils.translation import gettext as _

from catalog.statutes import CORRECTION_NOTICE_WORKING_DAYS
from requests_app import deadlines
from requests_app.models import (
    EventKind,
    InformationRequest,
    RequestStatus,
)
from requests_app.outcomes import Outcome
from requests_app.workflow.base import (
    ONE_DAY,
    _acting,
    _close,
    _iso,
    _record,
    _refresh_due,
    _require,
    _require_not_before,
    _require_status,
    _require_text,
    _today,
)


def request_correction(request, user, *, items, due_on, on=None, at=None):
    """Ask the applicant, once and within 7 working days of receipt, to complete the
    application by ``due_on``. The clock stands still until the completed one arrives."""
    on = _today(on)
    items = _require_text(items, _("Say what the applicant should complete."))
    with _acting(request, user) as row:
        _require_status(
            row,
            (RequestStatus.RECEIVED,),
            _(
                "A correction can be asked for only while the application is being handled; "
                "this one is “%(status)s”."
            ),
        )
        _require(
            row.correction_requested_on is None,
            _("A correction was already asked for on %(date)s; Art. 30 allows it only once.")
            % {"date": _iso(row.correction_requested_on)},
        )
        _require_not_before(
            on,
            row.received_on,
            _("The application was received on %(date)s; pick that day or a later one."),
        )
        last_day = deadlines.correction_notice_due(row.received_on).due_on
        _require(
            on <= last_day,
            _(
                "A correction must be asked for within %(days)s working days of receipt "
                "(Art. 30), that is by %(date)s."
            )
            % {"days": CORRECTION_NOTICE_WORKING_DAYS, "date": _iso(last_day)},
        )
        _require(
            due_on is not None and due_on > on,
            _("Give the applicant a date after today to send the completed application."),
        )
        row.status = RequestStatus.CORRECTION
        row.correction_requested_on = on
        row.correction_items = items
        row.correction_due_on = due_on
        _refresh_due(row)
        row.save()
        _record(
            row,
            EventKind.CORRECTION_REQUESTED,
            user,
            at,
            public=True,
            message=items,
            data={"requested_on": _iso(on), "due_on": _iso(due_on)},
        )
    return request


def receive_correction(request, user, *, on=None, at=None):
    """The completed application arrived on ``on``: the clock starts afresh from that day."""
    on = _today(on)
    with _acting(request, user) as row:
        _require_status(
            row,
            (RequestStatus.CORRECTION,),
            _("No correction is awaited; this application is “%(status)s”."),
        )
        _require_not_before(
            on,
            row.correction_requested_on,
            _("The correction was asked for on %(date)s; it cannot arrive before that."),
        )
        row.status = RequestStatus.RECEIVED
        row.corrected_on = on
        row.clock_start_on = on
        _refresh_due(row)
        row.save()
        late = row.correction_due_on is not None and on > row.correction_due_on
        _record(
            row,
            EventKind.CORRECTION_RECEIVED,
            user,
            at,
            public=True,
            data={"received_on": _iso(on), "late": late},
        )
    return request


def close_uncorrected(today, *, at=None) -> int:
    """Close as ``other.no_correction`` every application whose correction is overdue.

    It is closed on the day after the date the applicant was given. Returns how many.
    """
    count = 0
    with transaction.atomic():
        candidates = InformationRequest.objects.filter(
            status=RequestStatus.CORRECTION, correction_due_on__lt=today
        )
        for row in candidates.select_for_update().order_by("pk"):
            _close(row, Outcome.OTHER_NO_CORRECTION, row.correction_due_on + ONE_DAY)
            row.save()
            _record(
                row,
                EventKind.CLOSED_NO_CORRECTION,
                None,
                at,
                public=True,
                data={"correction_due_on": _iso(row.correction_due_on)},
            )
            count += 1
    return count

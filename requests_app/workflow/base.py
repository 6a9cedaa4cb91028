"""Shared parts of the request workflow: the rights, the guards, the event record and
the clock."""

import datetime
from contextlib import contextmanager
from functools import partial

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog import permissions
from catalog.models import StaffRole
from requests_app import deadlines, notifications
from requests_app.models import (
    InformationRequest,
    PauseReason,
    RequestEvent,
    RequestPause,
    RequestStatus,
)
from requests_app.outcomes import Outcome
from requests_app.workdays import Calendar, add_working_days

HANDLER_ROLES = (StaffRole.REQUEST_OFFICER, StaffRole.AGENCY_ADMIN)
ONE_DAY = datetime.timedelta(days=1)

# States in which the clock runs or stands still for a pause; the answer is still to come.
CLOCK_STATES = (RequestStatus.RECEIVED, RequestStatus.CONSULTING, RequestStatus.FEE_PENDING)
CONSULTATION_REASONS = (PauseReason.THIRD_PARTY, PauseReason.OTHER_AGENCY)
# Answers that give the applicant information: only these can become a catalogue entry.
CONVERTIBLE_OUTCOMES = (Outcome.GRANTED, Outcome.PARTIAL)


class RequestTransitionError(Exception):
    """A step the request's current state does not allow."""


def may_handle(user, agency) -> bool:
    """Whether ``user`` handles the requests of ``agency``."""
    return permissions.may_act_for(user, agency, HANDLER_ROLES)


def _check_right(user, agency) -> None:
    if not may_handle(user, agency):
        raise PermissionDenied(
            _("You may not handle the applications of %(agency)s.") % {"agency": agency}
        )


def _require(ok: bool, message: str) -> None:
    if not ok:
        raise RequestTransitionError(message)


def _require_status(row, allowed, message: str) -> None:
    """Refuse unless the request is in one of ``allowed``; ``message`` may use %(status)s."""
    if row.status == RequestStatus.CLOSED and RequestStatus.CLOSED not in allowed:
        raise RequestTransitionError(
            _("This application is already closed (%(outcome)s); nothing more can be done.")
            % {"outcome": row.get_outcome_display()}
        )
    _require(row.status in allowed, message % {"status": row.get_status_display()})


def _require_text(value: str, message: str) -> str:
    value = (value or "").strip()
    _require(bool(value), message)
    return value


def _require_not_before(on, earliest, message: str) -> None:
    if earliest is not None:
        _require(on >= earliest, message % {"date": earliest.isoformat()})


def _today(on):
    return on or timezone.localdate()


def _sync(target, row):
    """Copy the stored values of ``row`` onto the caller's instance."""
    if target is row:
        return
    for field in row._meta.concrete_fields:
        setattr(target, field.attname, getattr(row, field.attname))


@contextmanager
def _acting(request, user, *, check_right=True):
    """A transaction with the request's row locked; the user's right checked on it."""
    with transaction.atomic():
        row = InformationRequest.objects.select_for_update().get(pk=request.pk)
        if check_right:
            _check_right(user, row.agency)
        yield row
    _sync(request, row)


def _record(row, kind, user, at, *, public, message="", note="", data=None, query_code=None):
    event = RequestEvent.objects.create(
        request=row,
        kind=kind,
        at=at or timezone.now(),
        actor=user,
        public=public,
        message=message,
        note=note,
        data=data or {},
    )
    if public:
        transaction.on_commit(partial(notifications.notify_applicant, event, query_code=query_code))
    return event


def _iso(date):
    return date.isoformat() if date else None


# The clock -------------------------------------------------------------------------------


def due_date(request, calendar: Calendar | None = None) -> deadlines.DueDate | None:
    """The reply deadline as the law counts it now, explained; None while the clock
    stands still (before receipt, waiting for a correction, during a pause)."""
    if request.clock_start_on is None or request.status in (
        RequestStatus.SUBMITTED,
        RequestStatus.CORRECTION,
    ):
        return None
    stored_pauses = list(request.pauses.all()) if request.pk else []
    if any(pause.last_day is None for pause in stored_pauses):
        return None
    compute = deadlines.reply_due
    if request.corrected_on and request.corrected_on == request.clock_start_on:
        compute = deadlines.restart_after_correction
    return compute(
        request.clock_start_on,
        pauses=request.pauses_for_clock() if stored_pauses else (),
        extension_days=request.extension_days,
        calendar=calendar,
    )


def _refresh_due(row, calendar=None) -> bool:
    """Store the due date computed from scratch; whether it changed."""
    before = (row.due_on, row.due_provisional)
    due = due_date(row, calendar)
    row.due_on = due.due_on if due else None
    row.due_provisional = due.provisional if due else False
    return before != (row.due_on, row.due_provisional)


def auto_receipt_date(submitted_at, calendar: Calendar | None = None) -> datetime.date:
    """An online application nobody confirmed is received on the next working day."""
    submitted_on = timezone.localdate(submitted_at)
    return add_working_days(submitted_on, 1, calendar).end


def _start_clock(row, received_on):
    row.status = RequestStatus.RECEIVED
    row.received_on = received_on
    row.clock_start_on = received_on
    _refresh_due(row)


def _open_pause(row, reason, on, note=""):
    """A pause from ``on``; the clock's own start day is never counted, so a pause
    starting that day starts, for the clock, the day after."""
    first_day = max(on, row.clock_start_on + ONE_DAY)
    return RequestPause.objects.create(request=row, reason=reason, first_day=first_day, note=note)


def _pause_started_on(row):
    """The earliest day the running pause may have been opened (see ``_open_pause``)."""
    pause = row.pauses.filter(last_day__isnull=True).first()
    if pause is None:
        return None
    if pause.first_day == row.clock_start_on + ONE_DAY:
        return row.clock_start_on
    return pause.first_day


def _close_pause(row, on):
    """End the running pause on ``on`` (its last day not counted)."""
    pause = row.pauses.filter(last_day__isnull=True).first()
    if pause is None:
        return None
    if on < pause.first_day:  # ended before any day it would have covered
        pause.delete()
        return None
    pause.last_day = on
    pause.save(update_fields=["last_day"])
    return pause


def _close(row, outcome, on, *, answer=None):
    row.status = RequestStatus.CLOSED
    row.outcome = outcome
    row.answer = outcome.value if answer is None else answer
    row.closed_on = on
    _close_pause(row, on)

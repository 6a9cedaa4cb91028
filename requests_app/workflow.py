"""Every step of an application for disclosure, each as one function (Arts. 30-45).

Each transition locks the request (``select_for_update``), checks its state
and the user's right (a request officer or agency administrator of its agency,
``catalog.permissions.agencies_for``), writes the change and one
``RequestEvent`` in one transaction, and after commit e-mails the applicant
about the events meant for them. Refusals raise ``RequestTransitionError``
(the request's state does not allow it) or ``PermissionDenied`` (the user may
not act for its agency), with a message for the user. Admin actions, views,
the daily clock and the demo loader all call these; nothing else changes
``status``.

Each function takes ``on`` (the legal date of the act, default today in China
time) and ``at`` (the time of the event, default now), so history can be
replayed. Each returns the request, updated.

The clock (``requests_app.deadlines``): the due date is always computed from
scratch from ``clock_start_on`` (receipt, or receipt of the corrected
application), the request's pauses and its one extension; ``due_provisional``
is stored with it. While the clock stands still (waiting for a correction, a
consultation or a fee payment running) there is no due date: ``due_on`` is
empty and comes back, moved by the working days of the pause, when the clock
runs again.
"""

import datetime
from contextlib import contextmanager
from functools import partial

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog import permissions
from catalog.models import CatalogEntry, StaffRole
from catalog.statutes import CORRECTION_NOTICE_WORKING_DAYS
from requests_app import deadlines, fees, notifications
from requests_app.models import (
    Channel,
    DocumentKind,
    EventKind,
    FeeMethod,
    InformationRequest,
    PauseReason,
    RequestCounter,
    RequestEvent,
    RequestPause,
    RequestStatus,
)
from requests_app.outcomes import Outcome, answer_choices, outcome_of
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


# Helpers ---------------------------------------------------------------------------------


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


# Receipt (Art. 31) -------------------------------------------------------------------------


def register_offline(
    *, agency, user, cleaned_data, channel, event_on, entries=(), uploads=(), at=None
):
    """Staff register an application received in person, by post, e-mail or fax.

    The receipt date is the day of the event the channel names (Art. 31):
    ``event_on`` is the day it was handed in, signed for, or received by the
    mail system. A fax is received only when both sides confirm it: it stays
    SUBMITTED until ``confirm_receipt``. Returns ``(request, query_code)``; the
    code is e-mailed once, if the applicant gave an address.
    """
    from requests_app import intake

    channel = Channel(channel)
    _require(
        channel != Channel.ONLINE,
        _("Online applications are filed by the applicant on the portal."),
    )
    _check_right(user, agency)
    at = at or timezone.now()
    code = intake.new_query_code()
    values = {k: cleaned_data[k] for k in intake.APPLICATION_FIELDS if k in cleaned_data}
    with transaction.atomic():
        row = InformationRequest(
            tracking_number=RequestCounter.allocate(timezone.localtime(at).year),
            query_code_hash=intake.hash_query_code(code),
            agency=agency,
            channel=channel,
            status=RequestStatus.SUBMITTED,
            submitted_at=at,
            consent_at=at if cleaned_data.get("consent") else None,
            **values,
        )
        if channel != Channel.FAX:
            keyword = deadlines.RECEIPT_RULES[channel][0]
            _start_clock(row, deadlines.receipt_date(channel, **{keyword: event_on}))
        row.save()
        if entries:
            row.entries.set(entries)
        intake.save_documents(row, uploads, user=user)
        _record(
            row,
            EventKind.REGISTERED_OFFLINE,
            user,
            at,
            public=True,
            data={"channel": channel.value, "event_on": _iso(event_on)},
            query_code=code,
        )
    return row, code


def confirm_receipt(request, user, *, on=None, at=None):
    """Confirm receipt of an online application or a fax: the clock starts (Art. 31).

    An online application confirmed later than the next working day after its
    submission counts as received that day: staff inaction cannot stall the clock.
    """
    on = _today(on)
    with _acting(request, user) as row:
        _require_status(
            row,
            (RequestStatus.SUBMITTED,),
            _("Receipt is confirmed once; this application is “%(status)s”."),
        )
        _require(
            row.channel in (Channel.ONLINE, Channel.FAX),
            _("Only online and fax applications wait for confirmation of receipt."),
        )
        _require_not_before(
            on,
            timezone.localdate(row.submitted_at),
            _("Receipt cannot be confirmed before the application was sent (%(date)s)."),
        )
        received_on = deadlines.receipt_date(row.channel, confirmed_on=on)
        if row.channel == Channel.ONLINE:
            received_on = min(received_on, auto_receipt_date(row.submitted_at))
        _start_clock(row, received_on)
        row.save()
        _record(
            row, EventKind.RECEIVED, user, at, public=True, data={"received_on": _iso(received_on)}
        )
    return request


def auto_confirm(today, *, at=None) -> int:
    """Confirm every online application left unconfirmed past the next working day after
    its submission, with receipt on that day (event AUTO_RECEIVED). Returns how many."""
    calendar = Calendar.around(today - datetime.timedelta(days=366), today)
    count = 0
    with transaction.atomic():
        candidates = InformationRequest.objects.awaiting_confirmation().filter(
            channel=Channel.ONLINE, submitted_at__date__lt=today
        )
        for row in candidates.select_for_update().order_by("pk"):
            received_on = auto_receipt_date(row.submitted_at, calendar)
            if received_on > today:
                continue
            _start_clock(row, received_on)
            row.save()
            _record(
                row,
                EventKind.AUTO_RECEIVED,
                None,
                at,
                public=True,
                data={"received_on": _iso(received_on)},
            )
            count += 1
    return count


# Correction (Art. 30) ----------------------------------------------------------------------


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


# Handling ----------------------------------------------------------------------------------


def assign(request, user, *, department=None, officer=None, note="", on=None, at=None):
    """Route the application to a department and/or an officer of its agency."""
    with _acting(request, user) as row:
        _require_status(
            row,
            RequestStatus.open_values(),
            _("Only an open application can be assigned; this one is “%(status)s”."),
        )
        _require(
            department is not None or officer is not None,
            _("Choose a department or an officer."),
        )
        if department is not None:
            _require(
                department.agency_id == row.agency_id,
                _("This department belongs to another agency."),
            )
            row.department = department
        if officer is not None:
            _require(
                may_handle(officer, row.agency),
                _("%(officer)s does not handle the applications of this agency.")
                % {"officer": officer.get_full_name() or officer.get_username()},
            )
            row.officer = officer
        row.save(update_fields=["department", "officer", "updated_at"])
        _record(
            row,
            EventKind.ASSIGNED,
            user,
            at,
            public=False,
            note=note.strip(),
            data={"department": row.department_id, "officer": row.officer_id},
        )
    return request


def start_consultation(request, user, *, reason, note="", on=None, at=None):
    """Consult a third party (Art. 32, 15 working days to answer) or another agency:
    the clock stands still until the consultation ends."""
    on = _today(on)
    _require(
        reason in CONSULTATION_REASONS,
        _("A consultation is of a third party or of another agency."),
    )
    with _acting(request, user) as row:
        _require_status(
            row,
            (RequestStatus.RECEIVED,),
            _(
                "A consultation can start only while the application is being handled; "
                "this one is “%(status)s”."
            ),
        )
        _require_not_before(
            on, row.clock_start_on, _("The clock runs from %(date)s; pick that day or a later one.")
        )
        _open_pause(row, reason, on, note.strip())
        row.status = RequestStatus.CONSULTING
        _refresh_due(row)
        row.save()
        data = {"reason": str(reason), "asked_on": _iso(on)}
        if reason == PauseReason.THIRD_PARTY:
            data["answer_due_on"] = _iso(deadlines.third_party_reply_due(on).due_on)
        _record(
            row,
            EventKind.CONSULTATION_STARTED,
            user,
            at,
            public=True,
            note=note.strip(),
            data=data,
        )
    return request


def end_consultation(request, user, *, note="", on=None, at=None):
    """The consulted party answered (or its time ran out) on ``on``: the clock runs again."""
    on = _today(on)
    with _acting(request, user) as row:
        _require_status(
            row,
            (RequestStatus.CONSULTING,),
            _("No consultation is running; this application is “%(status)s”."),
        )
        _require_not_before(
            on,
            _pause_started_on(row),
            _("The consultation started on %(date)s; it cannot end before that."),
        )
        _close_pause(row, on)
        row.status = RequestStatus.RECEIVED
        _refresh_due(row)
        row.save()
        _record(
            row,
            EventKind.CONSULTATION_ENDED,
            user,
            at,
            public=True,
            note=note.strip(),
            data={"ended_on": _iso(on)},
        )
    return request


def extend(request, user, *, days, reason, approved_by, on=None, at=None):
    """Extend the time limit once, by at most 20 working days, with the reason and the
    approval of the head of the disclosure office (Art. 33). The applicant is told."""
    on = _today(on)
    reason = _require_text(reason, _("Give the reason for the extension."))
    approved_by = _require_text(approved_by, _("Name who approved the extension."))
    try:
        deadlines.check_extension(days)
    except deadlines.ExtensionError as error:
        raise RequestTransitionError(str(error)) from error
    _require(days > 0, _("An extension adds at least one working day."))
    with _acting(request, user) as row:
        _require_status(
            row,
            CLOCK_STATES,
            _("Only an application being handled can be extended; this one is “%(status)s”."),
        )
        _require(
            row.extension_days == 0,
            _(
                "The time limit was already extended once, by %(days)s working days; "
                "Art. 33 allows one extension."
            )
            % {"days": row.extension_days},
        )
        _require(
            row.due_on is None or on <= row.due_on,
            _("The time limit ended on %(date)s; an extension must be decided within it.")
            % {"date": _iso(row.due_on)},
        )
        row.extension_days = days
        row.extension_reason = reason
        row.extension_approved_by = approved_by
        _refresh_due(row)
        row.save()
        _record(
            row,
            EventKind.EXTENDED,
            user,
            at,
            public=True,
            message=reason,
            data={
                "on": _iso(on),
                "days": days,
                "approved_by": approved_by,
                "due_on": _iso(row.due_on),
            },
        )
    return request


# Fees (Art. 42; 国办函〔2020〕109号) -------------------------------------------------------


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


# The answer (Arts. 36-39) ------------------------------------------------------------------


def _reply_uploads(documents):
    """``documents`` (uploaded files, or ``intake.Upload``) as reply documents."""
    from requests_app.intake import Upload

    for document in documents:
        if isinstance(document, Upload):
            file, content_type = document.file, document.content_type
        else:
            file, content_type = document, getattr(document, "content_type", None)
        yield Upload(
            file=file,
            kind=DocumentKind.REPLY,
            content_type=content_type or "application/octet-stream",
        )


def reply(request, user, *, answer, text, documents=(), on=None, at=None):
    """Answer the application with exactly one answer; its outcome is the report's row.

    ``documents`` (uploaded files, or ``intake.Upload``) are kept as reply
    documents the applicant downloads.
    """
    from requests_app.intake import save_documents

    on = _today(on)
    _require(answer in dict(answer_choices()), _("Choose one answer."))
    text = _require_text(text, _("Write the reply to the applicant."))
    with _acting(request, user) as row:
        _require_status(
            row,
            (RequestStatus.RECEIVED,),
            _("Only an application being handled can be answered; this one is “%(status)s”."),
        )
        _require_not_before(
            on,
            row.received_on,
            _("The application was received on %(date)s; pick that day or a later one."),
        )
        late = row.due_on is not None and on > row.due_on
        _close(row, outcome_of(answer), on, answer=answer)
        row.reply_text = text
        row.replied_on = on
        row.replied_by = user
        row.save()
        save_documents(row, _reply_uploads(documents), user=user, public=True)
        _record(
            row,
            EventKind.REPLIED,
            user,
            at,
            public=True,
            data={"answer": str(answer), "outcome": row.outcome, "late": late},
        )
    return request


def record_delivery(request, user, *, on=None, at=None):
    """The reply reached the applicant on ``on`` (delivered, posted or collected)."""
    on = _today(on)
    with _acting(request, user) as row:
        _require(
            row.status == RequestStatus.CLOSED and row.replied_on is not None,
            _("Only a reply can be delivered; this application has none."),
        )
        _require(
            row.delivered_on is None,
            _("The reply was already delivered on %(date)s.") % {"date": _iso(row.delivered_on)},
        )
        _require_not_before(
            on, row.replied_on, _("The reply is dated %(date)s; it cannot arrive before that.")
        )
        row.delivered_on = on
        row.save(update_fields=["delivered_on", "updated_at"])
        _record(row, EventKind.DELIVERED, user, at, public=True, data={"on": _iso(on)})
    return request


def withdraw(request, user=None, *, reason="", on=None, at=None):
    """The applicant withdraws the application; it is closed as ``other.other``.

    ``user`` is the staff member recording it, or None when the applicant
    withdraws through the tracking page (the caller checked number and code).
    An application withdrawn before its receipt was confirmed counts as
    received on the day of withdrawal.
    """
    on = _today(on)
    with _acting(request, user, check_right=user is not None) as row:
        _require_status(row, RequestStatus.open_values(), "")
        if row.received_on is None:
            row.received_on = on
        _close(row, Outcome.OTHER_OTHER, on, answer="")
        row.save()
        _record(row, EventKind.WITHDRAWN, user, at, public=True, note=(reason or "").strip())
    return request


def mark_repeat(request, user, *, earlier, text="", on=None, at=None):
    """Not handled: the applicant asks again for what an earlier application of theirs,
    already answered, asked for (Art. 36 (6))."""
    on = _today(on)
    with _acting(request, user) as row:
        _require_status(
            row,
            (RequestStatus.RECEIVED,),
            _(
                "Only an application being handled can be marked as a repeat; "
                "this one is “%(status)s”."
            ),
        )
        _require(
            earlier is not None
            and earlier.pk != row.pk
            and earlier.agency_id == row.agency_id
            and earlier.applicant_key == row.applicant_key,
            _("A repeat is of an earlier application of the same applicant to this agency."),
        )
        _require(
            earlier.replied_on is not None and earlier.replied_on <= on,
            _("Application %(number)s has not been answered; only an answered one can be repeated.")
            % {"number": earlier.tracking_number},
        )
        _close(row, Outcome.NOT_HANDLED_REPEAT, on)
        row.repeat_of = earlier
        row.reply_text = (text or "").strip()
        row.replied_on = on
        row.replied_by = user
        row.save()
        _record(
            row,
            EventKind.MARKED_REPEAT,
            user,
            at,
            public=True,
            message=_("Already answered under application %(number)s.")
            % {"number": earlier.tracking_number},
            data={"earlier": earlier.tracking_number},
        )
    return request


# After the answer --------------------------------------------------------------------------


def convert_to_catalogue_draft(request, user, *, title, topic, summary="", on=None, at=None):
    """Make the disclosed information a draft catalogue entry of the agency (Art. 44).

    The draft then goes through confidentiality review like any other entry.
    Returns the draft.
    """
    title = _require_text(title, _("Give the entry a title."))
    with _acting(request, user) as row:
        _require(
            row.status == RequestStatus.CLOSED and row.outcome in CONVERTIBLE_OUTCOMES,
            _("Only information disclosed in a reply can become proactive disclosure."),
        )
        _require(
            row.proactive_entry_id is None,
            _("This application was already converted to a catalogue entry."),
        )
        entry = CatalogEntry.objects.create(
            agency=row.agency,
            department=row.department,
            topic=topic,
            title=title,
            summary=(summary or "").strip(),
            document_number=row.information_number,
            date_made=row.replied_on or _today(on),
            created_by=user,
        )
        row.proactive_entry = entry
        row.save(update_fields=["proactive_entry", "updated_at"])
        _record(row, EventKind.CONVERTED, user, at, public=False, data={"entry": entry.pk})
    return entry


def add_note(request, user, *, text, on=None, at=None):
    """An internal note on the timeline; never shown to the applicant."""
    text = _require_text(text, _("Write the note."))
    with _acting(request, user) as row:
        _record(row, EventKind.NOTE, user, at, public=False, note=text)
    return request


# The calendar changed ----------------------------------------------------------------------


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

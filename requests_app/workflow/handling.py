"""Handling: assignment, consultation of third parties and other agencies (Arts. 32-33)
and the one extension (Art. 33)."""

from django.utils.translation import gettext as _

from requests_app import deadlines
from requests_app.models import (
    EventKind,
    PauseReason,
    RequestStatus,
)
from requests_app.workflow.base import (
    CLOCK_STATES,
    CONSULTATION_REASONS,
    RequestTransitionError,
    _acting,
    _close_pause,
    _iso,
    _open_pause,
    _pause_started_on,
    _record,
    _refresh_due,
    _require,
    _require_not_before,
    _require_status,
    _require_text,
    _today,
    may_handle,
)


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

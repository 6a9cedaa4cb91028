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

from requests_app.workflow.answer import (
    add_note,
    convert_to_catalogue_draft,
    mark_repeat,
    record_delivery,
    reply,
    withdraw,
)
from requests_app.workflow.base import (
    CLOCK_STATES,
    CONSULTATION_REASONS,
    CONVERTIBLE_OUTCOMES,
    HANDLER_ROLES,
    ONE_DAY,
    RequestTransitionError,
    auto_receipt_date,
    due_date,
    may_handle,
)
from requests_app.workflow.calendar_changes import recompute_due_dates
from requests_app.workflow.charging import close_unpaid, issue_fee_notice, record_payment
from requests_app.workflow.correction import (
    close_uncorrected,
    receive_correction,
    request_correction,
)
from requests_app.workflow.handling import assign, end_consultation, extend, start_consultation
from requests_app.workflow.receipt import auto_confirm, confirm_receipt, register_offline

__all__ = [
    "CLOCK_STATES",
    "CONSULTATION_REASONS",
    "CONVERTIBLE_OUTCOMES",
    "HANDLER_ROLES",
    "ONE_DAY",
    "RequestTransitionError",
    "add_note",
    "assign",
    "auto_confirm",
    "auto_receipt_date",
    "close_uncorrected",
    "close_unpaid",
    "confirm_receipt",
    "convert_to_catalogue_draft",
    "due_date",
    "end_consultation",
    "extend",
    "issue_fee_notice",
    "mark_repeat",
    "may_handle",
    "receive_correction",
    "recompute_due_dates",
    "record_delivery",
    "record_payment",
    "register_offline",
    "reply",
    "request_correction",
    "start_consultation",
    "withdraw",
]

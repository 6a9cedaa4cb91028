"""Receipt of an application (Art. 31): registration of offline applications,
confirmation of online ones, and the automatic confirmation on the next working day."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from requests_app import deadlines
from requests_app.models import (
    Channel,
    EventKind,
    InformationRequest,
    RequestCounter,
    RequestStatus,
)
from requests_app.workdays import Calendar
from requests_app.workflow.base import (
    _acting,
    _check_right,
    _iso,
    _record,
    _require,
    _require_not_before,
    _require_status,
    _start_clock,
    _today,
    auto_receipt_date,
)


def register_offline(
    *,
    agency,
    user,
    cleaned_data,
    channel,
    event_on,
    entries=(),
    uploads=(),
    at=None,
    query_code=None,
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
    query_code = query_code or intake.QueryCode.new()
    code = query_code.code
    values = {k: cleaned_data[k] for k in intake.APPLICATION_FIELDS if k in cleaned_data}
    with transaction.atomic():
        row = InformationRequest(
            tracking_number=RequestCounter.allocate(timezone.localtime(at).year),
            query_code_hash=query_code.hash,
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

"""E-mail about requests: to the applicant on each event meant for them, and to staff.

Through Django's e-mail framework (``settings.MAILERS``: console in
development, locmem in tests, SMTP in production). Messages are plain text in
the site's language (Chinese), rendered from ``templates/requests_app/email/``.

Personal data (PIPL): an applicant's e-mail goes to the applicant's own
address only; staff digests name requests by tracking number and due date,
never the applicant. Log lines name the tracking number and the event, never
an address, a name or a code. The query code appears in the first e-mail only:
the caller passes it exactly once (``intake.submit_online``,
``workflow.register_offline``).
"""

import logging
import re

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string, select_template
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext

from requests_app.models import EventKind

logger = logging.getLogger(__name__)

TEMPLATE_DIR = "requests_app/email"


def absolute_url(path: str) -> str:
    """``path`` on the public site: absolute when ``PORTAL["SITE_URL"]`` is set."""
    site = getattr(settings, "PORTAL", {}).get("SITE_URL", "")
    return f"{site.rstrip('/')}{path}" if site else path


def _url(name: str, fallback: str) -> str:
    try:
        return absolute_url(reverse(name))
    except NoReverseMatch:
        return absolute_url(fallback)


def tracking_url() -> str:
    return _url("requests_app:track", "/requests/track/")


def _tidy(body: str) -> str:
    """Plain text as templates leave it, without runs of blank lines."""
    return re.sub(r"\n\s*\n(\s*\n)+", "\n\n", body).strip() + "\n"


def _send(subject: str, body: str, to: str, *, what: str) -> bool:
    """Send one message; a failure is logged (without the address) and does not raise."""
    message = EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
    try:
        message.send()
    except Exception as exc:  # noqa: BLE001 - the change is committed; mail must not undo it
        logger.error("E-mail %s could not be sent: %s", what, type(exc).__name__)
        return False
    return True


def applicant_message(event, query_code: str | None = None) -> tuple[str, str]:
    """The subject and body of the applicant's e-mail about ``event``, in the site language."""
    request = event.request
    with translation.override(settings.LANGUAGE_CODE):
        template = select_template(
            [f"{TEMPLATE_DIR}/{event.kind}.txt", f"{TEMPLATE_DIR}/event.txt"]
        )
        context = {
            "event": event,
            "event_label": EventKind(event.kind).label,
            "request": request,
            "agency": request.agency,
            "query_code": query_code,
            "tracking_url": tracking_url(),
            "site_name": settings.PORTAL.get("SITE_NAME", ""),
        }
        body = _tidy(template.render(context))
        subject = gettext("Application %(number)s: %(event)s") % {
            "number": request.tracking_number,
            "event": EventKind(event.kind).label,
        }
    return subject, body


def notify_applicant(event, query_code: str | None = None) -> bool:
    """E-mail the applicant about ``event`` if it is meant for them and they gave an address.

    Returns whether a message was sent. ``query_code`` is given only with the
    first event of a request (its filing or registration).
    """
    request = event.request
    if not event.public or not request.email:
        return False
    subject, body = applicant_message(event, query_code)
    return _send(
        subject,
        body,
        request.email,
        what=f"for request {request.tracking_number} ({event.kind})",
    )


def staff_digest_message(agency, *, due_soon, overdue, today, last_day) -> tuple[str, str]:
    """The subject and body of an agency's daily list of requests due soon and overdue."""
    with translation.override(settings.LANGUAGE_CODE):
        try:
            queue_url = absolute_url(reverse("admin:requests_app_informationrequest_changelist"))
        except NoReverseMatch:
            queue_url = ""
        context = {
            "agency": agency,
            "due_soon": due_soon,
            "overdue": overdue,
            "today": today,
            "last_day": last_day,
            "queue_url": queue_url,
            "site_name": settings.PORTAL.get("SITE_NAME", ""),
        }
        body = _tidy(render_to_string(f"{TEMPLATE_DIR}/staff_digest.txt", context))
        subject = gettext("Requests of %(agency)s: %(overdue)s overdue, %(due_soon)s due soon") % {
            "agency": agency.name,
            "overdue": len(overdue),
            "due_soon": len(due_soon),
        }
    return subject, body


def notify_staff_digest(agency, recipients, *, due_soon, overdue, today, last_day) -> int:
    """E-mail each of ``recipients`` (addresses) the agency's list; returns how many were sent.

    ``due_soon`` and ``overdue`` are requests; only their tracking number and
    due date are written.
    """
    subject, body = staff_digest_message(
        agency, due_soon=due_soon, overdue=overdue, today=today, last_day=last_day
    )
    return sum(
        _send(subject, body, address, what=f"digest of agency {agency.pk}")
        for address in recipients
    )

"""Disclosure on request: the public pages.

- ``new_request``: the online application form (where the agency accepts
  online applications) above the offline ways to apply and what an
  application must contain (Art. 29).
- ``receipt``: shown once after filing, with the tracking number and the
  query code; both are kept in the session, never in a URL, and the code is
  removed from it as soon as the receipt is shown.
- ``track``: tracking number and query code open the request for a short
  while in this browser session; wrong pairs get one answer and repeated
  failures lock the address and the number out for a while.
- ``track_document``: a document meant for the applicant of the request
  opened in this session; anything else is a 404.

Pages that show an applicant's data are never cached (``never_cache``).
"""

import posixpath
import time

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from catalog.models import Agency, AgencyLevel, CatalogEntry
from catalog.views.pages import statutory_numbers
from requests_app import deadlines, intake, throttle, workflow
from requests_app.forms import ApplicationForm, TrackingForm
from requests_app.models import (
    InformationRequest,
    RequestDocument,
    RequestStatus,
)
from requests_app.outcomes import Outcome
from requests_app.uploads import MAX_FILE_SIZE, MAX_FILES

RECEIPT_SESSION_KEY = "requests_app.receipt"
TRACKING_SESSION_KEY = "requests_app.tracking"
# How long number and code open a request in one browser session.
TRACKING_SESSION_SECONDS = 30 * 60


def _target(request):
    """The agency (and entry) the visitor wants to apply to, from the query string.

    ``?entry=<index number>`` names a published public entry, ``?agency=<slug>``
    an agency; without either, the provincial agency. Unknown values are a 404,
    never a silent switch to another agency.
    """
    index_number = request.GET.get("entry", "").strip()
    if index_number:
        entry = get_object_or_404(
            CatalogEntry.objects.listed().select_related("agency"), index_number=index_number
        )
        return entry.agency, entry
    slug = request.GET.get("agency", "").strip()
    if slug:
        return get_object_or_404(Agency, slug=slug), None
    agency = Agency.objects.filter(level=AgencyLevel.PROVINCE).in_tree_order().first()
    if agency is None:
        raise Http404(_("No agency has been set up yet."))
    return agency, None


def _apply_crumbs(*tail):
    return [
        (_("Home"), reverse("catalog:home")),
        (_("Apply for information"), reverse("requests_app:new") if tail else None),
        *tail,
    ]


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def new_request(request):
    agency, entry = _target(request)
    form = None
    if agency.accepts_online:
        if request.method == "POST":
            form = ApplicationForm(
                request.POST,
                request.FILES,
                agency=agency,
                client=throttle.client_key(request),
            )
            if form.is_valid():
                return _file(request, form)
        else:
            form = ApplicationForm(agency=agency, entry=entry)
    return render(
        request,
        "requests_app/new_request.html",
        {
            "agency": agency,
            "entry": entry,
            "form": form,
            "max_files": MAX_FILES,
            "max_file_mb": MAX_FILE_SIZE // (1024 * 1024),
            "statutes": statutory_numbers(),
            "breadcrumbs": _apply_crumbs(),
        },
    )


def _file(request, form):
    filed, code = intake.submit_online(
        agency=form.agency,
        cleaned_data=form.cleaned_data,
        entries=form.cleaned_data["entry_numbers"],
        uploads=form.uploads(),
    )
    throttle.record_submission(form.client, filed.applicant_key)
    request.session[RECEIPT_SESSION_KEY] = {"id": filed.pk, "code": code}
    return redirect("requests_app:receipt")


@never_cache
def receipt(request):
    """The receipt, once: the query code leaves the session as it is shown."""
    shown = request.session.pop(RECEIPT_SESSION_KEY, None)
    filed = None
    if shown:
        filed = InformationRequest.objects.select_related("agency").filter(pk=shown["id"]).first()
    context = {"breadcrumbs": _apply_crumbs((_("Receipt"), None))}
    if filed is None:
        return render(request, "requests_app/receipt_gone.html", context)
    _authorise_tracking(request, filed)
    auto_receipt_on = workflow.auto_receipt_date(filed.submitted_at)
    context.update(
        {
            "filed": filed,
            "query_code": shown["code"],
            "auto_receipt_on": auto_receipt_on,
            "due": deadlines.reply_due(auto_receipt_on),
            "entries": list(filed.entries.all()),
            "statutes": statutory_numbers(),
        }
    )
    return render(request, "requests_app/receipt.html", context)


# Tracking -------------------------------------------------------------------


def _authorise_tracking(request, filed):
    request.session.cycle_key()
    request.session[TRACKING_SESSION_KEY] = {
        "id": filed.pk,
        "until": time.time() + TRACKING_SESSION_SECONDS,
    }


def _tracked_request(request) -> InformationRequest | None:
    """The request opened in this session with its number and code, while that lasts."""
    opened = request.session.get(TRACKING_SESSION_KEY)
    if not opened or opened.get("until", 0) < time.time():
        return None
    return InformationRequest.objects.select_related("agency").filter(pk=opened["id"]).first()


def _track_crumbs():
    return [(_("Home"), reverse("catalog:home")), (_("Track an application"), None)]


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def track(request):
    if request.method == "POST":
        if "close" in request.POST:
            request.session.pop(TRACKING_SESSION_KEY, None)
            return redirect("requests_app:track")
        return _track_lookup(request)
    tracked = _tracked_request(request)
    if tracked is None:
        return render(
            request,
            "requests_app/track.html",
            {"form": TrackingForm(), "breadcrumbs": _track_crumbs()},
        )
    return render(request, "requests_app/track_status.html", _status_context(tracked))


def _track_lookup(request):
    form = TrackingForm(request.POST)
    status = 200
    if form.is_valid():
        client = throttle.client_key(request)
        number = form.cleaned_data["tracking_number"]
        if throttle.tracking_locked(client, number):
            status = 429
            form.add_error(
                None,
                _(
                    "There were too many unsuccessful attempts. For the security of "
                    "applications, looking up is paused for %(minutes)d minutes. Please try "
                    "again later."
                )
                % {"minutes": throttle.TRACKING_LOCKOUT_MINUTES},
            )
        else:
            found = intake.find_for_tracking(number, form.cleaned_data["query_code"])
            if found is not None:
                _authorise_tracking(request, found)
                return redirect("requests_app:track")
            throttle.record_tracking_failure(client, number)
            form.add_error(None, _("The tracking number or query code is not correct."))
    return render(
        request,
        "requests_app/track.html",
        {"form": form, "breadcrumbs": _track_crumbs()},
        status=status,
    )


def _due_explanation(tracked):
    """The due date explaining itself, when the clock runs and it matches the stored one."""
    due = workflow.due_date(tracked)
    return due if due is not None and due.due_on == tracked.due_on else None


def _status_context(tracked):
    closed = tracked.status == RequestStatus.CLOSED
    return {
        "tracked": tracked,
        "closed": closed,
        "outcome_label": Outcome(tracked.outcome).label if tracked.outcome else "",
        "events": list(tracked.events.public().order_by("at", "pk")),
        "documents": list(RequestDocument.objects.for_applicant().filter(request=tracked)),
        "due": _due_explanation(tracked),
        "auto_receipt_on": workflow.auto_receipt_date(tracked.submitted_at)
        if tracked.status == RequestStatus.SUBMITTED
        else None,
        "running_pause": tracked.pauses.filter(last_day__isnull=True).first(),
        "breadcrumbs": _track_crumbs(),
    }


@never_cache
def track_document(request, pk):
    """A document meant for the applicant of the request opened in this session."""
    tracked = _tracked_request(request)
    if tracked is None:
        raise Http404
    document = get_object_or_404(RequestDocument.objects.for_applicant(), pk=pk, request=tracked)
    name = document.title
    extension = posixpath.splitext(document.file.name)[1]
    if extension and not name.lower().endswith(extension.lower()):
        name += extension
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=name,
        content_type=document.content_type or None,
    )

"""Staff pages of disclosure on request, served inside the admin site.

``InformationRequestAdmin.get_urls`` routes them through
``admin_site.admin_view`` (signed-in staff only) and hands them the model
admin, whose scoped queryset answers "which requests may this user see": an
id of another agency's request finds nothing.

- ``step_view``: the intermediate page of one step of a request (confirm
  receipt, correction, ..., note): a form, then the ``requests_app.workflow``
  function; refusals come back as error messages, never as a server error.
- ``register_view`` / ``registered_view``: staff intake of an offline
  application; the query code is shown once.
- ``letter_view``: a letter, printable on A4.
- ``document_view``: a document from private storage, as an attachment.
"""

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from requests_app import admin_forms, deadlines, letters, workflow
from requests_app.deadlines import DUE_SOON_WORKING_DAYS, ExtensionError
from requests_app.models import Channel, RequestDocument, RequestStatus
from requests_app.workdays import add_working_days, working_days_between

# The session key under which the query code of a registered application waits to be shown.
REGISTERED_SESSION_KEY = "requests_app_registered"

OPEN = tuple(RequestStatus.open_values())


def due_soon_last_day(today, calendar=None):
    """The last day of the "due within 3 working days" window (today included)."""
    return add_working_days(today, DUE_SOON_WORKING_DAYS, calendar).end


def due_state(obj, today, calendar=None):
    """How the request stands against its time limit: ``(css state, text)``.

    The text says it all (never colour alone): working days left, due today,
    or "overdue by N working days"; or why there is no running clock.
    """
    if obj.status == RequestStatus.SUBMITTED:
        return "waiting", _("awaiting confirmation of receipt")
    if obj.status == RequestStatus.CLOSED:
        return "closed", ""
    if obj.due_on is None:
        return "paused", _("clock stands still")
    if obj.due_on < today:
        late = working_days_between(obj.due_on, today, calendar)
        if late < 1:
            return "overdue", _("overdue")
        return "overdue", ngettext(
            "overdue by %(count)d working day", "overdue by %(count)d working days", late
        ) % {"count": late}
    left = working_days_between(today, obj.due_on, calendar)
    state = "soon" if obj.due_on <= due_soon_last_day(today, calendar) else "running"
    if left < 1:
        return "soon", _("due today")
    return state, ngettext("%(count)d working day left", "%(count)d working days left", left) % {
        "count": left
    }


def correction_still_possible(info_request, today=None) -> bool:
    """Whether a correction may still be asked for: once, within 7 working days of receipt."""
    if info_request.correction_requested_on is not None or info_request.received_on is None:
        return False
    today = today or timezone.localdate()
    return today <= deadlines.correction_notice_due(info_request.received_on).due_on


@dataclass(frozen=True)
class Step:
    """One step of a request offered as a button on its page."""

    name: str
    label: str
    form_class: type
    function: str  # the name of the requests_app.workflow function
    statuses: tuple = ()  # the states in which it is offered; empty: any
    condition: Callable = field(default=lambda r: True)
    success: str = ""
    letter: str = ""  # the letter to print after it, a letters.LetterKind
    intro: str = ""

    def offered_for(self, info_request) -> bool:
        in_state = not self.statuses or info_request.status in self.statuses
        return in_state and self.condition(info_request)

    def run(self, info_request, user, arguments):
        return getattr(workflow, self.function)(info_request, user, **arguments)


STEPS = {
    step.name: step
    for step in [
        Step(
            name="confirm",
            label=_("Confirm receipt"),
            form_class=admin_forms.ConfirmReceiptForm,
            function="confirm_receipt",
            statuses=(RequestStatus.SUBMITTED,),
            condition=lambda r: r.channel in (Channel.ONLINE, Channel.FAX),
            success=_("Receipt confirmed: the reply period runs."),
            intro=_(
                "An online application not confirmed by the next working day after its "
                "submission counts as received that day: a later confirmation does not move "
                "the date of receipt back."
            ),
        ),
        Step(
            name="correction",
            label=_("Ask for correction"),
            form_class=admin_forms.CorrectionForm,
            function="request_correction",
            statuses=(RequestStatus.RECEIVED,),
            condition=lambda r: correction_still_possible(r),
            success=_("The applicant is asked to complete the application."),
            letter=letters.LetterKind.CORRECTION,
        ),
        Step(
            name="corrected",
            label=_("Record the completed application"),
            form_class=admin_forms.ReceiveCorrectionForm,
            function="receive_correction",
            statuses=(RequestStatus.CORRECTION,),
            success=_("The completed application is recorded: the reply period starts again."),
        ),
        Step(
            name="assign",
            label=_("Assign department or officer"),
            form_class=admin_forms.AssignForm,
            function="assign",
            statuses=OPEN,
            success=_("The application is assigned."),
        ),
        Step(
            name="consult",
            label=_("Start consultation"),
            form_class=admin_forms.StartConsultationForm,
            function="start_consultation",
            statuses=(RequestStatus.RECEIVED,),
            success=_("Consultation started: the reply period stands still."),
            letter=letters.LetterKind.THIRD_PARTY,
        ),
        Step(
            name="consulted",
            label=_("End consultation"),
            form_class=admin_forms.EndConsultationForm,
            function="end_consultation",
            statuses=(RequestStatus.CONSULTING,),
            success=_("Consultation ended: the reply period runs again."),
        ),
        Step(
            name="extend",
            label=_("Extend the time limit"),
            form_class=admin_forms.ExtendForm,
            function="extend",
            statuses=workflow.CLOCK_STATES,
            condition=lambda r: r.extension_days == 0,
            success=_("The time limit is extended."),
            letter=letters.LetterKind.EXTENSION,
        ),
        Step(
            name="fee",
            label=_("Issue a fee notice"),
            form_class=admin_forms.FeeNoticeForm,
            function="issue_fee_notice",
            statuses=(RequestStatus.RECEIVED,),
            condition=lambda r: not r.fee_method,
            success=_("The fee notice is issued: the reply period stands still until payment."),
            letter=letters.LetterKind.FEE,
        ),
        Step(
            name="paid",
            label=_("Record payment"),
            form_class=admin_forms.PaymentForm,
            function="record_payment",
            statuses=(RequestStatus.FEE_PENDING,),
            success=_("The payment is recorded: the reply period runs again."),
        ),
        Step(
            name="reply",
            label=_("Reply"),
            form_class=admin_forms.ReplyForm,
            function="reply",
            statuses=(RequestStatus.RECEIVED,),
            success=_("The reply is recorded and the application closed."),
            letter=letters.LetterKind.REPLY,
        ),
        Step(
            name="delivered",
            label=_("Record delivery"),
            form_class=admin_forms.DeliveryForm,
            function="record_delivery",
            statuses=(RequestStatus.CLOSED,),
            condition=lambda r: r.replied_on is not None and r.delivered_on is None,
            success=_("The delivery of the reply is recorded."),
        ),
        Step(
            name="withdraw",
            label=_("Record withdrawal"),
            form_class=admin_forms.WithdrawForm,
            function="withdraw",
            statuses=OPEN,
            success=_("The withdrawal is recorded and the application closed."),
        ),
        Step(
            name="repeat",
            label=_("Mark as a repeat"),
            form_class=admin_forms.RepeatForm,
            function="mark_repeat",
            statuses=(RequestStatus.RECEIVED,),
            success=_("The application is closed as a repeat, not handled."),
            letter=letters.LetterKind.REPLY,
        ),
        Step(
            name="convert",
            label=_("Convert to a catalogue draft"),
            form_class=admin_forms.ConvertForm,
            function="convert_to_catalogue_draft",
            statuses=(RequestStatus.CLOSED,),
            condition=lambda r: (
                r.outcome in workflow.CONVERTIBLE_OUTCOMES and r.proactive_entry_id is None
            ),
            success=_("A draft catalogue entry was made; it goes to confidentiality review."),
        ),
        Step(
            name="note",
            label=_("Add an internal note"),
            form_class=admin_forms.NoteForm,
            function="add_note",
            success=_("The note is added to the timeline."),
        ),
    ]
}

# What a workflow function raises when it refuses: shown to the user, never a server error.
REFUSALS = (workflow.RequestTransitionError, PermissionDenied, ExtensionError)


def offered_steps(info_request) -> list[Step]:
    return [step for step in STEPS.values() if step.offered_for(info_request)]


def _change_url(model_admin, obj):
    opts = model_admin.opts
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def _letter_url(obj, kind):
    return reverse(
        "admin:requests_app_informationrequest_letter", args=[obj.pk, letters.LetterKind(kind)]
    )


def _context(model_admin, request, **extra):
    request.current_app = model_admin.admin_site.name
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        **extra,
    }


def _scoped_object(model_admin, request, object_id):
    """The request if this user may see it: another agency's is not found."""
    obj = model_admin.get_object(request, unquote(object_id))
    if obj is None or not model_admin.has_view_permission(request, obj):
        raise Http404(gettext("No such application."))
    return obj


# A step of one request ---------------------------------------------------------------


def step_view(model_admin, request, object_id, step_name):
    step = STEPS.get(step_name)
    if step is None:
        raise Http404
    obj = _scoped_object(model_admin, request, object_id)
    if not model_admin.has_change_permission(request, obj):
        raise PermissionDenied
    form = step.form_class(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        info_request=obj,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        try:
            step.run(obj, request.user, form.arguments())
        except REFUSALS as refusal:
            model_admin.message_user(request, _refusal_text(refusal), messages.ERROR)
        else:
            model_admin.message_user(request, _success(step, obj), messages.SUCCESS)
            return HttpResponseRedirect(_change_url(model_admin, obj))
    context = _context(
        model_admin,
        request,
        title=step.label,
        step=step,
        form=form,
        original=obj,
        cancel_url=_change_url(model_admin, obj),
        due_text=due_state(obj, timezone.localdate())[1],
        has_file_field=any(f.widget.needs_multipart_form for f in form.fields.values()),
    )
    return TemplateResponse(request, "admin/requests_app/informationrequest/step.html", context)


def _refusal_text(refusal) -> str:
    text = str(refusal.args[0]) if refusal.args else ""
    return gettext("Not done: %(reason)s") % {
        "reason": text or gettext("you may not do this here.")
    }


def _success(step, obj):
    if step.letter and letters.has_letter(obj, step.letter):
        return format_html(
            '{} <a href="{}">{}</a>',
            step.success,
            _letter_url(obj, step.letter),
            gettext("Print the letter: %(title)s")
            % {"title": letters.LetterKind(step.letter).label},
        )
    return str(step.success)


# Offline intake ----------------------------------------------------------------------


def register_view(model_admin, request):
    if not model_admin.may_register(request):
        raise PermissionDenied
    form = admin_forms.OfflineIntakeForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        try:
            obj, code = workflow.register_offline(**form.intake_arguments())
        except REFUSALS as refusal:
            model_admin.message_user(request, _refusal_text(refusal), messages.ERROR)
        else:
            request.session[REGISTERED_SESSION_KEY] = {"pk": obj.pk, "code": code}
            return HttpResponseRedirect(
                reverse("admin:requests_app_informationrequest_registered", args=[obj.pk])
            )
    context = _context(
        model_admin,
        request,
        title=gettext("Register an offline application"),
        form=form,
        cancel_url=reverse("admin:requests_app_informationrequest_changelist"),
    )
    return TemplateResponse(request, "admin/requests_app/informationrequest/register.html", context)


def registered_view(model_admin, request, object_id):
    """The tracking number and, this once, the query code, to hand to the applicant."""
    obj = _scoped_object(model_admin, request, object_id)
    pending = request.session.get(REGISTERED_SESSION_KEY) or {}
    code = None
    if pending.get("pk") == obj.pk:
        code = pending.get("code")
        del request.session[REGISTERED_SESSION_KEY]
    context = _context(
        model_admin,
        request,
        title=gettext("Application registered"),
        original=obj,
        query_code=code,
        change_url=_change_url(model_admin, obj),
        register_url=reverse("admin:requests_app_informationrequest_register"),
    )
    # admin_view marks every staff page never_cache (no-store): the code is not kept anywhere.
    return TemplateResponse(
        request, "admin/requests_app/informationrequest/registered.html", context
    )


# Letters and documents ---------------------------------------------------------------


def letter_view(model_admin, request, object_id, kind):
    if kind not in letters.LetterKind.values:
        raise Http404
    obj = _scoped_object(model_admin, request, object_id)
    if not letters.has_letter(obj, kind):
        raise Http404(gettext("This application has no such letter."))
    context = _context(
        model_admin,
        request,
        title=letters.LetterKind(kind).label,
        original=obj,
        letter=letters.render_letter(obj, kind, full_names=True),
        change_url=_change_url(model_admin, obj),
    )
    return TemplateResponse(request, "admin/requests_app/informationrequest/letter.html", context)


def document_view(model_admin, request, pk):
    """A document of a request this user may see, from private storage; 404 otherwise."""
    if not model_admin.has_view_permission(request):
        raise Http404
    visible = model_admin.get_queryset(request)
    document = get_object_or_404(RequestDocument, pk=pk, request__in=visible)
    extension = posixpath.splitext(document.file.name)[1]
    filename = (
        document.title
        if document.title.lower().endswith(extension)
        else (document.title + extension)
    )
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type=document.content_type or "application/octet-stream",
    )

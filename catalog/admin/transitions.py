"""Workflow steps offered in the admin: as list actions and as buttons on a record.

Both paths end in ``apply_transition``, which calls the functions of
``catalog.workflow`` and nothing else: they check the user's right and the
record's state again, so a stale page or a hand-made POST changes nothing it
should not. ``WorkflowAdminMixin`` serves any ``Reviewable`` model: catalogue
entries and the four-clearance items alike.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from catalog import permissions, workflow
from catalog.admin_forms import TransitionForm
from catalog.models import ReviewEvent, ReviewStatus

# How many refusals are listed one by one before the rest are counted.
MAX_LISTED_FAILURES = 10
# How many records a confirmation page names before it counts the rest.
MAX_LISTED_ON_CONFIRMATION = 50


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    from_status: str
    allowed: Callable  # (user, agency) -> bool, from catalog.permissions
    run: Callable  # (obj, user, note) -> obj, a catalog.workflow function
    success: Callable  # count -> message
    note_label: str | None = None
    note_help: str = ""

    def available_to(self, user, obj) -> bool:
        return obj.status == self.from_status and self.allowed(user, obj.agency)


def _submitted(count):
    return ngettext(
        "%(count)d record was sent to review.", "%(count)d records were sent to review.", count
    ) % {"count": count}


def _published(count):
    return ngettext(
        "%(count)d record was published.", "%(count)d records were published.", count
    ) % {"count": count}


def _sent_back(count):
    return ngettext(
        "%(count)d record was sent back to its editor.",
        "%(count)d records were sent back to their editors.",
        count,
    ) % {"count": count}


def _withdrawn(count):
    return ngettext(
        "%(count)d record was withdrawn.", "%(count)d records were withdrawn.", count
    ) % {"count": count}


TRANSITIONS = {
    t.name: t
    for t in [
        Transition(
            name="submit",
            label=_("Send to review"),
            from_status=ReviewStatus.DRAFT,
            allowed=permissions.may_edit,
            run=lambda obj, user, note: workflow.submit_for_review(obj, user),
            success=_submitted,
        ),
        Transition(
            name="publish",
            label=_("Publish after confidentiality review"),
            from_status=ReviewStatus.IN_REVIEW,
            allowed=permissions.may_review,
            run=workflow.publish,
            success=_published,
            note_label=_("Confidentiality review opinion"),
            note_help=_(
                "What the review found, e.g. that the text holds no state secret, work "
                "secret, trade secret or personal information and may be published. "
                "It is kept with the record."
            ),
        ),
        Transition(
            name="send_back",
            label=_("Send back to the editor"),
            from_status=ReviewStatus.IN_REVIEW,
            allowed=permissions.may_review,
            run=workflow.send_back,
            success=_sent_back,
            note_label=_("What the editor should change"),
        ),
        Transition(
            name="withdraw",
            label=_("Withdraw"),
            from_status=ReviewStatus.PUBLISHED,
            allowed=permissions.may_withdraw,
            run=workflow.withdraw,
            success=_withdrawn,
            note_label=_("Reason for withdrawal"),
            note_help=_(
                "The record stays on file, marked as withdrawn; an index number, once "
                "given, is never reused."
            ),
        ),
    ]
}


def available_transitions(user, obj):
    return [t for t in TRANSITIONS.values() if t.available_to(user, obj)]


def apply_transition(transition, objects, user, note=""):
    """Run ``transition`` on each object. Returns (done, [(obj, reason), ...])."""
    done, failures = [], []
    for obj in objects:
        try:
            transition.run(obj, user, note)
        except (PermissionDenied, workflow.TransitionError) as exc:
            failures.append((obj, str(exc)))
        else:
            done.append(obj)
    return done, failures


def report(model_admin, request, transition, done, failures):
    """Tell the user how many records moved, and why each of the others did not."""
    if done:
        model_admin.message_user(request, transition.success(len(done)), messages.SUCCESS)
    for obj, reason in failures[:MAX_LISTED_FAILURES]:
        model_admin.message_user(
            request,
            _("“%(title)s” was not changed: %(reason)s") % {"title": obj, "reason": reason},
            messages.ERROR,
        )
    hidden = len(failures) - MAX_LISTED_FAILURES
    if hidden > 0:
        model_admin.message_user(
            request,
            ngettext(
                "%(count)d more record was not changed.",
                "%(count)d more records were not changed.",
                hidden,
            )
            % {"count": hidden},
            messages.ERROR,
        )
    if not done and not failures:
        model_admin.message_user(request, _("Nothing was selected."), messages.WARNING)


class WorkflowAdminMixin:
    """List actions and change-form buttons for the workflow of a Reviewable model.

    Also what every reviewable record shares in the admin: its review history,
    and that only drafts may be deleted (what was published stays on record).
    """

    # None: ``admin/<app>/<model>/transition.html``, else the generic one.
    transition_template = None

    @admin.action(permissions=["change"], description=_("Send to review"))
    def submit_selected(self, request, queryset):
        return self.transition_action(request, queryset, TRANSITIONS["submit"])

    @admin.action(permissions=["change"], description=_("Publish after confidentiality review"))
    def publish_selected(self, request, queryset):
        return self.transition_action(request, queryset, TRANSITIONS["publish"])

    @admin.action(permissions=["change"], description=_("Send back to the editor"))
    def send_back_selected(self, request, queryset):
        return self.transition_action(request, queryset, TRANSITIONS["send_back"])

    @admin.action(permissions=["change"], description=_("Withdraw"))
    def withdraw_selected(self, request, queryset):
        return self.transition_action(request, queryset, TRANSITIONS["withdraw"])

    def transition_action(self, request, queryset, transition):
        """Run a workflow step on the selected records, asking first for its text."""
        queryset = queryset.select_related("agency")
        needs_text = transition.note_label is not None
        form = TransitionForm(
            request.POST if request.POST.get("post") else None, transition=transition
        )
        if not needs_text or form.is_valid():
            done, failures = apply_transition(
                transition, queryset, request.user, form.text if needs_text else ""
            )
            report(self, request, transition, done, failures)
            return None
        context = {
            "action_name": request.POST.get("action", ""),
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across", "0"),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "cancel_url": request.get_full_path(),
        }
        return self.render_transition(request, transition, form, queryset, context)

    def render_transition(self, request, transition, form, queryset, extra):
        entries = list(queryset[: MAX_LISTED_ON_CONFIRMATION + 1])
        more = (
            queryset.count() - MAX_LISTED_ON_CONFIRMATION
            if len(entries) > MAX_LISTED_ON_CONFIRMATION
            else 0
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": transition.label,
            "transition": transition,
            "form": form,
            "entries": entries[:MAX_LISTED_ON_CONFIRMATION],
            "more_count": more,
            **extra,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.get_transition_templates(), context)

    def get_transition_templates(self):
        if self.transition_template:
            return [self.transition_template]
        app_label, model_name = self.opts.app_label, self.opts.model_name
        return [
            f"admin/{app_label}/{model_name}/transition.html",
            f"admin/{app_label}/transition.html",
        ]

    # One record, from the buttons on its change form ------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/workflow/<slug:transition>/",
                self.admin_site.admin_view(self.transition_view),
                name="{}_{}_transition".format(*info),
            ),
            *super().get_urls(),
        ]

    def transition_view(self, request, object_id, transition):
        transition = TRANSITIONS.get(transition)
        if transition is None:
            raise Http404
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        change_url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]
        )
        form = TransitionForm(
            request.POST if request.method == "POST" else None, transition=transition
        )
        if request.method == "POST" and form.is_valid():
            done, failures = apply_transition(transition, [obj], request.user, form.text)
            report(self, request, transition, done, failures)
            return HttpResponseRedirect(change_url)
        queryset = self.get_queryset(request).filter(pk=obj.pk).select_related("agency")
        extra = {"form_url": request.get_full_path(), "cancel_url": change_url, "original": obj}
        return self.render_transition(request, transition, form, queryset, extra)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        """The workflow steps this user may take on this record, as buttons."""
        if obj is not None and not add and "workflow_transitions" not in context:
            context["workflow_transitions"] = [
                {
                    "name": t.name,
                    "label": t.label,
                    "url": reverse(
                        f"admin:{self.opts.app_label}_{self.opts.model_name}_transition",
                        args=[obj.pk, t.name],
                    ),
                }
                for t in available_transitions(request.user, obj)
            ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    # The review history ------------------------------------------------------

    @admin.display(description=_("review history"))
    def review_history(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        events = ReviewEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=obj.pk
        ).select_related("actor")
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    f"{timezone.localtime(event.at):%Y-%m-%d %H:%M}",
                    event.get_action_display(),
                    event.actor or "—",
                    event.note or "—",
                )
                for event in events
            ),
        )
        if not rows:
            return _("No review steps yet.")
        return format_html(
            '<table class="review-history"><thead><tr><th scope="col">{}</th>'
            '<th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr>'
            "</thead><tbody>{}</tbody></table>",
            _("at"),
            _("step"),
            _("by"),
            _("opinion, note or reason"),
            rows,
        )

    # Deleting: drafts only -------------------------------------------------------

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.status == ReviewStatus.DRAFT)

    def delete_queryset(self, request, queryset):
        if queryset.exclude(status=ReviewStatus.DRAFT).exists():
            raise PermissionDenied
        super().delete_queryset(request, queryset)

    @admin.action(permissions=["delete"], description=_("Delete selected drafts"))
    def delete_selected(self, request, queryset):
        """Django's bulk delete, for drafts only (it keeps its name for its confirmation page)."""
        kept = queryset.exclude(status=ReviewStatus.DRAFT).count()
        if kept:
            self.message_user(
                request,
                ngettext(
                    "%(count)d selected record is not a draft. What was sent to review or "
                    "published stays on record: withdraw it instead.",
                    "%(count)d selected records are not drafts. What was sent to review or "
                    "published stays on record: withdraw them instead.",
                    kept,
                )
                % {"count": kept},
                messages.ERROR,
            )
            return None
        return django_delete_selected(self, request, queryset)

"""The staff side of disclosure on request: the calendar, the queue of applications,
each application's page with its steps and letters, and review cases.

Who may change the calendar: superusers and the administrators of a
provincial agency. The calendar is one table for the whole bureau system (a
State Council notice applies everywhere), so a city or county administrator
may read it but not change it. Every staff role reads it, since every
deadline staff see comes from it.

As elsewhere (ADR 0004), the role groups decide the screens and
``catalog.permissions.agencies_for`` decides for which agency: reading needs
the permission every role group has (``requests_app.view_calendarday``);
changing needs an agency administrator's group
(``requests_app.change_calendarday``, see ``requests_app.roles``) and then,
from ``agencies_for``, a provincial agency among those administered. Both
group checks come from the permission cache the admin loads anyway, so the
calendar adds no query to other admin pages except for agency
administrators (one).
"""

from django.contrib import admin, messages
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.contrib.admin.utils import flatten
from django.db.models import Case, F, Q, Value, When
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from catalog import permissions
from catalog.admin.scoping import AgencyScopedAdmin
from catalog.models import AgencyLevel
from requests_app import deadlines, letters, staff_views, workflow
from requests_app.models import CalendarDay, InformationRequest, RequestStatus, ReviewCase
from requests_app.workdays import (
    Calendar,
    statutory_day_info,
)

# Every role group reads the calendar; agency administrators' group may change
# it, and the admin narrows that to provincial ones (requests_app.roles).
READ_PERMISSION = "requests_app.view_calendarday"
ADMINISTER_PERMISSION = "requests_app.change_calendarday"


def may_view_calendar(user) -> bool:
    """Staff in any role (and superusers) read the calendar."""
    if not (user and user.is_active and user.is_staff):
        return False
    return user.is_superuser or user.has_perm(READ_PERMISSION)


def may_change_calendar(user) -> bool:
    """Superusers and administrators of a provincial agency keep the calendar."""
    if not (user and user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    if not user.has_perm(ADMINISTER_PERMISSION):
        return False
    administered = permissions.agencies_for(user, permissions.ADMIN_ROLES)
    return administered.filter(level=AgencyLevel.PROVINCE).exists()


class YearListFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = CalendarDay.objects.dates("date", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(date__year=int(self.value()))
        return queryset


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    """Overrides of the statutory calendar, by year.

    A save that changes nothing about whether the day is worked (a holiday on
    a day that is off anyway, a make-up workday on a working day) is kept,
    since it names the day, but the admin warns about it.
    """

    list_display = (
        "date",
        "weekday",
        "kind",
        "name",
        "notice",
        "without_entry",
        "updated_by",
        "updated_at",
    )
    list_display_links = ("date",)
    list_filter = ("kind", YearListFilter)
    list_select_related = ("updated_by",)
    search_fields = ("name", "notice")
    date_hierarchy = "date"
    ordering = ("-date",)
    readonly_fields = ("created_by", "created_at", "updated_by", "updated_at")
    fieldsets = (
        (None, {"fields": ("date", "kind", "name", "notice", "note")}),
        (_("Record"), {"fields": (("created_by", "created_at"), ("updated_by", "updated_at"))}),
    )

    def get_fieldsets(self, request, obj=None):
        # A new row has no record yet.
        return self.fieldsets if obj else self.fieldsets[:1]

    @admin.display(description=_("weekday"), ordering="date")
    def weekday(self, obj):
        return formats.date_format(obj.date, "l")

    @admin.display(description=_("without this entry"))
    def without_entry(self, obj):
        statutory = statutory_day_info(obj.date)
        return _("working day") if statutory.is_workday else _("day off")

    # Rights: decided once per request ------------------------------------

    def _rights(self, request):
        rights = getattr(request, "_calendar_rights", None)
        if rights is None:
            rights = (may_view_calendar(request.user), may_change_calendar(request.user))
            request._calendar_rights = rights
        return rights

    def has_module_permission(self, request):
        return self._rights(request)[0]

    def has_view_permission(self, request, obj=None):
        return self._rights(request)[0]

    def has_add_permission(self, request):
        return self._rights(request)[1]

    def has_change_permission(self, request, obj=None):
        return self._rights(request)[1]

    def has_delete_permission(self, request, obj=None):
        return self._rights(request)[1]

    # Saving --------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
        warning = obj.redundancy_warning()
        if warning:
            self.message_user(request, warning, messages.WARNING)


# ---------------------------------------------------------------------------------------
# Applications for disclosure: the queue, each request's page, its steps and letters.
#
# Who: the request officers and agency administrators of an agency (and superusers),
# through ``catalog.permissions.agencies_for`` as everywhere; the workflow checks the
# same right again on every step.


class DeadlineListFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "deadline"

    OVERDUE, DUE_SOON, UNCONFIRMED = "overdue", "soon", "unconfirmed"

    def lookups(self, request, model_admin):
        return [
            (self.OVERDUE, _("Overdue")),
            (self.DUE_SOON, _("Due within 3 working days")),
            (self.UNCONFIRMED, _("Awaiting confirmation of receipt")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == self.OVERDUE:
            return queryset.overdue(today)
        if self.value() == self.DUE_SOON:
            return queryset.due_by(staff_views.due_soon_last_day(today), today)
        if self.value() == self.UNCONFIRMED:
            return queryset.awaiting_confirmation()
        return queryset


class SubmissionYearListFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).datetimes("submitted_at", "year", order="DESC")
        return [(str(moment.year), str(moment.year)) for moment in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(submitted_at__year=int(self.value()))
        return queryset


class ReviewCaseInline(admin.TabularInline):
    model = ReviewCase
    fields = ("kind", "filed_on", "body", "case_number", "result", "decided_on", "note")
    extra = 0
    verbose_name_plural = _("reconsideration and litigation (annual report table 四)")


@admin.register(InformationRequest)
class InformationRequestAdmin(AgencyScopedAdmin):
    """The queue of applications and each application's own page.

    The recorded application is read-only: it changes only through the steps
    (buttons, each an intermediate page calling ``requests_app.workflow``).
    Lists show the applicant's name masked; the full data is on the
    request's own page, for its handlers only.
    """

    class Media:
        css = {"all": ["admin/requests_app/requests.css"]}

    view_roles = workflow.HANDLER_ROLES
    change_roles = workflow.HANDLER_ROLES

    list_display = (
        "tracking_number",
        "received",
        "agency_display",
        "department",
        "officer",
        "channel",
        "applicant_kind",
        "applicant",
        "status",
        "due",
        "extended",
        "outcome",
    )
    list_display_links = ("tracking_number",)
    list_filter = (
        "status",
        DeadlineListFilter,
        ("agency", RelatedOnlyFieldListFilter),
        ("department", RelatedOnlyFieldListFilter),
        ("officer", RelatedOnlyFieldListFilter),
        "channel",
        "applicant_kind",
        "outcome",
        SubmissionYearListFilter,
    )
    list_select_related = ("agency", "department", "officer")
    search_fields = ("=tracking_number", "information_title", "description")
    search_help_text = _("Tracking number, or words of the title or description.")
    list_per_page = 50
    # Most urgent first: open ones by due date (unconfirmed, without one, first), then the rest.
    ordering = (
        Case(When(status=RequestStatus.CLOSED, then=Value(1)), default=Value(0)).asc(),
        Case(When(~Q(status=RequestStatus.CLOSED), then=F("due_on"))).asc(nulls_first=True),
        "-submitted_at",
    )
    actions = ("confirm_selected",)
    inlines = (ReviewCaseInline,)
    change_form_template = "admin/requests_app/informationrequest/change_form.html"
    change_list_template = "admin/requests_app/informationrequest/change_list.html"

    # The queue ---------------------------------------------------------------------

    def get_list_display(self, request):
        """The due column shares one calendar per page, so days left cost no query per row."""
        today, calendar = timezone.localdate(), Calendar()

        @admin.display(description=_("due"), ordering="due_on")
        def due(obj):
            return self._due_html(obj, today, calendar)

        return tuple(due if name == "due" else name for name in self.list_display)

    @admin.display(description=_("due"), ordering="due_on")
    def due(self, obj):
        return self._due_html(obj, timezone.localdate(), None)

    def _due_html(self, obj, today, calendar):
        state, text = staff_views.due_state(obj, today, calendar)
        date = formats.date_format(obj.due_on, "SHORT_DATE_FORMAT") if obj.due_on else "—"
        provisional = _("(provisional)") if obj.due_on and obj.due_provisional else ""
        return format_html(
            '<span class="due due-{}">{} {}<br><span class="due-text">{}</span></span>',
            state,
            date,
            provisional,
            text,
        )

    @admin.display(description=_("received"), ordering="received_on")
    def received(self, obj):
        if obj.received_on:
            return formats.date_format(obj.received_on, "SHORT_DATE_FORMAT")
        submitted = formats.date_format(timezone.localdate(obj.submitted_at), "SHORT_DATE_FORMAT")
        return format_html('{}<br><span class="quiet">{}</span>', submitted, _("submitted"))

    @admin.display(description=_("agency"), ordering="agency__name")
    def agency_display(self, obj):
        return obj.agency.display_name

    @admin.display(description=_("applicant"))
    def applicant(self, obj):
        return obj.masked_name

    @admin.display(description=_("extended"), ordering="extension_days")
    def extended(self, obj):
        if not obj.extension_days:
            return "—"
        return ngettext("+%(count)d working day", "+%(count)d working days", obj.extension_days) % {
            "count": obj.extension_days
        }

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "may_register": self.may_register(request)}
        return super().changelist_view(request, extra_context)

    @admin.action(permissions=["change"], description=_("Confirm receipt of the selected"))
    def confirm_selected(self, request, queryset):
        done, refused = 0, []
        for obj in queryset.select_related("agency"):
            try:
                workflow.confirm_receipt(obj, request.user)
            except staff_views.REFUSALS as refusal:
                refused.append((obj, refusal))
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext(
                    "Receipt of %(count)d application confirmed.",
                    "Receipt of %(count)d applications confirmed.",
                    done,
                )
                % {"count": done},
                messages.SUCCESS,
            )
        for obj, refusal in refused[:10]:
            self.message_user(
                request,
                _("%(number)s: %(reason)s") % {"number": obj, "reason": refusal},
                messages.ERROR,
            )

    # Rights ----------------------------------------------------------------------------

    def has_add_permission(self, request):
        # Online applications come from the public form, offline ones through
        # "register an offline application" (``may_register``): no generic add form.
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def may_register(self, request) -> bool:
        user = request.user
        return user.has_perm("requests_app.add_informationrequest") and (
            permissions.agencies_for(user, workflow.HANDLER_ROLES).exists()
        )

    # The request's own page -------------------------------------------------------------

    def get_fieldsets(self, request, obj=None):
        return request_fieldsets(obj)

    def get_readonly_fields(self, request, obj=None):
        return [
            name
            for _title, options in self.get_fieldsets(request, obj)
            for name in flatten(options["fields"])
        ]

    def save_model(self, request, obj, form, change):
        """The application itself never changes here (steps do): only inlines are saved.

        Saving the page's copy would write back a state another officer may just
        have changed."""

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            may_act = self.has_change_permission(request, obj)
            context.update(
                steps=[
                    {"name": step.name, "label": step.label, "url": self.step_url(obj, step.name)}
                    for step in staff_views.offered_steps(obj)
                ]
                if may_act
                else [],
                letters=[
                    {"kind": kind, "label": kind.label, "url": self.letter_url(obj, kind)}
                    for kind in letters.available_letters(obj)
                ],
                show_save_and_add_another=False,
                show_delete=self.has_delete_permission(request, obj),
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def step_url(self, obj, name):
        return reverse("admin:requests_app_informationrequest_step", args=[obj.pk, name])

    def letter_url(self, obj, kind):
        return reverse("admin:requests_app_informationrequest_letter", args=[obj.pk, kind])

    @admin.display(description=_("time limit"))
    def due_explanation(self, obj):
        return render_to_string("admin/requests_app/informationrequest/_due.html", due_context(obj))

    @admin.display(description=_("pauses of the clock"))
    def pause_list(self, obj):
        return render_to_string(
            "admin/requests_app/informationrequest/_pauses.html", {"pauses": obj.pauses.all()}
        )

    @admin.display(description=_("documents"))
    def document_list(self, obj):
        documents = [
            (document, reverse("admin:requests_app_document", args=[document.pk]))
            for document in obj.documents.select_related("uploaded_by")
        ]
        return render_to_string(
            "admin/requests_app/informationrequest/_documents.html", {"documents": documents}
        )

    @admin.display(description=_("timeline"))
    def timeline(self, obj):
        return render_to_string(
            "admin/requests_app/informationrequest/_timeline.html",
            {"events": obj.events.select_related("actor")},
        )

    @admin.display(description=_("catalogue entries named"))
    def entries_display(self, obj):
        entries = list(obj.entries.all())
        if not entries:
            return "—"
        return format_html_join(", ", "{} {}", ((e.index_number, e.title) for e in entries))

    # The pages of the steps, letters, intake and documents ----------------------------

    def get_urls(self):
        def view(function):
            def wrapped(request, *args, **kwargs):
                return function(self, request, *args, **kwargs)

            return self.admin_site.admin_view(wrapped)

        name = "requests_app_informationrequest"
        return [
            path("register/", view(staff_views.register_view), name=f"{name}_register"),
            path(
                "document/<int:pk>/",
                view(staff_views.document_view),
                name="requests_app_document",
            ),
            path(
                "<path:object_id>/registered/",
                view(staff_views.registered_view),
                name=f"{name}_registered",
            ),
            path(
                "<path:object_id>/step/<slug:step_name>/",
                view(staff_views.step_view),
                name=f"{name}_step",
            ),
            path(
                "<path:object_id>/letter/<slug:kind>/",
                view(staff_views.letter_view),
                name=f"{name}_letter",
            ),
            *super().get_urls(),
        ]


def due_context(obj) -> dict:
    """The due date, the days left and how the date was counted, for the request's page."""
    today = timezone.localdate()
    state, text = staff_views.due_state(obj, today)
    due = workflow.due_date(obj)
    running = next((p for p in obj.pauses.all() if p.last_day is None), None)
    return {
        "req": obj,
        "state": state,
        "text": text,
        "lines": due.explain() if due else [],
        "running_pause": running,
        "correction_notice_due": (
            deadlines.correction_notice_due(obj.received_on).due_on
            if obj.status == RequestStatus.RECEIVED
            and staff_views.correction_still_possible(obj, today)
            else None
        ),
    }


APPLICATION_FIELDS = (
    ("tracking_number", "status"),
    ("agency", "channel"),
    ("submitted_at", "received_on"),
    "consent_at",
)
PERSON_FIELDS = ("id_type", "id_number")
ORGANISATION_FIELDS = ("organisation_code", ("legal_representative", "contact_person"))
CONTACT_FIELDS = (("phone", "email"), ("address", "postcode"))
INFORMATION_FIELDS = (
    "information_title",
    "information_number",
    "description",
    "entries_display",
    ("information_form", "delivery"),
)


def request_fieldsets(obj):
    """The sections of a request's page; those that do not apply yet are left out."""
    if obj is None:
        return ((None, {"fields": ()}),)
    applicant = ("applicant_kind", "applicant_name")
    applicant += ORGANISATION_FIELDS if obj.is_organisation else PERSON_FIELDS
    clock = ["due_explanation", "clock_start_on", "pause_list"]
    if obj.correction_requested_on:
        clock += [
            ("correction_requested_on", "correction_due_on"),
            "correction_items",
            "corrected_on",
        ]
    if obj.extension_days:
        clock += [("extension_days", "extension_approved_by"), "extension_reason"]
    if obj.fee_method:
        clock += [
            ("fee_method", "fee_basis_count", "fee_amount"),
            ("fee_notice_on", "fee_due_on", "fee_paid_on"),
        ]
    sections = [
        (_("Application"), {"fields": APPLICATION_FIELDS}),
        (_("Applicant"), {"fields": applicant + CONTACT_FIELDS}),
        (_("Information sought"), {"fields": INFORMATION_FIELDS}),
        (_("Handling"), {"fields": (("department", "officer"),)}),
        (_("Time limit"), {"fields": tuple(clock)}),
    ]
    if obj.status == RequestStatus.CLOSED:
        answer = [
            ("answer", "outcome"),
            "reply_text",
            ("replied_on", "replied_by"),
            ("closed_on", "delivered_on"),
        ]
        answer += ["repeat_of"] if obj.repeat_of_id else []
        answer += ["proactive_entry"] if obj.proactive_entry_id else []
        sections.append((_("Answer"), {"fields": tuple(answer)}))
    sections += [
        (_("Documents"), {"fields": ("document_list",)}),
        (_("Timeline"), {"fields": ("timeline",)}),
    ]
    return tuple(sections)


@admin.register(ReviewCase)
class ReviewCaseAdmin(AgencyScopedAdmin):
    """Reconsideration and litigation about a request (the annual report's table 四)."""

    agency_field = "request__agency"
    view_roles = workflow.HANDLER_ROLES
    change_roles = workflow.HANDLER_ROLES
    choice_roles = {"request": workflow.HANDLER_ROLES}
    list_display = ("request", "kind", "filed_on", "body", "case_number", "result", "decided_on")
    list_filter = ("kind", "result", ("request__agency", RelatedOnlyFieldListFilter))
    list_select_related = ("request",)
    search_fields = ("case_number", "body", "=request__tracking_number")
    autocomplete_fields = ("request",)
    date_hierarchy = "filed_on"
    fields = ("request", "kind", "filed_on", "body", "case_number", "result", "decided_on", "note")

    def agency_of(self, obj):
        return obj.request.agency

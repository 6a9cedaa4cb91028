"""The four clearances in the admin: power items, fee items and published decisions.

They go through the catalogue's review workflow (``WorkflowAdminMixin``, which
calls ``catalog.workflow``), are scoped by agency (``AgencyScopedAdmin``) and
follow the catalogue's edit modes (``entry_edit_mode``): drafts are edited by
the agency's editors, what is in review is frozen, a published item only has
its status marked by those who may withdraw it, a withdrawn item is history.
Power items and fee items are also loaded from and saved to spreadsheets
(``catalog.spreadsheets``).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalog import permissions, spreadsheets, workflow
from catalog.admin.entries import WORKFLOW_FIELDS, EditMode, entry_edit_mode
from catalog.admin.scoping import AgencyScopedAdmin
from catalog.admin.transitions import WorkflowAdminMixin
from catalog.admin_forms import (
    DecisionRecordAdminForm,
    SpreadsheetConfirmForm,
    SpreadsheetExportForm,
    SpreadsheetImportForm,
)
from catalog.models import (
    DECISION_KIND_FOR_POWER,
    Agency,
    DecisionRecord,
    FeeItem,
    PowerItem,
    PowerItemStep,
    PowerResponsibility,
    ReviewStatus,
)

REVIEW_FIELDS = tuple(name for name in WORKFLOW_FIELDS if name != "index_number")
REVIEW_FIELDSETS = (
    (
        _("Confidentiality review and publication"),
        {
            "fields": (
                "status",
                ("created_by", "submitted_at"),
                ("reviewed_by", "reviewed_at"),
                "confidentiality_opinion",
                "published_at",
                ("withdrawn_at", "withdrawal_reason"),
            )
        },
    ),
    (_("Review history"), {"fields": ("review_history",)}),
)
WORKFLOW_ACTIONS = (
    "submit_selected",
    "publish_selected",
    "send_back_selected",
    "withdraw_selected",
    "delete_selected",
)


def decision_power_items(queryset):
    """Power items a decision may be published under: published, of a deciding kind."""
    return queryset.published().filter(kind__in=list(DECISION_KIND_FOR_POWER))


# Steps are short: small text areas keep the table of steps readable.
STEP_WIDGETS = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}}


class DraftOnlyInline:
    """Rows of an item (its steps) change only while the item itself may change in full."""

    extra = 0
    view_on_site = False
    formfield_overrides = STEP_WIDGETS

    def _editable(self, request, obj) -> bool:
        return entry_edit_mode(request, obj) == EditMode.ALL

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and self._editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._editable(request, obj)


class PowerItemStepInline(DraftOnlyInline, admin.TabularInline):
    model = PowerItemStep
    fields = ("order", "name", "description", "responsible", "time_limit")


class PowerResponsibilityInline(DraftOnlyInline, admin.TabularInline):
    model = PowerResponsibility
    fields = ("order", "stage", "duty")


class ClearanceAdmin(WorkflowAdminMixin, AgencyScopedAdmin):
    """What the clearance admins share with the catalogue's."""

    class Media:
        css = {"all": ["admin/catalog/admin.css"]}

    # The content of the form; the review fieldsets follow on existing records.
    content_fieldsets = ()
    # What may still change on a published record, by those who may withdraw it.
    published_fields = ()
    readonly_fields = (*REVIEW_FIELDS, "review_history")
    actions = WORKFLOW_ACTIONS
    change_form_template = "admin/catalog/catalogentry/change_form.html"
    change_roles = permissions.EDIT_ROLES

    @admin.display(description=_("agency"), ordering="agency__name")
    def agency_display(self, obj):
        return obj.agency.display_name

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_published else None

    def edit_mode(self, request, obj) -> EditMode:
        mode = entry_edit_mode(request, obj)
        if mode == EditMode.VALIDITY and not self.published_fields:
            return EditMode.NONE
        return mode

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.content_fieldsets
        return self.content_fieldsets + REVIEW_FIELDSETS

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        agencies = list(permissions.agencies_for(request.user, permissions.EDIT_ROLES)[:2])
        if len(agencies) == 1:
            initial.setdefault("agency", agencies[0].pk)
        return initial

    def get_readonly_fields(self, request, obj=None):
        if self.edit_mode(request, obj) == EditMode.VALIDITY:
            frozen = [
                name
                for name in flatten_fieldsets(self.content_fieldsets)
                if name not in self.published_fields
            ]
            return (*frozen, *self.readonly_fields)
        return self.readonly_fields

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and self.edit_mode(request, obj) != EditMode.NONE

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        roles = self.choice_roles.get(db_field.name)
        related_admin = self.admin_site._registry.get(db_field.related_model)
        if roles is not None and isinstance(related_admin, AgencyScopedAdmin):
            kwargs["queryset"] = related_admin.choices_for(request, roles)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            obj.status = ReviewStatus.DRAFT
        super().save_model(request, obj, form, change)
        if not change:
            workflow.record_created(obj, request.user)


class SpreadsheetAdminMixin:
    """Import from and export to a spreadsheet (``catalog.spreadsheets``), for one sheet."""

    sheet: spreadsheets.Sheet
    change_list_template = "admin/catalog/spreadsheet_change_list.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="{}_{}_import".format(*info),
            ),
            path(
                "export/",
                self.admin_site.admin_view(self.export_view),
                name="{}_{}_export".format(*info),
            ),
            *super().get_urls(),
        ]

    def _url(self, name):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_{name}")

    def changelist_view(self, request, extra_context=None):
        extra = {"may_import": self.has_add_permission(request), **(extra_context or {})}
        return super().changelist_view(request, extra)

    # Import -------------------------------------------------------------------------

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        agencies = permissions.agencies_for(request.user, permissions.EDIT_ROLES)
        if request.method == "POST" and "payload" in request.POST:
            return self._confirm_import(request, agencies)
        form = SpreadsheetImportForm(request.POST or None, request.FILES or None, agencies=agencies)
        if request.method != "POST" or not form.is_valid():
            return self._render_import(request, form)
        agency, upload = form.cleaned_data["agency"], form.cleaned_data["file"]
        try:
            plan = spreadsheets.preview(self.sheet, agency, form.table)
        except spreadsheets.SpreadsheetError as exc:
            form.add_error("file", str(exc))
            return self._render_import(request, form)
        confirm = None
        if plan.is_valid and plan.changes_anything:
            payload = spreadsheets.sign_table(
                form.table, sheet=self.sheet, user=request.user, agency=agency, filename=upload.name
            )
            confirm = SpreadsheetConfirmForm(
                initial={"agency": agency.pk, "payload": payload},
                agencies=agencies,
                sheet=self.sheet,
                user=request.user,
            )
        again = SpreadsheetImportForm(initial={"agency": agency.pk}, agencies=agencies)
        return self._render_import(request, again, plan=plan, confirm=confirm, filename=upload.name)

    def _confirm_import(self, request, agencies):
        confirm = SpreadsheetConfirmForm(
            request.POST, agencies=agencies, sheet=self.sheet, user=request.user
        )
        form = SpreadsheetImportForm(agencies=agencies)
        if not confirm.is_valid():
            return self._render_import(request, form, problems=confirm.non_field_errors())
        agency = confirm.cleaned_data["agency"]
        try:
            plan = spreadsheets.import_rows(self.sheet, agency, confirm.table, request.user)
        except spreadsheets.SpreadsheetError as exc:
            return self._render_import(request, form, problems=[str(exc)])
        if not plan.is_valid:
            # The items changed since the preview: say what is wrong now; nothing was written.
            return self._render_import(request, form, plan=plan, filename=confirm.filename)
        self.message_user(
            request,
            gettext(
                "Imported into %(agency)s: %(created)d new, %(updated)d updated, "
                "%(unchanged)d unchanged. New items are drafts: send them to review."
            )
            % {"agency": agency, **plan.summary},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(f"{self._url('changelist')}?agency__id__exact={agency.pk}")

    def _render_import(self, request, form, plan=None, confirm=None, filename="", problems=()):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Import %(items)s from a spreadsheet")
            % {"items": self.opts.verbose_name_plural},
            "form": form,
            "plan": plan,
            "confirm": confirm,
            "filename": filename,
            "problems": problems,
            "headers": self.sheet.headers,
            "blank_xlsx_url": f"{self._url('export')}?blank=1&file_format=xlsx",
            "blank_csv_url": f"{self._url('export')}?blank=1&file_format=csv",
            "media": self.media + form.media,
        }
        request.current_app = self.admin_site.name
        template = "admin/catalog/import_preview.html" if plan else "admin/catalog/import_form.html"
        return TemplateResponse(request, template, context)

    # Export -------------------------------------------------------------------------

    def export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        file_format = request.GET.get("file_format")
        if request.GET.get("blank") and file_format in spreadsheets.FORMATS:
            return self._export_response(self.model.objects.none(), None, file_format)
        agencies = permissions.agencies_for(request.user, self.view_roles)
        form = SpreadsheetExportForm(request.GET or None, agencies=agencies)
        if form.is_valid():
            agency = form.cleaned_data["agency"]
            items = self.get_queryset(request).filter(agency=agency)
            return self._export_response(items, agency, form.cleaned_data["file_format"])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Export %(items)s") % {"items": self.opts.verbose_name_plural},
            "form": form,
            "media": self.media + form.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/catalog/export_form.html", context)

    @admin.action(permissions=["view"], description=_("Export selected items (XLSX)"))
    def export_xlsx_selected(self, request, queryset):
        return self._export_selected(request, queryset, "xlsx")

    @admin.action(permissions=["view"], description=_("Export selected items (CSV)"))
    def export_csv_selected(self, request, queryset):
        return self._export_selected(request, queryset, "csv")

    def _export_selected(self, request, queryset, file_format):
        agency_ids = set(queryset.values_list("agency", flat=True))
        if len(agency_ids) != 1:
            self.message_user(
                request,
                gettext(
                    "Select the items of one agency: a file holds one agency's list, "
                    "so that it can be imported again."
                ),
                messages.ERROR,
            )
            return None
        agency = Agency.objects.get(pk=agency_ids.pop())
        return self._export_response(queryset, agency, file_format)

    def _export_response(self, queryset, agency, file_format):
        content = spreadsheets.export_file(self.sheet, queryset, file_format)
        if agency is None:
            filename = f"{self.sheet.title}-{gettext('template')}.{file_format}"
        else:
            filename = spreadsheets.export_filename(
                self.sheet, agency, file_format, timezone.localdate()
            )
        return HttpResponse(
            content,
            content_type=spreadsheets.CONTENT_TYPES[file_format],
            headers={"Content-Disposition": content_disposition_header(True, filename)},
        )


# Power items -------------------------------------------------------------------------


@admin.register(PowerItem)
class PowerItemAdmin(SpreadsheetAdminMixin, ClearanceAdmin):
    sheet = spreadsheets.POWER_ITEMS
    list_display = (
        "code",
        "name",
        "kind",
        "agency_display",
        "status",
        "power_status",
        "in_force_from",
        "updated_at",
    )
    list_filter = (
        "status",
        "kind",
        "power_status",
        ("agency", RelatedOnlyFieldListFilter),
    )
    list_select_related = ("agency",)
    search_fields = ("code", "name", "sub_item")
    autocomplete_fields = ("agency", "department", "fee_item", "basis_entries")
    inlines = (PowerItemStepInline, PowerResponsibilityInline)
    actions = (*WORKFLOW_ACTIONS, "export_xlsx_selected", "export_csv_selected")
    choice_roles = {
        "agency": permissions.EDIT_ROLES,
        "department": permissions.EDIT_ROLES,
        "fee_item": permissions.EDIT_ROLES,
        "basis_entries": permissions.EDIT_ROLES,
    }
    content_fieldsets = (
        (
            None,
            {
                "fields": (
                    ("code", "kind"),
                    "name",
                    "sub_item",
                    ("agency", "department"),
                    "implementing_body",
                    "sort_order",
                )
            },
        ),
        (_("Legal basis"), {"fields": ("legal_basis", "basis_entries")}),
        (
            _("Handling"),
            {
                "fields": (
                    "conditions",
                    "materials",
                    ("statutory_days", "promised_days"),
                    "fee_item",
                )
            },
        ),
        (
            _("Accountability and remedies"),
            {
                "fields": (
                    "accountability",
                    "supervision",
                    ("reconsideration_body", "litigation_court"),
                )
            },
        ),
        (
            _("Status of the power"),
            {"fields": (("power_status", "in_force_from"), "abolished_on", "abolition_basis")},
        ),
    )
    # Abolishing a power keeps it visible, marked as abolished.
    published_fields = ("power_status", "abolished_on", "abolition_basis")

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        answers_decisions = (
            self._autocomplete_roles(request) is not None
            and request.GET.get("model_name") == DecisionRecord._meta.model_name
        )
        if answers_decisions:
            queryset = decision_power_items(queryset)
        return queryset, may_have_duplicates


# Fee items ---------------------------------------------------------------------------


@admin.register(FeeItem)
class FeeItemAdmin(SpreadsheetAdminMixin, ClearanceAdmin):
    sheet = spreadsheets.FEE_ITEMS
    list_display = (
        "code",
        "name",
        "amount_display",
        "agency_display",
        "status",
        "fee_status",
        "collected_from",
        "updated_at",
    )
    list_filter = ("status", "fee_status", ("agency", RelatedOnlyFieldListFilter))
    list_select_related = ("agency",)
    search_fields = ("code", "name", "approving_document")
    autocomplete_fields = ("agency",)
    actions = (*WORKFLOW_ACTIONS, "export_xlsx_selected", "export_csv_selected")
    choice_roles = {"agency": permissions.EDIT_ROLES}
    content_fieldsets = (
        (
            None,
            {
                "fields": (
                    ("code", "name"),
                    ("agency", "sort_order"),
                    "legal_basis",
                    "approving_document",
                    "payer",
                )
            },
        ),
        (
            _("Standard"),
            {"fields": (("amount", "unit"), ("amount_min", "amount_max"), "standard")},
        ),
        (
            _("Status of the fee"),
            {
                "fields": (
                    ("fee_status", "collected_from"),
                    ("suspended_on", "abolished_on"),
                    "status_basis",
                )
            },
        ),
    )
    published_fields = (
        "fee_status",
        "collected_from",
        "suspended_on",
        "abolished_on",
        "status_basis",
    )

    @admin.display(description=_("standard"))
    def amount_display(self, obj):
        if obj.amount is not None:
            amount = f"{obj.amount}"
        elif obj.amount_min is not None:
            amount = f"{obj.amount_min}–{obj.amount_max if obj.amount_max is not None else ''}"
        else:
            return obj.standard[:20] or "—"
        return f"{amount} / {obj.unit}" if obj.unit else amount


# Published decisions -----------------------------------------------------------------


@admin.register(DecisionRecord)
class DecisionRecordAdmin(ClearanceAdmin):
    """Decisions are entered by their handlers, who see the party in full; lists mask it."""

    form = DecisionRecordAdminForm
    list_display = (
        "number",
        "party_display",
        "kind",
        "power_item_code",
        "agency_display",
        "status",
        "decided_on",
    )
    list_filter = (
        "status",
        "kind",
        "party_kind",
        "minor",
        ("agency", RelatedOnlyFieldListFilter),
    )
    list_select_related = ("agency", "power_item")
    # Searched like the public lists: never by a natural person's name or number,
    # which would otherwise travel in the URL and the logs.
    search_fields = ("number",)
    search_help_text = _(
        "Decision number, power item, content, or the name or credit code of an organisation."
    )
    date_hierarchy = "decided_on"
    autocomplete_fields = ("agency", "power_item")
    readonly_fields = ("kind", *ClearanceAdmin.readonly_fields)
    choice_roles = {"agency": permissions.EDIT_ROLES, "power_item": permissions.EDIT_ROLES}
    content_fieldsets = (
        (None, {"fields": (("agency", "power_item"), ("number", "decided_on"), "kind")}),
        (
            _("Party"),
            {"fields": ("party_kind", ("party_name", "party_code"), "legal_representative")},
        ),
        (
            _("Decision"),
            {
                "fields": (
                    "facts",
                    "basis",
                    "content",
                    ("fine_amount", "confiscated_amount"),
                    "minor",
                )
            },
        ),
        (_("Licence"), {"fields": ("licence_number", ("valid_from", "valid_until"))}),
    )

    @admin.display(description=_("party"))
    def party_display(self, obj):
        return obj.public_party_name

    @admin.display(description=_("power item"), ordering="power_item__code")
    def power_item_code(self, obj):
        return obj.power_item.code

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.matching(search_term.strip()), False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "power_item":
            field.queryset = decision_power_items(field.queryset)
        return field

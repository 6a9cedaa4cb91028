"""Catalogue entries in the admin: drafting, the review workflow, the history."""

from django.contrib import admin
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import TextChoices
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from catalog import permissions, workflow
from catalog.admin.scoping import AgencyScopedAdmin
from catalog.admin.transitions import WorkflowAdminMixin, available_transitions
from catalog.models import (
    CatalogEntry,
    EntryAttachment,
    ReviewEvent,
    ReviewStatus,
)
from catalog.templatetags.catalog_tags import sanitized

WORKFLOW_FIELDS = (
    "index_number",
    "status",
    "created_by",
    "submitted_at",
    "reviewed_by",
    "reviewed_at",
    "confidentiality_opinion",
    "published_at",
    "withdrawn_at",
    "withdrawal_reason",
)
# Marking an entry expired, repealed or amended keeps it on the site (47号), so
# these stay editable on a published entry; everything else is frozen.
VALIDITY_FIELDS = ("validity", "effective_from", "validity_changed_on", "replaced_by")
CONTENT_FIELDSETS = (
    (
        None,
        {
            "fields": (
                "title",
                ("agency", "department"),
                ("topic", "genre"),
                ("document_number", "date_made"),
                "keywords",
            )
        },
    ),
    (_("Content"), {"fields": ("summary", "body")}),
    (
        _("Disclosure"),
        {
            "fields": (
                ("disclosure_mode", "scope"),
                "withheld_ground",
                ("timeliness", "clearance_aspect"),
            )
        },
    ),
    (
        _("Validity"),
        {"fields": (("validity", "effective_from"), "validity_changed_on", "replaced_by")},
    ),
)
REVIEW_FIELDSETS = (
    (
        _("Confidentiality review and publication"),
        {
            "fields": (
                ("status", "index_number"),
                ("created_by", "submitted_at"),
                ("reviewed_by", "reviewed_at"),
                "confidentiality_opinion",
                "published_at",
                ("withdrawn_at", "withdrawal_reason"),
            )
        },
    ),
    (_("Body as it will appear"), {"fields": ("body_preview",)}),
    (_("Review history"), {"fields": ("review_history",)}),
)


class EditMode(TextChoices):
    ALL = "all"
    VALIDITY = "validity"
    NONE = "none"


def entry_edit_mode(request, entry) -> EditMode:
    """What this user may still change on ``entry``.

    Drafts are edited by the agency's editors; what is in review is what the
    reviewer approves, so it is frozen; a published entry only has its
    validity marked, by those who may also withdraw it; a withdrawn entry is
    history. Cached on the request: the admin asks many times per page.
    """
    if entry is None or entry.pk is None:
        return EditMode.ALL
    cache = request.__dict__.setdefault("_entry_edit_modes", {})
    key = (entry._meta.label, entry.pk)
    if key not in cache:
        user = request.user
        if entry.status == ReviewStatus.DRAFT and permissions.may_edit(user, entry.agency):
            cache[key] = EditMode.ALL
        elif entry.status == ReviewStatus.PUBLISHED and permissions.may_withdraw(
            user, entry.agency
        ):
            cache[key] = EditMode.VALIDITY
        else:
            cache[key] = EditMode.NONE
    return cache[key]


class EntryAttachmentInline(admin.TabularInline):
    model = EntryAttachment
    fields = ("title", "file", "sort_order", "size")
    readonly_fields = ("size",)
    extra = 0
    view_on_site = False

    def has_add_permission(self, request, obj):
        return (
            super().has_add_permission(request, obj)
            and entry_edit_mode(request, obj) == EditMode.ALL
        )

    def has_change_permission(self, request, obj=None):
        return (
            super().has_change_permission(request, obj)
            and entry_edit_mode(request, obj) == EditMode.ALL
        )

    def has_delete_permission(self, request, obj=None):
        return (
            super().has_delete_permission(request, obj)
            and entry_edit_mode(request, obj) == EditMode.ALL
        )


@admin.register(CatalogEntry)
class CatalogEntryAdmin(WorkflowAdminMixin, AgencyScopedAdmin):
    class Media:
        css = {"all": ["admin/catalog/admin.css"]}

    list_display = (
        "title",
        "index_number_display",
        "agency_display",
        "status",
        "validity",
        "date_made",
    )
    list_filter = (
        "status",
        "validity",
        "disclosure_mode",
        "scope",
        "genre",
        ("agency", RelatedOnlyFieldListFilter),
        ("topic", RelatedOnlyFieldListFilter),
    )
    list_select_related = ("agency",)
    search_fields = ("title", "index_number", "document_number", "keywords")
    date_hierarchy = "date_made"
    autocomplete_fields = ("agency", "department", "topic", "replaced_by")
    readonly_fields = (*WORKFLOW_FIELDS, "body_preview", "review_history")
    inlines = (EntryAttachmentInline,)
    actions = (
        "submit_selected",
        "publish_selected",
        "send_back_selected",
        "withdraw_selected",
        "delete_selected",
    )
    change_form_template = "admin/catalog/catalogentry/change_form.html"

    change_roles = permissions.EDIT_ROLES
    choice_roles = {
        "agency": permissions.EDIT_ROLES,
        "department": permissions.EDIT_ROLES,
        "replaced_by": permissions.ANY_ROLE,
    }

    # Display --------------------------------------------------------------

    @admin.display(description=_("index number"), ordering="index_number")
    def index_number_display(self, obj):
        return obj.index_number or "—"

    @admin.display(description=_("publishing agency"), ordering="agency__name")
    def agency_display(self, obj):
        return obj.agency.display_name

    @admin.display(description=_("review history"))
    def review_history(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        events = ReviewEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(CatalogEntry), object_id=obj.pk
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

    @admin.display(description=_("preview"))
    def body_preview(self, obj):
        """The body rendered (sanitised) the way citizens will see it, for the reviewer."""
        if obj is None or not obj.body:
            return "—"
        return format_html('<div class="body-preview">{}</div>', sanitized(obj.body))

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_published else None

    # Form -----------------------------------------------------------------

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return CONTENT_FIELDSETS
        return CONTENT_FIELDSETS + REVIEW_FIELDSETS

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        agencies = list(permissions.agencies_for(request.user, permissions.EDIT_ROLES)[:2])
        if len(agencies) == 1:
            initial.setdefault("agency", agencies[0].pk)
        return initial

    def get_readonly_fields(self, request, obj=None):
        mode = entry_edit_mode(request, obj)
        if mode == EditMode.VALIDITY:
            editable = set(VALIDITY_FIELDS)
            content = [
                name
                for name in admin.utils.flatten_fieldsets(CONTENT_FIELDSETS)
                if name not in editable
            ]
            return (*content, *self.readonly_fields)
        return self.readonly_fields

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and entry_edit_mode(request, obj) != EditMode.NONE

    def has_delete_permission(self, request, obj=None):
        # Index numbers are never reused: only drafts (which have none) go away.
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.status == ReviewStatus.DRAFT)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            obj.status = ReviewStatus.DRAFT
        super().save_model(request, obj, form, change)
        if not change:
            workflow.record_created(obj, request.user)

    def delete_queryset(self, request, queryset):
        if queryset.exclude(status=ReviewStatus.DRAFT).exists():
            raise PermissionDenied
        super().delete_queryset(request, queryset)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and not add:
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

    # Actions --------------------------------------------------------------

    @admin.action(permissions=["delete"], description=_("Delete selected drafts"))
    def delete_selected(self, request, queryset):
        """Django's bulk delete, for drafts only (it keeps its name for its confirmation page)."""
        kept = queryset.exclude(status=ReviewStatus.DRAFT).count()
        if kept:
            self.message_user(
                request,
                ngettext(
                    "%(count)d selected entry is not a draft. Published and withdrawn "
                    "entries keep their index numbers for ever: withdraw them instead.",
                    "%(count)d selected entries are not drafts. Published and withdrawn "
                    "entries keep their index numbers for ever: withdraw them instead.",
                    kept,
                )
                % {"count": kept},
                "error",
            )
            return None
        return django_delete_selected(self, request, queryset)

"""Agencies, their departments, staff memberships, guides and the topic tree."""

from django.contrib import admin
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from catalog import permissions
from catalog.admin.department_powers import StaffingQuotaInline
from catalog.admin.scoping import AgencyScopedAdmin
from catalog.admin_forms import StaffMembershipAdminForm
from catalog.models import Agency, Department, DisclosureGuide, StaffMembership, Topic
from catalog.roles import sync_user_groups

# Who an agency is: only a superuser changes these (index numbers and the
# public URLs are built from them, and the tree decides everyone's scope).
AGENCY_IDENTITY_FIELDS = (
    "name",
    "short_name",
    "slug",
    "credit_code",
    "level",
    "parent",
    "sort_order",
    "document_prefix",
)


@admin.register(Agency)
class AgencyAdmin(AgencyScopedAdmin):
    agency_field = ""
    change_roles = permissions.ADMIN_ROLES
    list_display = ("name", "short_name", "level", "parent", "credit_code", "phone")
    list_filter = ("level",)
    list_select_related = ("parent",)
    search_fields = ("name", "short_name", "credit_code")
    autocomplete_fields = ("parent",)
    inlines = (StaffingQuotaInline,)
    fieldsets = (
        (None, {"fields": AGENCY_IDENTITY_FIELDS}),
        (
            _("Contact"),
            {
                "fields": (
                    "address",
                    ("postcode", "office_hours"),
                    ("phone", "fax"),
                    ("email", "website"),
                    "leaders",
                )
            },
        ),
        (
            _("Reception window for disclosure requests"),
            {
                "fields": (
                    "reception_office",
                    "reception_address",
                    "reception_hours",
                    ("reception_phone", "reception_fax"),
                    "reception_email",
                    ("accepts_online", "accepts_email", "accepts_fax"),
                )
            },
        ),
        (_("Department powers"), {"fields": ("functions", "staffing", "structure")}),
    )

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return ()
        return AGENCY_IDENTITY_FIELDS


@admin.register(Department)
class DepartmentAdmin(AgencyScopedAdmin):
    change_roles = permissions.ADMIN_ROLES
    choice_roles = {"agency": permissions.ADMIN_ROLES}
    list_display = ("name", "agency", "role", "phone", "sort_order")
    list_filter = ("role", ("agency", RelatedOnlyFieldListFilter))
    list_select_related = ("agency",)
    search_fields = ("name", "agency__name", "agency__short_name")
    autocomplete_fields = ("agency",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("agency")


@admin.register(StaffMembership)
class StaffMembershipAdmin(AgencyScopedAdmin):
    """Who works where. Saving or deleting one resets the user's role groups."""

    form = StaffMembershipAdminForm
    view_roles = permissions.ADMIN_ROLES
    change_roles = permissions.ADMIN_ROLES
    choice_roles = {"agency": permissions.ADMIN_ROLES, "department": permissions.ADMIN_ROLES}
    list_display = ("user", "agency", "department", "role", "covers_subordinates")
    list_filter = ("role", "covers_subordinates", ("agency", RelatedOnlyFieldListFilter))
    list_select_related = ("user", "agency", "department__agency")
    search_fields = ("user__username", "user__first_name", "user__last_name", "agency__name")

    def get_autocomplete_fields(self, request):
        # Only superusers may browse all accounts; agency administrators pick
        # from a short list (see formfield_for_foreignkey).
        if request.user.is_superuser:
            return ("user", "agency", "department")
        return ("agency", "department")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"acting_user": request.user})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user" and not request.user.is_superuser:
            # Accounts not yet placed anywhere, and the staff of agencies this
            # administrator runs; never a superuser.
            administered = permissions.agencies_for(request.user, permissions.ADMIN_ROLES)
            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(is_active=True, is_superuser=False)
                .filter(Q(memberships__isnull=True) | Q(memberships__agency__in=administered))
                .distinct()
                .order_by("username")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        sync_user_groups(obj.user)
        if change and "user" in form.changed_data:
            previous = get_user_model().objects.filter(pk=form.initial.get("user")).first()
            if previous is not None:
                sync_user_groups(previous)

    def delete_model(self, request, obj):
        user = obj.user
        super().delete_model(request, obj)
        sync_user_groups(user)

    def delete_queryset(self, request, queryset):
        users = list(get_user_model().objects.filter(memberships__in=queryset).distinct())
        super().delete_queryset(request, queryset)
        for user in users:
            sync_user_groups(user)


@admin.register(DisclosureGuide)
class DisclosureGuideAdmin(AgencyScopedAdmin):
    change_roles = permissions.ADMIN_ROLES
    choice_roles = {"agency": permissions.ADMIN_ROLES}
    list_display = ("agency", "revised_on", "updated_at")
    list_select_related = ("agency",)
    search_fields = ("agency__name", "agency__short_name")
    autocomplete_fields = ("agency",)
    date_hierarchy = "revised_on"
    readonly_fields = ("updated_at",)
    fieldsets = (
        (None, {"fields": ("agency", "revised_on", "updated_at", "preface")}),
        (
            _("Proactive disclosure"),
            {
                "fields": (
                    "proactive_scope",
                    "proactive_arrangement",
                    "proactive_forms",
                    "proactive_how_to_obtain",
                )
            },
        ),
        (_("Disclosure on request"), {"fields": ("request_notes", "fee_notes")}),
        (
            _("Supervision and remedies"),
            {"fields": ("supervision", "reconsideration_body", "litigation_court")},
        ),
    )


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    """The topic tree is shared by all agencies: staff read it, superusers keep it."""

    list_display = ("name", "parent", "slug", "sort_order")
    list_select_related = ("parent",)
    search_fields = ("name", "slug")
    autocomplete_fields = ("parent",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("parent")

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

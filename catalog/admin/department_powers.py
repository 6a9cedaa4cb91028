"""Department powers (部门职权) in the admin: staffing quotas and workflows.

Functions, structure and division of duties are fields of the agency and its
departments; the authorised staffing by category is an inline of the agency,
and each workflow is a record with its ordered steps. Both are kept by the
agency's administrators, scoped like every agency-owned screen.
"""

from django.contrib import admin
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from catalog import permissions
from catalog.admin.clearances import STEP_WIDGETS
from catalog.admin.scoping import AgencyScopedAdmin
from catalog.models import StaffingQuota, Workflow, WorkflowStep


class StaffingQuotaInline(admin.TabularInline):
    """Authorised staffing (人员编制) by category, on the agency's own page."""

    model = StaffingQuota
    fields = ("category", "authorised", "filled", "note")
    extra = 0

    def _administers(self, request, agency) -> bool:
        return agency is None or permissions.may_act_for(
            request.user, agency, permissions.ADMIN_ROLES
        )

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and self._administers(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._administers(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._administers(request, obj)


class WorkflowStepInline(admin.TabularInline):
    model = WorkflowStep
    fields = ("order", "name", "description", "responsible", "time_limit")
    formfield_overrides = STEP_WIDGETS
    extra = 1


@admin.register(Workflow)
class WorkflowAdmin(AgencyScopedAdmin):
    """The agency's workflows (工作流程), each an ordered list of steps."""

    view_roles = permissions.ADMIN_ROLES
    change_roles = permissions.ADMIN_ROLES
    choice_roles = {"agency": permissions.ADMIN_ROLES, "department": permissions.ADMIN_ROLES}
    list_display = ("title", "agency", "department", "step_count", "sort_order")
    list_filter = (("agency", RelatedOnlyFieldListFilter),)
    list_select_related = ("agency", "department__agency")
    search_fields = ("title", "description")
    autocomplete_fields = ("agency", "department")
    fields = (("agency", "department"), "title", "description", "sort_order")
    inlines = (WorkflowStepInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(step_total=Count("steps"))

    @admin.display(description=_("steps"), ordering="step_total")
    def step_count(self, obj):
        return obj.step_total

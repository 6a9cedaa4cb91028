"""The staff side of disclosure on request: for now, the working-day calendar.

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
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from catalog import permissions
from catalog.models import AgencyLevel
from requests_app.models import CalendarDay
from requests_app.workdays import statutory_day_info

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

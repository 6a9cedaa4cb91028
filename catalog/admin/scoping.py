"""Scoping of admin screens by agency.

Every agency-owned screen asks ``catalog.permissions.agencies_for`` which
agencies the signed-in user may act for and limits its rows, its object
permissions, its foreign-key choices and its autocomplete answers to them. No
other admin code decides who may see what.
"""

from django.apps import apps
from django.contrib import admin

from catalog import permissions


class AgencyScopedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose rows belong to an agency.

    ``agency_field`` names the foreign key to ``Agency`` (empty for the Agency
    admin itself). ``view_roles`` limit what is listed, ``change_roles`` what
    may be changed or deleted, and ``choice_roles`` say, for each foreign key
    of this model, in which roles the user must hold the agency of a row to
    pick it (the same rule narrows the autocomplete answers).
    """

    agency_field = "agency"
    view_roles = permissions.ANY_ROLE
    change_roles = permissions.EDIT_ROLES
    choice_roles: dict[str, tuple] = {}

    # Rows -----------------------------------------------------------------

    def scope(self, queryset, agencies):
        """Rows of ``queryset`` that belong to ``agencies``."""
        lookup = f"{self.agency_field}__in" if self.agency_field else "pk__in"
        return queryset.filter(**{lookup: agencies})

    def agency_of(self, obj):
        return getattr(obj, self.agency_field) if self.agency_field else obj

    def get_queryset(self, request):
        agencies = permissions.agencies_for(request.user, self.view_roles)
        return self.scope(super().get_queryset(request), agencies)

    def acts_for(self, request, obj, roles) -> bool:
        return permissions.may_act_for(request.user, self.agency_of(obj), roles)

    # Object permissions ---------------------------------------------------

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or self.acts_for(request, obj, self.view_roles))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or self.acts_for(request, obj, self.change_roles))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or self.acts_for(request, obj, self.change_roles))

    # Choices --------------------------------------------------------------

    def choices_for(self, request, roles):
        """Rows of this model the user may pick when acting in ``roles``."""
        agencies = permissions.agencies_for(request.user, roles)
        return self.scope(self.get_queryset(request), agencies)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        roles = self.choice_roles.get(db_field.name)
        related_admin = self.admin_site._registry.get(db_field.related_model)
        if roles is not None and isinstance(related_admin, AgencyScopedAdmin):
            kwargs["queryset"] = related_admin.choices_for(request, roles)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        roles = self._autocomplete_roles(request)
        if roles is not None:
            queryset = self.scope(queryset, permissions.agencies_for(request.user, roles))
        return queryset, may_have_duplicates

    def _autocomplete_roles(self, request):
        """When answering an autocomplete widget, the roles its form field asks for."""
        match = getattr(request, "resolver_match", None)
        if match is None or match.url_name != "autocomplete":
            return None
        try:
            source_model = apps.get_model(request.GET["app_label"], request.GET["model_name"])
        except (KeyError, LookupError, ValueError):
            return None
        source_admin = self.admin_site._registry.get(source_model)
        return getattr(source_admin, "choice_roles", {}).get(request.GET.get("field_name"))

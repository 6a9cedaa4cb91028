"""Read-only records: the review events and the index-number counters."""

from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from catalog import permissions
from catalog.models import IndexCounter, Reviewable, ReviewEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def reviewable_models():
    return [m for m in apps.get_models() if issubclass(m, Reviewable)]


@admin.register(ReviewEvent)
class ReviewEventAdmin(ReadOnlyAdmin):
    """Who moved which record through the workflow. Append-only, so view only."""

    list_display = (
        "at",
        "action",
        "subject_link",
        "from_status",
        "to_status",
        "actor",
        "short_note",
    )
    list_filter = ("action", "to_status", ("content_type", admin.RelatedOnlyFieldListFilter))
    ordering = ("-at", "-pk")
    list_select_related = ("actor", "content_type")
    search_fields = ("note", "actor__username")
    date_hierarchy = "at"

    def get_queryset(self, request):
        """Events of the records the user can see (those of the agencies they act for)."""
        agencies = permissions.agencies_for(request.user)
        visible = Q(pk__in=[])
        for model in reviewable_models():
            visible |= Q(
                content_type=ContentType.objects.get_for_model(model),
                object_id__in=model.objects.filter(agency__in=agencies).values("pk"),
            )
        return super().get_queryset(request).filter(visible).prefetch_related("subject")

    @admin.display(description=_("record"))
    def subject_link(self, obj):
        if obj.subject is None:
            return "—"
        ct = obj.content_type
        try:
            url = reverse(f"admin:{ct.app_label}_{ct.model}_change", args=[obj.object_id])
        except NoReverseMatch:
            return str(obj.subject)
        return format_html('<a href="{}">{}</a>', url, obj.subject)

    @admin.display(description=_("note"))
    def short_note(self, obj):
        return Truncator(obj.note).chars(60)


@admin.register(IndexCounter)
class IndexCounterAdmin(ReadOnlyAdmin):
    """The last index number given out per agency and year. Only superusers look."""

    list_display = ("agency", "year", "last_sequence")
    list_filter = ("year",)
    list_select_related = ("agency",)
    search_fields = ("agency__name", "agency__credit_code")

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return self.has_view_permission(request)

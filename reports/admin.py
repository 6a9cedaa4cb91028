"""The annual report in the admin: the disclosure office's working screen.

Every staff member sees the reports of the agencies they work for; the
agency's administrators (``permissions.ADMIN_ROLES``) change them. A report is
opened (or started) for a year with the button over the list, never through a
blank add form. Its page shows tables 二, 三 and 四 as computed from the records
(or as published), whether table 三's rule holds, the narrative sections and the
fee figure (who entered it and when is noted on save); "Publish the annual
report" saves and then calls ``reports.publishing.publish``, as the list action
does.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from catalog import permissions
from catalog.admin.scoping import AgencyScopedAdmin
from reports import publishing
from reports.models import FIRST_YEAR, AnnualReport, ReportStatus
from reports.tables import tables_html


class OnTimeFilter(admin.SimpleListFilter):
    """Whether the report came by 31 January of the next year (Arts. 49-50)."""

    title = _("published by 31 January")
    parameter_name = "on_time"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No, or not yet"))]

    def queryset(self, request, queryset):
        on_time = AnnualReport.objects.published_on_time().values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=on_time)
        if self.value() == "no":
            return queryset.exclude(pk__in=on_time)
        return queryset


class OpenReportForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=None, label=_("agency"))
    year = forms.IntegerField(label=_("year"), min_value=FIRST_YEAR)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


@admin.register(AnnualReport)
class AnnualReportAdmin(AgencyScopedAdmin):
    class Media:
        css = {"all": ["admin/catalog/admin.css"]}

    change_roles = permissions.ADMIN_ROLES
    choice_roles = {"agency": permissions.ADMIN_ROLES}

    list_display = (
        "agency_display",
        "year",
        "status",
        "published_at",
        "on_time",
        "fee_revenue",
    )
    list_display_links = ("agency_display",)
    list_filter = ("status", "year", OnTimeFilter, ("agency", RelatedOnlyFieldListFilter))
    list_select_related = ("agency",)
    search_fields = ("agency__name", "agency__short_name")
    ordering = ("-year", "agency__level_rank", "agency__sort_order", "agency__name")
    actions = ("publish_selected",)
    readonly_fields = (
        "agency",
        "year",
        "status",
        "published_at",
        "published_by",
        "catalog_entry_link",
        "fee_revenue_entered_by",
        "fee_revenue_entered_at",
        "rule_check",
        "tables_display",
    )
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("agency", "year"),
                    ("status", "published_at", "published_by"),
                    "catalog_entry_link",
                )
            },
        ),
        (
            _("Narrative sections"),
            {"fields": ("overview", "problems", "other_matters")},
        ),
        (
            _("Fee revenue (table 二)"),
            {"fields": ("fee_revenue", ("fee_revenue_entered_by", "fee_revenue_entered_at"))},
        ),
        (_("Tables 二, 三 and 四"), {"fields": ("rule_check", "tables_display")}),
    )
    change_form_template = "admin/reports/annualreport/change_form.html"
    change_list_template = "admin/reports/annualreport/change_list.html"

    # Display --------------------------------------------------------------

    @admin.display(description=_("agency"), ordering="agency__name")
    def agency_display(self, obj):
        return obj.agency.display_name

    @admin.display(description=_("published by 31 January"), boolean=True)
    def on_time(self, obj):
        return obj.published_on_time()

    @admin.display(description=_("catalogue entry"))
    def catalog_entry_link(self, obj):
        entry = obj.catalog_entry
        if entry is None:
            return "—"
        url = reverse("admin:catalog_catalogentry_change", args=[entry.pk])
        return format_html(
            '<a href="{}">{}</a> ({})',
            url,
            entry.index_number or entry.title,
            entry.get_status_display(),
        )

    def _tables(self, obj):
        """The tables shown on the page, computed once per page."""
        if not hasattr(obj, "_admin_tables"):
            obj._admin_tables = obj.tables()
        return obj._admin_tables

    @admin.display(description=_("table 三's rule"))
    def rule_check(self, obj):
        check = self._tables(obj).check
        if check.holds:
            return gettext("Row 一 + row 二 = row 三（七） + row 四 holds in every column.")
        return format_html(
            "<strong>{}</strong><ul>{}</ul>",
            gettext("Row 一 + row 二 = row 三（七） + row 四 does not hold:"),
            format_html_join("", "<li>{}</li>", ((text,) for text in check.messages())),
        )

    @admin.display(description=_("tables"))
    def tables_display(self, obj):
        if obj.is_published:
            note = gettext("The figures as published on %(date)s.") % {
                "date": obj.published_on.isoformat()
            }
        else:
            note = gettext(
                "Computed now from the catalogue, the published decisions, the requests and "
                "the review cases; they are frozen when the report is published."
            )
        return format_html(
            '<p class="help">{}</p><div class="report-tables">{}</div>',
            note,
            tables_html(self._tables(obj)),
        )

    def view_on_site(self, obj):
        url = obj.get_absolute_url()
        return url if obj.is_published else f"{url}?preview=1"

    # Rights ---------------------------------------------------------------

    def has_add_permission(self, request):
        # Reports are opened with ``open_report`` (the button over the list).
        return False

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.status == ReportStatus.DRAFT)

    def may_open(self, request) -> bool:
        return request.user.has_perm("reports.add_annualreport")

    def may_publish(self, request, obj) -> bool:
        return self.has_change_permission(request, obj) and obj.year_has_ended()

    # Saving and publishing ------------------------------------------------

    def save_model(self, request, obj, form, change):
        if "fee_revenue" in form.changed_data:
            obj.record_fee_revenue_entry(request.user)
        super().save_model(request, obj, form, change)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["may_publish_report"] = self.may_publish(request, obj)
            context["report_is_published"] = obj.is_published
            context["publishable_from"] = obj.year + 1
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj):
        if "_publish" not in request.POST:
            return super().response_change(request, obj)
        self._publish(request, obj)
        return HttpResponseRedirect(request.path)

    def _publish(self, request, report) -> bool:
        try:
            result = publishing.publish(report, request.user)
        except (publishing.PublishError, PermissionDenied) as exc:
            self.message_user(
                request,
                gettext("“%(title)s” was not published: %(reason)s")
                % {"title": report.title, "reason": exc},
                messages.ERROR,
            )
            return False
        level = messages.SUCCESS if result.entry_published else messages.WARNING
        self.message_user(request, result.message, level)
        return True

    @admin.action(permissions=["change"], description=_("Publish the annual report"))
    def publish_selected(self, request, queryset):
        done = sum(self._publish(request, report) for report in queryset.select_related("agency"))
        if done > 1:
            self.message_user(
                request,
                ngettext(
                    "%(count)d annual report was published.",
                    "%(count)d annual reports were published.",
                    done,
                )
                % {"count": done},
                messages.SUCCESS,
            )

    # Opening a report -----------------------------------------------------

    def get_urls(self):
        opts = self.opts
        return [
            path(
                "open/",
                self.admin_site.admin_view(self.open_view),
                name=f"{opts.app_label}_{opts.model_name}_open",
            ),
            *super().get_urls(),
        ]

    def _openable_agencies(self, request):
        return permissions.agencies_for(request.user, permissions.ADMIN_ROLES).order_by(
            "level_rank", "sort_order", "name"
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        if self.may_open(request):
            agencies = list(self._openable_agencies(request))
            if agencies:
                extra_context["open_report"] = {
                    "url": reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_open"),
                    "year": timezone.localdate().year - 1,
                    "agencies": agencies,
                }
        return super().changelist_view(request, extra_context)

    def open_view(self, request):
        changelist = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        if request.method != "POST":
            return HttpResponseRedirect(changelist)
        if not self.may_open(request):
            raise PermissionDenied
        form = OpenReportForm(request.POST, agencies=self._openable_agencies(request))
        if not form.is_valid():
            errors = "; ".join(str(e) for field in form.errors.values() for e in field)
            self.message_user(request, errors, messages.ERROR)
            return HttpResponseRedirect(changelist)
        try:
            report = publishing.open_report(
                form.cleaned_data["agency"], form.cleaned_data["year"], request.user
            )
        except publishing.PublishError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return HttpResponseRedirect(changelist)
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[report.pk])
        )

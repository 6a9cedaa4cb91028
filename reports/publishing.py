"""Opening and publishing an annual report (Arts. 49-50).

The report is the job of the agency's disclosure office: its administrators
(``catalog.permissions.ADMIN_ROLES``) open the draft, write the narrative,
enter the fee figure and publish. Publishing

1. refuses while the year has not ended, and while table 三's rule does not
   hold (the message names the columns that break it);
2. freezes tables 二, 三 and 四 as the report's snapshot;
3. creates or updates the report's catalogue entry (topic 年度报告, genre 报告)
   through ``catalog.workflow``: drafted, sent to review, and published at once
   when the publisher is also a confidentiality reviewer of the agency;
   otherwise it waits in review and the result says so.

A published catalogue entry is never rewritten (its text is what the reviewer
approved): publishing the report again with changed content makes a new entry
that, once published, marks the earlier one 已修订 and names it as replaced
(47号: the amended item stays visible). Unchanged content changes nothing.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from catalog import permissions, workflow
from catalog.models import CatalogEntry, DepartmentRole, Genre, ReviewStatus, Topic, Validity
from catalog.sanitize import sanitize_html
from reports.models import AnnualReport, ReportStatus
from reports.tables import ReportTables

# The topic 年度报告 of the catalogue: found by this slug, else by name, else made.
TOPIC_SLUG = "annual-reports"
TOPIC_NAME = "年度报告"
# Recorded as the confidentiality opinion when the publisher also reviews.
REVIEW_OPINION = (
    "经保密审查，本年度报告不涉及国家秘密、工作秘密、商业秘密和个人隐私，同意主动公开。"
)


class PublishError(Exception):
    """The report cannot be published as it stands; the message says why."""


@dataclass(frozen=True)
class PublishResult:
    report: AnnualReport
    entry: CatalogEntry
    entry_published: bool  # False: the catalogue entry waits for a confidentiality reviewer
    replaces: CatalogEntry | None = None  # the earlier entry of the report, when replaced

    @property
    def message(self) -> str:
        values = {"title": self.report.title, "agency": self.report.agency}
        if self.entry_published:
            return _("The annual report “%(title)s” was published, with its catalogue entry.") % (
                values
            )
        if self.replaces is not None:
            return (
                _(
                    "The annual report “%(title)s” was published. Its updated catalogue entry "
                    "waits for a confidentiality reviewer of %(agency)s; when publishing it, "
                    "mark the earlier entry as amended."
                )
                % values
            )
        return (
            _(
                "The annual report “%(title)s” was published. Its catalogue entry waits for "
                "a confidentiality reviewer of %(agency)s to publish it."
            )
            % values
        )


def _require_administrator(user, agency) -> None:
    if not permissions.may_act_for(user, agency, permissions.ADMIN_ROLES):
        raise PermissionDenied(
            _("Only an administrator of %(agency)s may do this with its annual report.")
            % {"agency": agency}
        )


def open_report(agency, year: int, user, today=None) -> AnnualReport:
    """The report of ``agency`` for ``year``: the existing one, or a new draft."""
    _require_administrator(user, agency)
    today = today or timezone.localdate()
    if year > today.year:
        raise PublishError(
            _("The report of %(year)d cannot be opened before the year begins.") % {"year": year}
        )
    report, _created = AnnualReport.objects.get_or_create(agency=agency, year=year)
    return report


def publish(report, user, when=None) -> PublishResult:
    """Publish ``report`` (or publish it again, with the figures and text of now)."""
    _require_administrator(user, report.agency)
    when = when or timezone.now()
    today = timezone.localtime(when).date()
    with transaction.atomic():
        row = AnnualReport.objects.select_for_update().get(pk=report.pk)
        row.agency = report.agency
        if not row.year_has_ended(today):
            raise PublishError(
                _(
                    "The year %(year)d has not ended: its report can be published from "
                    "1 January %(next)d."
                )
                % {"year": row.year, "next": row.year + 1}
            )
        computed = row.live_tables()
        if not computed.check.holds:
            raise PublishError(
                _(
                    "Table 三 does not add up, so the report cannot be published: %(problems)s "
                    "Correct the requests' dates of receipt or closing, then publish again."
                )
                % {"problems": " ".join(computed.check.messages())}
            )
        row.status = ReportStatus.PUBLISHED
        row.published_tables = computed.to_json()
        row.published_at = row.published_at or when
        row.published_by = user
        row.save()
        entry, entry_published, replaces = _sync_catalog_entry(row, computed, user, when)
        row.catalog_entry = entry
        row.save(update_fields=["catalog_entry", "updated_at"])
    for name in ("status", "published_tables", "published_at", "published_by", "catalog_entry"):
        setattr(report, name, getattr(row, name))
    return PublishResult(report, entry, entry_published, replaces)


# The catalogue entry ------------------------------------------------------------


def annual_report_topic() -> Topic:
    topic = (
        Topic.objects.filter(slug=TOPIC_SLUG).first()
        or Topic.objects.filter(name=TOPIC_NAME).order_by("pk").first()
    )
    if topic is None:
        topic = Topic.objects.create(slug=TOPIC_SLUG, name=TOPIC_NAME)
    return topic


def entry_body(report, report_tables: ReportTables) -> str:
    """The report as the body of its catalogue entry: narrative and tables, in Chinese,
    rendered by the same template and layout as the public page."""
    from reports import exports

    with override("zh-hans"):
        return render_to_string(
            "reports/_report_body.html", exports.body_context(report_tables, report)
        )


def _entry_content(report, report_tables) -> dict:
    return {
        "title": report.title,
        "summary": (
            f"{report.agency.name}{report.year}年政府信息公开工作年度报告，"
            f"统计期限为{report.year}年1月1日至12月31日。"
        ),
        "body": entry_body(report, report_tables),
    }


def _same_content(entry, content: dict) -> bool:
    """Whether ``entry`` already says ``content`` (bodies are stored sanitised)."""
    return (
        entry.title == content["title"]
        and entry.summary == content["summary"]
        and entry.body == sanitize_html(content["body"])
    )


def _sync_catalog_entry(report, report_tables, user, when):
    """Create, update or replace the report's catalogue entry; publish it if the user
    reviews. Returns the entry, whether it is published, and the entry it replaces."""
    today = timezone.localtime(when).date()
    content = _entry_content(report, report_tables)
    entry = report.catalog_entry
    replaces = None
    if entry is not None and entry.status == ReviewStatus.PUBLISHED:
        if _same_content(entry, content):
            return entry, True, None
        replaces, entry = entry, None
    if entry is None or entry.status == ReviewStatus.WITHDRAWN:
        entry = CatalogEntry.objects.create(
            agency=report.agency,
            # The office leads disclosure work and answers for the annual report.
            department=report.agency.departments.filter(role=DepartmentRole.OFFICE).first(),
            topic=annual_report_topic(),
            genre=Genre.REPORT,
            date_made=today,
            created_by=user,
            status=ReviewStatus.DRAFT,
            **content,
        )
        workflow.record_created(entry, user)
    else:
        for name, value in content.items():
            setattr(entry, name, value)
        entry.date_made = today
        entry.save()
    if entry.status == ReviewStatus.DRAFT:
        workflow.submit_for_review(entry, user)
    if not permissions.may_review(user, report.agency):
        return entry, False, replaces
    workflow.publish(entry, user, opinion=REVIEW_OPINION, when=when)
    if replaces is not None:
        replaces.validity = Validity.AMENDED
        replaces.validity_changed_on = today
        replaces.replaced_by = entry
        replaces.save(
            update_fields=["validity", "validity_changed_on", "replaced_by", "updated_at"]
        )
    return entry, True, replaces

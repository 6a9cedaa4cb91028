"""The annual report (政府信息公开工作年度报告) of an agency for a year (Arts. 49-50).

The tables 二, 三 and 四 are not stored while the report is a draft: they are
computed from the records (``reports.tables``) whenever they are shown. What
staff write is stored: the narrative sections 一, 五 and 六, and the fee revenue
of table 二, which the records cannot know. Publishing (``reports.publishing``)
freezes the tables as a snapshot, ``published_tables``: the public page of a
published report shows the figures as published, even if a record changes later.

A combined summary of a parent agency and its subordinates is never a report of
its own: it is computed on the fly (``reports.tables.combined``).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Agency, CatalogEntry

# The Regulations first applied in 2008; the format of the tables is that of 2021.
FIRST_YEAR = 2008
LAST_YEAR = 2100

# The printed headings of the narrative sections (DOMAIN.md section 6), with the
# field that holds each one's text. Official wording: not translated.
NARRATIVE_SECTIONS = (
    ("overview", "一、总体情况"),
    ("problems", "五、存在的主要问题及改进情况"),
    ("other_matters", "六、其他需要报告的事项"),
)


def publication_deadline(year: int) -> datetime.date:
    """The last day to publish the report of ``year``: 31 January of the next year (Art. 49)."""
    return datetime.date(year + 1, 1, 31)


def report_title(agency, year: int) -> str:
    """The official title, e.g. 辽宁省市场监督管理局2025年政府信息公开工作年度报告."""
    return f"{agency.name}{year}年政府信息公开工作年度报告"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class AnnualReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ReportStatus.PUBLISHED)

    def drafts(self):
        return self.filter(status=ReportStatus.DRAFT)

    def for_year(self, year: int):
        return self.filter(year=year)

    def for_agencies(self, agencies):
        return self.filter(agency__in=agencies)

    def published_on_time(self):
        """Published reports first published by 31 January of the next year (Art. 49):
        in the report's year itself, or in January of the next (local dates)."""
        return self.published().filter(
            Q(published_at__year__lte=models.F("year"))
            | Q(published_at__year=models.F("year") + 1, published_at__month=1)
        )

    def with_list_data(self):
        return self.select_related("agency")


class AnnualReport(models.Model):
    """The annual report of one agency for one calendar year."""

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="annual_reports",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus, default=ReportStatus.DRAFT
    )

    # The narrative sections staff write (一, 五, 六).
    overview = models.TextField(
        _("I. Overview"),
        blank=True,
        default="",
        help_text=_("Section 一、总体情况. Plain text; an empty line starts a new paragraph."),
    )
    problems = models.TextField(
        _("V. Main problems and improvements"),
        blank=True,
        default="",
        help_text=_("Section 五、存在的主要问题及改进情况."),
    )
    other_matters = models.TextField(
        _("VI. Other matters to report"),
        blank=True,
        default="",
        help_text=_(
            "Section 六、其他需要报告的事项, including the processing fees collected "
            "for disclosure on request."
        ),
    )

    # The one figure of table 二 the records cannot know.
    fee_revenue = models.DecimalField(
        _("administrative fees collected (10,000 yuan)"),
        max_digits=10,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_(
            "Table 二, 第二十条第（八）项: 本年收费金额（单位：万元）. Leave empty if "
            "the agency collects no administrative fees; the cell stays blank."
        ),
    )
    fee_revenue_entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("fee figure entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    fee_revenue_entered_at = models.DateTimeField(_("fee figure entered at"), null=True, blank=True)

    published_at = models.DateTimeField(_("first published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_tables = models.JSONField(
        _("tables as published"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The figures of tables 二, 三 and 四 frozen at the last publication."),
    )
    catalog_entry = models.ForeignKey(
        CatalogEntry,
        verbose_name=_("catalogue entry"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="annual_reports",
    )

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["-year", "agency__level_rank", "agency__sort_order", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="annualreport_unique_year"),
            models.CheckConstraint(
                condition=~Q(status=ReportStatus.PUBLISHED)
                | Q(published_at__isnull=False, published_tables__isnull=False),
                name="annualreport_published_has_date_and_tables",
            ),
            models.CheckConstraint(
                condition=Q(fee_revenue__isnull=True) | Q(fee_revenue__gte=0),
                name="annualreport_fee_revenue_not_negative",
                violation_error_message=_("The fee revenue cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="annualreport_year_in_range",
            ),
        ]
        indexes = [
            models.Index(fields=["year", "status"], name="annualreport_year_status_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reports:detail", kwargs={"slug": self.agency.slug, "year": self.year})

    def clean(self):
        if self.fee_revenue is not None and self.fee_revenue < 0:
            raise ValidationError({"fee_revenue": _("The fee revenue cannot be negative.")})

    # What the report says -------------------------------------------------

    @property
    def title(self) -> str:
        return report_title(self.agency, self.year)

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED

    def narrative_sections(self) -> list[tuple[str, str]]:
        """(printed heading, text) of sections 一, 五 and 六, in order."""
        return [(heading, getattr(self, field)) for field, heading in NARRATIVE_SECTIONS]

    def tables(self):
        """Tables 二, 三 and 四 (``reports.tables.ReportTables``).

        A published report gives its snapshot, the figures as published; a draft
        computes them now from the records.
        """
        from reports import tables

        if self.is_published and self.published_tables:
            return tables.ReportTables.from_json(self.published_tables)
        return self.live_tables()

    def live_tables(self):
        """Tables 二, 三 and 四 computed now from the records, whatever the status."""
        from reports import tables

        return tables.compute([self.agency_id], self.year, fee_revenue=self.fee_revenue)

    # The fee figure -------------------------------------------------------

    def record_fee_revenue_entry(self, user, when=None) -> None:
        """Note who entered the fee figure now in ``fee_revenue``, and when."""
        self.fee_revenue_entered_by = user
        self.fee_revenue_entered_at = when or timezone.now()

    # Dates ----------------------------------------------------------------

    @property
    def deadline(self) -> datetime.date:
        return publication_deadline(self.year)

    def year_has_ended(self, today=None) -> bool:
        return (today or timezone.localdate()) > datetime.date(self.year, 12, 31)

    @property
    def published_on(self) -> datetime.date | None:
        return timezone.localtime(self.published_at).date() if self.published_at else None

    def published_on_time(self, today=None) -> bool | None:
        """True if first published by 31 January of the next year, False if that day
        passed without publication (or publication came later), None while still due."""
        if self.published_on is not None:
            return self.published_on <= self.deadline
        if (today or timezone.localdate()) > self.deadline:
            return False
        return None

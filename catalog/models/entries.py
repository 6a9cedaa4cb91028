"""Catalogue entries (政府信息目录条目), their attachments and index numbers."""

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models.agencies import Agency, Department
from catalog.models.review import Reviewable, ReviewableQuerySet, ReviewStatus
from catalog.models.topics import Topic
from catalog.sanitize import sanitize_html


class Genre(models.TextChoices):
    """体裁: the 15 kinds of official document, plus catalogue kinds (DOMAIN.md section 1)."""

    RESOLUTION = "resolution", _("Resolution (决议)")
    DECISION = "decision", _("Decision (决定)")
    ORDER = "order", _("Order (命令/令)")
    COMMUNIQUE = "communique", _("Communiqué (公报)")
    ANNOUNCEMENT = "announcement", _("Announcement (公告)")
    PUBLIC_NOTICE = "public_notice", _("Public notice (通告)")
    OPINION = "opinion", _("Opinion (意见)")
    NOTICE = "notice", _("Notice (通知)")
    BULLETIN = "bulletin", _("Bulletin (通报)")
    REPORT = "report", _("Report (报告)")
    REQUEST_FOR_INSTRUCTIONS = "request", _("Request for instructions (请示)")
    REPLY = "reply", _("Official reply (批复)")
    MOTION = "motion", _("Motion (议案)")
    LETTER = "letter", _("Letter (函)")
    MINUTES = "minutes", _("Minutes (纪要)")
    RULE = "rule", _("Departmental rule (规章)")
    NORMATIVE = "normative", _("Normative document (规范性文件)")
    MEASURES = "measures", _("Measures (办法)")
    PROVISIONS = "provisions", _("Provisions (规定)")
    RULES = "rules", _("Rules (规则)")
    WORK_SUMMARY = "work_summary", _("Work summary (工作总结)")
    OTHER = "other", _("Other (其他)")


class Validity(models.TextChoices):
    VALID = "valid", _("In force (有效)")
    EXPIRED = "expired", _("Expired (失效)")
    REPEALED = "repealed", _("Repealed (废止)")
    AMENDED = "amended", _("Amended (已修订)")


class DisclosureMode(models.TextChoices):
    PROACTIVE = "proactive", _("Proactive disclosure (主动公开)")
    ON_REQUEST = "on_request", _("Disclosure on request (依申请公开)")
    WITHHELD = "withheld", _("Not disclosed (不予公开)")


class Scope(models.TextChoices):
    PUBLIC = "public", _("The public (面向社会)")
    INTERNAL = "internal", _("Internal (局务公开)")


class Timeliness(models.TextChoices):
    STANDING = "standing", _("Standing (长期公开)")
    PROMPT = "prompt", _("Prompt (及时公开)")
    TIME_LIMITED = "limited", _("Time-limited (限时公开)")


class ClearanceArea(models.TextChoices):
    """The four clearances (四清理四公开); each aspect code starts with its area's code."""

    POWERS = "powers", _("Department powers (部门职权)")
    ENFORCEMENT = "enforcement", _("Enforcement items (执法事项)")
    APPROVAL = "approval", _("Administrative approvals (行政审批事项)")
    FEES = "fees", _("Fee items and standards (收费项目和标准)")

    @property
    def aspects(self) -> list["ClearanceAspect"]:
        return [a for a in ClearanceAspect if a.value.split(".")[0] == self.value]


class ClearanceAspect(models.TextChoices):
    """The four clearances (四清理四公开) and what each one discloses (DOMAIN.md section 2)."""

    POWERS_STAFFING = "powers.staffing", _("Department powers: staffing (人员编制)")
    POWERS_STRUCTURE = "powers.structure", _("Department powers: structure (机构设置)")
    POWERS_DUTIES = "powers.duties", _("Department powers: division of duties (职责分工)")
    POWERS_WORKFLOW = "powers.workflow", _("Department powers: workflows (工作流程)")
    ENFORCEMENT_BASIS = "enforcement.basis", _("Enforcement: basis (执法依据)")
    ENFORCEMENT_PROCESS = "enforcement.process", _("Enforcement: process (执法过程)")
    ENFORCEMENT_RESULT = "enforcement.result", _("Enforcement: results (执法结果)")
    ENFORCEMENT_REMEDY = "enforcement.remedy", _("Enforcement: remedy channels (救济渠道)")
    APPROVAL_BASIS = "approval.basis", _("Approvals: legal basis (设定依据)")
    APPROVAL_PROCESS = "approval.process", _("Approvals: process (实施过程)")
    APPROVAL_RESULT = "approval.result", _("Approvals: results (办理结果)")
    FEES = "fees.standards", _("Fees: items and standards (收费项目和标准)")


class CatalogEntryQuerySet(ReviewableQuerySet):
    def listed(self):
        """Published entries meant for the public catalogue."""
        return self.published().filter(scope=Scope.PUBLIC)

    def readable_by(self, user):
        """Entries whose scope lets this user read them, whatever their status:
        public ones, plus internal ones of the agencies the user works for."""
        from catalog.permissions import agencies_for

        if user.is_authenticated and user.is_staff:
            if user.is_superuser:
                return self
            return self.filter(Q(scope=Scope.PUBLIC) | Q(agency__in=agencies_for(user)))
        return self.filter(scope=Scope.PUBLIC)

    def visible_to(self, user):
        """Published entries this user may read."""
        return self.published().readable_by(user)

    def in_clearance_area(self, area):
        return self.filter(clearance_aspect__startswith=f"{area}.")

    def for_agency_tree(self, agency):
        return self.filter(agency__in=Agency.objects.subtree(agency))

    # What a list of entries shows (the catalogue table, the latest entries): the
    # bodies and summaries, and the agency's long texts, stay in the database.
    LIST_FIELDS = (
        "index_number",
        "title",
        "document_number",
        "date_made",
        "published_at",
        "validity",
        "disclosure_mode",
        "scope",
        "status",
        "agency__name",
        "agency__short_name",
        "agency__slug",
        "topic__name",
        "topic__slug",
    )

    def with_list_data(self):
        return self.select_related("agency", "topic").only(*self.LIST_FIELDS)


class CatalogEntry(Reviewable):
    """An item of the government information catalogue (Art. 12)."""

    index_number = models.CharField(
        _("index number"),
        max_length=40,
        blank=True,
        default="",
        editable=False,
        help_text=_("Given on first publication; permanent and never reused."),
    )
    title = models.CharField(_("title"), max_length=300)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("publishing agency"),
        on_delete=models.PROTECT,
        related_name="entries",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("responsible department"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="entries",
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="entries"
    )
    genre = models.CharField(_("genre"), max_length=20, choices=Genre, default=Genre.OTHER)
    document_number = models.CharField(_("document number"), max_length=100, blank=True, default="")
    keywords = models.CharField(_("keywords"), max_length=200, blank=True, default="")
    summary = models.TextField(_("summary"), blank=True, default="")
    body = models.TextField(
        _("body"), blank=True, default="", help_text=_("HTML; scripts and styles are removed.")
    )
    date_made = models.DateField(_("date made"))

    validity = models.CharField(
        _("validity"), max_length=10, choices=Validity, default=Validity.VALID
    )
    effective_from = models.DateField(_("in force from"), null=True, blank=True)
    validity_changed_on = models.DateField(
        _("expired / repealed / amended on"), null=True, blank=True
    )
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
    )

    disclosure_mode = models.CharField(
        _("disclosure mode"),
        max_length=12,
        choices=DisclosureMode,
        default=DisclosureMode.PROACTIVE,
    )
    withheld_ground = models.TextField(_("legal ground for not disclosing"), blank=True, default="")
    scope = models.CharField(_("scope"), max_length=10, choices=Scope, default=Scope.PUBLIC)
    timeliness = models.CharField(
        _("time limit"), max_length=10, choices=Timeliness, default=Timeliness.STANDING
    )
    clearance_aspect = models.CharField(
        _("four-clearance aspect"), max_length=24, choices=ClearanceAspect, blank=True, default=""
    )

    objects = CatalogEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("catalogue entry")
        verbose_name_plural = _("catalogue entries")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["index_number"],
                condition=~Q(index_number=""),
                name="entry_unique_index_number",
            ),
            models.CheckConstraint(
                condition=~Q(status=ReviewStatus.PUBLISHED) | ~Q(index_number=""),
                name="entry_published_has_index_number",
            ),
            # The catalogue shows every entry's publication date, and the summaries
            # count public entries by it (catalog.summaries).
            models.CheckConstraint(
                condition=~Q(status=ReviewStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="entry_published_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(disclosure_mode=DisclosureMode.WITHHELD) | ~Q(withheld_ground=""),
                name="entry_withheld_has_ground",
                violation_error_message=_("Give the legal ground for not disclosing."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "scope", "-published_at"], name="entry_listing_idx"),
            models.Index(fields=["agency", "status"], name="entry_agency_status_idx"),
            models.Index(fields=["date_made"], name="entry_date_made_idx"),
            # An agency's column (topic), newest first: faceted lists and the
            # triggers that find a column's latest entry (catalog.summaries).
            models.Index(fields=["agency", "topic", "-published_at"], name="entry_column_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("catalog:entry_detail", kwargs={"index_number": self.index_number})

    def clean(self):
        errors = {}
        if self.disclosure_mode == DisclosureMode.WITHHELD and not self.withheld_ground.strip():
            errors["withheld_ground"] = _("Give the legal ground for not disclosing.")
        if self.validity != Validity.VALID and not self.validity_changed_on:
            errors["validity_changed_on"] = _(
                "Give the date on which the entry expired, was repealed or amended."
            )
        if self.replaced_by_id and self.replaced_by_id == self.pk:
            errors["replaced_by"] = _("An entry cannot replace itself.")
        if self.department_id and self.agency_id and self.department.agency_id != self.agency_id:
            errors["department"] = _("This department belongs to another agency.")
        if errors:
            raise ValidationError(errors)

    def on_first_publish(self, when) -> None:
        if not self.index_number:
            year = when.astimezone(timezone.get_default_timezone()).year
            self.index_number = IndexCounter.allocate(self.agency, year)

    @property
    def is_current(self) -> bool:
        return self.validity == Validity.VALID

    @property
    def shows_content(self) -> bool:
        """Only proactively disclosed entries show their text and files."""
        return self.disclosure_mode == DisclosureMode.PROACTIVE

    @property
    def keyword_list(self) -> list[str]:
        return [k for k in self.keywords.replace("，", ",").replace(" ", ",").split(",") if k]


class IndexCounter(models.Model):
    """The last index-number sequence given out per agency and year.

    Allocation locks the counter row, so two reviewers publishing at the same
    moment get consecutive numbers and never the same one.
    """

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_sequence = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("index-number counter")
        verbose_name_plural = _("index-number counters")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="indexcounter_unique_year"),
        ]

    def __str__(self):
        return f"{self.agency_id}/{self.year}: {self.last_sequence}"

    FORMAT = "{code}/{year:04d}-{sequence:05d}"
    PATTERN = r"[0-9A-Z]{9,18}/\d{4}-\d{5}"

    @classmethod
    def allocate(cls, agency, year: int) -> str:
        with transaction.atomic():
            cls.objects.get_or_create(agency=agency, year=year)
            counter = cls.objects.select_for_update().get(agency=agency, year=year)
            counter.last_sequence = models.F("last_sequence") + 1
            counter.save(update_fields=["last_sequence"])
            counter.refresh_from_db(fields=["last_sequence"])
        return cls.FORMAT.format(code=agency.credit_code, year=year, sequence=counter.last_sequence)


def attachment_path(instance, filename):
    return f"attachments/{instance.entry.agency.slug}/{filename}"


class EntryAttachment(models.Model):
    """A file that belongs to an entry. Served only through a view that checks visibility."""

    ALLOWED_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ofd", "txt", "zip", "jpg", "png"]

    entry = models.ForeignKey(
        CatalogEntry,
        verbose_name=_("entry"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to=attachment_path,
        validators=[FileExtensionValidator(ALLOWED_EXTENSIONS)],
    )
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file:
            self.size = self.file.size
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "catalog:attachment_download",
            kwargs={"index_number": self.entry.index_number, "pk": self.pk},
        )

    @property
    def extension(self) -> str:
        return self.file.name.rsplit(".", 1)[-1].lower() if "." in self.file.name else ""

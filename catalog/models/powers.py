"""Department powers and the power catalogue (四清理四公开, DOMAIN.md section 2).

Department powers: the authorised staffing of an agency by category
(``StaffingQuota``) and its workflows as ordered steps (``Workflow``); the
functions, structure and division of duties live on ``Agency`` and
``Department``.

The power catalogue (权责清单): one ``PowerItem`` per administrative power the
agency exercises, with its process as ordered ``PowerItemStep`` rows and its
responsibility steps as ``PowerResponsibility`` rows. Power items go through
the same review workflow as catalogue entries (``Reviewable``).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from catalog.models.agencies import Agency, Department
from catalog.models.entries import CatalogEntry, ClearanceArea
from catalog.models.review import Reviewable, ReviewableQuerySet

# Department powers -----------------------------------------------------------


class StaffingCategory(models.TextChoices):
    """Categories of authorised staffing (编制类别)."""

    ADMINISTRATIVE = "administrative", _("Administrative staffing (行政编制)")
    POLITICAL_LEGAL = "political_legal", _("Special political-legal staffing (政法专项编制)")
    PUBLIC_INSTITUTION = "public_institution", _("Public-institution staffing (事业编制)")
    SUPPORT = "support", _("Logistics staff (工勤编制)")
    LEADERSHIP = "leadership", _("Leadership posts (领导职数)")
    OTHER = "other", _("Other (其他)")


class StaffingQuota(models.Model):
    """How many posts of one category an agency is authorised to have (人员编制)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="staffing_quotas"
    )
    category = models.CharField(_("category"), max_length=20, choices=StaffingCategory)
    authorised = models.PositiveIntegerField(_("authorised posts"))
    filled = models.PositiveIntegerField(_("posts filled"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True, default="")

    class Meta:
        verbose_name = _("staffing quota")
        verbose_name_plural = _("staffing quotas")
        ordering = ["agency", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "category"], name="staffingquota_unique_category"
            ),
        ]

    def __str__(self):
        return f"{self.get_category_display()}: {self.authorised}"


class Workflow(models.Model):
    """A workflow of the agency (工作流程), published as ordered steps."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="workflows"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("responsible department"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workflows",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, default="")
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("workflow")
        verbose_name_plural = _("workflows")
        ordering = ["agency", "sort_order", "title"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "title"], name="workflow_unique_title"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.department_id and self.agency_id and self.department.agency_id != self.agency_id:
            raise ValidationError({"department": _("This department belongs to another agency.")})


class Step(models.Model):
    """One step of a process, in order. Shown as a numbered list, never as an image."""

    order = models.PositiveSmallIntegerField(_("step"))
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("what happens"), blank=True, default="")
    responsible = models.CharField(_("who does it"), max_length=100, blank=True, default="")
    time_limit = models.CharField(_("time limit"), max_length=100, blank=True, default="")

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.order}. {self.name}"


class WorkflowStep(Step):
    workflow = models.ForeignKey(
        Workflow, verbose_name=_("workflow"), on_delete=models.CASCADE, related_name="steps"
    )

    class Meta(Step.Meta):
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")
        constraints = [
            models.UniqueConstraint(fields=["workflow", "order"], name="workflowstep_unique_order"),
        ]


# The power catalogue ---------------------------------------------------------


class PowerKind(models.TextChoices):
    """The ten kinds of administrative power (行政职权类别)."""

    LICENSING = "licensing", _("Administrative licensing (行政许可)")
    PENALTY = "penalty", _("Administrative penalty (行政处罚)")
    COERCION = "coercion", _("Administrative coercion (行政强制)")
    LEVY = "levy", _("Administrative levy (行政征收)")
    BENEFIT = "benefit", _("Administrative benefit (行政给付)")
    INSPECTION = "inspection", _("Administrative inspection (行政检查)")
    CONFIRMATION = "confirmation", _("Administrative confirmation (行政确认)")
    REWARD = "reward", _("Administrative reward (行政奖励)")
    ADJUDICATION = "adjudication", _("Administrative adjudication (行政裁决)")
    OTHER = "other", _("Other administrative power (其他行政权力)")


# Which kinds each clearance discloses (DOMAIN.md section 2). The kinds in
# neither list appear in the full power catalogue only.
ENFORCEMENT_KINDS = (PowerKind.PENALTY, PowerKind.COERCION, PowerKind.INSPECTION)
APPROVAL_KINDS = (PowerKind.LICENSING,)
KINDS_BY_AREA = {
    ClearanceArea.ENFORCEMENT: ENFORCEMENT_KINDS,
    ClearanceArea.APPROVAL: APPROVAL_KINDS,
}


class PowerStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force (实施中)")
    ABOLISHED = "abolished", _("Abolished (已取消)")


class PowerItemQuerySet(ReviewableQuerySet):
    def in_force(self):
        return self.filter(power_status=PowerStatus.IN_FORCE)

    def abolished(self):
        return self.filter(power_status=PowerStatus.ABOLISHED)

    def listed(self):
        """Published items in force: the current public power catalogue."""
        return self.published().in_force()

    def enforcement(self):
        return self.filter(kind__in=ENFORCEMENT_KINDS)

    def approvals(self):
        return self.filter(kind__in=APPROVAL_KINDS)

    def in_area(self, area):
        kinds = KINDS_BY_AREA.get(area)
        return self.filter(kind__in=kinds) if kinds else self.none()

    def for_agency_tree(self, agency):
        return self.filter(agency__in=Agency.objects.subtree(agency))

    def with_list_data(self):
        return self.select_related("agency", "department")


class PowerItem(Reviewable):
    """An administrative power (行政职权事项) of the power catalogue (权责清单)."""

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("implementing agency"),
        on_delete=models.PROTECT,
        related_name="power_items",
    )
    code = models.CharField(
        _("power code"),
        max_length=40,
        help_text=_("The code of the power catalogue (职权编码), unique within the agency."),
    )
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=16, choices=PowerKind)
    sub_item = models.CharField(
        _("sub-item"),
        max_length=300,
        blank=True,
        default="",
        help_text=_("The sub-item (子项) where the catalogue splits an item."),
    )
    legal_basis = models.TextField(
        _("legal basis"),
        help_text=_("The laws and regulations with their articles (设定依据), one per line."),
    )
    basis_entries = models.ManyToManyField(
        CatalogEntry,
        verbose_name=_("catalogue entries of the legal basis"),
        blank=True,
        related_name="power_items",
        help_text=_("Published rules and normative documents this power rests on."),
    )
    implementing_body = models.CharField(
        _("implementing body"),
        max_length=200,
        blank=True,
        default="",
        help_text=_("Where it differs from the agency, e.g. an entrusted institution."),
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("handling department"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="power_items",
    )
    conditions = models.TextField(_("conditions"), blank=True, default="")
    materials = models.TextField(
        _("application materials"), blank=True, default="", help_text=_("One per line.")
    )
    statutory_days = models.PositiveSmallIntegerField(
        _("statutory time limit (working days)"), null=True, blank=True
    )
    promised_days = models.PositiveSmallIntegerField(
        _("promised time limit (working days)"), null=True, blank=True
    )
    fee_item = models.ForeignKey(
        "catalog.FeeItem",
        verbose_name=_("fee"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="power_items",
        help_text=_("Leave empty when the power is exercised free of charge."),
    )
    accountability = models.TextField(
        _("accountability cases"), blank=True, default="", help_text=_("追责情形, one per line.")
    )
    supervision = models.CharField(
        _("supervision channel"),
        max_length=300,
        blank=True,
        default="",
        help_text=_("Where to complain: the supervising office and its phone."),
    )
    reconsideration_body = models.CharField(
        _("reconsideration body"), max_length=200, blank=True, default=""
    )
    litigation_court = models.CharField(_("court"), max_length=200, blank=True, default="")
    power_status = models.CharField(
        _("status of the power"),
        max_length=10,
        choices=PowerStatus,
        default=PowerStatus.IN_FORCE,
    )
    in_force_from = models.DateField(_("in force from"), null=True, blank=True)
    abolished_on = models.DateField(_("abolished on"), null=True, blank=True)
    abolition_basis = models.CharField(
        _("basis of abolition"), max_length=300, blank=True, default=""
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    objects = PowerItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("power item")
        verbose_name_plural = _("power items")
        ordering = ["agency__level_rank", "agency__sort_order", "sort_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="poweritem_unique_code"),
            models.CheckConstraint(
                condition=Q(power_status=PowerStatus.IN_FORCE) | Q(abolished_on__isnull=False),
                name="poweritem_abolished_has_date",
                violation_error_message=_("Give the date on which the power was abolished."),
            ),
            models.CheckConstraint(
                condition=Q(promised_days__isnull=True)
                | Q(statutory_days__isnull=True)
                | Q(promised_days__lte=models.F("statutory_days")),
                name="poweritem_promise_within_statute",
                violation_error_message=_(
                    "The promised time limit cannot be longer than the statutory one."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "power_status", "kind"], name="poweritem_listing_idx"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return reverse("catalog:power_item_detail", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        if self.power_status == PowerStatus.ABOLISHED and not self.abolished_on:
            errors["abolished_on"] = _("Give the date on which the power was abolished.")
        if (
            self.promised_days is not None
            and self.statutory_days is not None
            and self.promised_days > self.statutory_days
        ):
            errors["promised_days"] = _(
                "The promised time limit cannot be longer than the statutory one."
            )
        if self.department_id and self.agency_id and self.department.agency_id != self.agency_id:
            errors["department"] = _("This department belongs to another agency.")
        if self.fee_item_id and self.agency_id and self.fee_item.agency_id != self.agency_id:
            errors["fee_item"] = _("This fee item belongs to another agency.")
        if errors:
            raise ValidationError(errors)

    @property
    def area(self):
        for area, kinds in KINDS_BY_AREA.items():
            if self.kind in kinds:
                return area
        return None

    @property
    def is_in_force(self) -> bool:
        return self.power_status == PowerStatus.IN_FORCE

    @property
    def takes_decisions(self) -> bool:
        """Whether this kind of power has results published as decisions."""
        from catalog.models.decisions import DECISION_KIND_FOR_POWER

        return self.kind in DECISION_KIND_FOR_POWER

    @property
    def basis_lines(self) -> list[str]:
        return _lines(self.legal_basis)

    @property
    def material_lines(self) -> list[str]:
        return _lines(self.materials)

    @property
    def accountability_lines(self) -> list[str]:
        return _lines(self.accountability)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class PowerItemStep(Step):
    """A step of the process (办理流程) of a power item."""

    power_item = models.ForeignKey(
        PowerItem, verbose_name=_("power item"), on_delete=models.CASCADE, related_name="steps"
    )

    class Meta(Step.Meta):
        verbose_name = _("process step")
        verbose_name_plural = _("process steps")
        constraints = [
            models.UniqueConstraint(
                fields=["power_item", "order"], name="poweritemstep_unique_order"
            ),
        ]


class PowerResponsibility(models.Model):
    """A responsibility step (责任事项) of a power item: the stage and the duty in it."""

    power_item = models.ForeignKey(
        PowerItem,
        verbose_name=_("power item"),
        on_delete=models.CASCADE,
        related_name="responsibilities",
    )
    order = models.PositiveSmallIntegerField(_("step"))
    stage = models.CharField(
        _("stage"), max_length=60, help_text=_("e.g. 立案, 调查取证, 审理, 告知, 决定, 送达, 执行")
    )
    duty = models.TextField(_("duty"))

    class Meta:
        verbose_name = _("responsibility step")
        verbose_name_plural = _("responsibility steps")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["power_item", "order"], name="powerresponsibility_unique_order"
            ),
        ]

    def __str__(self):
        return f"{self.order}. {self.stage}"

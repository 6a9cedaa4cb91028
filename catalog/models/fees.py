"""Fee items and standards (收费项目和标准), the fourth clearance."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from catalog.models.agencies import Agency
from catalog.models.review import Reviewable, ReviewableQuerySet


class FeeStatus(models.TextChoices):
    COLLECTED = "collected", _("Collected (征收)")
    SUSPENDED = "suspended", _("Suspended (暂停征收)")
    ABOLISHED = "abolished", _("Abolished (取消)")


class FeeItemQuerySet(ReviewableQuerySet):
    def current(self):
        """Fees that still exist: collected or suspended, not abolished."""
        return self.exclude(fee_status=FeeStatus.ABOLISHED)

    def abolished(self):
        return self.filter(fee_status=FeeStatus.ABOLISHED)

    def listed(self):
        return self.published().current()

    def for_agency_tree(self, agency):
        return self.filter(agency__in=Agency.objects.subtree(agency))

    def with_list_data(self):
        return self.select_related("agency")


class FeeItem(Reviewable):
    """A lawful administrative fee an agency collects (行政事业性收费)."""

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("collecting agency"),
        on_delete=models.PROTECT,
        related_name="fee_items",
    )
    code = models.CharField(_("fee code"), max_length=40, help_text=_("Unique within the agency."))
    name = models.CharField(_("name"), max_length=200)
    legal_basis = models.TextField(_("legal basis"), help_text=_("One per line."))
    approving_document = models.CharField(
        _("approving document"),
        max_length=300,
        help_text=_("The pricing and finance departments' document that set the standard."),
    )
    amount = models.DecimalField(
        _("standard amount (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    amount_min = models.DecimalField(
        _("lowest amount (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    amount_max = models.DecimalField(
        _("highest amount (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(
        _("per"), max_length=40, blank=True, default="", help_text=_("e.g. 件, 台次")
    )
    standard = models.TextField(
        _("standard as written"),
        blank=True,
        default="",
        help_text=_("The standard in words, where amounts alone do not say it."),
    )
    payer = models.CharField(_("who pays"), max_length=200)
    fee_status = models.CharField(
        _("status of the fee"), max_length=10, choices=FeeStatus, default=FeeStatus.COLLECTED
    )
    collected_from = models.DateField(_("collected from"), null=True, blank=True)
    suspended_on = models.DateField(_("suspended on"), null=True, blank=True)
    abolished_on = models.DateField(_("abolished on"), null=True, blank=True)
    status_basis = models.CharField(
        _("basis of suspension or abolition"), max_length=300, blank=True, default=""
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    objects = FeeItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("fee item")
        verbose_name_plural = _("fee items")
        ordering = ["agency__level_rank", "agency__sort_order", "sort_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="feeitem_unique_code"),
            models.CheckConstraint(
                condition=~Q(fee_status=FeeStatus.SUSPENDED) | Q(suspended_on__isnull=False),
                name="feeitem_suspended_has_date",
                violation_error_message=_("Give the date from which the fee is suspended."),
            ),
            models.CheckConstraint(
                condition=~Q(fee_status=FeeStatus.ABOLISHED) | Q(abolished_on__isnull=False),
                name="feeitem_abolished_has_date",
                violation_error_message=_("Give the date on which the fee was abolished."),
            ),
            models.CheckConstraint(
                condition=Q(amount_min__isnull=True)
                | Q(amount_max__isnull=True)
                | Q(amount_min__lte=models.F("amount_max")),
                name="feeitem_range_in_order",
                violation_error_message=_("The lowest amount must not exceed the highest."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalog:fee_item_detail", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        if self.fee_status == FeeStatus.SUSPENDED and not self.suspended_on:
            errors["suspended_on"] = _("Give the date from which the fee is suspended.")
        if self.fee_status == FeeStatus.ABOLISHED and not self.abolished_on:
            errors["abolished_on"] = _("Give the date on which the fee was abolished.")
        if (
            self.amount_min is not None
            and self.amount_max is not None
            and self.amount_min > self.amount_max
        ):
            errors["amount_max"] = _("The lowest amount must not exceed the highest.")
        if self.amount is None and self.amount_min is None and not self.standard.strip():
            errors["amount"] = _("Give the amount, a range, or the standard in words.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_collected(self) -> bool:
        return self.fee_status == FeeStatus.COLLECTED

    @property
    def basis_lines(self) -> list[str]:
        return [line.strip() for line in self.legal_basis.splitlines() if line.strip()]

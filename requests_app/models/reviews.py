"""Reconsideration and litigation arising from a request (the annual report's table 四)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from requests_app.models.enums import ReviewKind, ReviewResult
from requests_app.models.requests import InformationRequest


class ReviewCaseQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(result=ReviewResult.PENDING)


class ReviewCase(models.Model):
    """An administrative reconsideration (行政复议) or lawsuit (行政诉讼) about a request."""

    request = models.ForeignKey(
        InformationRequest,
        verbose_name=_("request"),
        on_delete=models.PROTECT,
        related_name="review_cases",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ReviewKind)
    filed_on = models.DateField(_("filed on"))
    body = models.CharField(
        _("reconsideration body or court"), max_length=200, blank=True, default=""
    )
    case_number = models.CharField(_("case number"), max_length=100, blank=True, default="")
    result = models.CharField(
        _("result"), max_length=10, choices=ReviewResult, default=ReviewResult.PENDING
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True, default="")

    objects = ReviewCaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("reconsideration or litigation case")
        verbose_name_plural = _("reconsideration and litigation cases")
        ordering = ["-filed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(result=ReviewResult.PENDING, decided_on__isnull=True)
                | (~Q(result=ReviewResult.PENDING) & Q(decided_on__isnull=False)),
                name="reviewcase_decided_iff_result",
                violation_error_message=_(
                    "A concluded case needs its decision date; a pending one has none."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.case_number}".strip()

    def clean(self):
        if self.decided_on and self.filed_on and self.decided_on < self.filed_on:
            raise ValidationError({"decided_on": _("A case cannot be decided before it is filed.")})

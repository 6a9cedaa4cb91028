"""The publication workflow shared by everything staff publish.

Catalogue entries now, and the four-clearance items later, move through
draft -> in review -> published -> withdrawn. The state, who reviewed and what
the confidentiality opinion said live on the record (``Reviewable``); every
change is also written as a ``ReviewEvent`` row. The transitions themselves
are functions in ``catalog.workflow``.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ReviewableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ReviewStatus.PUBLISHED)

    def withdrawn(self):
        return self.filter(status=ReviewStatus.WITHDRAWN)


class Reviewable(models.Model):
    """Abstract base: a record that is published only after confidentiality review.

    Concrete models must have an ``agency`` foreign key: the review right is
    per agency.
    """

    status = models.CharField(
        _("status"), max_length=12, choices=ReviewStatus, default=ReviewStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("sent to review at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    confidentiality_opinion = models.TextField(
        _("confidentiality review opinion"), blank=True, default=""
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True

    def on_first_publish(self, when) -> None:
        """Hook for work done the first time a record is published (e.g. numbering)."""

    @property
    def is_published(self) -> bool:
        return self.status == ReviewStatus.PUBLISHED


class ReviewAction(models.TextChoices):
    CREATED = "created", _("Drafted")
    SUBMITTED = "submitted", _("Sent to review")
    SENT_BACK = "sent_back", _("Sent back to the editor")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ReviewEvent(models.Model):
    """One change in the publication workflow of any reviewable record. Append-only."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("action"), max_length=12, choices=ReviewAction)
    from_status = models.CharField(_("from"), max_length=12, choices=ReviewStatus, blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=ReviewStatus)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True, default="")
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review event")
        verbose_name_plural = _("review events")
        ordering = ["at", "pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="reviewevent_subject_idx"),
        ]

    def __str__(self):
        return f"{self.get_action_display()} · {self.at:%Y-%m-%d %H:%M}"

"""The search index: one row per published thing a visitor can find (ADR 0012).

Rows are written by ``catalog.search.index`` in the transaction of the write
that changed their source (publish, edit, withdraw), never by hand. The
full-text part lives beside the table and is kept by database triggers
(``catalog.search.schema``): on PostgreSQL two ``tsvector`` columns with GIN
indexes, on SQLite an FTS5 table over the three ``*_terms`` columns.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from catalog.models.agencies import Agency
from catalog.models.topics import Topic


class DocumentKind(models.TextChoices):
    ENTRY = "entry", _("Catalogue entries")
    POWER = "power", _("Power items")
    FEE = "fee", _("Fee items")
    DECISION = "decision", _("Published decisions")
    GUIDE = "guide", _("Disclosure guides")
    REPORT = "report", _("Annual reports")


class SearchDocumentQuerySet(models.QuerySet):
    def visible_on(self, today):
        """Rows still inside their publication period on ``today``."""
        return self.filter(Q(visible_until__isnull=True) | Q(visible_until__gt=today))

    def readable_by(self, user):
        """Public rows, plus the internal ones of the agencies a staff user works for."""
        from catalog.permissions import agencies_for

        if user.is_authenticated and user.is_staff:
            if user.is_superuser:
                return self
            return self.filter(Q(internal=False) | Q(agency__in=agencies_for(user)))
        return self.filter(internal=False)


class SearchDocument(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=DocumentKind)
    object_id = models.PositiveBigIntegerField(_("object id"))
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="+"
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    internal = models.BooleanField(_("internal (局务公开)"), default=False)
    current = models.BooleanField(
        _("still valid"), default=True, help_text=_("In force, valid or collected.")
    )
    state = models.CharField(_("state"), max_length=30, blank=True, default="")
    date = models.DateField(_("date"))
    visible_until = models.DateField(
        _("visible until"),
        null=True,
        blank=True,
        help_text=_("The first day it is no longer shown (end of a publication period)."),
    )
    url = models.CharField(_("address"), max_length=300)
    title = models.CharField(_("title"), max_length=400)
    number = models.CharField(_("number"), max_length=300, blank=True, default="")
    reference = models.CharField(_("index number"), max_length=100, blank=True, default="")
    text = models.TextField(_("text"), blank=True, default="")
    title_terms = models.TextField(blank=True, default="")
    number_terms = models.TextField(blank=True, default="")
    body_terms = models.TextField(blank=True, default="")

    objects = SearchDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="searchdocument_unique"),
        ]
        indexes = [
            models.Index(fields=["-date", "-id"], name="searchdocument_date_idx"),
            models.Index(fields=["agency", "-date"], name="searchdocument_agency_idx"),
        ]

    def __str__(self):
        return self.title

"""Counts of published catalogue entries, kept current by the database itself.

The catalogue's totals and facet counts, the scoreboard's publication windows
and the age of each column would otherwise each be a GROUP BY over every
published entry on every view. These tables hold the same figures, changed by
triggers on ``catalog_catalogentry`` (``catalog.summary_triggers``) in the
transaction of every insert, update or delete, whatever made it: the workflow,
the admin, the demo loader, a bulk COPY or a hand-written UPDATE
(``catalog.summaries`` and ADR 0010).

Nobody writes these tables but the triggers and ``catalog.summaries.rebuild``.
"""

from django.db import models

from catalog.models.agencies import Agency
from catalog.models.entries import ClearanceAspect, DisclosureMode, Genre, Scope, Validity
from catalog.models.topics import Topic

# The facets EntryCount counts by, as field names (catalog.summaries reads them).
FACET_FIELDS = (
    "agency",
    "topic",
    "scope",
    "genre",
    "year_made",
    "validity",
    "disclosure_mode",
    "clearance_aspect",
)


class EntryCount(models.Model):
    """How many published entries share one combination of the catalogue's facets."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=10, choices=Scope)
    genre = models.CharField(max_length=20, choices=Genre)
    year_made = models.PositiveSmallIntegerField()
    validity = models.CharField(max_length=10, choices=Validity)
    disclosure_mode = models.CharField(max_length=12, choices=DisclosureMode)
    clearance_aspect = models.CharField(max_length=24, choices=ClearanceAspect, blank=True)
    n = models.IntegerField(default=0)

    class Meta:
        verbose_name = "entry count"
        verbose_name_plural = "entry counts"
        constraints = [
            models.UniqueConstraint(fields=FACET_FIELDS, name="entrycount_unique_facets"),
        ]
        indexes = [models.Index(fields=["topic", "agency"], name="entrycount_topic_idx")]

    def __str__(self):
        return f"{self.agency_id}/{self.topic_id}/{self.year_made}: {self.n}"


class PublicationDay(models.Model):
    """How many public entries an agency published on one day (in ``TIME_ZONE``)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    n = models.IntegerField(default=0)

    class Meta:
        verbose_name = "publication day"
        verbose_name_plural = "publication days"
        constraints = [
            models.UniqueConstraint(fields=["agency", "day"], name="publicationday_unique"),
        ]
        indexes = [models.Index(fields=["day"], name="publicationday_day_idx")]

    def __str__(self):
        return f"{self.agency_id} {self.day}: {self.n}"


class ColumnLatest(models.Model):
    """A column (an agency's topic): its public published entries and the latest one's time."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="+")
    n = models.IntegerField(default=0)
    last_published_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = "column latest entry"
        verbose_name_plural = "column latest entries"
        constraints = [
            models.UniqueConstraint(fields=["agency", "topic"], name="columnlatest_unique"),
        ]

    def __str__(self):
        return f"{self.agency_id}/{self.topic_id}: {self.n}"


class SummaryClock(models.Model):
    """The time zone in which the triggers date a publication, and which triggers are
    installed (one row).

    Kept equal to ``settings.TIME_ZONE`` and ``catalog.summary_triggers`` after every
    migrate (``catalog.summaries.sync``), so no migration depends on a setting and no
    table rebuilt by a migration loses its triggers. SQLite has no time zone
    database: it uses the zone's fixed UTC offset.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    time_zone = models.CharField(max_length=64)
    utc_offset_minutes = models.IntegerField()
    triggers = models.CharField(max_length=32, blank=True, default="")

    class Meta:
        verbose_name = "summary clock"
        verbose_name_plural = "summary clock"

    def __str__(self):
        return self.time_zone

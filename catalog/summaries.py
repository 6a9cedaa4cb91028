"""The summary tables of published entries: reading them, rebuilding them, checking them.

The tables (``catalog.models.summaries``) are written by database triggers
(``catalog.summary_triggers``) in the same transaction as every change to an
entry, so they are never behind. This module is everything else:

- ``rebuild()`` recounts them from the entries, for a database loaded around
  the triggers or after a change of ``TIME_ZONE``;
- ``differences()`` compares them with a fresh count: empty when all is well
  (``manage.py catalog_summaries --check``, and the tests after every kind of
  write);
- ``sync()`` runs after every migrate: it installs the triggers
  (``catalog.summary_triggers``) where they are missing or out of date and keeps
  the zone in which they date a publication equal to ``settings.TIME_ZONE``,
  recounting when either changed;
- the read helpers the pages use.

ADR 0010 says why triggers and not signals or a nightly job.
"""

import datetime
import functools
import zoneinfo
from collections import Counter

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import ExtractYear, TruncDate

from catalog import summary_triggers
from catalog.models import (
    CatalogEntry,
    ColumnLatest,
    EntryCount,
    PublicationDay,
    Scope,
    SummaryClock,
)
from catalog.models.summaries import FACET_FIELDS

# Column names: the foreign keys as ``agency_id``, ``topic_id``.
FACETS = tuple(EntryCount._meta.get_field(name).attname for name in FACET_FIELDS)


# Recounting -----------------------------------------------------------------------


def _zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _fresh_counts(using=DEFAULT_DB_ALIAS) -> dict[str, Counter]:
    """The three tables' figures counted from the entries, as Counters keyed like the rows."""
    published = CatalogEntry.objects.using(using).published()
    facets = Counter(
        {
            tuple(row[name] for name in FACETS): row["n"]
            for row in published.annotate(year_made=ExtractYear("date_made"))
            .values(*FACETS)
            .annotate(n=Count("pk"))
            .order_by()
        }
    )
    public = published.filter(scope=Scope.PUBLIC, published_at__isnull=False)
    days = Counter(
        {
            (row["agency_id"], row["day"]): row["n"]
            for row in public.annotate(day=TruncDate("published_at", tzinfo=_zone()))
            .values("agency_id", "day")
            .annotate(n=Count("pk"))
            .order_by()
        }
    )
    columns = {
        (row["agency_id"], row["topic_id"]): (row["n"], row["last"])
        for row in public.values("agency_id", "topic_id")
        .annotate(n=Count("pk"), last=Max("published_at"))
        .order_by()
    }
    return {"facets": facets, "days": days, "columns": columns}


def _stored_counts(using=DEFAULT_DB_ALIAS) -> dict[str, Counter]:
    facets = Counter(
        {
            tuple(row[:-1]): row[-1]
            for row in EntryCount.objects.using(using).filter(n__gt=0).values_list(*FACETS, "n")
        }
    )
    days = Counter(
        {
            (agency_id, day): n
            for agency_id, day, n in PublicationDay.objects.using(using)
            .filter(n__gt=0)
            .values_list("agency_id", "day", "n")
        }
    )
    columns = {
        (agency_id, topic_id): (n, last)
        for agency_id, topic_id, n, last in ColumnLatest.objects.using(using)
        .filter(n__gt=0)
        .values_list("agency_id", "topic_id", "n", "last_published_at")
    }
    return {"facets": facets, "days": days, "columns": columns}


def differences(using=DEFAULT_DB_ALIAS) -> list[str]:
    """Where the stored summaries differ from a count of the entries; empty when they agree."""
    fresh, stored = _fresh_counts(using), _stored_counts(using)
    found = []
    for table in ("facets", "days", "columns"):
        for key in sorted(set(fresh[table]) | set(stored[table]), key=repr):
            counted, kept = fresh[table].get(key), stored[table].get(key)
            if counted != kept:
                found.append(f"{table} {key}: stored {kept}, counted {counted}")
    return found


def rebuild(using=DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Recount every summary from the entries; returns the rows written per table.

    Writers of entries wait meanwhile (a table lock on PostgreSQL; SQLite has
    one writer anyway), so no change is counted twice or lost.
    """
    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("LOCK TABLE catalog_catalogentry IN SHARE MODE")
        fresh = _fresh_counts(using)
        EntryCount.objects.using(using).all().delete()
        PublicationDay.objects.using(using).all().delete()
        ColumnLatest.objects.using(using).all().delete()
        EntryCount.objects.using(using).bulk_create(
            [
                EntryCount(**dict(zip(FACETS, key, strict=True)), n=n)
                for key, n in fresh["facets"].items()
            ],
            batch_size=2000,
        )
        PublicationDay.objects.using(using).bulk_create(
            [PublicationDay(agency_id=a, day=d, n=n) for (a, d), n in fresh["days"].items()],
            batch_size=2000,
        )
        ColumnLatest.objects.using(using).bulk_create(
            [
                ColumnLatest(agency_id=a, topic_id=t, n=n, last_published_at=last)
                for (a, t), (n, last) in fresh["columns"].items()
            ],
            batch_size=2000,
        )
    return {table: len(rows) for table, rows in fresh.items()}


# The clock ------------------------------------------------------------------------


def fixed_offset_minutes(zone: zoneinfo.ZoneInfo) -> int:
    """The zone's UTC offset, which must not change over the year (SQLite has no zone data)."""
    year = datetime.date.today().year
    offsets = {
        datetime.datetime(year, month, 1, tzinfo=zone).utcoffset() for month in (1, 4, 7, 10)
    }
    if len(offsets) > 1:
        raise ImproperlyConfigured(
            f"TIME_ZONE {settings.TIME_ZONE} has summer time: on SQLite the summaries of "
            "the catalogue need a zone with one UTC offset all year (use PostgreSQL)."
        )
    return int(offsets.pop().total_seconds() // 60)


@functools.cache
def _latest_migration() -> tuple[str, str]:
    from django.db.migrations.loader import MigrationLoader

    (leaf,) = MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes("catalog")
    return leaf


def _fully_migrated(connection) -> bool:
    """Whether the catalogue's tables are as its models say (not during a migration back)."""
    from django.db.migrations.recorder import MigrationRecorder

    recorder = MigrationRecorder(connection)
    return recorder.has_table() and _latest_migration() in recorder.applied_migrations()


def sync(using=DEFAULT_DB_ALIAS, **kwargs) -> bool:
    """Make sure of the triggers and of the zone they date publications in; recount if
    either changed. Returns whether anything changed.

    Connected to ``post_migrate``: a migration that rebuilds ``catalog_catalogentry``
    (SQLite does for any altered column or constraint) drops its triggers, and a
    changed ``TIME_ZONE`` moves publication days. Does nothing until the catalogue's
    latest migration is applied (during a migration back, the tables are older than
    the models).
    """
    connection = connections[using]
    if not _fully_migrated(connection):
        return False
    zone = _zone()
    offset = fixed_offset_minutes(zone) if connection.vendor == "sqlite" else 0
    clock = SummaryClock.objects.using(using).filter(pk=1).first()
    wanted = (settings.TIME_ZONE, offset, summary_triggers.FINGERPRINT)
    if (
        clock
        and (clock.time_zone, clock.utc_offset_minutes, clock.triggers) == wanted
        and summary_triggers.installed(connection)
    ):
        return False
    with transaction.atomic(using=using):
        summary_triggers.install(connection)
        SummaryClock.objects.using(using).update_or_create(
            pk=1,
            defaults={
                "time_zone": settings.TIME_ZONE,
                "utc_offset_minutes": offset,
                "triggers": summary_triggers.FINGERPRINT,
            },
        )
        rebuild(using)
    return True


# Reading --------------------------------------------------------------------------


def readable_counts(user):
    """The facet rows of the entries ``user`` may read (as ``CatalogEntry.readable_by``)."""
    from catalog.permissions import agencies_for

    rows = EntryCount.objects.all()
    if user.is_authenticated and user.is_staff:
        if user.is_superuser:
            return rows
        return rows.filter(Q(scope=Scope.PUBLIC) | Q(agency__in=agencies_for(user)))
    return rows.filter(scope=Scope.PUBLIC)


def total(rows) -> int:
    return rows.aggregate(total=Sum("n"))["total"] or 0


# What a public count narrowed by agency and topic alone can take from the columns
# (a few hundred rows) instead of the facet combinations (a hundred thousand at a
# million entries).
COLUMN_CONDITIONS = {"agency__in", "topic_id__in"}


def _is_public(user) -> bool:
    return not (user.is_authenticated and user.is_staff)


def count(user, **conditions) -> int:
    """Published entries ``user`` may read that meet ``conditions`` (lookups on the
    facet columns of ``EntryCount``)."""
    if _is_public(user) and set(conditions) <= COLUMN_CONDITIONS:
        return total(ColumnLatest.objects.filter(**conditions))
    return total(readable_counts(user).filter(**conditions))


def topic_counts(user) -> dict[int, int]:
    """Published entries ``user`` may read, per topic (without its subtopics)."""
    rows = ColumnLatest.objects.all() if _is_public(user) else readable_counts(user)
    return dict(
        rows.order_by().values("topic_id").annotate(total=Sum("n")).values_list("topic_id", "total")
    )

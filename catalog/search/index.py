"""Keeping the search index equal to what is published.

``reindex(obj)`` writes or removes the one document of a record; it runs from
``post_save`` / ``post_delete`` of every source model, in the transaction of
the write, so a withdrawn entry is gone from search when the withdrawal
commits. A document that shows another record (a decision its power item's
name, a guide its agency) is written again when that record is saved
(``Source.depends_on``). Writes that bypass signals (``QuerySet.update``, the
bulk generator) call ``reindex_queryset`` or ``rebuild``.

``rebuild`` recomputes every document; ``differences`` compares the stored
index with a fresh computation without writing (``manage.py search_index``).
"""

import contextlib
import contextvars
import dataclasses
import functools

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

from catalog.models import SearchDocument
from catalog.search import sources as registry
from catalog.search.text import MAX_INDEXED_CHARS, terms

# The columns a document row compares on (everything but its id).
FIELDS = (
    "agency_id",
    "topic_id",
    "internal",
    "current",
    "state",
    "date",
    "visible_until",
    "url",
    "title",
    "number",
    "reference",
    "text",
    "title_terms",
    "number_terms",
    "body_terms",
)


def row_for(source, obj) -> dict | None:
    """The document's column values, or None when the record has no document."""
    fields = source.document(obj)
    if fields is None:
        return None
    fields["text"] = fields["text"][:MAX_INDEXED_CHARS]
    fields["title"] = fields["title"][:400]
    fields["number"] = fields["number"][:300]
    fields["title_terms"] = terms(fields["title"])
    fields["number_terms"] = terms(fields["number"])
    fields["body_terms"] = terms(fields["text"])
    return fields


def reindex(obj, source=None, using=None) -> None:
    source = source or registry.for_model(type(obj))
    fields = row_for(source, obj)
    documents = SearchDocument.objects.using(using or obj._state.db or "default")
    if fields is None:
        documents.filter(kind=source.kind, object_id=obj.pk).delete()
    else:
        documents.update_or_create(kind=source.kind, object_id=obj.pk, defaults=fields)


def unindex(obj, source=None, using=None) -> None:
    source = source or registry.for_model(type(obj))
    SearchDocument.objects.using(using or "default").filter(
        kind=source.kind, object_id=obj.pk
    ).delete()


# Set inside ``deferred()``: writes leave the index alone until one rebuild at the end.
_deferred = contextvars.ContextVar("search_index_deferred", default=False)


@contextlib.contextmanager
def deferred():
    """Many writes, one rebuild: for loaders that write thousands of records (the demo).

    The rebuild runs when the block ends without an error, in its transaction if
    there is one (unless that transaction is marked to roll back).
    """
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)
    dry_run = connection.in_atomic_block and transaction.get_rollback()
    if not dry_run:  # a dry run rolls back: nothing to rebuild
        rebuild()


def _saved(sender, instance, raw=False, using=None, **kwargs):
    if raw or _deferred.get():  # fixtures may be incomplete; deferred: rebuilt at the end
        return
    source = registry.for_model(sender)
    if source is not None:
        reindex(instance, source, using)


def _deleted(sender, instance, using=None, **kwargs):
    if _deferred.get():
        return
    source = registry.for_model(sender)
    if source is not None:
        unindex(instance, source, using)


def _dependency_saved(sender, instance, raw=False, *, source, records, **kwargs):
    if raw or _deferred.get():
        return
    reindex_queryset(source, records(instance))


def connect(source) -> None:
    uid = f"catalog.search.{source.kind}"
    post_save.connect(_saved, sender=source.model, dispatch_uid=uid)
    post_delete.connect(_deleted, sender=source.model, dispatch_uid=uid)
    for model, records in source.depends_on:
        post_save.connect(
            functools.partial(_dependency_saved, source=source, records=records),
            sender=model,
            weak=False,
            dispatch_uid=f"{uid}.{model._meta.label_lower}",
        )


def connect_signals() -> None:
    for source in registry.sources():
        connect(source)


# Many at once ----------------------------------------------------------------


def batches(queryset, size):
    """The records in primary-key order, ``size`` at a time (keyset, no OFFSET)."""
    last = 0
    while True:
        batch = list(queryset.filter(pk__gt=last).order_by("pk")[:size])
        if not batch:
            return
        yield batch
        last = batch[-1].pk


def reindex_queryset(source, queryset, *, batch_size=1000, progress=None) -> int:
    """Write the documents of these records (and drop those that have none)."""
    written = 0
    for batch in batches(queryset, batch_size):
        with transaction.atomic():
            ids = [obj.pk for obj in batch]
            SearchDocument.objects.filter(kind=source.kind, object_id__in=ids).delete()
            rows = []
            for obj in batch:
                fields = row_for(source, obj)
                if fields is not None:
                    rows.append(SearchDocument(kind=source.kind, object_id=obj.pk, **fields))
            SearchDocument.objects.bulk_create(rows)
            written += len(rows)
        if progress:
            progress(len(batch))
    return written


def rebuild(kinds=None, *, batch_size=1000, progress=None) -> dict[str, int]:
    """Recompute every document (of ``kinds``, or all); returns how many per kind.

    ``progress(n)`` is called after each batch with the number of records done.
    """
    counts = {}
    for source in registry.sources():
        if kinds and source.kind not in kinds:
            continue
        SearchDocument.objects.filter(kind=source.kind).delete()
        counts[source.kind] = reindex_queryset(
            source, source.indexable(), batch_size=batch_size, progress=progress
        )
    return counts


def total_records(kinds=None) -> int:
    return sum(
        source.indexable().count()
        for source in registry.sources()
        if not kinds or source.kind in kinds
    )


@dataclasses.dataclass
class Differences:
    missing: list = dataclasses.field(default_factory=list)  # (kind, id) not indexed
    stale: list = dataclasses.field(default_factory=list)  # indexed with other values
    extra: list = dataclasses.field(default_factory=list)  # indexed, but has no document

    def __bool__(self):
        return bool(self.missing or self.stale or self.extra)


def differences(kinds=None, *, batch_size=1000, progress=None) -> Differences:
    """How the stored index differs from a fresh rebuild (nothing is written)."""
    found = Differences()
    for source in registry.sources():
        if kinds and source.kind not in kinds:
            continue
        expected_ids = set()
        for batch in batches(source.indexable(), batch_size):
            stored = {
                row["object_id"]: row
                for row in SearchDocument.objects.filter(
                    kind=source.kind, object_id__in=[obj.pk for obj in batch]
                ).values("object_id", *FIELDS)
            }
            for obj in batch:
                fields = row_for(source, obj)
                if fields is None:
                    continue
                expected_ids.add(obj.pk)
                row = stored.get(obj.pk)
                if row is None:
                    found.missing.append((source.kind, obj.pk))
                elif any(row[name] != fields[name] for name in FIELDS):
                    found.stale.append((source.kind, obj.pk))
            if progress:
                progress(len(batch))
        indexed = SearchDocument.objects.filter(kind=source.kind).values_list(
            "object_id", flat=True
        )
        found.extra += [(source.kind, pk) for pk in indexed.iterator() if pk not in expected_ids]
    return found

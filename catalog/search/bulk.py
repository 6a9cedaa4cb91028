"""Search documents for rows written around the models: ``manage.py generate_bulk``.

The bulk generator writes with COPY, so no ``post_save`` reaches ``catalog.search.index``.
``high_water()`` notes, per kind of document, the largest primary key of its model before
the load; ``build_since(marks)`` then writes the documents of every record above it, made
by the same ``index.row_for`` as every other write (so ``manage.py search_index`` finds no
difference), through ``catalog.bulk_writer.Writer``: COPY on PostgreSQL, where the
``BEFORE`` trigger of ``catalog.search.schema`` computes the vectors, batched INSERTs on
SQLite, where the FTS5 triggers follow.

On PostgreSQL a large load (more new documents than the table holds) drops the two GIN
indexes first and builds them again at the end with a larger ``maintenance_work_mem``:
one sort of every lexeme is several times faster than a million insertions into the GIN
pending list. If the load stops halfway the indexes are built again on the way out (and
``migrate`` puts back whatever is missing, ``schema.sync``). Rows are committed in groups
of ``COMMIT_ROWS``, as the generator does.
"""

import multiprocessing
import os
import time

from django.db import connection, connections, transaction
from django.db.models import Max

from catalog.bulk_writer import COMMIT_ROWS, Progress, Writer
from catalog.models import SearchDocument
from catalog.search import index
from catalog.search import sources as registry
from catalog.search.schema import POSTGRESQL, TABLE

COLUMNS = ("kind", "object_id", *index.FIELDS)
GIN_INDEXES = ("searchdocument_head_gin", "searchdocument_full_gin")
GIN_MEMORY = "512MB"
BATCH_SIZE = 2000
# On PostgreSQL, outside a transaction, a load of at least PARALLEL_MIN records is cut
# into ranges of CHUNK_IDS primary keys, worked by one process per CPU (each tokenises and
# COPYs its own ranges, on its own connection, one transaction per range).
PARALLEL_MIN = 20_000
CHUNK_IDS = 5_000


def high_water() -> dict[str, int]:
    """{kind: the largest primary key of its model now} (0 for an empty table)."""
    return {
        source.kind: source.model.objects.aggregate(top=Max("pk"))["top"] or 0
        for source in registry.sources()
    }


def _pending(marks: dict[str, int]) -> list[tuple]:
    """(source, queryset of its indexable records above the mark) for every kind."""
    found = []
    for source in registry.sources():
        if source.kind in marks:
            found.append((source, source.indexable().filter(pk__gt=marks[source.kind])))
    return found


def _create_gin_statements() -> list[str]:
    return [s for s in POSTGRESQL if "USING gin" in s]


def _drop_gin() -> None:
    with connection.cursor() as cursor:
        for name in GIN_INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


def _create_gin() -> float:
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute(f"SET maintenance_work_mem = '{GIN_MEMORY}'")
        for statement in _create_gin_statements():
            cursor.execute(statement)
        cursor.execute("RESET maintenance_work_mem")
    return time.monotonic() - started


def _delete_above(kind: str, mark: int) -> None:
    """Drop the documents of the records above the mark, in SQL: nothing points at a
    document, and ``QuerySet.delete`` would first read every row into memory."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE kind = %s AND object_id > %s", [kind, mark])  # noqa: S608 - a constant


def _quiet(label, total):
    return Progress(None, label, total, enabled=False)


def _rows(source, batch) -> list[tuple]:
    rows = []
    for obj in batch:
        fields = index.row_for(source, obj)
        if fields is not None:
            rows.append((source.kind, obj.pk, *(fields[name] for name in index.FIELDS)))
    return rows


def _write(writer, source, queryset, progress) -> int:
    """Every document of the queryset, committed in groups of about COMMIT_ROWS records."""
    written = 0
    batches = index.batches(queryset, BATCH_SIZE)
    done = False
    while not done:
        done = True
        with transaction.atomic():
            in_group = 0
            for batch in batches:
                written += writer.write(SearchDocument, COLUMNS, _rows(source, batch))
                progress.advance(len(batch))
                in_group += len(batch)
                if in_group >= COMMIT_ROWS:
                    done = False
                    break
    return written


def _chunk(job) -> tuple[int, int]:
    """In a worker process: the documents of one range of primary keys -> (records,
    documents)."""
    kind, low, high = job
    source = registry.source(kind)
    batch = list(source.indexable().filter(pk__gte=low, pk__lt=high).order_by("pk"))
    written = Writer(connection).write(SearchDocument, COLUMNS, _rows(source, batch))
    return len(batch), written


def _write_parallel(source, mark: int, progress) -> int:
    top = source.model.objects.aggregate(top=Max("pk"))["top"] or mark
    jobs = [(source.kind, low, low + CHUNK_IDS) for low in range(mark + 1, top + 1, CHUNK_IDS)]
    connections.close_all()  # the workers are forked: each opens a connection of its own
    written = 0
    context = multiprocessing.get_context("fork")
    with context.Pool(os.cpu_count()) as pool:
        for records, documents in pool.imap_unordered(_chunk, jobs):
            progress.advance(records)
            written += documents
    return written


def build_since(marks: dict[str, int], *, progress=None) -> dict:
    """Write the documents of the records above ``marks`` (from ``high_water``).

    ``progress(label, total)`` makes the progress line (``BulkRun.progress``; none by
    default). Returns {"documents": n, "seconds": s, "gin_seconds": s or None}. Documents
    already there for those records (a signal-driven write during the load) are replaced.
    """
    started = time.monotonic()
    pending = _pending(marks)
    total = sum(queryset.count() for _source, queryset in pending)
    result = {"documents": 0, "seconds": 0.0, "gin_seconds": None}
    if not total:
        return result
    postgresql = connection.vendor == "postgresql"
    rebuild_gin = (
        postgresql and not connection.in_atomic_block and total > SearchDocument.objects.count()
    )
    writer = Writer(connection)
    progress = (progress or _quiet)("Search documents", total)
    parallel = rebuild_gin and total >= PARALLEL_MIN and (os.cpu_count() or 1) > 1
    if rebuild_gin:
        _drop_gin()
    try:
        for source, queryset in pending:
            _delete_above(source.kind, marks[source.kind])
            if parallel:
                result["documents"] += _write_parallel(source, marks[source.kind], progress)
            else:
                result["documents"] += _write(writer, source, queryset, progress)
    finally:
        if rebuild_gin:
            result["gin_seconds"] = _create_gin()
    progress.finish()
    if postgresql and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM (ANALYZE) {TABLE}")
    result["seconds"] = time.monotonic() - started
    return result

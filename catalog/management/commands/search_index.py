"""Check or rebuild the site search index (``catalog.search``).

    manage.py search_index                 # check: differences from a fresh rebuild
    manage.py search_index --rebuild       # recompute every document [--kind entry ...]
    manage.py search_index --rebuild --dry-run

Documents follow every write made through the models, so a check should find
nothing. It exits with status 1 when it finds differences (for monitoring).
``--rebuild`` is for data written around the models (a bulk load, a raw
``UPDATE``), a changed tokeniser or a changed publication period of decisions;
it prints a progress line and the time and size it took.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from catalog.bulk_writer import Progress
from catalog.models import DocumentKind, SearchDocument
from catalog.search import index
from pagecache.versions import bump

SHOWN_DIFFERENCES = 20


def index_size() -> str:
    """The table, its indexes and its full-text structures on disk, where the database says."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT pg_size_pretty(pg_total_relation_size('catalog_searchdocument'))"
            )
            return cursor.fetchone()[0]
        if connection.vendor == "sqlite":
            try:
                cursor.execute(
                    "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'catalog_searchdocument%'"
                )
            except Exception:  # noqa: BLE001 - dbstat is an optional SQLite module
                return "unknown"
            size = cursor.fetchone()[0] or 0
            return f"{size / 1024 / 1024:.1f} MB"
    return "unknown"


class Command(BaseCommand):
    help = "Check the search index against a fresh rebuild, or rebuild it."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="Recompute every document.")
        parser.add_argument(
            "--kind",
            action="append",
            choices=DocumentKind.values,
            help="Only this kind of document (repeatable).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="With --rebuild: report, then roll back."
        )

    def handle(self, *args, rebuild=False, kind=None, dry_run=False, verbosity=1, **options):
        total = index.total_records(kind)
        progress = Progress(self.stderr, "Search index", total, enabled=verbosity >= 1)
        if not rebuild:
            self.check_only(kind, progress, verbosity)
            return
        started = time.monotonic()
        with transaction.atomic():
            counts = index.rebuild(kind, progress=progress.advance)
            bump("catalog")
            if dry_run:
                transaction.set_rollback(True)
        progress.finish()
        if verbosity >= 1:
            rows = ", ".join(f"{DocumentKind(k).label}: {n:,}" for k, n in counts.items())
            suffix = " (dry run: rolled back)" if dry_run else ""
            seconds = time.monotonic() - started
            self.stdout.write(f"Search index rebuilt in {seconds:.1f} s. {rows}{suffix}")
            self.stdout.write(
                f"{SearchDocument.objects.count():,} documents, {index_size()} on disk."
            )

    def check_only(self, kinds, progress, verbosity):
        found = index.differences(kinds, progress=progress.advance)
        progress.finish()
        problems = (
            [("missing", *key) for key in found.missing]
            + [("stale", *key) for key in found.stale]
            + [("not published", *key) for key in found.extra]
        )
        if not problems:
            if verbosity >= 1:
                self.stdout.write("The search index equals a fresh rebuild.")
            return
        if verbosity >= 1:
            for what, kind, pk in problems[:SHOWN_DIFFERENCES]:
                self.stdout.write(f"{kind} {pk}: {what}")
            if len(problems) > SHOWN_DIFFERENCES:
                self.stdout.write(f"... and {len(problems) - SHOWN_DIFFERENCES} more")
        raise CommandError(
            f"{len(problems)} differences between the search index and a fresh rebuild; "
            "run search_index --rebuild."
        )

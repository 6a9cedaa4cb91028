"""Check or rebuild the summary tables of the catalogue (``catalog.summaries``).

    manage.py catalog_summaries            # check: differences from a fresh count
    manage.py catalog_summaries --rebuild  # recount everything [--dry-run]

The database's triggers keep the tables current on every write, so a check
should always find nothing. It exits with status 1 when it finds differences
(for monitoring); ``--rebuild`` repairs them in one transaction, for example
after data were loaded with the triggers disabled.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from catalog import summaries
from pagecache.versions import bump

SHOWN_DIFFERENCES = 20


class Command(BaseCommand):
    help = "Check the catalogue's summary tables against a fresh count, or rebuild them."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="Recount every summary.")
        parser.add_argument(
            "--dry-run", action="store_true", help="With --rebuild: report, then roll back."
        )

    def handle(self, *args, rebuild=False, dry_run=False, verbosity=1, **options):
        if not rebuild:
            self.check_only(verbosity)
            return
        with transaction.atomic():
            written = summaries.rebuild()
            bump("catalog")
            if dry_run:
                transaction.set_rollback(True)
        if verbosity >= 1:
            rows = ", ".join(f"{table}: {count}" for table, count in written.items())
            suffix = " (dry run: rolled back)" if dry_run else ""
            self.stdout.write(f"Summaries rebuilt, rows per table: {rows}{suffix}")

    def check_only(self, verbosity):
        found = summaries.differences()
        if not found:
            if verbosity >= 1:
                self.stdout.write("The summaries equal a fresh count.")
            return
        if verbosity >= 1:
            for line in found[:SHOWN_DIFFERENCES]:
                self.stdout.write(line)
            if len(found) > SHOWN_DIFFERENCES:
                self.stdout.write(f"... and {len(found) - SHOWN_DIFFERENCES} more")
        raise CommandError(
            f"{len(found)} differences between the summaries and a fresh count; "
            "run catalog_summaries --rebuild."
        )

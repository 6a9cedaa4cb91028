"""Add large amounts of realistic data on top of the demo, for benchmarks.

    manage.py load_demo
    manage.py generate_bulk --entries 1000000 --requests 100000 [--seed N]
                            [--batch-size N] [--dry-run]

It needs the demo's agencies, topics, departments and staff (``manage.py load_demo``
first) and adds to what exists: a second run adds as much again, with index and tracking
numbers still unique, continuing the counters.

Each app contributes through a ``bulk`` module the command discovers, as ``load_demo``
discovers ``demo`` modules: ``add_arguments(parser)`` adds its options and
``generate(run)`` writes its rows (``catalog.bulk``: catalogue entries, ``--entries``;
``requests_app.bulk``: applications and their timelines, ``--requests``). The catalogue
never imports the other apps.

Rows are written with COPY on PostgreSQL and in batches of ``--batch-size`` on SQLite,
committed in groups of about 50,000 rows after each app has claimed its numbers (index and
tracking counters, primary keys) in a transaction of its own, so a run that stops halfway
leaves what it wrote with unique numbers (``catalog.bulk_writer``). The same seed gives
the same rows on both databases (and the same rows again on the same database and day).
Then PostgreSQL's statistics are refreshed (ANALYZE), the search documents of every
record the run added are written (``catalog.search.bulk``: COPY sends no signal to the
search index; with a progress line, then the time it took and the index's size on disk)
and ``_after_bulk_load`` runs.
``--dry-run`` says what would be written and writes nothing. A progress line (rows, rows
per second, time left) goes to stderr at verbosity 1 and more when there is enough to
write to need one; ``-v 2`` adds a line per agency, ``-v 0`` prints nothing.
"""

import time
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from catalog.bulk import load_agencies
from catalog.bulk_writer import BulkRun, Writer
from catalog.management.commands.search_index import index_size
from catalog.search import bulk as search_bulk
from pagecache.versions import NAMESPACES, bump

DEFAULT_SEED = 20_260_515
DEFAULT_BATCH_SIZE = 5_000


def bulk_modules() -> list:
    """The ``bulk`` modules of the installed apps that have one, in app order (the
    catalogue's comes first: the others build on it)."""
    modules = []
    for app_config in apps.get_app_configs():
        name = f"{app_config.name}.bulk"
        if find_spec(app_config.name) is None or find_spec(name) is None:
            continue
        module = import_module(name)
        if hasattr(module, "generate"):
            modules.append(module)
    return modules


# The summary tables the triggers update once per row written (catalog.summaries).
SUMMARY_TABLES = ("catalog_entrycount", "catalog_publicationday", "catalog_columnlatest")


def _after_bulk_load(stdout) -> None:
    """Runs once after every app has written its rows and the statistics are fresh.

    The summary tables are already exact: the database's triggers counted every row
    as it was written (ADR 0010). On PostgreSQL they are vacuumed here, since each
    row written left a dead version of the count it changed. COPY sends no model
    signal, so the content versions are bumped by hand: no cached page or fragment
    of before the load is served after it.
    """
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # (Inside a transaction, in the tests, VACUUM cannot run and nothing needs it.)
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM (ANALYZE) {', '.join(SUMMARY_TABLES)}")
    bump(*NAMESPACES)


class Command(BaseCommand):
    help = (
        "Add bulk data on top of the demo (run load_demo first): catalogue entries "
        "(--entries) and the other apps' records (--requests ...). COPY on PostgreSQL."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help="The same seed gives the same rows (default %(default)s).",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH_SIZE,
            help="Rows per INSERT batch or COPY chunk (default %(default)s).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would be written; write nothing.",
        )
        for module in bulk_modules():
            if hasattr(module, "add_arguments"):
                module.add_arguments(parser)

    def handle(self, *args, seed, batch_size, dry_run=False, verbosity=1, **options):
        if batch_size <= 0:
            raise CommandError("--batch-size must be a positive number.")
        load_agencies()  # stops with a clear message when the demo is not loaded
        run = BulkRun(
            stdout=self.stdout,
            stderr=self.stderr,
            options=options,
            writer=Writer(connection),
            seed=seed,
            batch_size=batch_size,
            verbosity=verbosity,
            dry_run=dry_run,
        )
        started = time.monotonic()
        marks = search_bulk.high_water()
        for module in bulk_modules():
            module.generate(run)  # in transactions of its own (see the module docstring)
        if dry_run:
            run.say(self.style.WARNING("Dry run: nothing was written."))
            return
        if not run.summary:
            run.say("Nothing to generate: give --entries and/or --requests.")
            return
        run.writer.analyze()
        built = search_bulk.build_since(marks, progress=run.progress)
        if built["documents"]:
            gin = built["gin_seconds"]
            run.say(
                f"Search index: {built['documents']:,} documents in {built['seconds']:,.0f} s"
                + (f" (GIN indexes rebuilt in {gin:,.0f} s)" if gin is not None else "")
                + f"; {index_size()} on disk."
            )
        _after_bulk_load(self.stdout)
        elapsed = time.monotonic() - started
        run.say(self.style.SUCCESS(f"Added {', '.join(run.summary)} in {elapsed:,.0f} s."))

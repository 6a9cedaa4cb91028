"""Writing many rows fast, for ``manage.py generate_bulk``.

- ``Writer``: COPY on PostgreSQL (psycopg 3, ``cursor.copy`` with ``write_row``), batched
  ``executemany`` INSERTs elsewhere (SQLite). Both take the same row tuples, so a seed gives
  the same rows on either database. Values are written as given: no ``save()``, no
  ``auto_now``, no HTML sanitising; the generators build valid rows themselves.
- ``Progress``: a hand-written progress line on stderr (rows done / total, rows per
  second, time left).
- ``BulkRun``: what the generators of every app share (options, one random stream per
  generator, the writer, today's date, output that respects ``--verbosity``).

Rows are committed in groups of about ``COMMIT_ROWS``: the catalogue's summary tables are
kept by triggers (ADR 0010) that update the same few count rows for every entry, and
PostgreSQL keeps every version of a row updated within one transaction, so one
transaction of a million entries gets slower with every row. The generators claim their
numbers (counters, primary keys) in a transaction of their own first: a run that stops
halfway leaves unique numbers and a gap, never a duplicate.
"""

import datetime
import itertools
import json
import random
import time
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone

COMMIT_ROWS = 50_000


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "--:--"
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"


class Progress:
    """``label: done / total rows, rate rows/s, ETA`` on one line of ``stream``.

    On a terminal the line is redrawn in place at most twice a second; written to a file
    or a pipe, it prints a line about every tenth of the way, so logs stay readable.
    A disabled progress (``enabled=False``) prints nothing.
    """

    REDRAW_SECONDS = 0.5

    def __init__(self, stream, label: str, total: int, *, enabled: bool, clock=time.monotonic):
        self.stream = stream
        self.label = label
        self.total = total
        self.enabled = enabled and total > 0
        self.clock = clock
        self.done = 0
        self.started = clock()
        self.shown_at = self.started
        self.shown_tenths = 0
        isatty = getattr(stream, "isatty", None)
        self.tty = bool(isatty and isatty())

    def line(self, now: float) -> str:
        elapsed = now - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        left = (self.total - self.done) / rate if rate else None
        return (
            f"{self.label}: {self.done:,} / {self.total:,} rows, "
            f"{rate:,.0f} rows/s, ETA {_duration(left)}"
        )

    def advance(self, rows: int) -> None:
        self.done += rows
        if not self.enabled:
            return
        now = self.clock()
        if self.tty:
            if now - self.shown_at >= self.REDRAW_SECONDS:
                self.stream.write("\r" + self.line(now), ending="")
                self.stream.flush()
                self.shown_at = now
            return
        tenths = self.done * 10 // self.total
        if tenths > self.shown_tenths and self.done < self.total:
            self.stream.write(self.line(now))
            self.shown_tenths = tenths

    def finish(self) -> None:
        if not self.enabled:
            return
        now = self.clock()
        elapsed = now - self.started
        text = f"{self.label}: {self.done:,} rows in {_duration(elapsed)}"
        self.stream.write(("\r" if self.tty else "") + text.ljust(72 if self.tty else 0))


class Writer:
    """Inserts row tuples into a model's table; remembers the tables it wrote."""

    def __init__(self, connection):
        self.connection = connection
        self.tables: list[str] = []

    @property
    def copies(self) -> bool:
        return self.connection.vendor == "postgresql"

    def write(self, model, names: tuple[str, ...], rows: list[tuple]) -> int:
        """Insert ``rows`` (tuples of the values of the fields ``names``, attnames such as
        ``agency_id`` for foreign keys). Returns how many."""
        if not rows:
            return 0
        fields = [model._meta.get_field(name) for name in names]
        table = model._meta.db_table
        if table not in self.tables:
            self.tables.append(table)
        if self.copies:
            self._copy(table, fields, rows)
        else:
            self._insert(table, fields, rows)
        return len(rows)

    def _columns(self, fields) -> str:
        quote = self.connection.ops.quote_name
        return ", ".join(quote(f.column) for f in fields)

    def _copy(self, table: str, fields, rows) -> None:
        quote = self.connection.ops.quote_name
        as_json = [i for i, f in enumerate(fields) if isinstance(f, models.JSONField)]
        sql = f"COPY {quote(table)} ({self._columns(fields)}) FROM STDIN"
        with self.connection.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                if as_json:
                    row = list(row)
                    for i in as_json:
                        row[i] = json.dumps(row[i], ensure_ascii=False)
                copy.write_row(row)

    def _insert(self, table: str, fields, rows) -> None:
        quote = self.connection.ops.quote_name
        marks = ", ".join(["%s"] * len(fields))
        # Identifiers come from the models and are quoted; values are parameters.
        sql = f"INSERT INTO {quote(table)} ({self._columns(fields)}) VALUES ({marks})"  # noqa: S608
        prepare = [f.get_db_prep_save for f in fields]
        connection = self.connection
        params = [
            [p(value, connection) for p, value in zip(prepare, row, strict=True)] for row in rows
        ]
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)

    def reserve_ids(self, model, count: int) -> range:
        """``count`` primary keys nobody else will take, for rows that others point at.

        On PostgreSQL the table is locked against writes until the transaction ends and
        the identity sequence is moved past the range; SQLite moves its own sequence when
        the rows are inserted with their ids (and its writers are serialised anyway).
        """
        if count <= 0:
            return range(0)
        quote = self.connection.ops.quote_name
        table, pk = model._meta.db_table, model._meta.pk.column
        with self.connection.cursor() as cursor:
            if self.copies:
                cursor.execute(f"LOCK TABLE {quote(table)} IN SHARE ROW EXCLUSIVE MODE")
            cursor.execute(f"SELECT COALESCE(MAX({quote(pk)}), 0) FROM {quote(table)}")  # noqa: S608 - quoted identifiers
            start = cursor.fetchone()[0] + 1
            if self.copies:
                cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, pk])
                sequence = cursor.fetchone()[0]
                cursor.execute("SELECT nextval(%s)", [sequence])
                start = max(start, cursor.fetchone()[0])
                cursor.execute("SELECT setval(%s, %s)", [sequence, start + count - 1])
            elif self.connection.vendor == "sqlite":
                start = self._move_sqlite_sequence(cursor, table, start, count)
        return range(start, start + count)

    @staticmethod
    def _move_sqlite_sequence(cursor, table: str, start: int, count: int) -> int:
        """An AUTOINCREMENT table numbers after ``sqlite_sequence``: move it past the range."""
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        start = max(start, (row[0] if row else 0) + 1)
        if row:
            cursor.execute(
                "UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [start + count - 1, table]
            )
        else:
            cursor.execute(
                "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)",
                [table, start + count - 1],
            )
        return start

    def analyze(self) -> None:
        """Refresh the planner's statistics of the tables written (PostgreSQL only)."""
        if not (self.copies and self.tables):
            return
        quote = self.connection.ops.quote_name
        with self.connection.cursor() as cursor:
            cursor.execute("ANALYZE " + ", ".join(quote(t) for t in self.tables))


@dataclass
class BulkRun:
    """What ``generate_bulk`` hands each app's ``bulk.generate(run)``."""

    stdout: object
    stderr: object
    options: dict
    writer: Writer
    seed: int
    batch_size: int
    verbosity: int = 1
    dry_run: bool = False
    now: datetime.datetime = field(default_factory=timezone.now)
    summary: list[str] = field(default_factory=list)

    @property
    def today(self) -> datetime.date:
        return timezone.localdate(self.now)

    def rng(self, name: str) -> random.Random:
        """A random stream of its own per generator: one app's output does not depend on
        how much another one drew. Not for secrets."""
        return random.Random(f"{self.seed}:{name}")  # noqa: S311 - test data

    def say(self, message: str, level: int = 1) -> None:
        if self.verbosity >= level:
            self.stdout.write(message)

    def progress(self, label: str, total: int) -> Progress:
        """A progress line, shown at verbosity 1 and more when the work takes more than
        one batch (a few thousand rows go by too fast to need one)."""
        useful = self.verbosity >= 1 and total > self.batch_size and not self.dry_run
        return Progress(self.stderr, label, total, enabled=useful)

    def groups(self, batches):
        """The batches in groups of about ``COMMIT_ROWS`` rows, each an iterator to write
        in one transaction (consume each group before asking for the next)."""
        iterator = iter(batches)
        per_group = max(1, COMMIT_ROWS // self.batch_size)
        for first in iterator:
            yield itertools.chain([first], itertools.islice(iterator, per_group - 1))

    def batches(self, rows, size: int | None = None):
        """Lists of at most ``size`` (default: the batch size) items of an iterable."""
        size = size or self.batch_size
        batch = []
        for row in rows:
            batch.append(row)
            if len(batch) >= size:
                yield batch
                batch = []
        if batch:
            yield batch

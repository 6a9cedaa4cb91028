"""The full-text structures beside ``catalog_searchdocument``, per backend.

PostgreSQL: two ``tsvector`` columns, ``head_vector`` (title and number) and
``full_vector`` (title, number and text), computed by a ``BEFORE`` trigger
from the ``*_terms`` columns in the 'simple' configuration, each with a GIN
index. SQLite: an FTS5 table with external content (the document table) kept
by ``AFTER`` triggers. Both are written in the transaction of the row's write.

Like the summary triggers (ADR 0010) they are made sure of after every
``migrate`` (``sync``) rather than created once by a migration: SQLite drops a
table's triggers whenever a migration rebuilds the table.
"""

from django.db import DEFAULT_DB_ALIAS, connections, transaction

from catalog.search.text import FIELD_SEPARATOR

TABLE = "catalog_searchdocument"
FTS_TABLE = "catalog_searchdocument_fts"
TERM_COLUMNS = ("title_terms", "number_terms", "body_terms")

# The separator keeps phrases inside a field; ts_delete drops its lexeme and
# leaves the gap in the positions. The vectors of a row, from its terms (``{row}``
# is ``NEW.`` in the trigger, empty in the catch-up of ``install``):
HEAD_VECTOR = (
    "ts_delete(to_tsvector('simple', "
    f"{{row}}title_terms || ' {FIELD_SEPARATOR} ' || {{row}}number_terms), '{FIELD_SEPARATOR}')"
)
BODY_VECTOR = (
    f"ts_delete(to_tsvector('simple', '{FIELD_SEPARATOR} ' || {{row}}body_terms), "
    f"'{FIELD_SEPARATOR}')"
)

POSTGRESQL = [
    f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS head_vector tsvector",
    f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS full_vector tsvector",
    f"""
CREATE OR REPLACE FUNCTION catalog_searchdocument_vectors() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.head_vector := {HEAD_VECTOR.format(row="NEW.")};
  NEW.full_vector := NEW.head_vector || {BODY_VECTOR.format(row="NEW.")};
  RETURN NEW;
END $$""",
    f"DROP TRIGGER IF EXISTS catalog_searchdocument_vectors ON {TABLE}",
    f"""
CREATE TRIGGER catalog_searchdocument_vectors
BEFORE INSERT OR UPDATE OF title_terms, number_terms, body_terms ON {TABLE}
FOR EACH ROW EXECUTE FUNCTION catalog_searchdocument_vectors()""",
    f"CREATE INDEX IF NOT EXISTS searchdocument_head_gin ON {TABLE} USING gin (head_vector)",
    f"CREATE INDEX IF NOT EXISTS searchdocument_full_gin ON {TABLE} USING gin (full_vector)",
]

_COLUMNS = ", ".join(TERM_COLUMNS)
_NEW = ", ".join(f"new.{c}" for c in TERM_COLUMNS)
_OLD = ", ".join(f"old.{c}" for c in TERM_COLUMNS)
SQLITE = [
    f"""
CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
  {_COLUMNS}, content='{TABLE}', content_rowid='id',
  tokenize='unicode61 remove_diacritics 0')""",
    f"""
CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_insert AFTER INSERT ON {TABLE} BEGIN
  INSERT INTO {FTS_TABLE}(rowid, {_COLUMNS}) VALUES (new.id, {_NEW});
END""",
    f"""
CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_delete AFTER DELETE ON {TABLE} BEGIN
  INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLUMNS}) VALUES ('delete', old.id, {_OLD});
END""",
    f"""
CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_update AFTER UPDATE ON {TABLE} BEGIN
  INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLUMNS}) VALUES ('delete', old.id, {_OLD});
  INSERT INTO {FTS_TABLE}(rowid, {_COLUMNS}) VALUES (new.id, {_NEW});
END""",
]
SQLITE_TRIGGERS = {f"{FTS_TABLE}_insert", f"{FTS_TABLE}_delete", f"{FTS_TABLE}_update"}


def installed(connection) -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgname = 'catalog_searchdocument_vectors'"
                " AND NOT tgisinternal"
            )
            trigger = cursor.fetchone()[0] == 1
            cursor.execute(
                "SELECT count(*) FROM pg_indexes WHERE tablename = %s AND indexname IN"
                " ('searchdocument_head_gin', 'searchdocument_full_gin')",
                [TABLE],
            )
            return trigger and cursor.fetchone()[0] == 2
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE (type = 'trigger' AND tbl_name = %s)"
                " OR (type = 'table' AND name = %s)",
                [TABLE, FTS_TABLE],
            )
            names = {row[0] for row in cursor.fetchall()}
            return names >= SQLITE_TRIGGERS | {FTS_TABLE}
    return True


# What each statement of POSTGRESQL that may be skipped creates.
_POSTGRESQL_SKIPPABLE = (
    "ADD COLUMN IF NOT EXISTS head_vector",
    "ADD COLUMN IF NOT EXISTS full_vector",
    "INDEX IF NOT EXISTS searchdocument_head_gin",
    "INDEX IF NOT EXISTS searchdocument_full_gin",
)


def _postgresql_present(cursor) -> set[str]:
    """The skippable statements whose column or index exists already."""
    cursor.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s"
        " AND column_name IN ('head_vector', 'full_vector')",
        [TABLE],
    )
    columns = {f"ADD COLUMN IF NOT EXISTS {row[0]}" for row in cursor.fetchall()}
    cursor.execute(
        "SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexname IN"
        " ('searchdocument_head_gin', 'searchdocument_full_gin')",
        [TABLE],
    )
    return columns | {f"INDEX IF NOT EXISTS {row[0]}" for row in cursor.fetchall()}


def install(connection) -> None:
    """Create what is missing and bring the full-text side up to the table's rows."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Only what is missing: ALTER TABLE and CREATE INDEX refuse to run in a
            # transaction that has written to the table (pending foreign-key checks).
            present = _postgresql_present(cursor)
            for statement in POSTGRESQL:
                if not any(name in statement for name in present):
                    cursor.execute(statement)
            # Bring up the vectors of rows inserted or changed while the trigger was
            # missing (as SQLite's 'rebuild' does); the trigger recomputes them.
            head, body = HEAD_VECTOR.format(row=""), BODY_VECTOR.format(row="")
            cursor.execute(
                f"UPDATE {TABLE} SET title_terms = title_terms "  # noqa: S608 - constants only
                f"WHERE head_vector IS NULL OR full_vector IS NULL OR head_vector <> {head} "
                f"OR full_vector <> {head} || {body}"
            )
        elif connection.vendor == "sqlite":
            for statement in SQLITE:
                cursor.execute(statement)
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
        else:  # pragma: no cover - the portal runs on these two
            raise NotImplementedError(f"search needs PostgreSQL or SQLite, not {connection.vendor}")


def sync(using=DEFAULT_DB_ALIAS, **kwargs) -> bool:
    """After ``migrate``: install the structures if any part is missing."""
    from catalog.summaries import _fully_migrated

    connection = connections[using]
    if not _fully_migrated(connection) or installed(connection):
        return False
    with transaction.atomic(using=using):
        install(connection)
    return True

"""The triggers that keep the summary tables equal to a count of the entries.

Written for PostgreSQL and SQLite (ADR 0010). They are not created by a
migration but made sure of after every ``migrate`` (``catalog.summaries.sync``):
SQLite drops a table's triggers whenever a migration rebuilds the table (any
altered column or constraint of ``catalog_catalogentry``), so a trigger made
once by a migration would silently disappear at the next one. ``sync``
compares what is installed with ``FINGERPRINT`` and reinstalls, then recounts,
when they differ.

Each trigger subtracts the old row from the counts and adds the new one, in the
transaction of the write. An ``UPDATE`` fires them only when a counted column
changes.
"""

import hashlib

FACETS = "agency_id, topic_id, scope, genre, year_made, validity, disclosure_mode, clearance_aspect"
# The columns whose change moves an entry between counts.
WATCHED = (
    "status",
    "agency_id",
    "topic_id",
    "scope",
    "genre",
    "date_made",
    "validity",
    "disclosure_mode",
    "clearance_aspect",
    "published_at",
)
TRIGGER_NAMES = {
    "postgresql": ("catalog_entry_summaries_insert_delete", "catalog_entry_summaries_update"),
    "sqlite": (
        "catalog_entry_summaries_insert",
        "catalog_entry_summaries_delete",
        "catalog_entry_summaries_update",
    ),
}

POSTGRESQL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION catalog_entry_summaries() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  zone text := COALESCE((SELECT time_zone FROM catalog_summaryclock WHERE id = 1), 'UTC');
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.status = 'published' THEN
    UPDATE catalog_entrycount SET n = n - 1
     WHERE agency_id = OLD.agency_id AND topic_id = OLD.topic_id AND scope = OLD.scope
       AND genre = OLD.genre AND year_made = EXTRACT(YEAR FROM OLD.date_made)::int
       AND validity = OLD.validity AND disclosure_mode = OLD.disclosure_mode
       AND clearance_aspect = OLD.clearance_aspect;
    IF OLD.scope = 'public' THEN
      UPDATE catalog_publicationday SET n = n - 1
       WHERE agency_id = OLD.agency_id AND day = (OLD.published_at AT TIME ZONE zone)::date;
      UPDATE catalog_columnlatest SET n = n - 1,
             last_published_at = CASE WHEN OLD.published_at < last_published_at
               THEN last_published_at
               ELSE (SELECT max(e.published_at) FROM catalog_catalogentry e
                      WHERE e.agency_id = OLD.agency_id AND e.topic_id = OLD.topic_id
                        AND e.status = 'published' AND e.scope = 'public') END
       WHERE agency_id = OLD.agency_id AND topic_id = OLD.topic_id;
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.status = 'published' THEN
    INSERT INTO catalog_entrycount ({FACETS}, n)
    VALUES (NEW.agency_id, NEW.topic_id, NEW.scope, NEW.genre,
            EXTRACT(YEAR FROM NEW.date_made)::int, NEW.validity, NEW.disclosure_mode,
            NEW.clearance_aspect, 1)
    ON CONFLICT ({FACETS}) DO UPDATE SET n = catalog_entrycount.n + 1;
    IF NEW.scope = 'public' THEN
      INSERT INTO catalog_publicationday (agency_id, day, n)
      VALUES (NEW.agency_id, (NEW.published_at AT TIME ZONE zone)::date, 1)
      ON CONFLICT (agency_id, day) DO UPDATE SET n = catalog_publicationday.n + 1;
      INSERT INTO catalog_columnlatest (agency_id, topic_id, n, last_published_at)
      VALUES (NEW.agency_id, NEW.topic_id, 1, NEW.published_at)
      ON CONFLICT (agency_id, topic_id) DO UPDATE SET n = catalog_columnlatest.n + 1,
        last_published_at = GREATEST(catalog_columnlatest.last_published_at,
                                     EXCLUDED.last_published_at);
    END IF;
  END IF;
  RETURN NULL;
END
$$
"""
_PG_CHANGED = " OR ".join(f"OLD.{column} IS DISTINCT FROM NEW.{column}" for column in WATCHED)
POSTGRESQL = [
    POSTGRESQL_FUNCTION,
    "DROP TRIGGER IF EXISTS catalog_entry_summaries_insert_delete ON catalog_catalogentry",
    "DROP TRIGGER IF EXISTS catalog_entry_summaries_update ON catalog_catalogentry",
    "CREATE TRIGGER catalog_entry_summaries_insert_delete"
    " AFTER INSERT OR DELETE ON catalog_catalogentry"
    " FOR EACH ROW EXECUTE FUNCTION catalog_entry_summaries()",
    "CREATE TRIGGER catalog_entry_summaries_update AFTER UPDATE ON catalog_catalogentry"
    f" FOR EACH ROW WHEN ({_PG_CHANGED}) EXECUTE FUNCTION catalog_entry_summaries()",
]

# SQLite: datetimes are stored as UTC text; the day is taken at the zone's fixed
# UTC offset (SummaryClock), since SQLite has no zone data.
_SQLITE_OFFSET = "COALESCE((SELECT utc_offset_minutes FROM catalog_summaryclock WHERE id = 1), 0)"


def _sqlite_day(row: str) -> str:
    return f"date({row}.published_at, {_SQLITE_OFFSET} || ' minutes')"


def _sqlite_year(row: str) -> str:
    return f"CAST(strftime('%Y', {row}.date_made) AS INTEGER)"


SQLITE_REMOVE = f"""
  UPDATE catalog_entrycount SET n = n - 1
   WHERE OLD.status = 'published'
     AND agency_id = OLD.agency_id AND topic_id = OLD.topic_id AND scope = OLD.scope
     AND genre = OLD.genre AND year_made = {_sqlite_year("OLD")}
     AND validity = OLD.validity AND disclosure_mode = OLD.disclosure_mode
     AND clearance_aspect = OLD.clearance_aspect;
  UPDATE catalog_publicationday SET n = n - 1
   WHERE OLD.status = 'published' AND OLD.scope = 'public'
     AND agency_id = OLD.agency_id AND day = {_sqlite_day("OLD")};
  UPDATE catalog_columnlatest SET n = n - 1,
         last_published_at = CASE WHEN OLD.published_at < last_published_at
           THEN last_published_at
           ELSE (SELECT max(e.published_at) FROM catalog_catalogentry e
                  WHERE e.agency_id = OLD.agency_id AND e.topic_id = OLD.topic_id
                    AND e.status = 'published' AND e.scope = 'public') END
   WHERE OLD.status = 'published' AND OLD.scope = 'public'
     AND agency_id = OLD.agency_id AND topic_id = OLD.topic_id;
"""
SQLITE_ADD = f"""
  INSERT INTO catalog_entrycount ({FACETS}, n)
  SELECT NEW.agency_id, NEW.topic_id, NEW.scope, NEW.genre, {_sqlite_year("NEW")},
         NEW.validity, NEW.disclosure_mode, NEW.clearance_aspect, 1
   WHERE NEW.status = 'published'
  ON CONFLICT ({FACETS}) DO UPDATE SET n = n + 1;
  INSERT INTO catalog_publicationday (agency_id, day, n)
  SELECT NEW.agency_id, {_sqlite_day("NEW")}, 1
   WHERE NEW.status = 'published' AND NEW.scope = 'public'
  ON CONFLICT (agency_id, day) DO UPDATE SET n = n + 1;
  INSERT INTO catalog_columnlatest (agency_id, topic_id, n, last_published_at)
  SELECT NEW.agency_id, NEW.topic_id, 1, NEW.published_at
   WHERE NEW.status = 'published' AND NEW.scope = 'public'
  ON CONFLICT (agency_id, topic_id) DO UPDATE SET n = n + 1,
    last_published_at = max(COALESCE(last_published_at, excluded.last_published_at),
                            excluded.last_published_at);
"""
_SQLITE_CHANGED = " OR ".join(f"OLD.{column} IS NOT NEW.{column}" for column in WATCHED)
SQLITE = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGER_NAMES["sqlite"]),
    "CREATE TRIGGER catalog_entry_summaries_insert AFTER INSERT ON catalog_catalogentry"
    f" BEGIN {SQLITE_ADD} END",
    "CREATE TRIGGER catalog_entry_summaries_delete AFTER DELETE ON catalog_catalogentry"
    f" BEGIN {SQLITE_REMOVE} END",
    "CREATE TRIGGER catalog_entry_summaries_update AFTER UPDATE ON catalog_catalogentry"
    f" WHEN {_SQLITE_CHANGED} BEGIN {SQLITE_REMOVE} {SQLITE_ADD} END",
]

STATEMENTS = {"postgresql": POSTGRESQL, "sqlite": SQLITE}
# Changes whenever the statements do: installed triggers older than this are replaced.
FINGERPRINT = hashlib.blake2b(repr(STATEMENTS).encode(), digest_size=8).hexdigest()


def statements(vendor: str) -> list[str]:
    if vendor not in STATEMENTS:
        raise NotImplementedError(f"No summary triggers for {vendor}; use PostgreSQL or SQLite.")
    return STATEMENTS[vendor]


def installed(connection) -> bool:
    """Whether every trigger is in place on ``connection``'s database."""
    names = TRIGGER_NAMES.get(connection.vendor, ())
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'catalog_catalogentry'::regclass"
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'"
                " AND tbl_name = 'catalog_catalogentry'"
            )
        present = {row[0] for row in cursor.fetchall()}
    return bool(names) and set(names) <= present


def install(connection) -> None:
    """(Re)create the triggers on ``connection``'s database."""
    with connection.cursor() as cursor:
        for statement in statements(connection.vendor):
            cursor.execute(statement)

"""The one place that speaks each database's full-text language.

``Matches(query)`` is a boolean expression for ``SearchDocument`` querysets:
``full_vector @@ to_tsquery(...)`` on PostgreSQL, a MATCH on the FTS5 table on
SQLite. Both are built from the tokens of ``catalog.search.text`` only, so a
visitor's operators never reach them, and both give the same rows: every group
is a phrase, a phrase stays inside one field, the last token of a group may be
a prefix.
"""

from django.db.models import BooleanField, Expression, F

from catalog.search.schema import FTS_TABLE
from catalog.search.text import Group, Query


def tsquery(groups) -> str:
    def phrase(group: Group) -> str:
        parts = [f"'{token}'" for token in group.tokens]
        if group.prefix:
            parts[-1] += ":*"
        return " <-> ".join(parts)

    return " & ".join(f"({phrase(group)})" for group in groups)


def fts5_query(groups, *, head: bool) -> str:
    def phrase(group: Group) -> str:
        return '"' + " ".join(group.tokens) + '"' + (" *" if group.prefix else "")

    expression = " AND ".join(phrase(group) for group in groups)
    if head:
        return "{title_terms number_terms} : (" + expression + ")"
    return expression


class Matches(Expression):
    """True for documents holding every group of ``query`` (in the title or number
    alone with ``head=True``); ``groups`` replaces the query's groups."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, query: Query | None = None, *, head: bool = False, groups=None):
        super().__init__()
        self.groups = tuple(groups if groups is not None else query.groups)
        self.head = head
        self.source = F("id")

    def get_source_expressions(self):
        return [self.source]

    def set_source_expressions(self, exprs):
        (self.source,) = exprs

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        clone = self.copy()
        clone.source = self.source.resolve_expression(
            query, allow_joins, reuse, summarize, for_save
        )
        return clone

    def as_sql(self, compiler, connection):
        if not self.groups:
            return "1 = 0", []
        alias = compiler.quote_name(self.source.alias)
        if connection.vendor == "postgresql":
            column = "head_vector" if self.head else "full_vector"
            return f"{alias}.{column} @@ to_tsquery('simple', %s)", [tsquery(self.groups)]
        if connection.vendor == "sqlite":
            return (
                # The alias is Django's; the query is a parameter.
                f'{alias}."id" IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)',  # noqa: S608
                [fts5_query(self.groups, head=self.head)],
            )
        raise NotImplementedError(connection.vendor)  # pragma: no cover

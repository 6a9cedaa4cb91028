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


def index_groups(groups) -> tuple[Group, ...]:
    """The groups as the GIN index should see them: a one-character prefix at the end
    of a group that has two or more other tokens is left out.

    Such a prefix (the 号 of 辽市监发〔2024〕12号) reads the postings of every term
    starting with that character (号z is in every document number) to narrow a
    phrase that its other tokens already make rare. A prefix alone (食) or after a
    single token (12号) stays: without it the index would narrow too little.
    """
    trimmed = []
    for group in groups:
        if group.prefix and len(group.tokens) >= 3:
            group = Group(tokens=group.tokens[:-1], prefix=False, surface=group.surface)
        trimmed.append(group)
    return tuple(trimmed)


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
            column = f"{alias}.{'head_vector' if self.head else 'full_vector'}"
            selective = index_groups(self.groups)
            if selective == self.groups:
                return f"{column} @@ to_tsquery('simple', %s)", [tsquery(self.groups)]
            # The index finds the rows without the costly prefixes; the whole query is
            # checked on those rows only (ts_match_vq is @@ written so that the
            # planner does not take it to the index).
            return (
                f"({column} @@ to_tsquery('simple', %s)"
                f" AND ts_match_vq({column}, to_tsquery('simple', %s)))",
                [tsquery(selective), tsquery(self.groups)],
            )
        if connection.vendor == "sqlite":
            return (
                # The alias is Django's; the query is a parameter.
                f'{alias}."id" IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)',  # noqa: S608
                [fts5_query(self.groups, head=self.head)],
            )
        raise NotImplementedError(connection.vendor)  # pragma: no cover

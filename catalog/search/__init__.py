"""Site search (全站搜索): one index of everything the portal publishes (ADR 0012).

- ``text``: normalising and tokenising Chinese, the query parser, highlighting;
- ``schema``: the full-text structures of each database, kept by triggers;
- ``backends``: ``Matches``, the one expression that asks a database to match;
- ``sources``: the kinds of documents and how a record becomes one;
- ``index``: writing documents as records change, rebuilds and checks;
- ``engine``: counting, ranking and paging a search.

Other apps make their records searchable with ``register(Source(...))`` from
their ``AppConfig.ready()``.
"""


def register(source) -> None:
    """Make another app's records searchable: index them and follow their writes."""
    from catalog.search import index, sources

    sources.register(source)
    index.connect(source)

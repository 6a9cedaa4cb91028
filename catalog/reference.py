"""Small data every public page of the catalogue needs, read once per catalogue version.

The agency and topic trees and the public facet counts change only when the
catalogue changes. ``pagecache.versions.memoized`` keeps them in each process
under the catalogue's content version, so a page reads them from memory
until something is published, withdrawn or edited, in any process.
"""

from django.contrib.auth.models import AnonymousUser

from catalog import summaries
from catalog.models import Agency, Topic
from pagecache.versions import memoized


def agencies() -> list[Agency]:
    """Every agency, in tree order (province, cities, counties; by sort order and name)."""
    return memoized("catalog", "agencies", lambda: list(Agency.objects.in_tree_order()))


def topics() -> list[Topic]:
    """Every topic, in sibling order."""
    return memoized("catalog", "topics", lambda: list(Topic.objects.all()))


def topic_counts_for(user) -> dict[int, int]:
    """Published entries the user may read, per topic (subtopics not added in)."""
    if user.is_authenticated and user.is_staff:
        return summaries.topic_counts(user)
    return memoized(
        "catalog", "public-topic-counts", lambda: summaries.topic_counts(AnonymousUser())
    )


def public_total() -> int:
    """How many entries the public catalogue lists."""
    return memoized("catalog", "public-total", lambda: summaries.count(AnonymousUser()))


def _subtree_ids(nodes, root_pk) -> list[int]:
    """``root_pk`` and the pks of every node below it, from a list of nodes with ``parent_id``."""
    children = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node.pk)
    ids, frontier = [root_pk], [root_pk]
    while frontier:
        frontier = [child for pk in frontier for child in children.get(pk, ())]
        ids.extend(frontier)
    return ids


def agency_subtree_ids(agency) -> list[int]:
    """The agency and every agency below it, as a list of pks (no query)."""
    return _subtree_ids(agencies(), agency.pk)


def topic_subtree_ids(topic) -> list[int]:
    """The topic and every topic below it, as a list of pks (no query)."""
    return _subtree_ids(topics(), topic.pk)

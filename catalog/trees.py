"""Building display trees (topics, agencies) from one already-fetched list."""

from dataclasses import dataclass


def attach_children(nodes: dict, parent_id_of) -> list:
    """Hang every node of ``{pk: node}`` under its parent; return the roots.

    ``parent_id_of(node)`` gives the parent's pk; a node whose parent is not in
    ``nodes`` is a root. Nodes need a ``children`` list; order is kept.
    """
    roots = []
    for node in nodes.values():
        parent = nodes.get(parent_id_of(node))
        (parent.children if parent else roots).append(node)
    return roots


@dataclass(frozen=True)
class TreeLink:
    """One node of a facet tree as a row of a flat list, with its link.

    A tree of nested ``<ul>`` is written in one loop: a node with children
    leaves its ``<li>`` open around a nested list (``opens``); after a leaf,
    ``closes`` counts the nested lists that end there.
    """

    label: str
    url: str
    current: bool
    depth: int
    opens: bool
    closes: range
    count: int | None = None


def tree_links(roots, label, url, current, count=None) -> list[TreeLink]:
    """The nodes of a tree (each with a ``children`` list), depth first, as ``TreeLink`` rows.

    ``label``, ``url``, ``current`` and ``count`` are functions of a node.
    """
    walked = []

    def walk(nodes, depth):
        for node in nodes:
            walked.append((depth, node))
            walk(node.children, depth + 1)

    walk(roots, 0)
    rows = []
    for position, (depth, node) in enumerate(walked):
        next_depth = walked[position + 1][0] if position + 1 < len(walked) else 0
        rows.append(
            TreeLink(
                label=label(node),
                url=url(node),
                current=current(node),
                depth=depth,
                opens=next_depth > depth,
                closes=range(max(0, depth - next_depth)),
                count=count(node) if count else None,
            )
        )
    return rows

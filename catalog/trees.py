"""Building display trees (topics, agencies) from one already-fetched list."""


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

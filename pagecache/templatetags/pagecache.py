"""``{% versioned_cache %}``: a fragment kept until the content it shows changes.

    {% load pagecache %}
    {% versioned_cache "scoreboard" "catalog requests reports" sort direction today %}
      ... the expensive part of a page ...
    {% endversioned_cache %}

Like Django's ``{% cache %}``, but the key carries the current content versions
of the namespaces named (``pagecache.versions``), the language and the
release, so the fragment is rendered again after any change of what it shows,
never after a timeout. For parts of a page that are the same for everyone who
may see the page (the view checks who may see it before rendering): staff and
first visitors of a new address get them without rendering them again.

Nothing rendered inside a transaction is kept, as in the page cache.
"""

import hashlib

from django import template
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import get_language

from pagecache import versions
from pagecache.middleware import current_release

register = template.Library()

FRAGMENT_TIMEOUT = 24 * 60 * 60


class VersionedCacheNode(template.Node):
    def __init__(self, nodelist, name, namespaces, vary):
        self.nodelist, self.name, self.namespaces, self.vary = nodelist, name, namespaces, vary

    def render(self, context):
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return self.nodelist.render(context)
        parts = (
            self.name,
            current_release(),
            get_language(),
            tuple(versions.token(namespace) for namespace in self.namespaces),
            tuple(str(expression.resolve(context)) for expression in self.vary),
        )
        digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
        key = f"pagecache:fragment:{digest}"
        cache = versions.page_cache()
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, html, FRAGMENT_TIMEOUT)
        return html


@register.tag
def versioned_cache(parser, token):
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(
            f"{bits[0]} takes a name, the namespaces and what else the fragment varies on."
        )
    name, namespaces = (bit.strip("\"'") for bit in bits[1:3])
    unknown = [ns for ns in namespaces.split() if ns not in versions.NAMESPACES]
    if unknown:
        raise template.TemplateSyntaxError(f"Unknown content namespaces: {', '.join(unknown)}")
    nodelist = parser.parse(("endversioned_cache",))
    parser.delete_first_token()
    vary = [parser.compile_filter(bit) for bit in bits[3:]]
    return VersionedCacheNode(nodelist, name, tuple(namespaces.split()), vary)

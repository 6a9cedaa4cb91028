"""Which feed a page follows, and its ``<link rel="alternate">`` (``catalog.feeds``).

``{% feed_link "agency" agency as feed %}`` or ``{% entry_list_feed form as feed %}``
give the feed; ``{% feed_alternates feed %}`` writes its RSS and Atom links for
``{% block extra_head %}``; ``components/feed_subscribe.html`` shows it on the page.
"""

from django import template
from django.utils.html import format_html_join

from catalog import feeds

register = template.Library()


@register.simple_tag
def feed_link(kind, obj=None):
    return feeds.link_for(kind, obj)


@register.simple_tag
def entry_list_feed(form):
    return feeds.link_for_entry_list(form)


@register.simple_tag
def feed_alternates(feed):
    return format_html_join(
        "\n  ", '<link rel="alternate" type="{}" title="{}" href="{}">', feed.alternates()
    )

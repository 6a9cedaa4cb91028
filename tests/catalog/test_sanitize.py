"""No script, event handler, javascript: URL or style attribute reaches an entry page.

The model cleans the body on ``save()``; the ``sanitized`` template filter
cleans it again at display time, so bodies written around ``save()``
(``queryset.update()``, fixtures, SQL) are just as safe.
"""

import pytest
from django.template import Context, Template
from django.urls import reverse

from catalog.models import CatalogEntry
from catalog.sanitize import sanitize_html
from tests import factories

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p style="color:red" onclick="steal()">正文</p>'
    "<script>alert('x')</script>"
    '<img src="x.png" onerror="alert(1)" alt="图">'
    '<a href="javascript:alert(1)">链接</a>'
    '<a href="https://www.gov.cn/" onmouseover="x()">国务院</a>'
    "<iframe src='https://evil.example'></iframe>"
    "<style>body{display:none}</style>"
)
FORBIDDEN = ["<script", "alert('x')", "onclick", "onerror", "onmouseover", "javascript:",
             "style=", "<style", "<iframe"]  # fmt: skip


def assert_clean(html):
    lowered = html.lower()
    for fragment in FORBIDDEN:
        assert fragment.lower() not in lowered, fragment


def test_sanitize_html_strips_scripts_handlers_js_urls_and_styles():
    cleaned = sanitize_html(HOSTILE)

    assert_clean(cleaned)
    assert "<p>正文</p>" in cleaned
    assert '<img src="x.png" alt="图">' in cleaned
    assert 'href="https://www.gov.cn/"' in cleaned


def test_sanitized_filter_cleans_and_marks_safe():
    rendered = Template("{% load catalog_tags %}{{ body|sanitized }}").render(
        Context({"body": HOSTILE})
    )

    assert_clean(rendered)
    # Marked safe: the allowed markup is not escaped.
    assert "<p>正文</p>" in rendered


def test_sanitized_filter_handles_empty_values():
    rendered = Template("{% load catalog_tags %}[{{ body|sanitized }}]").render(
        Context({"body": None})
    )

    assert rendered == "[]"


def test_body_written_around_save_is_still_clean_on_the_page(client):
    entry = factories.PublishedEntryFactory()
    CatalogEntry.objects.filter(pk=entry.pk).update(body=HOSTILE)

    response = client.get(
        reverse("catalog:entry_detail", kwargs={"index_number": entry.index_number})
    )

    body = response.content.decode()
    start = body.index('entry-body"')
    entry_body = body[start : body.index("</section>", start)]
    assert "正文" in entry_body
    assert_clean(entry_body)
    # Nothing hostile anywhere on the page either (scripts of the site carry a nonce).
    assert "alert(" not in body
    assert "javascript:" not in body.lower()


def test_body_saved_normally_is_cleaned_on_save():
    entry = factories.PublishedEntryFactory(body=HOSTILE)
    entry.refresh_from_db()

    assert_clean(entry.body)

"""A developer reads the open-data API's docs page (ADR 0013): Swagger UI from the
portal's own static files, under the site's CSP, with no request leaving the site."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs_render_offline_under_the_sites_csp(live_server, page):
    problems, outside = [], []
    page.on("console", lambda message: problems.append(message.text))
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((live_server.url, "data:"))
            else outside.append(request.url)
        ),
    )
    page.goto(live_server.url + "/api/v1/docs")
    page.wait_for_selector(".opblock")
    assert page.locator(".opblock").count() >= 12
    assert page.get_by_text("/api/v1/entries", exact=True).count() == 1
    assert problems == [] and outside == []

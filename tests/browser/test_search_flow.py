"""A visitor searches the whole site from the header's box (issue "Search", point 5)."""

import pytest

from tests import factories
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published():
    province = factories.AgencyFactory(name="辽宁省市场监督管理局", slug="liaoning")
    shenyang = factories.CityAgencyFactory(
        parent=province, name="沈阳市市场监督管理局", short_name="沈阳市局", slug="shenyang"
    )
    factories.GuideFactory(agency=province)
    target = factories.PublishedEntryFactory(
        agency=shenyang,
        title="沈阳市2026年食品安全监督抽检结果公告",
        document_number="沈市监发〔2026〕8号",
    )
    factories.PublishedEntryFactory(agency=province, title="关于开展食品经营许可检查的通知")
    factories.PublishedPowerItemFactory(agency=province, name="食品经营许可")
    factories.PublishedEntryFactory(agency=province, title="电动自行车产品质量抽查结果")
    return target


def test_visitor_searches_from_the_header_opens_a_result_and_comes_back(
    live_server, page, published
):
    page.goto(live_server.url + "/")
    box = page.get_by_role("searchbox", name="全站搜索")
    box.fill("食品 抽检")
    box.press("Enter")
    page.wait_for_url("**/search/?q=**")

    results = page.locator("ol.search-results > li")
    assert results.count() == 1
    title = results.first.locator("h3 a")
    assert title.inner_text() == published.title
    assert title.locator("mark").count() == 2  # 食品, 抽检
    assert page.locator("#search-q").input_value() == "食品 抽检"
    assert_accessible(page, "search results")

    title.click()
    page.wait_for_url(f"**/catalog/{published.index_number}/")
    assert published.title in page.locator("h1").inner_text()

    page.go_back()
    page.wait_for_url("**/search/?q=**")
    assert page.locator("#search-q").input_value() == "食品 抽检"
    assert page.locator("ol.search-results > li h3 a").first.inner_text() == published.title


def test_facets_sort_and_no_results_in_the_browser(live_server, page, published):
    page.goto(live_server.url + "/search/?q=食品")
    assert page.locator("ol.search-results > li").count() == 3
    assert_accessible(page, "search with facets")

    page.locator(".search-facets a", has_text="权责事项").click()
    page.wait_for_url("**kind=power**")
    assert page.locator("ol.search-results > li").count() == 1
    assert page.locator(".search-facets a[aria-current='true']", has_text="权责事项").count() == 1
    assert page.locator("#search-kind").input_value() == "power"

    page.locator(".sort-switch a", has_text="最新").click()
    page.wait_for_url("**sort=newest**")
    assert page.locator(".sort-switch a[aria-current='true']").inner_text().endswith("最新")

    page.locator("#search-q").fill("火星殖民")
    page.locator("form.search-form button[type=submit]").click()
    page.wait_for_url("**q=%E7%81%AB**")
    assert page.locator(".search-empty").is_visible()
    assert page.get_by_role("link", name="申请政府信息公开").is_visible()
    assert_accessible(page, "nothing found")


def test_search_page_on_a_phone_keeps_one_search_box(live_server, browser, published):
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    phone = context.new_page()
    try:
        phone.goto(live_server.url + "/search/?q=食品")
        assert not phone.locator("#site-search-q").is_visible()
        assert phone.locator("#search-q").is_visible()
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390
        assert_accessible(phone, "search on a phone")
        phone.goto(live_server.url + "/")
        assert phone.locator("#site-search-q").is_visible()
    finally:
        context.close()

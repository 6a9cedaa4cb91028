"""A citizen walks the catalogue in a real browser (issue 2, "Show it")."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from catalog.models import EntryAttachment
from tests import factories
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue(settings, tmp_path):
    """A province with two cities, a topic tree and entries spread over them."""
    settings.MEDIA_ROOT = tmp_path
    province = factories.AgencyFactory(name="辽宁省市场监督管理局", slug="liaoning")
    shenyang = factories.CityAgencyFactory(
        parent=province, name="沈阳市市场监督管理局", short_name="沈阳市局", slug="shenyang"
    )
    dalian = factories.CityAgencyFactory(
        parent=province, name="大连市市场监督管理局", short_name="大连市局", slug="dalian"
    )
    factories.GuideFactory(agency=province)
    quality = factories.TopicFactory(name="监督检查", slug="inspection")
    sampling = factories.TopicFactory(name="产品质量抽查", slug="sampling", parent=quality)
    news = factories.TopicFactory(name="工作动态", slug="news")
    target = factories.PublishedEntryFactory(
        agency=shenyang, topic=sampling, title="沈阳市2026年电动自行车产品质量监督抽查结果"
    )
    attachment = EntryAttachment(entry=target, title="附件1：抽查结果汇总表")
    attachment.file.save("抽查结果汇总表.txt", ContentFile("合格率 96.5%".encode()), save=False)
    attachment.save()
    factories.PublishedEntryFactory(
        agency=shenyang, topic=news, title="沈阳市局召开政务公开工作会议"
    )
    factories.PublishedEntryFactory(
        agency=dalian, topic=sampling, title="大连市2026年儿童玩具抽查结果"
    )
    return {"target": target, "attachment": attachment}


def test_citizen_finds_an_entry_downloads_its_attachment_and_switches_modes(
    live_server, page, catalogue
):
    target = catalogue["target"]

    # Home: the latest entries are there, the page is in Chinese.
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.get_by_role("link", name=target.title).first.is_visible()
    assert_accessible(page, "home")

    # Catalogue via the main navigation.
    page.locator("nav.mainnav a[href='/catalog/']").click()
    page.wait_for_url("**/catalog/")
    assert page.locator("a", has_text="大连市2026年儿童玩具抽查结果").count() == 1
    assert_accessible(page, "catalogue")

    # Filter by agency and topic.
    page.select_option("select[name=agency]", "shenyang")
    page.select_option("select[name=topic]", "sampling")
    page.locator("form.filter-form button[type=submit]").click()
    page.wait_for_url("**agency=shenyang**")
    assert "topic=sampling" in page.url
    results = page.locator("main table a, main .entry-table a")
    assert page.locator("main a", has_text=target.title).count() == 1
    assert page.locator("main a", has_text="大连市2026年儿童玩具抽查结果").count() == 0
    assert page.locator("main a", has_text="沈阳市局召开政务公开工作会议").count() == 0
    assert results.count() >= 1

    # Open the entry: metadata table with its index number.
    page.locator("main a", has_text=target.title).first.click()
    page.wait_for_url(f"**/catalog/{target.index_number}/")
    assert target.index_number in page.locator(".meta-table").inner_text()
    assert_accessible(page, "entry detail")

    # Download its attachment.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="附件1：抽查结果汇总表").click()
    download = download_info.value
    assert download.suggested_filename == "抽查结果汇总表.txt"
    assert Path(download.path()).read_text(encoding="utf-8") == "合格率 96.5%"

    # Switch to English and back; the page stays the same entry.
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert target.index_number in page.url
    page.get_by_role("button", name="中文").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "zh-hans"

    # Large-font mode sticks across pages.
    base_size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    page.locator("form:has(input[name=mode][value=large]) button").click()
    page.wait_for_load_state()
    assert "mode-large" in page.locator("html").get_attribute("class")
    assert (
        page.locator("form:has(input[name=mode][value=large]) button").get_attribute("aria-pressed")
        == "true"
    )
    page.goto(live_server.url + "/catalog/")
    assert "mode-large" in page.locator("html").get_attribute("class")
    large_size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert large_size >= base_size * 1.2
    assert_accessible(page, "catalogue in large-font mode")


def test_pages_work_on_a_phone_without_sideways_scrolling(live_server, browser, catalogue):
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="zh-CN")
    page = context.new_page()
    target = catalogue["target"]
    for path in ("/", "/catalog/", f"/catalog/{target.index_number}/", "/agencies/liaoning/guide/"):
        page.goto(live_server.url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
    context.close()


def test_high_contrast_mode_passes_accessibility_checks(live_server, page, catalogue):
    page.goto(live_server.url + "/agencies/liaoning/guide/")
    assert_accessible(page, "guide")
    page.locator("form:has(input[name=mode][value=contrast]) button").click()
    page.wait_for_load_state()
    assert "mode-contrast" in page.locator("html").get_attribute("class")
    assert_accessible(page, "guide in high contrast")

"""The site shell every public page shares: title, navigation, language switch,
senior-friendly display modes, footer identifiers, error pages and CSP."""

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.paginator import Paginator
from django.template import RequestContext, Template, loader
from django.test import RequestFactory
from django.urls import reverse

from disclosure_portal.context_processors import ACCESSIBILITY_COOKIE, nav_section
from tests import factories

pytestmark = pytest.mark.django_db

TEMPLATES = Path(django_settings.BASE_DIR) / "templates"
SHELL_TEMPLATES = [
    TEMPLATES / "base.html",
    TEMPLATES / "404.html",
    TEMPLATES / "500.html",
    *sorted((TEMPLATES / "components").glob("*.html")),
    *[
        TEMPLATES / "catalog" / name
        for name in ("home.html", "agency_list.html", "agency_detail.html", "agency_guide.html")
    ],
    *sorted((TEMPLATES / "requests_app").glob("*.html")),
]
PREFS_URL = "/preferences/display/"


def html_tag(content: bytes) -> str:
    return re.search(r"<html[^>]*>", content.decode()).group(0)


def title_of(content: bytes) -> str:
    return re.search(r"<title>(.*?)</title>", content.decode(), re.S).group(1).strip()


# ---------- title and navigation ----------


def test_home_title_is_the_site_name_alone(client, settings):
    settings.PORTAL = {**settings.PORTAL, "SITE_NAME": "测试公开平台"}
    assert title_of(client.get("/").content) == "测试公开平台"


def test_page_title_is_followed_by_the_site_name(client, settings, agency):
    settings.PORTAL = {**settings.PORTAL, "SITE_NAME": "测试公开平台"}
    response = client.get(agency.get_absolute_url())
    assert title_of(response.content) == f"{agency.name} - 测试公开平台"


def test_site_name_in_the_title_is_escaped(client, settings, agency):
    settings.PORTAL = {**settings.PORTAL, "SITE_NAME": "A<b>&"}
    assert title_of(client.get(agency.get_absolute_url()).content).endswith(" - A&lt;b&gt;&amp;")
    assert title_of(client.get("/").content) == "A&lt;b&gt;&amp;"


@pytest.mark.parametrize(
    ("path", "section"),
    [
        ("/", "home"),
        ("/agencies/", "agencies"),
        ("/agencies/x/", "agencies"),
        ("/agencies/x/guide/", "guide"),
        ("/catalog/", "catalog"),
        ("/catalog/11210000MB0123456X/2026-00001/", "catalog"),
        ("/clearances/powers/", "clearances"),
        ("/requests/new/", "apply"),
        ("/reports/2026/", "reports"),
        ("/elsewhere/", ""),
    ],
)
def test_navigation_section_follows_the_path(path, section):
    assert nav_section(path) == section


def test_current_navigation_item_is_marked_for_screen_readers(client, agency):
    content = client.get(reverse("catalog:agency_guide", args=[agency.slug])).content.decode()
    current = re.findall(r'<a href="([^"]*)" aria-current="page">', content)
    assert current == [f"/agencies/{agency.slug}/guide/"]


def test_navigation_guide_link_points_to_the_provincial_guide(client, agency, city):
    content = client.get(reverse("catalog:agency_list")).content.decode()
    assert f'href="/agencies/{agency.slug}/guide/"' in content


def test_page_has_skip_link_and_landmarks(client, agency):
    content = client.get("/").content.decode()
    assert '<a class="skip-link" href="#main">' in content
    for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
        assert landmark in content


def test_breadcrumbs_mark_the_current_page(client, agency):
    content = client.get(agency.get_absolute_url()).content.decode()
    crumbs = content.split('class="breadcrumbs', 1)[1].split("</nav>", 1)[0]
    assert 'href="/agencies/"' in crumbs
    assert f'<span aria-current="page">{agency.name}</span>' in crumbs


# ---------- language switch ----------


def test_pages_are_chinese_by_default_with_a_switch_to_english(client, agency):
    content = client.get("/agencies/?q=1").content.decode()
    assert 'lang="zh-hans"' in html_tag(content.encode())
    form = content.split('action="/i18n/setlang/"', 1)[1].split("</form>", 1)[0]
    assert 'name="language" value="en"' in form
    assert 'name="next" value="/agencies/?q=1"' in form
    assert '<button type="submit"' in form


def test_language_cookie_en_renders_the_english_page(client, agency):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    content = client.get("/").content
    assert 'lang="en"' in html_tag(content)
    assert 'name="language" value="zh-hans"' in content.decode()


def test_language_switch_posts_to_set_language_and_comes_back(client, agency):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/agencies/"})
    assert response.status_code == 302
    assert response["Location"] == "/agencies/"
    assert 'lang="en"' in html_tag(client.get("/agencies/").content)


# ---------- senior-friendly display modes (适老化) ----------


def test_turning_large_text_on_sets_a_lasting_cookie_and_redirects_back(client):
    response = client.post(PREFS_URL, {"mode": "large", "action": "on", "next": "/agencies/"})
    assert response.status_code == 302
    assert response["Location"] == "/agencies/"
    cookie = response.cookies[ACCESSIBILITY_COOKIE]
    assert cookie.value == "large"
    assert cookie["max-age"] == 365 * 24 * 60 * 60
    assert cookie["samesite"] == "Lax"


def test_display_modes_add_classes_to_html_and_press_their_buttons(client, agency):
    client.post(PREFS_URL, {"mode": "large", "action": "on", "next": "/"})
    client.post(PREFS_URL, {"mode": "contrast", "action": "on", "next": "/"})
    assert client.cookies[ACCESSIBILITY_COOKIE].value == "large,contrast"
    content = client.get(agency.get_absolute_url()).content
    assert "mode-large" in html_tag(content)
    assert "mode-contrast" in html_tag(content)
    assert content.decode().count('aria-pressed="true"') == 2


def test_turning_one_mode_off_keeps_the_other(client):
    client.cookies[ACCESSIBILITY_COOKIE] = "large,contrast"
    client.post(PREFS_URL, {"mode": "large", "action": "off", "next": "/"})
    assert client.cookies[ACCESSIBILITY_COOKIE].value == "contrast"
    content = client.get("/").content
    assert "mode-large" not in html_tag(content)
    assert "mode-contrast" in html_tag(content)


def test_mode_buttons_are_not_pressed_by_default(client):
    content = client.get("/").content.decode()
    assert content.count('aria-pressed="false"') == 2
    assert 'aria-pressed="true"' not in content


def test_display_preferences_refuse_get(client):
    assert client.get(PREFS_URL + "?mode=large&action=on").status_code == 405


@pytest.mark.parametrize(
    "data",
    [{"mode": "huge", "action": "on"}, {"mode": "large", "action": "maybe"}, {}],
)
def test_display_preferences_reject_unknown_modes_and_actions(client, data):
    response = client.post(PREFS_URL, data)
    assert response.status_code == 400
    assert ACCESSIBILITY_COOKIE not in response.cookies


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example.com/", "//evil.example.com/", "javascript:alert(1)", ""],
)
def test_display_preferences_ignore_unsafe_next(client, next_url):
    response = client.post(PREFS_URL, {"mode": "contrast", "action": "on", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_unknown_modes_in_the_cookie_are_ignored(client):
    client.cookies[ACCESSIBILITY_COOKIE] = 'large,"><script>,evil'
    assert html_tag(client.get("/").content) == '<html lang="zh-hans" class="mode-large ">'


# ---------- footer ----------


def test_footer_identifiers_come_from_settings(client, settings):
    settings.PORTAL = {
        **settings.PORTAL,
        "SPONSOR": "某某省市场监督管理局",
        "ORGANISER": "某某省市场监督管理局信息中心",
        "CONTACT_PHONE": "010-99998888",
        "CONTACT_EMAIL": "contact@test.example.gov.cn",
        "CONTACT_ADDRESS": "某某市某某路9号",
        "SITE_CODE": "9900000099",
        "ICP_NUMBER": "某ICP备99999999号",
        "PSB_NUMBER": "某公网安备 99999999999999号",
        "PSB_LINK": "https://beian.mps.gov.cn/#/query/webSearch?code=99999999999999",
        "SHOW_PARTY_GOV_MARK": True,
    }
    footer = client.get("/").content.decode().split("<footer", 1)[1]
    for value in (
        "某某省市场监督管理局",
        "某某省市场监督管理局信息中心",
        "010-99998888",
        'href="mailto:contact@test.example.gov.cn"',
        "某某市某某路9号",
        "9900000099",
        '<a href="https://beian.miit.gov.cn/" rel="noopener">某ICP备99999999号</a>',
        'href="https://beian.mps.gov.cn/#/query/webSearch?code=99999999999999"',
        "某公网安备 99999999999999号",
        'class="party-gov-mark"',
    ):
        assert value in footer


def test_party_government_mark_can_be_switched_off(client, settings):
    settings.PORTAL = {**settings.PORTAL, "SHOW_PARTY_GOV_MARK": False, "PSB_LINK": ""}
    footer = client.get("/").content.decode().split("<footer", 1)[1]
    assert "party-gov-mark" not in footer
    assert settings.PORTAL["PSB_NUMBER"] in footer


# ---------- error pages ----------


def test_404_page_uses_the_site_style(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "css/portal.css" in content
    assert 'class="site-header"' in content
    assert 'class="site-footer"' in content
    assert 'id="error-title"' in content


def test_500_page_renders_without_request_or_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        content = loader.get_template("500.html").render()
    assert "<h1>" in content
    assert 'href="/"' in content


# ---------- pagination partial (used by the catalogue) ----------


PAGINATION = Template("{% load catalog_tags %}{% pagination page_obj %}")


def render_pagination(request, page_obj):
    return PAGINATION.render(RequestContext(request, {"page_obj": page_obj}))


def test_pagination_keeps_other_query_parameters():
    request = RequestFactory().get("/catalog/", {"agency": "shenyang", "q": "抽查", "page": "2"})
    page_obj = Paginator(list(range(100)), 10).page(2)
    content = render_pagination(request, page_obj)
    hrefs = re.findall(r'href="([^"]*)"', content)
    assert "?agency=shenyang&amp;q=%E6%8A%BD%E6%9F%A5&amp;page=3" in hrefs
    assert "?agency=shenyang&amp;q=%E6%8A%BD%E6%9F%A5&amp;page=1" in hrefs
    assert 'aria-current="page">2<' in content


def test_pagination_is_silent_for_a_single_page():
    request = RequestFactory().get("/catalog/")
    page_obj = Paginator([1, 2], 10).page(1)
    content = render_pagination(request, page_obj)
    assert content.strip() == ""


def test_pagination_of_fifty_thousand_pages_shows_a_handful_of_links():
    request = RequestFactory().get("/catalog/", {"page": "25000"})
    page_obj = Paginator(range(1_000_000), 20).page(25000)
    content = render_pagination(request, page_obj)
    numbers = re.findall(r'href="\?page=(\d+)"[^>]*>(\d+)<', content)
    assert [int(shown) for _href, shown in numbers] == [1, 24998, 24999, 25000, 25001, 25002, 50000]
    assert content.count('class="pagination-gap"') == 2
    assert 'href="?page=25001" rel="next"' in content
    assert 'href="?page=50000">' in content


# ---------- content security policy ----------


@pytest.mark.parametrize("template", SHELL_TEMPLATES, ids=lambda p: p.name)
def test_templates_have_no_inline_script_or_style(template):
    source = template.read_text()
    assert "<style" not in source
    assert not re.search(r"\sstyle=", source)
    assert not re.search(r"\son[a-z]+=", source)
    assert "<script" not in source


def test_pages_carry_a_csp_without_unsafe_inline(client, agency):
    factories.GuideFactory(agency=agency)
    for url in ("/", "/agencies/", agency.get_absolute_url(), f"/agencies/{agency.slug}/guide/"):
        policy = client.get(url)["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "unsafe-inline" not in policy


def test_party_government_mark_links_to_its_registration_when_configured(client, settings, db):
    settings.PORTAL = {
        **settings.PORTAL,
        "PARTY_GOV_MARK_LINK": "https://bszs.conac.cn/sitename?method=show&id=TEST",
    }
    body = client.get("/").content.decode()
    assert 'href="https://bszs.conac.cn/sitename?method=show&amp;id=TEST"' in body

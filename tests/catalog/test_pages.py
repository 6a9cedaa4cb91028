"""Home, agency directory and profile, the disclosure guide and the interim
"how to apply" page: what they show, that only published public entries ever
appear, and that their query counts do not grow with the data."""

import datetime

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from catalog import statutes
from catalog.models import DepartmentRole, ReviewStatus, Scope
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):
    """Render in English so assertions on source strings hold once zh-hans is translated."""
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"


def make_entries_in_every_state(agency):
    """One entry per state; only the first may ever appear on a public page."""
    return {
        "published": factories.PublishedEntryFactory(agency=agency, title="PUBLISHED 公开条目"),
        "draft": factories.EntryFactory(agency=agency, title="DRAFT 草稿条目"),
        "in_review": factories.EntryFactory(
            agency=agency, title="INREVIEW 审查中条目", status=ReviewStatus.IN_REVIEW
        ),
        "withdrawn": factories.PublishedEntryFactory(
            agency=agency,
            title="WITHDRAWN 已撤回条目",
            status=ReviewStatus.WITHDRAWN,
            withdrawn_at=timezone.now(),
        ),
        "internal": factories.PublishedEntryFactory(
            agency=agency, title="INTERNAL 局务公开条目", scope=Scope.INTERNAL
        ),
    }


def assert_only_published_public(content: str):
    assert "PUBLISHED 公开条目" in content
    for hidden in ("DRAFT", "INREVIEW", "WITHDRAWN", "INTERNAL"):
        assert hidden not in content


def make_tree(cities=2, counties_per_city=1, entries_per_agency=1):
    province = factories.AgencyFactory()
    agencies = [province]
    for _ in range(cities):
        city = factories.CityAgencyFactory(parent=province)
        agencies.append(city)
        for _ in range(counties_per_city):
            agencies.append(factories.CountyAgencyFactory(parent=city))
    for agency in agencies:
        factories.DepartmentFactory.create_batch(2, agency=agency)
        for _ in range(entries_per_agency):
            factories.PublishedEntryFactory(agency=agency)
    return province


# ---------- home ----------


def test_home_lists_only_published_public_entries(client, agency):
    make_entries_in_every_state(agency)
    assert_only_published_public(client.get("/").content.decode())


def test_home_lists_the_ten_latest_entries_newest_first(client, agency):
    now = timezone.now()
    for days in range(12):
        factories.PublishedEntryFactory(
            agency=agency, title=f"第{days:02d}号", published_at=now - datetime.timedelta(days=days)
        )
    content = client.get("/").content.decode()
    shown = [f"第{days:02d}号" for days in range(12) if f"第{days:02d}号" in content]
    assert shown == [f"第{days:02d}号" for days in range(10)]
    assert content.index("第00号") < content.index("第09号")


def test_home_groups_the_directory_province_city_county(client):
    province = factories.AgencyFactory(name="甲省局")
    city = factories.CityAgencyFactory(parent=province, short_name="乙市局")
    factories.CountyAgencyFactory(parent=city, short_name="丙县局")
    content = client.get("/").content.decode()
    directory = content.split('id="directory-title"', 1)[1]
    top, cities = directory.split('class="directory-cities"', 1)
    assert "甲省局" in top
    city_block, counties = cities.split('class="directory-counties"', 1)
    assert "乙市局" in city_block
    assert "丙县局" in counties.split("</ul>", 1)[0]


def test_home_links_to_guide_catalogue_clearances_applying_and_reports(client, agency):
    content = client.get("/").content.decode()
    for href in (
        f"/agencies/{agency.slug}/guide/",
        "/catalog/",
        "/clearances/",
        reverse("requests_app:new"),
        "/reports/",
    ):
        assert f'href="{href}"' in content


@pytest.mark.parametrize("size", [1, 4])
def test_home_query_count_does_not_grow_with_data(client, django_assert_max_num_queries, size):
    make_tree(cities=size, counties_per_city=size, entries_per_agency=size)
    # latest entries, agency directory, provincial guide link in the navigation
    with django_assert_max_num_queries(3):
        assert client.get("/").status_code == 200


# ---------- agency directory and profile ----------


def test_agency_list_shows_every_agency_with_its_guide(client):
    province = make_tree(cities=2, counties_per_city=2, entries_per_agency=0)
    content = client.get(reverse("catalog:agency_list")).content.decode()
    for agency in province.__class__.objects.all():
        assert agency.get_absolute_url() in content
        assert f'href="/agencies/{agency.slug}/guide/"' in content


@pytest.mark.parametrize("size", [1, 4])
def test_agency_list_query_count_does_not_grow(client, django_assert_max_num_queries, size):
    make_tree(cities=size, counties_per_city=size, entries_per_agency=0)
    with django_assert_max_num_queries(2):
        assert client.get(reverse("catalog:agency_list")).status_code == 200


def test_agency_profile_shows_functions_departments_and_contacts(client, agency):
    profile = factories.CityAgencyFactory(
        parent=agency,
        functions="负责全市市场综合监督管理。",
        leaders="局长：张某某",
        staffing="行政编制80名。",
        structure="内设12个科室。",
        postcode="110001",
        fax="024-11112222",
        email="office@city.example.gov.cn",
        office_hours="工作日 8:30-17:00",
    )
    factories.DepartmentFactory(
        agency=profile, name="法制科", role=DepartmentRole.LEGAL, duties="负责法制审核。"
    )
    child = factories.CountyAgencyFactory(parent=profile, name="某某区市场监督管理局")
    content = client.get(profile.get_absolute_url()).content.decode()
    for value in (
        profile.name,
        "负责全市市场综合监督管理。",
        "局长：张某某",
        "行政编制80名。",
        "内设12个科室。",
        "110001",
        "024-11112222",
        "office@city.example.gov.cn",
        "工作日 8:30-17:00",
        profile.reception_address,
        profile.reception_hours,
        "法制科",
        "负责法制审核。",
        "Legal affairs",
        agency.get_absolute_url(),
        child.get_absolute_url(),
        f'href="/agencies/{profile.slug}/guide/"',
        f'href="/catalog/?agency={profile.slug}"',
    ):
        assert value in content


def test_agency_profile_lists_only_its_published_public_entries(client, agency, city):
    make_entries_in_every_state(agency)
    factories.PublishedEntryFactory(agency=city, title="OTHERAGENCY 他局条目")
    content = client.get(agency.get_absolute_url()).content.decode()
    assert_only_published_public(content)
    assert "OTHERAGENCY" not in content


def test_agency_profile_shows_five_latest_entries(client, agency):
    now = timezone.now()
    for days in range(7):
        factories.PublishedEntryFactory(
            agency=agency, title=f"条目{days}号", published_at=now - datetime.timedelta(days=days)
        )
    content = client.get(agency.get_absolute_url()).content.decode()
    assert [n for n in range(7) if f"条目{n}号" in content] == [0, 1, 2, 3, 4]


def test_unknown_agency_is_404(client):
    assert client.get("/agencies/no-such-agency/").status_code == 404
    assert client.get("/agencies/no-such-agency/guide/").status_code == 404


@pytest.mark.parametrize("size", [1, 5])
def test_agency_profile_query_count_does_not_grow(client, django_assert_max_num_queries, size):
    province = make_tree(cities=size, counties_per_city=0, entries_per_agency=size)
    factories.DepartmentFactory.create_batch(size, agency=province)
    factories.GuideFactory(agency=province)
    # agency (+parent, guide), children, departments, latest entries, navigation guide link;
    # department powers: staffing quotas, workflows, their steps, tagged entries
    with django_assert_max_num_queries(9):
        assert client.get(province.get_absolute_url()).status_code == 200


# ---------- the guide ----------


def guide_url(agency):
    return reverse("catalog:agency_guide", args=[agency.slug])


def test_guide_quotes_the_statutory_numbers_from_statutes(client, agency, monkeypatch):
    factories.GuideFactory(
        agency=agency, reconsideration_body="某省人民政府", litigation_court="某中院"
    )
    numbers = {
        "PROACTIVE_PUBLICATION_WORKING_DAYS": 21,
        "REPLY_WORKING_DAYS": 22,
        "EXTENSION_MAX_WORKING_DAYS": 23,
        "CORRECTION_NOTICE_WORKING_DAYS": 24,
        "THIRD_PARTY_WORKING_DAYS": 25,
        "RECONSIDERATION_DAYS": 66,
        "LITIGATION_MONTHS": 7,
    }
    for name, value in numbers.items():
        monkeypatch.setattr(statutes, name, value)
    content = client.get(guide_url(agency)).content.decode()
    assert "within 21 working days of being made or changed" in content
    assert "within 22 working days of receipt" in content
    assert "at most 23 working days" in content
    assert "within 24 working days of receipt" in content
    assert "has 25 working days" in content
    assert "within 66 days" in content
    assert "within 7 months" in content
    assert "某省人民政府" in content
    assert "某中院" in content


def test_guide_follows_the_statutory_section_order(client, agency):
    factories.GuideFactory(agency=agency)
    content = client.get(guide_url(agency)).content.decode()
    positions = [
        content.index(f'id="{anchor}"')
        for anchor in ("proactive", "on-request", "remedies", "form-and-flow")
    ]
    assert positions == sorted(positions)


def test_guide_lists_only_the_channels_the_agency_accepts(client):
    agency = factories.AgencyFactory(
        accepts_online=False,
        accepts_email=False,
        accepts_fax=False,
        reception_email="apply@example.gov.cn",
        reception_fax="024-55556666",
    )
    channels = client.get(guide_url(agency)).content.decode().split('class="channel-list"')[1]
    channels = channels.split("</ul>", 1)[0]
    assert "In person" in channels
    assert "By post" in channels
    assert "Online" not in channels
    assert "apply@example.gov.cn" not in channels
    assert "024-55556666" not in channels


def test_guide_announces_online_email_and_fax_when_flagged(client):
    agency = factories.AgencyFactory(
        accepts_online=True,
        accepts_email=True,
        accepts_fax=True,
        reception_email="apply@example.gov.cn",
        reception_fax="024-55556666",
    )
    channels = client.get(guide_url(agency)).content.decode().split('class="channel-list"')[1]
    channels = channels.split("</ul>", 1)[0]
    assert f'href="/requests/new/?agency={agency.slug}"' in channels
    assert "mailto:apply@example.gov.cn" in channels
    assert "024-55556666" in channels


def test_guide_lists_what_an_application_must_contain(client, agency):
    content = client.get(guide_url(agency)).content.decode()
    assert "Art. 29" in content
    contents = content.split('class="plain-steps"', 1)[1].split("</ol>", 1)[0]
    assert contents.count("<li>") == 3
    assert "proof of identity" in contents


def test_guide_renders_the_handling_flow_as_an_ordered_list(client, agency):
    content = client.get(guide_url(agency)).content.decode()
    flow = content.split('<ol class="flow">', 1)[1].split("</ol>", 1)[0]
    assert flow.count("<li>") >= 5
    assert "<img" not in content


def test_guide_states_fees_are_free_by_default(client, agency):
    factories.GuideFactory(agency=agency, fee_notes="本机关不收取费用。")
    content = client.get(guide_url(agency)).content.decode()
    assert "free of charge" in content
    assert "国办函〔2020〕109号" in content
    assert "本机关不收取费用。" in content


def test_guide_narrative_is_escaped_with_line_breaks(client, agency):
    factories.GuideFactory(agency=agency, proactive_scope="第一行\n<script>alert(1)</script>")
    content = client.get(guide_url(agency)).content.decode()
    assert "第一行<br>&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<script>alert" not in content


def test_guide_shows_its_revision_date(client, agency):
    factories.GuideFactory(agency=agency, revised_on=datetime.date(2026, 1, 15))
    assert 'datetime="2026-01-15"' in client.get(guide_url(agency)).content.decode()


def test_agency_without_guide_still_shows_the_structured_parts(client, agency):
    content = client.get(guide_url(agency)).content.decode()
    assert "being prepared" in content
    assert agency.reception_address in content
    assert f"within {statutes.REPLY_WORKING_DAYS} working days of receipt" in content
    assert "Revised on" not in content


@pytest.mark.parametrize("with_guide", [True, False])
def test_guide_query_count(client, django_assert_max_num_queries, agency, with_guide):
    if with_guide:
        factories.GuideFactory(agency=agency)
    # agency with its guide, navigation guide link
    with django_assert_max_num_queries(2):
        assert client.get(guide_url(agency)).status_code == 200


# ---------- how to apply (until online filing opens) ----------


def test_apply_page_defaults_to_the_provincial_agency(client, agency, city):
    content = client.get(reverse("requests_app:new")).content.decode()
    assert agency.name in content
    assert agency.reception_address in content
    assert f'href="/agencies/{agency.slug}/guide/"' in content
    assert "Art. 29" in content


def test_apply_page_names_the_agency_from_the_query_string(client, agency):
    city = factories.CityAgencyFactory(
        parent=agency,
        accepts_email=True,
        reception_email="city@example.gov.cn",
        reception_address="某市某路2号受理窗口",
    )
    content = client.get(reverse("requests_app:new"), {"agency": city.slug}).content.decode()
    assert "某市某路2号受理窗口" in content
    assert "mailto:city@example.gov.cn" in content
    assert f'href="/agencies/{city.slug}/guide/"' in content


def test_apply_page_names_the_entry_and_its_agency(client, agency, city):
    entry = factories.PublishedEntryFactory(agency=city, title="某某许可决定书")
    content = client.get(reverse("requests_app:new"), {"entry": entry.index_number}).content
    content = content.decode()
    assert "某某许可决定书" in content
    assert entry.index_number in content
    assert city.reception_address in content


@pytest.mark.parametrize("state", ["draft", "withdrawn", "internal"])
def test_apply_page_does_not_reveal_unlisted_entries(client, agency, state):
    entries = make_entries_in_every_state(agency)
    entry = entries[state]
    response = client.get(reverse("requests_app:new"), {"entry": entry.index_number or "x"})
    assert response.status_code == 404


def test_apply_page_for_unknown_agency_is_404(client, agency):
    response = client.get(reverse("requests_app:new"), {"agency": "no-such-agency"})
    assert response.status_code == 404

"""The public power catalogue (权责清单): lists, facets, an item's page, links and queries."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from catalog import statutes
from catalog.models import (
    PartyKind,
    PowerKind,
    PowerStatus,
    ReviewStatus,
    Scope,
)
from tests import factories

pytestmark = pytest.mark.django_db

LIST = reverse("catalog:power_item_list")
ENFORCEMENT = reverse("catalog:enforcement_list")
APPROVALS = reverse("catalog:approval_list")
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def listed_names(response):
    return [item.name for item in response.context["page_obj"].object_list]


def published(**kwargs):
    return factories.PublishedPowerItemFactory(**kwargs)


def abolished(**kwargs):
    return published(
        power_status=PowerStatus.ABOLISHED,
        abolished_on=datetime.date(2025, 12, 1),
        abolition_basis="国发〔2025〕5号",
        **kwargs,
    )


def detail(client, item, **kwargs):
    return client.get(item.get_absolute_url(), **kwargs)


@pytest.fixture
def tree():
    """A province with two cities; the first city has a county."""
    province = factories.AgencyFactory(slug="province")
    city_a = factories.CityAgencyFactory(parent=province, slug="city-a")
    city_b = factories.CityAgencyFactory(parent=province, slug="city-b")
    county = factories.CountyAgencyFactory(parent=city_a, slug="county-a1")
    return province, city_a, city_b, county


# Visibility -----------------------------------------------------------------


def test_list_shows_published_items_in_force_only(client, agency):
    published(agency=agency, name="实施中事项")
    abolished(agency=agency, name="已取消事项")
    factories.PowerItemFactory(agency=agency, name="草稿事项")
    factories.PowerItemFactory(agency=agency, name="审核中事项", status=ReviewStatus.IN_REVIEW)
    published(
        agency=agency,
        name="已撤回事项",
        status=ReviewStatus.WITHDRAWN,
        withdrawn_at=timezone.now(),
    )

    assert listed_names(client.get(LIST)) == ["实施中事项"]


def test_status_facet_shows_abolished_published_items(client, agency):
    published(agency=agency, name="实施中事项")
    abolished(agency=agency, name="已取消事项")
    factories.PowerItemFactory(
        agency=agency,
        name="已取消的草稿",
        power_status=PowerStatus.ABOLISHED,
        abolished_on=datetime.date(2025, 1, 1),
    )

    assert listed_names(client.get(LIST, {"status": "abolished"})) == ["已取消事项"]
    assert listed_names(client.get(LIST, {"status": "in_force"})) == ["实施中事项"]


def test_abolished_items_are_marked_in_the_list(client, agency):
    abolished(agency=agency, name="已取消事项")

    body = client.get(LIST, {"status": "abolished"}, **EN).content.decode()

    assert '<span class="badge badge-warn">Abolished (已取消)</span>' in body
    assert "2025-12-01" in body


@pytest.mark.parametrize("status", [ReviewStatus.DRAFT, ReviewStatus.IN_REVIEW])
def test_unpublished_item_answers_404(client, agency, status):
    item = factories.PowerItemFactory(agency=agency, status=status)

    assert detail(client, item).status_code == 404


def test_unknown_item_answers_404(client, db):
    assert client.get(reverse("catalog:power_item_detail", kwargs={"pk": 999})).status_code == 404


def test_withdrawn_item_answers_410_with_its_code_and_name_only(client, agency):
    item = published(
        agency=agency,
        code="XK-0099",
        name="已撤回的许可事项",
        kind=PowerKind.LICENSING,
        legal_basis="《某某条例》第九条",
        status=ReviewStatus.WITHDRAWN,
        withdrawn_at=timezone.now(),
        withdrawal_reason="内部原因",
    )

    response = detail(client, item, **EN)

    assert response.status_code == 410
    body = response.content.decode()
    assert "XK-0099" in body
    assert "已撤回的许可事项" in body
    assert "has been withdrawn" in body
    assert "《某某条例》第九条" not in body
    assert "内部原因" not in body
    # The way back leads to the list the item belonged to.
    assert f'href="{APPROVALS}"' in body


def test_abolished_item_stays_visible_with_a_notice(client, agency):
    item = abolished(agency=agency, name="已取消事项")

    response = detail(client, item, **EN)

    assert response.status_code == 200
    text = strip_tags(response.content.decode())
    assert "This power was abolished on 2025-12-01" in text
    assert "国发〔2025〕5号" in text


# Areas ------------------------------------------------------------------------


@pytest.fixture
def one_of_each_kind(agency):
    return {
        kind: published(agency=agency, kind=kind, name=f"事项-{kind.value}") for kind in PowerKind
    }


def test_enforcement_list_holds_penalties_coercion_and_inspections_only(client, one_of_each_kind):
    response = client.get(ENFORCEMENT)

    assert sorted(listed_names(response)) == ["事项-coercion", "事项-inspection", "事项-penalty"]
    assert response.context["title"] == "执法事项"  # the portal speaks Chinese by default


def test_approval_list_holds_licensing_only(client, one_of_each_kind):
    assert listed_names(client.get(APPROVALS)) == ["事项-licensing"]


def test_full_list_holds_every_kind(client, one_of_each_kind):
    assert len(listed_names(client.get(LIST))) == len(PowerKind)


def test_kind_facet_of_the_enforcement_list_offers_enforcement_kinds_only(client, db):
    response = client.get(ENFORCEMENT)

    offered = [value for value, _ in response.context["form"].fields["kind"].choices if value]
    assert offered == [PowerKind.PENALTY, PowerKind.COERCION, PowerKind.INSPECTION]


def test_kind_outside_the_area_is_refused_next_to_the_field(client, one_of_each_kind):
    response = client.get(ENFORCEMENT, {"kind": "licensing"}, **EN)

    assert "Select a valid choice" in str(response.context["form"].errors["kind"])
    assert 'id="id_kind_error"' in response.content.decode()
    assert sorted(listed_names(response)) == ["事项-coercion", "事项-inspection", "事项-penalty"]


def test_area_pages_have_their_titles_and_breadcrumbs(client, db):
    for url, title in [
        (LIST, "Power catalogue"),
        (ENFORCEMENT, "Enforcement items"),
        (APPROVALS, "Administrative approvals"),
    ]:
        body = client.get(url, **EN).content.decode()
        assert f'<h1 class="page-title">{title}</h1>' in body
        assert f'href="{reverse("catalog:clearances")}"' in body


# Facets and keywords ----------------------------------------------------------


def test_agency_facet_includes_subordinate_agencies(client, tree):
    province, city_a, city_b, county = tree
    published(agency=province, name="省局事项")
    published(agency=city_a, name="甲市事项")
    published(agency=county, name="甲县事项")
    published(agency=city_b, name="乙市事项")

    assert sorted(listed_names(client.get(LIST, {"agency": "city-a"}))) == ["甲县事项", "甲市事项"]
    assert len(listed_names(client.get(LIST, {"agency": "province"}))) == 4


def test_kind_facet(client, one_of_each_kind):
    assert listed_names(client.get(LIST, {"kind": "reward"})) == ["事项-reward"]


@pytest.mark.parametrize(
    ("field", "value", "term"),
    [
        ("code", "XK-21-0042", "xk-21-0042"),
        ("name", "食品生产许可", "食品生产"),
        ("sub_item", "食品生产许可证核发", "核发"),
        ("legal_basis", "《中华人民共和国食品安全法》第三十五条", "第三十五条"),
    ],
)
def test_keyword_search_matches_code_name_and_legal_basis(client, agency, field, value, term):
    published(agency=agency, **{"name": "命中事项", field: value})
    published(agency=agency, name="无关事项", legal_basis="《其他法》")

    assert listed_names(client.get(LIST, {"q": term})) == [value if field == "name" else "命中事项"]


def test_keyword_search_requires_every_term(client, agency):
    published(agency=agency, name="食品生产许可")
    published(agency=agency, name="食品经营许可")

    assert listed_names(client.get(LIST, {"q": "食品\u3000生产"})) == ["食品生产许可"]


def test_keyword_search_matches_whole_codes_and_traditional_characters(client, agency):
    published(agency=agency, name="食品生产许可", code="XK-21-0042")
    published(agency=agency, name="无关事项", code="XK-21-0043")

    assert listed_names(client.get(LIST, {"q": "XK 21 0042"})) == ["食品生产许可"]
    assert listed_names(client.get(LIST, {"q": "食品生產許可"})) == ["食品生产许可"]
    # A number is one word: a part of it matches nothing.
    assert listed_names(client.get(LIST, {"q": "004"})) == []


def test_an_abolished_item_is_found_by_keyword_when_abolished_items_are_listed(client, agency):
    published(agency=agency, name="特种设备检验检测机构核准")
    abolished(agency=agency, name="特种设备作业人员资格认定")

    assert listed_names(client.get(LIST, {"q": "特种设备"})) == ["特种设备检验检测机构核准"]
    assert listed_names(client.get(LIST, {"q": "特种设备 作业", "status": "abolished"})) == [
        "特种设备作业人员资格认定"
    ]


def test_bad_agency_is_reported_next_to_the_field_and_other_facets_apply(client, agency):
    published(agency=agency, name="处罚事项", kind=PowerKind.PENALTY)
    published(agency=agency, name="许可事项", kind=PowerKind.LICENSING)

    response = client.get(LIST, {"agency": "no-such", "kind": "penalty", "q": "事项"}, **EN)

    assert response.status_code == 200
    body = response.content.decode()
    assert "There is no such agency" in body
    assert 'id="id_agency_error"' in body
    assert 'value="事项"' in body
    assert listed_names(response) == ["处罚事项"]


def test_bad_status_falls_back_to_items_in_force(client, agency):
    published(agency=agency, name="实施中事项")
    abolished(agency=agency, name="已取消事项")

    response = client.get(LIST, {"status": "gone"}, **EN)

    assert "status" in response.context["form"].errors
    assert listed_names(response) == ["实施中事项"]


def test_default_status_is_not_a_chip_but_abolished_is(client, agency):
    abolished(agency=agency)

    default = client.get(LIST, {"status": "in_force", "kind": "penalty"})
    assert [chip["name"] for chip in default.context["active_filters"]] == ["kind"]

    chips = client.get(LIST, {"status": "abolished"}).context["active_filters"]
    assert [chip["name"] for chip in chips] == ["status"]


def test_pagination_keeps_the_facets(client, agency, settings):
    settings.CATALOG_PAGE_SIZE = 2
    for _ in range(3):
        published(agency=agency, kind=PowerKind.INSPECTION)

    body = client.get(LIST, {"kind": "inspection"}).content.decode()

    assert "kind=inspection&amp;page=2" in body


def test_empty_result_says_so(client, db):
    body = client.get(LIST, {"q": "不存在"}, **EN).content.decode()

    assert "No power item matches these filters" in body


# An item's page ---------------------------------------------------------------


@pytest.fixture
def licence(agency):
    department = factories.DepartmentFactory(agency=agency, name="食品生产监管处")
    item = published(
        agency=agency,
        department=department,
        code="XK-21-001",
        name="食品生产许可",
        sub_item="食品生产许可证核发",
        kind=PowerKind.LICENSING,
        implementing_body="省食品审评中心",
        legal_basis="《中华人民共和国食品安全法》第三十五条\n《食品生产许可管理办法》第二条",
        conditions="具有与生产的食品品种相适应的场所。",
        materials="食品生产许可申请书\n食品生产设备布局图",
        statutory_days=20,
        promised_days=10,
        accountability="对符合法定条件的申请不予受理的",
        supervision="省局法规处 024-12345670",
        reconsideration_body="辽宁省人民政府",
        litigation_court="沈阳市和平区人民法院",
        in_force_from=datetime.date(2015, 10, 1),
    )
    factories.PowerItemStepFactory(power_item=item, order=1, name="受理", time_limit="5个工作日")
    factories.PowerItemStepFactory(power_item=item, order=2, name="审查")
    factories.PowerResponsibilityFactory(power_item=item, order=1, stage="受理", duty="一次性告知")
    return item


def test_item_page_shows_what_a_business_needs(client, licence):
    response = detail(client, licence, **EN)

    assert response.status_code == 200
    body = response.content.decode()
    text = strip_tags(body)
    for expected in [
        "XK-21-001",
        "食品生产许可证核发",
        "Administrative licensing (行政许可)",
        licence.agency.name,
        "省食品审评中心",
        "食品生产监管处",
        "in force from 2015-10-01",
        "20 working days",
        "10 working days",
        "具有与生产的食品品种相适应的场所。",
        "一次性告知",
        "对符合法定条件的申请不予受理的",
        "省局法规处 024-12345670",
    ]:
        assert expected in text, expected
    assert "<li>《中华人民共和国食品安全法》第三十五条</li>" in body
    assert "<li>食品生产设备布局图</li>" in body
    # The process is a numbered list, never an image.
    assert re.search(r'<ol class="flow process-steps">\s*<li>\s*<span class="flow-step">受理', body)
    assert '<th scope="row" class="col-stage">受理</th>' in body


def test_item_page_states_the_remedies_with_the_statutory_periods(client, licence):
    text = strip_tags(detail(client, licence, **EN).content.decode())

    assert f"Apply to 辽宁省人民政府 within {statutes.RECONSIDERATION_DAYS} days" in text
    assert f"Sue before 沈阳市和平区人民法院 within {statutes.LITIGATION_MONTHS} months" in text


def test_licensing_item_links_to_the_agency_guide_and_its_catalogue_entries(client, licence):
    body = detail(client, licence).content.decode()

    assert reverse("catalog:agency_guide", kwargs={"slug": licence.agency.slug}) in body
    assert (
        f"{reverse('catalog:entry_list')}?agency={licence.agency.slug}&amp;aspect=approval" in body
    )


def test_breadcrumbs_lead_through_the_clearances_and_the_items_list(client, licence):
    crumbs = detail(client, licence).context["breadcrumbs"]

    assert [url for _, url in crumbs] == [
        reverse("catalog:home"),
        reverse("catalog:clearances"),
        APPROVALS,
        None,
    ]
    assert crumbs[-1][0] == "食品生产许可"


def test_a_kind_in_no_clearance_area_belongs_to_the_full_list(client, agency):
    item = published(agency=agency, kind=PowerKind.REWARD)

    assert detail(client, item).context["breadcrumbs"][2][1] == LIST


# Links both ways ----------------------------------------------------------------


def test_item_links_to_its_published_fee_and_the_fee_links_back(client, agency):
    fee = factories.PublishedFeeItemFactory(agency=agency, name="计量检定费")
    item = published(agency=agency, fee_item=fee, name="计量器具检定")

    assert f'href="{fee.get_absolute_url()}"' in detail(client, item).content.decode()
    assert (
        f'href="{item.get_absolute_url()}"' in client.get(fee.get_absolute_url()).content.decode()
    )


def test_item_does_not_link_an_unpublished_fee(client, agency):
    fee = factories.FeeItemFactory(agency=agency, name="草稿收费")
    item = published(agency=agency, fee_item=fee)

    body = detail(client, item, **EN).content.decode()

    assert fee.get_absolute_url() not in body
    assert "草稿收费" not in body
    assert "The fee for this item has not been published yet" in body
    assert "Free of charge" not in body


def test_item_without_fee_says_free_of_charge(client, agency):
    assert "Free of charge" in detail(client, published(agency=agency), **EN).content.decode()


def test_item_links_its_public_basis_entries_only(client, agency):
    public = factories.PublishedEntryFactory(agency=agency, title="食品生产许可审查细则")
    internal = factories.PublishedEntryFactory(
        agency=agency, title="局内部工作规程", scope=Scope.INTERNAL
    )
    draft = factories.EntryFactory(agency=agency, title="未发布的办法")
    item = published(agency=agency)
    item.basis_entries.add(public, internal, draft)

    body = detail(client, item).content.decode()

    assert f'href="{public.get_absolute_url()}"' in body
    assert "局内部工作规程" not in body
    assert "未发布的办法" not in body


def test_entry_page_links_the_published_items_that_cite_it(client, agency):
    entry = factories.PublishedEntryFactory(agency=agency)
    cited_by = published(agency=agency, name="以此为依据的事项")
    gone = abolished(agency=agency, name="已取消的依据事项")
    draft = factories.PowerItemFactory(agency=agency, name="草稿依据事项")
    for item in (cited_by, gone, draft):
        item.basis_entries.add(entry)

    body = client.get(entry.get_absolute_url(), **EN).content.decode()

    assert "Administrative powers resting on this document" in body
    assert f'href="{cited_by.get_absolute_url()}"' in body
    assert f'href="{gone.get_absolute_url()}"' in body
    assert "Abolished (已取消)" in body
    assert "草稿依据事项" not in body


def test_entry_page_finds_its_power_items_in_one_query(client, agency):
    entry = factories.PublishedEntryFactory(agency=agency)
    url = entry.get_absolute_url()
    client.get(url)  # warm up what is cached per process (content types)
    with CaptureQueriesContext(connection) as without_items:
        client.get(url)
    for _ in range(5):
        published(agency=agency).basis_entries.add(entry)

    with CaptureQueriesContext(connection) as with_items:
        response = client.get(url)

    assert len(response.context["power_items"]) == 5
    assert len(with_items) == len(without_items)


# Decisions --------------------------------------------------------------------


@time_machine.travel(datetime.datetime(2026, 6, 1, 10, tzinfo=datetime.UTC))
def test_decisions_show_masked_names_of_natural_persons(client, agency):
    item = published(agency=agency, kind=PowerKind.PENALTY)
    factories.PublishedDecisionFactory(
        agency=agency,
        power_item=item,
        party_kind=PartyKind.NATURAL_PERSON,
        party_name="张三丰",
        party_code="210102199001011234",
        legal_representative="",
    )

    body = detail(client, item).content.decode()

    assert "张**" in body
    assert "张三丰" not in body
    assert "199001011234" not in body


@time_machine.travel(datetime.datetime(2026, 6, 1, 10, tzinfo=datetime.UTC))
def test_decision_section_counts_listed_decisions_and_shows_the_latest_five(client, agency):
    item = published(agency=agency, kind=PowerKind.PENALTY)
    for day in range(1, 8):
        factories.PublishedDecisionFactory(
            agency=agency, power_item=item, decided_on=datetime.date(2026, 5, day)
        )
    factories.DecisionFactory(agency=agency, power_item=item, number="草稿决定")
    factories.PublishedDecisionFactory(
        agency=agency, power_item=item, number="过期决定", decided_on=datetime.date(2022, 1, 1)
    )

    response = detail(client, item, **EN)

    decisions = response.context["decisions"]
    assert decisions["count"] == 7
    assert [d.decided_on.day for d in decisions["latest"]] == [7, 6, 5, 4, 3]
    body = response.content.decode()
    assert "7 decisions of this item are on public display." in body
    assert f'href="{decisions["latest"][0].get_absolute_url()}"' in body
    assert f'href="{reverse("catalog:decision_list")}?power={item.pk}"' in body
    assert "草稿决定" not in body
    assert "过期决定" not in body


def test_kinds_without_decisions_have_no_decision_section(client, agency):
    item = published(agency=agency, kind=PowerKind.INSPECTION)

    response = detail(client, item)

    assert response.context["decisions"] is None
    assert 'id="decisions"' not in response.content.decode()


# Query counts -------------------------------------------------------------------


def _populate(n_items=60):
    province = factories.AgencyFactory()
    cities = [factories.CityAgencyFactory(parent=province) for _ in range(3)]
    agencies = [province, *cities]
    kinds = list(PowerKind)
    for i in range(n_items):
        agency = agencies[i % len(agencies)]
        published(
            agency=agency,
            kind=kinds[i % len(kinds)],
            department=factories.DepartmentFactory(agency=agency) if i % 3 == 0 else None,
        )
    return province


# The agency select, the count, the page, the agency facet's lookup, the header's link.
LIST_QUERY_LIMIT = 5


@pytest.mark.parametrize("url", [LIST, ENFORCEMENT, APPROVALS])
def test_list_query_count_does_not_grow_with_the_page_size(
    client, settings, django_assert_max_num_queries, url
):
    province = _populate()
    counts = []
    for page_size in (5, 50):
        settings.CATALOG_PAGE_SIZE = page_size

        with django_assert_max_num_queries(LIST_QUERY_LIMIT) as captured:
            response = client.get(url, {"agency": province.slug, "q": "处罚"})

        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_detail_query_count_does_not_grow_with_steps_and_decisions(
    client, agency, django_assert_max_num_queries
):
    item = published(agency=agency, kind=PowerKind.PENALTY)
    for n in range(1, 11):
        factories.PowerItemStepFactory(power_item=item, order=n)
        factories.PowerResponsibilityFactory(power_item=item, order=n)
        factories.PublishedDecisionFactory(agency=agency, power_item=item)
        item.basis_entries.add(factories.PublishedEntryFactory(agency=agency))

    # Item, basis entries, steps, responsibilities, decision count and latest; the
    # header's link to the provincial guide.
    with django_assert_max_num_queries(7):
        assert detail(client, item).status_code == 200

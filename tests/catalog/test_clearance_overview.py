"""The four clearances: the overview of all agencies, one agency's areas, the agency page."""

import datetime
import re

import pytest
from django.urls import reverse

from catalog.models import (
    ClearanceAspect,
    FeeStatus,
    PowerKind,
    ReviewStatus,
    Scope,
    StaffingCategory,
    StaffingQuota,
    Workflow,
    WorkflowStep,
)
from tests import factories

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
OVERVIEW_URL = reverse("catalog:clearances")


def agency_url(agency):
    return reverse("catalog:clearances_agency", kwargs={"slug": agency.slug})


def complete_penalty(agency, **kwargs):
    item = factories.PublishedPowerItemFactory(agency=agency, **kwargs)
    factories.PowerItemStepFactory(power_item=item, order=1)
    factories.PowerResponsibilityFactory(power_item=item, order=1)
    return item


def workflow(agency, title, steps=("受理", "审核", "决定"), **kwargs):
    flow = Workflow.objects.create(agency=agency, title=title, **kwargs)
    for order, name in enumerate(steps, start=1):
        WorkflowStep.objects.create(workflow=flow, order=order, name=name)
    return flow


def powers(agency):
    agency.functions = "负责全市市场综合监督管理，统一登记市场主体。"
    agency.structure = "内设办公室、法制科、登记注册科。"
    agency.save()
    StaffingQuota.objects.create(
        agency=agency, category=StaffingCategory.ADMINISTRATIVE, authorised=80, filled=76
    )
    StaffingQuota.objects.create(agency=agency, category=StaffingCategory.LEADERSHIP, authorised=5)
    factories.DepartmentFactory(agency=agency, name="法制科", duties="负责行政处罚案件法制审核。")
    return workflow(agency, "行政处罚一般程序")


@pytest.fixture
def tree():
    """A province with two cities; the first city has a county. Made out of order."""
    province = factories.AgencyFactory(name="辽宁省市场监督管理局", slug="province")
    city_b = factories.CityAgencyFactory(
        parent=province, name="乙市局", slug="city-b", sort_order=2
    )
    city_a = factories.CityAgencyFactory(
        parent=province, name="甲市局", slug="city-a", sort_order=1
    )
    county = factories.CountyAgencyFactory(parent=city_a, name="甲县局", slug="county-a1")
    return province, city_a, city_b, county


# The overview ---------------------------------------------------------------


def test_overview_lists_every_agency_in_tree_order_linking_to_its_overview(client, tree):
    province, city_a, city_b, county = tree
    response = client.get(OVERVIEW_URL)
    assert response.status_code == 200
    assert [(row.depth, row.agency) for row in response.context["rows"]] == [
        (0, province),
        (1, city_a),
        (2, county),
        (1, city_b),
    ]
    html = response.content.decode()
    for agency in tree:
        assert f'href="{agency_url(agency)}"' in html


def test_overview_shows_completeness_in_words_and_counts(client, tree):
    province, city_a, city_b, county = tree
    powers(city_a)
    penalty = complete_penalty(city_a)
    factories.PublishedPowerItemFactory(agency=city_a, supervision="")  # incomplete
    factories.PowerItemFactory(agency=city_a)  # draft: not counted
    item = factories.PublishedPowerItemFactory(agency=city_a, kind=PowerKind.LICENSING)
    factories.PublishedFeeItemFactory(agency=city_a)
    factories.PublishedDecisionFactory(agency=city_a, power_item=item, fine_amount=None)
    factories.PublishedDecisionFactory(agency=city_a, power_item=penalty)
    factories.DecisionFactory(agency=city_a, power_item=penalty)  # draft: not on display

    response = client.get(OVERVIEW_URL, **EN)
    rows = {row.agency: row for row in response.context["rows"]}
    row = rows[city_a]
    assert [score.percent for score in row.scores] == [100, 50, 0, 100]
    assert [score.total for score in row.scores[1:]] == [2, 1, 1]
    assert row.decisions == 2
    assert [score.percent for score in rows[city_b].scores] == [None] * 4

    html = response.content.decode()
    city_row = re.search(
        r'<tr class="overview-depth-1">\s*<th[^>]*>\s*<a[^>]*>甲市局.*?</tr>', html, re.S
    )
    cells = city_row.group(0)
    for text in ("100%", "5 of 5 parts published", "50%", "1 of 2 items complete", "0%", "2 items"):
        assert text in cells, text
    assert "Not published" in html
    assert f"{reverse('catalog:decision_list')}?agency=city-a" in cells


def test_overview_links_to_the_public_lists(client, agency):
    html = client.get(OVERVIEW_URL).content.decode()
    for name in (
        "catalog:power_item_list",
        "catalog:enforcement_list",
        "catalog:approval_list",
        "catalog:fee_item_list",
        "catalog:decision_list",
    ):
        assert f'href="{reverse(name)}"' in html, name
    assert f'href="{reverse("catalog:decision_list")}?kind=licence"' in html
    assert f'href="{reverse("catalog:decision_list")}?kind=penalty"' in html


def test_overview_is_marked_as_the_current_navigation_section(client, agency):
    html = client.get(OVERVIEW_URL, **EN).content.decode()
    assert re.search(r'href="/clearances/"\s+aria-current="page"', html)


@pytest.mark.parametrize("size", [1, 4])
def test_overview_query_count_does_not_grow(client, size, django_assert_max_num_queries):
    province = factories.AgencyFactory()
    for _ in range(size):
        city = factories.CityAgencyFactory(parent=province)
        county = factories.CountyAgencyFactory(parent=city)
        for agency in (city, county):
            powers(agency)
            complete_penalty(agency)
            factories.PublishedFeeItemFactory(agency=agency)
            factories.PublishedDecisionFactory(agency=agency)
    # agencies, five completeness aggregates, decisions on display, navigation guide link
    with django_assert_max_num_queries(8):
        assert client.get(OVERVIEW_URL).status_code == 200


# One agency -----------------------------------------------------------------


def test_agency_overview_shows_department_powers(client, city):
    flow = powers(city)
    factories.DepartmentFactory(agency=city, name="办公室", duties="")
    response = client.get(agency_url(city), **EN)
    assert response.status_code == 200
    html = response.content.decode()
    panel = re.search(r'id="area-powers".*?</section>', html, re.S).group(0)
    for text in (
        "负责全市市场综合监督管理",
        "Administrative staffing",
        ">80<",
        ">76<",
        "法制科",
        "负责行政处罚案件法制审核。",
        "Duties not published",
        f'href="{city.get_absolute_url()}#workflow-{flow.pk}"',
        "行政处罚一般程序",
        "80%",
        "duties of every department",
    ):
        assert text in panel, text


def test_agency_overview_shows_enforcement_and_approval_items(client, city):
    penalty = complete_penalty(city, name="对销售不合格产品的处罚")
    factories.PublishedPowerItemFactory(
        agency=city, kind=PowerKind.INSPECTION, name="产品质量监督检查"
    )
    licence = factories.PublishedPowerItemFactory(
        agency=city, kind=PowerKind.LICENSING, name="食品经营许可"
    )
    draft = factories.PowerItemFactory(agency=city, name="草稿职权")
    factories.PublishedPowerItemFactory(agency=city, status=ReviewStatus.WITHDRAWN, name="撤回职权")
    penalty_decision = factories.PublishedDecisionFactory(agency=city, power_item=penalty)
    licence_decision = factories.PublishedDecisionFactory(
        agency=city, power_item=licence, fine_amount=None
    )
    html = client.get(agency_url(city), **EN).content.decode()
    enforcement = re.search(r'id="area-enforcement".*?</section>', html, re.S).group(0)
    approval = re.search(r'id="area-approval".*?</section>', html, re.S).group(0)

    enforcement_list = reverse("catalog:enforcement_list")
    assert f'href="{enforcement_list}?agency={city.slug}&amp;kind=penalty"' in enforcement
    assert f'href="{enforcement_list}?agency={city.slug}"' in enforcement
    assert penalty.get_absolute_url() in enforcement
    assert "产品质量监督检查" in enforcement
    assert penalty_decision.number in enforcement
    assert licence_decision.number not in enforcement
    assert f"{reverse('catalog:decision_list')}?agency={city.slug}&amp;kind=penalty" in enforcement

    assert licence.get_absolute_url() in approval
    assert licence_decision.number in approval
    assert penalty.name not in approval
    assert f'href="{reverse("catalog:approval_list")}?agency={city.slug}"' in approval
    for hidden in (draft.name, "撤回职权"):
        assert hidden not in html


def test_agency_overview_shows_current_fees_and_counts_abolished_ones(client, city):
    fee = factories.PublishedFeeItemFactory(agency=city, name="计量检定费", amount="120.00")
    factories.PublishedFeeItemFactory(
        agency=city,
        name="已暂停的费",
        fee_status=FeeStatus.SUSPENDED,
        suspended_on=datetime.date(2025, 1, 1),
    )
    factories.PublishedFeeItemFactory(
        agency=city,
        name="已取消的费",
        fee_status=FeeStatus.ABOLISHED,
        abolished_on=datetime.date(2024, 1, 1),
    )
    factories.FeeItemFactory(agency=city, name="草稿收费")
    html = client.get(agency_url(city), **EN).content.decode()
    fees = re.search(r'id="area-fees".*?</section>', html, re.S).group(0)
    assert fee.get_absolute_url() in fees
    assert "120.00" in fees
    assert "已暂停的费" in fees
    assert "已取消的费" not in fees
    assert "1 abolished fee item" in fees
    assert "草稿收费" not in html
    assert f'href="{reverse("catalog:fee_item_list")}?agency={city.slug}"' in fees


def test_agency_overview_shows_tagged_entries_in_their_areas(client, city, other_city):
    tagged = {
        "powers": factories.PublishedEntryFactory(
            agency=city, clearance_aspect=ClearanceAspect.POWERS_STAFFING, title="人员编制情况"
        ),
        "enforcement": factories.PublishedEntryFactory(
            agency=city, clearance_aspect=ClearanceAspect.ENFORCEMENT_RESULT, title="执法结果汇总"
        ),
        "approval": factories.PublishedEntryFactory(
            agency=city, clearance_aspect=ClearanceAspect.APPROVAL_BASIS, title="许可设定依据"
        ),
        "fees": factories.PublishedEntryFactory(
            agency=city, clearance_aspect=ClearanceAspect.FEES, title="收费项目目录"
        ),
    }
    hidden = [
        factories.EntryFactory(
            agency=city, clearance_aspect=ClearanceAspect.FEES, title="草稿收费文件"
        ),
        factories.PublishedEntryFactory(
            agency=city,
            clearance_aspect=ClearanceAspect.FEES,
            scope=Scope.INTERNAL,
            title="内部收费",
        ),
        factories.PublishedEntryFactory(
            agency=other_city, clearance_aspect=ClearanceAspect.FEES, title="他市收费"
        ),
        factories.PublishedEntryFactory(agency=city, title="无标签的通知"),
    ]
    html = client.get(agency_url(city)).content.decode()
    panels = {
        area: re.search(rf'id="area-{area}".*?</section>', html, re.S).group(0) for area in tagged
    }
    for area, entry in tagged.items():
        assert entry.title in panels[area]
        for other in set(tagged) - {area}:
            assert entry.title not in panels[other]
    for entry in hidden:
        assert entry.title not in html


def test_agency_overview_says_not_published_for_empty_areas(client, city):
    html = client.get(agency_url(city), **EN).content.decode()
    assert len(re.findall(r'<span class="area-score-text">Not published</span>', html)) == 4


def test_agency_overview_links_subordinates_and_parent(client, agency, city):
    county = factories.CountyAgencyFactory(parent=city, name="某某区市场监督管理局")
    html = client.get(agency_url(city)).content.decode()
    assert f'href="{agency_url(county)}"' in html
    assert f'href="{agency_url(agency)}"' in html
    assert f'href="{city.get_absolute_url()}"' in html


def test_unknown_agency_overview_is_404(client, db):
    assert client.get("/clearances/agencies/no-such-agency/").status_code == 404


@pytest.mark.parametrize("size", [1, 5])
def test_agency_overview_query_count_does_not_grow(
    client, agency, size, django_assert_max_num_queries
):
    city = factories.CityAgencyFactory(parent=agency)
    powers(city)
    for n in range(size):
        factories.CountyAgencyFactory(parent=city)
        penalty = complete_penalty(city)
        licence = factories.PublishedPowerItemFactory(agency=city, kind=PowerKind.LICENSING)
        factories.PublishedDecisionFactory(agency=city, power_item=penalty)
        factories.PublishedDecisionFactory(agency=city, power_item=licence, fine_amount=None)
        factories.PublishedFeeItemFactory(agency=city)
        factories.DepartmentFactory(agency=city, name=f"科室{n}", duties="职责")
        workflow(city, f"流程{n}")
        for aspect in ClearanceAspect:
            factories.PublishedEntryFactory(agency=city, clearance_aspect=aspect)
    # agency, 5 completeness, kinds, 4 tagged areas, quotas, departments, workflows,
    # 2 latest items, 2 latest decisions, fees, published fees, children, navigation
    with django_assert_max_num_queries(22):
        assert client.get(agency_url(city)).status_code == 200


# The agency page: department powers ----------------------------------------


def test_agency_page_shows_department_powers(client, city):
    flow = powers(city)
    second = workflow(city, "登记注册流程", steps=("申请", "受理", "核准", "发照"), sort_order=2)
    entry = factories.PublishedEntryFactory(
        agency=city, clearance_aspect=ClearanceAspect.POWERS_WORKFLOW, title="工作流程图解"
    )
    fees_entry = factories.PublishedEntryFactory(
        agency=city, clearance_aspect=ClearanceAspect.FEES, title="收费公示"
    )
    html = client.get(city.get_absolute_url(), **EN).content.decode()
    section = re.search(r'<section class="panel" id="powers".*?</section>', html, re.S).group(0)
    for text in (
        "Administrative staffing",
        ">80<",
        ">76<",
        "Leadership posts",
        "法制科",
        "负责行政处罚案件法制审核。",
        "内设办公室、法制科、登记注册科。",
        f'id="workflow-{flow.pk}"',
        f'id="workflow-{second.pk}"',
        entry.title,
        agency_url(city),
    ):
        assert text in section, text
    assert fees_entry.title not in section
    steps = re.search(
        rf'id="workflow-{second.pk}".*?<ol class="flow process-steps">(.*?)</ol>', section, re.S
    ).group(1)
    assert re.findall(r'<span class="flow-step">(.*?)</span>', steps) == [
        "申请",
        "受理",
        "核准",
        "发照",
    ]
    nav = re.search(r'id="agency-sections".*?</ul>\s*</li>', html, re.S).group(0)
    for anchor in ("#powers", "#structure", "#staffing", "#departments", "#workflows"):
        assert f'href="{anchor}"' in nav


def test_agency_page_without_department_powers_says_so(client, city):
    html = client.get(city.get_absolute_url(), **EN).content.decode()
    assert "has not yet published its department powers" in html
    assert 'href="#workflows"' not in html


@pytest.mark.parametrize("size", [1, 4])
def test_agency_page_department_powers_take_a_fixed_number_of_queries(
    client, city, size, django_assert_max_num_queries
):
    powers(city)
    for n in range(size):
        workflow(city, f"流程{n}")
        factories.PublishedEntryFactory(agency=city, clearance_aspect=ClearanceAspect.POWERS_DUTIES)
    # agency, children, departments, quotas, workflows, their steps, tagged entries,
    # latest entries, navigation guide link
    with django_assert_max_num_queries(9):
        assert client.get(city.get_absolute_url()).status_code == 200

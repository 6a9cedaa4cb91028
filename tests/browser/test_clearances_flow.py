"""A business walks the four clearances in a real browser (issue 3, "Show it"):
the overview, an enforcement item with its process, its decisions, and a fee item."""

import datetime

import pytest

from catalog.models import PartyKind, PowerKind
from tests import factories
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STEPS = ["立案", "调查取证", "审理", "告知", "决定", "送达", "执行"]


@pytest.fixture
def clearances():
    province = factories.AgencyFactory(name="辽宁省市场监督管理局", slug="liaoning")
    shenyang = factories.CityAgencyFactory(
        parent=province, name="沈阳市市场监督管理局", short_name="沈阳市局", slug="shenyang"
    )
    fee = factories.PublishedFeeItemFactory(
        agency=shenyang, name="特种设备检验检测费", amount="300.00", unit="台次"
    )
    penalty = factories.PublishedPowerItemFactory(
        agency=shenyang,
        kind=PowerKind.PENALTY,
        code="CF-2101-001",
        name="对销售不合格电线电缆行为的处罚",
        fee_item=fee,
    )
    for order, name in enumerate(STEPS, start=1):
        factories.PowerItemStepFactory(power_item=penalty, order=order, name=name)
    factories.PublishedDecisionFactory(
        agency=shenyang,
        power_item=penalty,
        number="沈市监处罚〔2026〕8号",
        decided_on=datetime.date.today() - datetime.timedelta(days=30),
        party_kind=PartyKind.NATURAL_PERSON,
        party_name="张三丰",
        party_code="210102199001011234",
        legal_representative="",
    )
    factories.PublishedDecisionFactory(
        agency=shenyang,
        power_item=penalty,
        number="沈市监处罚〔2026〕9号",
        decided_on=datetime.date.today() - datetime.timedelta(days=20),
        party_name="沈阳示例电缆有限公司",
    )
    return {"penalty": penalty, "fee": fee}


def test_business_goes_from_the_overview_to_an_enforcement_item_its_decisions_and_a_fee(
    live_server, page, clearances
):
    penalty, fee = clearances["penalty"], clearances["fee"]

    # The overview, through the main navigation.
    page.goto(live_server.url + "/")
    page.locator("nav.mainnav a[href='/clearances/']").click()
    page.wait_for_url("**/clearances/")
    assert_accessible(page, "overview")

    # The city's four areas side by side.
    page.get_by_role("link", name="沈阳市市场监督管理局").first.click()
    page.wait_for_url("**/clearances/agencies/shenyang/")
    for area in ("部门职权", "执法事项", "行政审批事项", "收费项目和标准"):
        assert page.get_by_role("heading", name=area).count() >= 1
    assert_accessible(page, "agency overview")

    # The enforcement item: legal basis, the process as a numbered list, remedies.
    page.get_by_role("link", name=penalty.name).first.click()
    page.wait_for_url(f"**{penalty.get_absolute_url()}")
    steps = page.locator("ol.process-steps > li")
    assert steps.count() == len(STEPS)
    assert steps.first.inner_text().startswith("立案")
    assert "产品质量法" in page.content()
    assert_accessible(page, "enforcement item")

    # Its decisions: the natural person appears only masked.
    page.get_by_role("link", name="本事项全部决定").click()
    page.wait_for_url("**/clearances/decisions/?power=*")
    table = page.locator("table").first.inner_text()
    assert "张**" in table
    assert "沈阳示例电缆有限公司" in table
    assert "张三丰" not in page.content()
    assert_accessible(page, "decisions of the item")
    page.get_by_role("link", name="沈市监处罚〔2026〕8号").click()
    assert "210102********1234" in page.content()
    assert "199001011234" not in page.content()
    assert "张三丰" not in page.content()
    assert_accessible(page, "decision")

    # Back on the item, its fee.
    page.goto(live_server.url + penalty.get_absolute_url())
    page.get_by_role("link", name=fee.name).first.click()
    page.wait_for_url(f"**{fee.get_absolute_url()}")
    assert "300.00" in page.content()
    assert page.get_by_role("link", name=penalty.name).count() == 1  # and back to the item
    assert_accessible(page, "fee item")

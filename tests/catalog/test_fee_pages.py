"""The public fee items (收费项目和标准): the list, its facets, a fee's page, links and queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from catalog.models import FeeStatus, PowerStatus, ReviewStatus
from tests import factories

pytestmark = pytest.mark.django_db

LIST = reverse("catalog:fee_item_list")
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def listed_names(response):
    return [fee.name for fee in response.context["page_obj"].object_list]


def published(**kwargs):
    return factories.PublishedFeeItemFactory(**kwargs)


def suspended(**kwargs):
    return published(
        fee_status=FeeStatus.SUSPENDED,
        suspended_on=datetime.date(2025, 1, 1),
        status_basis="辽财税〔2024〕88号",
        **kwargs,
    )


def abolished(**kwargs):
    return published(
        fee_status=FeeStatus.ABOLISHED,
        abolished_on=datetime.date(2017, 6, 1),
        status_basis="国发〔2017〕34号",
        **kwargs,
    )


def detail(client, fee, **kwargs):
    return client.get(fee.get_absolute_url(), **kwargs)


# Visibility -----------------------------------------------------------------


def test_list_shows_published_current_fees_only(client, agency):
    published(agency=agency, name="征收中")
    suspended(agency=agency, name="暂停征收")
    abolished(agency=agency, name="已取消")
    factories.FeeItemFactory(agency=agency, name="草稿")
    factories.FeeItemFactory(agency=agency, name="审核中", status=ReviewStatus.IN_REVIEW)
    published(
        agency=agency, name="已撤回", status=ReviewStatus.WITHDRAWN, withdrawn_at=timezone.now()
    )

    assert sorted(listed_names(client.get(LIST))) == sorted(["征收中", "暂停征收"])


@pytest.mark.parametrize(
    ("status", "expected"),
    [("collected", ["征收中"]), ("suspended", ["暂停征收"]), ("abolished", ["已取消"])],
)
def test_status_facet(client, agency, status, expected):
    published(agency=agency, name="征收中")
    suspended(agency=agency, name="暂停征收")
    abolished(agency=agency, name="已取消")
    factories.FeeItemFactory(
        agency=agency,
        name="已取消的草稿",
        fee_status=FeeStatus.ABOLISHED,
        abolished_on=datetime.date(2017, 6, 1),
    )

    assert listed_names(client.get(LIST, {"status": status})) == expected


@pytest.mark.parametrize("status", [ReviewStatus.DRAFT, ReviewStatus.IN_REVIEW])
def test_unpublished_fee_answers_404(client, agency, status):
    assert detail(client, factories.FeeItemFactory(agency=agency, status=status)).status_code == 404


def test_withdrawn_fee_answers_410_with_its_code_and_name_only(client, agency):
    fee = published(
        agency=agency,
        code="SF-0099",
        name="已撤回的收费",
        approving_document="辽价发〔2001〕1号",
        status=ReviewStatus.WITHDRAWN,
        withdrawn_at=timezone.now(),
    )

    response = detail(client, fee, **EN)

    assert response.status_code == 410
    body = response.content.decode()
    assert "SF-0099" in body
    assert "已撤回的收费" in body
    assert "The fee item" in body
    assert "辽价发〔2001〕1号" not in body


def test_abolished_fee_stays_visible_with_a_notice(client, agency):
    fee = abolished(agency=agency)

    response = detail(client, fee, **EN)

    assert response.status_code == 200
    text = strip_tags(response.content.decode())
    assert "This fee was abolished on 2017-06-01" in text
    assert "国发〔2017〕34号" in text


def test_suspended_fee_says_so(client, agency):
    text = strip_tags(detail(client, suspended(agency=agency), **EN).content.decode())

    assert "This fee is suspended from 2025-01-01" in text
    assert "辽财税〔2024〕88号" in text


# Facets and keywords ----------------------------------------------------------


def test_agency_facet_includes_subordinate_agencies(client, agency, city, other_city):
    county = factories.CountyAgencyFactory(parent=city)
    published(agency=agency, name="省局收费")
    published(agency=city, name="市局收费")
    published(agency=county, name="县局收费")
    published(agency=other_city, name="他市收费")

    assert sorted(listed_names(client.get(LIST, {"agency": city.slug}))) == sorted(
        ["市局收费", "县局收费"]
    )


@pytest.mark.parametrize(
    ("field", "value", "term"),
    [
        ("code", "SF-7788", "sf-7788"),
        ("name", "特种设备检验费", "特种设备"),
        ("legal_basis", "《中华人民共和国计量法》第二十二条", "计量法"),
    ],
)
def test_keyword_search_matches_code_name_and_legal_basis(client, agency, field, value, term):
    published(agency=agency, **{"name": "命中收费", field: value})
    published(agency=agency, name="无关收费", legal_basis="《其他法》", code="X-1")

    assert listed_names(client.get(LIST, {"q": term})) == [value if field == "name" else "命中收费"]


def test_keyword_search_finds_an_approving_document_typed_with_square_brackets(client, agency):
    published(agency=agency, name="命中收费", approving_document="辽价发〔2016〕41号")
    published(agency=agency, name="无关收费", approving_document="辽价发〔2016〕42号")

    assert listed_names(client.get(LIST, {"q": "辽价发[2016]41号"})) == ["命中收费"]


def test_an_abolished_fee_is_found_by_keyword_when_abolished_fees_are_listed(client, agency):
    published(agency=agency, name="计量器具检定费")
    abolished(agency=agency, name="计量认证费")

    assert listed_names(client.get(LIST, {"q": "计量"})) == ["计量器具检定费"]
    assert listed_names(client.get(LIST, {"q": "計量", "status": "abolished"})) == ["计量认证费"]


def test_bad_input_is_reported_next_to_the_field(client, agency):
    published(agency=agency, name="收费")

    response = client.get(LIST, {"agency": "no-such", "status": "gone", "q": "收费"}, **EN)

    body = response.content.decode()
    assert "There is no such agency" in body
    assert 'id="id_status_error"' in body
    assert 'value="收费"' in body
    assert listed_names(response) == ["收费"]


# A fee's page ---------------------------------------------------------------------


def test_fee_page_shows_basis_document_standard_and_payer(client, agency):
    fee = published(
        agency=agency,
        code="SF-0001",
        name="计量器具检定费",
        legal_basis="《中华人民共和国计量法》第二十二条\n《辽宁省计量监督条例》第十八条",
        approving_document="辽价发〔2019〕12号",
        amount="120.00",
        unit="台次",
        payer="申请计量检定的单位和个人",
        collected_from=datetime.date(2019, 7, 1),
    )

    response = detail(client, fee, **EN)

    body = response.content.decode()
    text = strip_tags(body)
    for expected in [
        "SF-0001",
        agency.name,
        "辽价发〔2019〕12号",
        "120.00 yuan per 台次",
        "申请计量检定的单位和个人",
        "Collected (征收)",
        "collected from 2019-07-01",
    ]:
        assert expected in text, expected
    assert "<li>《辽宁省计量监督条例》第十八条</li>" in body


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({"amount": None, "amount_min": "200.00", "amount_max": "1500.00"}, "200.00 to 1500.00"),
        ({"amount": None, "amount_min": "50.00", "unit": ""}, "from 50.00 yuan"),
        ({"amount": None, "unit": "", "standard": "按评审工作量收取"}, "按评审工作量收取"),
    ],
)
def test_fee_standard_as_a_range_or_in_words(client, agency, fields, shown):
    fee = published(agency=agency, **fields)

    assert shown in strip_tags(detail(client, fee, **EN).content.decode())


def test_fee_page_links_the_published_power_items_that_charge_it(client, agency):
    fee = published(agency=agency)
    in_force = factories.PublishedPowerItemFactory(agency=agency, fee_item=fee, name="收费事项")
    gone = factories.PublishedPowerItemFactory(
        agency=agency,
        fee_item=fee,
        name="已取消的收费事项",
        power_status=PowerStatus.ABOLISHED,
        abolished_on=datetime.date(2025, 1, 1),
    )
    draft = factories.PowerItemFactory(agency=agency, fee_item=fee, name="草稿收费事项")

    body = detail(client, fee, **EN).content.decode()

    assert f'href="{in_force.get_absolute_url()}"' in body
    assert f'href="{gone.get_absolute_url()}"' in body
    assert "Abolished (已取消)" in body
    assert draft.get_absolute_url() not in body
    assert "草稿收费事项" not in body


def test_breadcrumbs_lead_through_the_clearances_and_the_fee_list(client, agency):
    fee = published(agency=agency, name="检定费")

    crumbs = detail(client, fee).context["breadcrumbs"]

    assert [url for _, url in crumbs] == [
        reverse("catalog:home"),
        reverse("catalog:clearances"),
        LIST,
        None,
    ]


# Query counts -------------------------------------------------------------------


# The agency select, the count, the page, the agency facet's lookup, the header's link.
LIST_QUERY_LIMIT = 5


def test_list_query_count_does_not_grow_with_the_page_size(
    client, settings, django_assert_max_num_queries
):
    province = factories.AgencyFactory()
    cities = [factories.CityAgencyFactory(parent=province) for _ in range(3)]
    for i in range(60):
        published(agency=[province, *cities][i % 4])
    counts = []
    for page_size in (5, 50):
        settings.CATALOG_PAGE_SIZE = page_size

        with django_assert_max_num_queries(LIST_QUERY_LIMIT) as captured:
            response = client.get(LIST, {"agency": province.slug, "q": "检定"})

        assert len(listed_names(response)) == page_size
        counts.append(len(captured))
    assert counts[0] == counts[1]

"""Published decisions (结果公示): what the public lists and pages show, and for how long."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from catalog.models import DecisionKind, PartyKind, PowerKind, ReviewStatus
from tests import factories

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
LIST_URL = reverse("catalog:decision_list")
# 2029-06-01 noon in Shanghai: the penalty periods below are counted from here.
TODAY = datetime.datetime(2029, 6, 1, 12, 0, tzinfo=datetime.UTC) - datetime.timedelta(hours=8)

PERSON_NAME = "张三丰"
PERSON_ID = "210102198001011234"


def listed_numbers(response):
    return [decision.number for decision in response.context["page_obj"].object_list]


def detail_url(decision):
    return reverse("catalog:decision_detail", kwargs={"pk": decision.pk})


def published(**kwargs):
    return factories.PublishedDecisionFactory(**kwargs)


def licence_power(agency):
    return factories.PublishedPowerItemFactory(
        agency=agency, kind=PowerKind.LICENSING, name="食品经营许可"
    )


def person_decision(agency, **kwargs):
    kwargs.setdefault("facts", "当事人在集贸市场销售过期食品。")
    return published(
        agency=agency,
        party_kind=PartyKind.NATURAL_PERSON,
        party_name=PERSON_NAME,
        party_code=PERSON_ID,
        legal_representative="",
        **kwargs,
    )


def assert_person_masked(html):
    assert PERSON_NAME not in html
    assert PERSON_ID not in html
    assert "三丰" not in html


# Visibility ---------------------------------------------------------------


def test_list_shows_only_published_decisions(client, agency):
    shown = published(agency=agency, number="辽市监罚〔2026〕1号")
    for status in (ReviewStatus.DRAFT, ReviewStatus.IN_REVIEW, ReviewStatus.WITHDRAWN):
        factories.DecisionFactory(
            agency=agency, status=status, number=f"辽市监罚〔2026〕{status}号"
        )
    response = client.get(LIST_URL)
    assert listed_numbers(response) == [shown.number]
    assert "draft" not in response.content.decode()


@pytest.mark.parametrize("status", [ReviewStatus.DRAFT, ReviewStatus.IN_REVIEW])
def test_unpublished_decision_is_404(client, agency, status):
    decision = factories.DecisionFactory(agency=agency, status=status)
    assert client.get(detail_url(decision)).status_code == 404


def test_unknown_decision_is_404(client, db):
    assert client.get(reverse("catalog:decision_detail", kwargs={"pk": 999})).status_code == 404


def test_withdrawn_decision_is_410_with_its_number_only(client, agency):
    decision = published(
        agency=agency,
        status=ReviewStatus.WITHDRAWN,
        withdrawn_at=timezone.now(),
        party_name="沈阳撤回商贸有限公司",
        content="罚款五万元。",
    )
    response = client.get(detail_url(decision), **EN)
    html = response.content.decode()
    assert response.status_code == 410
    assert decision.number in html
    assert "withdrawn" in html
    for hidden in (decision.party_name, decision.party_code, decision.facts, decision.content):
        assert hidden not in html


@time_machine.travel(TODAY, tick=False)
def test_penalty_leaves_the_list_after_three_years(client, agency):
    recent = published(agency=agency, number="罚-近期", decided_on=datetime.date(2026, 6, 2))
    old = published(agency=agency, number="罚-已满", decided_on=datetime.date(2026, 6, 1))
    assert listed_numbers(client.get(LIST_URL)) == [recent.number]
    assert client.get(detail_url(recent)).status_code == 200
    assert old.number not in client.get(LIST_URL, {"q": "罚"}).content.decode()


@time_machine.travel(TODAY, tick=False)
def test_penalty_past_its_period_is_410_without_party_facts_or_content(client, agency):
    old = published(
        agency=agency,
        number="辽市监罚〔2025〕9号",
        decided_on=datetime.date(2025, 3, 10),
        party_name="大连过期公示有限公司",
        legal_representative="李四",
        content="责令改正，罚款三万元。",
    )
    response = client.get(detail_url(old), **EN)
    html = response.content.decode()
    assert response.status_code == 410
    assert "Publication period ended" in html
    assert old.number in html
    assert "2028-03-10" in html  # the day it left public display: three years on
    for hidden in (old.party_name, old.party_code, old.legal_representative, old.facts):
        assert hidden not in html
    assert old.content not in html


@time_machine.travel(TODAY, tick=False)
def test_licence_without_end_stays_on_display(client, agency):
    licence = published(
        agency=agency,
        power_item=licence_power(agency),
        number="辽市监许〔2019〕1号",
        decided_on=datetime.date(2019, 1, 5),
        fine_amount=None,
    )
    assert licence.kind == DecisionKind.LICENCE
    assert listed_numbers(client.get(LIST_URL)) == [licence.number]
    response = client.get(detail_url(licence), **EN)
    assert response.status_code == 200
    assert "No end date" in response.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_minor_penalty_is_shown_for_six_months(client, agency):
    within = published(
        agency=agency, number="警告-五个月", minor=True, decided_on=datetime.date(2029, 1, 1)
    )
    past = published(
        agency=agency, number="警告-七个月", minor=True, decided_on=datetime.date(2028, 11, 1)
    )
    assert listed_numbers(client.get(LIST_URL)) == [within.number]
    assert client.get(detail_url(past)).status_code == 410
    html = client.get(detail_url(within)).content.decode()
    assert "2029-07-01" in html  # on display until


@time_machine.travel(TODAY, tick=False)
def test_a_longer_period_in_settings_keeps_an_old_penalty_visible(client, agency, settings):
    old = published(agency=agency, number="罚-四年前", decided_on=datetime.date(2025, 6, 10))
    assert listed_numbers(client.get(LIST_URL)) == []
    settings.DECISION_PUBLICATION_MONTHS = {"penalty": 60}
    assert listed_numbers(client.get(LIST_URL)) == [old.number]
    assert client.get(detail_url(old)).status_code == 200


# The detail page ------------------------------------------------------------


def test_penalty_detail_shows_the_decision_and_remedies(client, agency):
    decision = published(
        agency=agency,
        number="辽市监罚〔2026〕18号",
        party_name="沈阳示例电缆有限公司",
        party_code=factories.make_credit_code(424242),
        legal_representative="王建国",
        facts="当事人销售不合格电线电缆。",
        basis="《中华人民共和国产品质量法》第四十九条",
        content="没收违法销售的产品，并处罚款。",
        fine_amount="20000.00",
        confiscated_amount="3500.50",
    )
    response = client.get(detail_url(decision), **EN)
    html = response.content.decode()
    assert response.status_code == 200
    for shown in (
        decision.number,
        "2026-05-12",
        agency.name,
        decision.power_item.name,
        decision.power_item.get_absolute_url(),
        "沈阳示例电缆有限公司",
        decision.party_code,
        "王**",
        "当事人销售不合格电线电缆。",
        "第四十九条",
        "没收违法销售的产品，并处罚款。",
        "20,000.00",
        "3,500.50",
        "2029-05-12",  # on display until: three years
        "within 60 days",
        "within 6 months",
        decision.power_item.reconsideration_body,
        decision.power_item.litigation_court,
    ):
        assert shown in html, shown
    assert "王建国" not in html
    assert decision.number in html.split("</title>")[0]


def test_licence_detail_shows_licence_number_and_validity(client, agency):
    decision = published(
        agency=agency,
        power_item=licence_power(agency),
        fine_amount=None,
        licence_number="JY12101020000123",
        valid_from=datetime.date(2026, 5, 12),
        valid_until=datetime.date(2031, 5, 11),
    )
    html = client.get(detail_url(decision), **EN).content.decode()
    for shown in ("JY12101020000123", "2026-05-12", "2031-05-11", "食品经营许可"):
        assert shown in html
    assert "Fine" not in html


def test_individual_business_shows_its_name_and_code_but_masks_the_operator(client, agency):
    decision = published(
        agency=agency,
        party_kind=PartyKind.INDIVIDUAL_BUSINESS,
        party_name="和平区老王烟酒商行",
        party_code=factories.make_credit_code(515151),
        legal_representative="王大明",
    )
    html = client.get(detail_url(decision), **EN).content.decode()
    assert "和平区老王烟酒商行" in html
    assert decision.party_code in html
    assert "王**" in html
    assert "王大明" not in html


def test_detail_links_the_power_item_only_when_published(client, agency):
    power = factories.PublishedPowerItemFactory(agency=agency)
    decision = published(agency=agency, power_item=power)
    power.status = ReviewStatus.WITHDRAWN
    power.save()
    html = client.get(detail_url(decision)).content.decode()
    assert power.name in html
    assert power.get_absolute_url() not in html


# Masking of natural persons -----------------------------------------------


def test_natural_person_is_masked_on_the_list(client, agency):
    person_decision(agency)
    html = client.get(LIST_URL).content.decode()
    assert "张**" in html
    assert_person_masked(html)


def test_natural_person_is_masked_on_the_detail_page_and_its_title(client, agency):
    decision = person_decision(agency)
    html = client.get(detail_url(decision), **EN).content.decode()
    assert "张**" in html
    assert "210102********1234" in html
    assert "Identity document number" in html
    assert_person_masked(html)
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "张" not in title


def test_natural_person_is_masked_on_the_agency_overview(client, agency):
    person_decision(agency)
    response = client.get(reverse("catalog:clearances_agency", kwargs={"slug": agency.slug}))
    html = response.content.decode()
    assert "张**" in html
    assert_person_masked(html)


def test_searching_a_natural_persons_full_name_or_id_finds_nothing(client, agency):
    decision = person_decision(agency)
    for term in (PERSON_NAME, PERSON_ID, "三丰"):
        response = client.get(LIST_URL, {"q": term})
        assert listed_numbers(response) == []
        # The search box keeps what the visitor typed; no decision is shown.
        html = response.content.decode()
        assert decision.number not in html
        assert "张**" not in html


def test_a_natural_persons_name_repeated_in_the_decision_text_finds_nothing(client, agency):
    decision = person_decision(
        agency,
        facts=f"{PERSON_NAME}（身份证号{PERSON_ID}）在集贸市场销售过期食品。",
        content=f"对{PERSON_NAME}处以罚款。",
    )
    for term in (PERSON_NAME, PERSON_ID, "张三丰 罚款"):
        assert listed_numbers(client.get(LIST_URL, {"q": term})) == [], term
    assert listed_numbers(client.get(LIST_URL, {"q": "过期食品"})) == [decision.number]


def test_search_finds_an_organisation_by_credit_code_and_traditional_name(client, agency):
    decision = published(agency=agency, party_name="营口示例机电有限公司")
    published(agency=agency, party_name="其他机电公司")

    for term in (decision.party_code, decision.party_code.lower(), "營口示例機電"):
        assert listed_numbers(client.get(LIST_URL, {"q": term})) == [decision.number], term


def test_search_finds_organisations_numbers_and_power_items(client, agency):
    decision = published(
        agency=agency, number="辽市监罚〔2026〕77号", party_name="营口示例机电有限公司"
    )
    published(agency=agency, number="辽市监罚〔2026〕78号", party_name="其他公司")
    for term in ("营口示例机电", "〔2026〕77号", "辽市监罚[2026]77号", decision.party_code):
        assert listed_numbers(client.get(LIST_URL, {"q": term})) == [decision.number], term


# Facets -------------------------------------------------------------------


def test_agency_facet_includes_subordinate_agencies(client, agency, city, other_city):
    county = factories.CountyAgencyFactory(parent=city)
    mine = published(agency=county, number="县局罚1号")
    published(agency=other_city, number="他市罚1号")
    assert listed_numbers(client.get(LIST_URL, {"agency": city.slug})) == [mine.number]


def test_kind_and_year_facets(client, agency):
    licence = published(
        agency=agency, power_item=licence_power(agency), number="许1号", fine_amount=None
    )
    penalty = published(agency=agency, number="罚1号", decided_on=datetime.date(2025, 8, 1))
    assert listed_numbers(client.get(LIST_URL, {"kind": "licence"})) == [licence.number]
    assert listed_numbers(client.get(LIST_URL, {"kind": "penalty"})) == [penalty.number]
    assert listed_numbers(client.get(LIST_URL, {"year": "2025"})) == [penalty.number]


def test_power_facet_names_the_power_item_in_the_heading(client, agency):
    power = factories.PublishedPowerItemFactory(agency=agency, name="对虚假广告行为的处罚")
    mine = published(agency=agency, power_item=power, number="广告罚1号")
    published(agency=agency, number="其他罚1号")
    response = client.get(LIST_URL, {"power": power.pk}, **EN)
    html = response.content.decode()
    assert listed_numbers(response) == [mine.number]
    assert re.search(r"<h1[^>]*>\s*Published decisions: 对虚假广告行为的处罚", html)
    assert f'name="power" value="{power.pk}"' in html


def test_bad_facet_values_are_reported_and_the_rest_still_applies(client, agency):
    draft_power = factories.PowerItemFactory(agency=agency)
    decision = published(agency=agency, number="罚2号")
    response = client.get(
        LIST_URL, {"year": "abc", "power": draft_power.pk, "agency": "nowhere", "q": "罚2"}, **EN
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert listed_numbers(response) == [decision.number]
    assert "Enter a year as four digits" in html
    assert 'value="abc"' in html
    assert "There is no such published power item." in html
    assert "There is no such agency." in html


def test_list_is_paged(client, agency, settings):
    settings.CATALOG_PAGE_SIZE = 2
    for n in range(5):
        published(agency=agency, number=f"分页罚{n}号")
    first = client.get(LIST_URL)
    assert len(listed_numbers(first)) == 2
    assert first.context["page_obj"].paginator.num_pages == 3
    assert len(listed_numbers(client.get(LIST_URL, {"page": 3}))) == 1


def test_list_shows_fines_for_penalties_only(client, agency):
    published(agency=agency, fine_amount="12345.00")
    published(agency=agency, power_item=licence_power(agency), fine_amount="999.00")
    html = client.get(LIST_URL, **EN).content.decode()
    assert "12,345.00" in html
    assert "999.00" not in html


@pytest.mark.parametrize("size", [1, 12])
def test_list_query_count_does_not_grow(client, agency, size, django_assert_max_num_queries):
    cities = factories.CityAgencyFactory.create_batch(2, parent=agency)
    for n in range(size):
        published(agency=cities[n % 2])
        published(agency=cities[n % 2], power_item=licence_power(cities[n % 2]), fine_amount=None)
    power = factories.PublishedPowerItemFactory(agency=agency)
    # count, page, agency choices, navigation guide link; plus the agency and power lookups
    with django_assert_max_num_queries(4):
        assert client.get(LIST_URL).status_code == 200
    with django_assert_max_num_queries(7):
        params = {"agency": agency.slug, "power": power.pk, "q": "公司", "kind": "penalty"}
        assert client.get(LIST_URL, params).status_code == 200


def test_detail_query_count(client, agency, django_assert_max_num_queries):
    decision = published(agency=agency)
    with django_assert_max_num_queries(2):
        assert client.get(detail_url(decision)).status_code == 200


def test_a_natural_persons_name_and_number_are_masked_inside_the_decision_texts(client, agency):
    decision = factories.PublishedDecisionFactory(
        agency=agency,
        party_kind=PartyKind.NATURAL_PERSON,
        party_name="李明华",
        party_code="210102199001011234",
        legal_representative="",
        facts="当事人李明华（身份证号２１０１０２１９９００１０１１２３４）销售过期食品。",
        basis="依据《食品安全法》对李 明 华作出处罚。",
        content="对李明华罚款五千元。",
    )
    texts = [
        client.get(decision.get_absolute_url()).content.decode(),
        client.get(reverse("catalog:feed_decisions", kwargs={"format": "rss"})).content.decode(),
        client.get(f"/api/v1/decisions/{decision.pk}").content.decode(),
    ]
    for text in texts:
        assert "李明华" not in text and "李 明 华" not in text
        assert (
            "２１０１０２１９９００１０１１２３４" not in text and "210102199001011234" not in text
        )
    page = texts[0]
    assert "当事人李**" in page and "销售过期食品" in page
    assert "对李**罚款五千元" in page

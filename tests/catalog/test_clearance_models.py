"""The four-clearance records: what counts as public, publication periods, masking,
the shared review workflow and the rules the database and ``clean()`` enforce."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.utils import translation

from catalog import masking, workflow
from catalog.models import (
    DecisionKind,
    DecisionRecord,
    FeeItem,
    FeeStatus,
    PartyKind,
    PowerItem,
    PowerKind,
    PowerStatus,
    ReviewAction,
    ReviewEvent,
    ReviewStatus,
    StaffRole,
)
from catalog.models.decisions import add_months
from tests import factories

pytestmark = pytest.mark.django_db


# Masking (PIPL; DOMAIN.md section 4) -------------------------------------------


@pytest.mark.parametrize(
    ("name", "masked"),
    [("张三丰", "张**"), ("李四", "李*"), ("欧阳", "欧*"), ("王", "*"), ("", "")],
)
def test_mask_name_keeps_only_the_surname(name, masked):
    assert masking.mask_name(name) == masked


def test_mask_id_number_keeps_the_first_six_and_last_four_characters():
    assert masking.mask_id_number("21010219900101123X") == "210102********123X"
    assert masking.mask_id_number("E12345678") == "*******78"
    assert masking.mask_id_number("") == ""


def test_mask_phone_keeps_the_first_three_and_last_four_digits():
    assert masking.mask_phone("13812345678") == "138****5678"


# Power items: visibility ---------------------------------------------------------


def test_listed_power_items_are_published_and_in_force(agency):
    shown = factories.PublishedPowerItemFactory(agency=agency)
    factories.PowerItemFactory(agency=agency)  # draft
    factories.PowerItemFactory(agency=agency, status=ReviewStatus.IN_REVIEW)
    factories.PublishedPowerItemFactory(agency=agency, status=ReviewStatus.WITHDRAWN)
    abolished = factories.PublishedPowerItemFactory(
        agency=agency,
        power_status=PowerStatus.ABOLISHED,
        abolished_on=datetime.date(2025, 6, 1),
    )
    assert list(PowerItem.objects.listed()) == [shown]
    assert list(PowerItem.objects.published().abolished()) == [abolished]


def test_enforcement_area_holds_penalty_coercion_and_inspection_and_approvals_licensing(agency):
    items = {
        kind: factories.PublishedPowerItemFactory(agency=agency, kind=kind) for kind in PowerKind
    }
    enforcement = set(PowerItem.objects.enforcement())
    assert enforcement == {
        items[PowerKind.PENALTY],
        items[PowerKind.COERCION],
        items[PowerKind.INSPECTION],
    }
    assert list(PowerItem.objects.approvals()) == [items[PowerKind.LICENSING]]
    assert items[PowerKind.REWARD].area is None
    assert items[PowerKind.LICENSING].takes_decisions
    assert not items[PowerKind.INSPECTION].takes_decisions


def test_power_items_of_an_agency_tree_include_its_subordinates(agency, city, other_city):
    own = factories.PublishedPowerItemFactory(agency=city)
    factories.PublishedPowerItemFactory(agency=other_city)
    above = factories.PublishedPowerItemFactory(agency=agency)
    assert set(PowerItem.objects.for_agency_tree(city)) == {own}
    assert own in PowerItem.objects.for_agency_tree(agency)
    assert above in PowerItem.objects.for_agency_tree(agency)


# Power items and fees: rules ---------------------------------------------------------


def test_promised_time_limit_cannot_exceed_the_statutory_one(agency):
    item = factories.PowerItemFactory.build(agency=agency, statutory_days=20, promised_days=25)
    with translation.override("en"):
        with pytest.raises(ValidationError) as excinfo:
            item.full_clean()
        assert "longer than the statutory" in str(excinfo.value.message_dict["promised_days"])
    with pytest.raises(IntegrityError), transaction.atomic():
        item.save()


def test_an_abolished_power_needs_its_date(agency):
    item = factories.PowerItemFactory.build(agency=agency, power_status=PowerStatus.ABOLISHED)
    with pytest.raises(ValidationError) as excinfo:
        item.full_clean()
    assert "abolished_on" in excinfo.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        item.save()


def test_power_code_is_unique_within_an_agency_only(agency, city):
    factories.PowerItemFactory(agency=agency, code="X-1")
    factories.PowerItemFactory(agency=city, code="X-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.PowerItemFactory(agency=agency, code="X-1")


def test_power_item_cannot_charge_another_agencys_fee(agency, city):
    fee = factories.FeeItemFactory(agency=city)
    item = factories.PowerItemFactory.build(agency=agency, fee_item=fee)
    with pytest.raises(ValidationError) as excinfo:
        item.full_clean()
    assert "fee_item" in excinfo.value.message_dict


def test_fee_status_needs_its_dates_and_an_amount_or_words(agency):
    suspended = factories.FeeItemFactory.build(agency=agency, fee_status=FeeStatus.SUSPENDED)
    with pytest.raises(ValidationError) as excinfo:
        suspended.full_clean()
    assert "suspended_on" in excinfo.value.message_dict
    no_amount = factories.FeeItemFactory.build(agency=agency, amount=None, standard="")
    with pytest.raises(ValidationError) as excinfo:
        no_amount.full_clean()
    assert "amount" in excinfo.value.message_dict
    reversed_range = factories.FeeItemFactory.build(
        agency=agency, amount=None, amount_min="50", amount_max="10"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        reversed_range.save()


def test_listed_fees_are_published_and_not_abolished(agency):
    collected = factories.PublishedFeeItemFactory(agency=agency)
    suspended = factories.PublishedFeeItemFactory(
        agency=agency, fee_status=FeeStatus.SUSPENDED, suspended_on=datetime.date(2025, 1, 1)
    )
    factories.PublishedFeeItemFactory(
        agency=agency, fee_status=FeeStatus.ABOLISHED, abolished_on=datetime.date(2024, 1, 1)
    )
    factories.FeeItemFactory(agency=agency)
    assert set(FeeItem.objects.listed()) == {collected, suspended}


# Decisions: publication periods ------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2024, 1, 31), 1, datetime.date(2024, 2, 29)),
        (datetime.date(2023, 11, 27), 36, datetime.date(2026, 11, 27)),
        (datetime.date(2026, 5, 12), -6, datetime.date(2025, 11, 12)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_months_last(day, months, expected):
    assert add_months(day, months) == expected


@time_machine.travel(datetime.datetime(2026, 11, 27, 10, tzinfo=datetime.UTC))
def test_a_penalty_leaves_the_public_lists_when_its_three_years_end(agency):
    ended = factories.PublishedDecisionFactory(
        agency=agency, decided_on=datetime.date(2023, 11, 27)
    )
    last_day = factories.PublishedDecisionFactory(
        agency=agency, decided_on=datetime.date(2023, 11, 28)
    )
    assert list(DecisionRecord.objects.listed()) == [last_day]
    assert not ended.in_publication_period()
    assert ended.publication_ends_on == datetime.date(2026, 11, 27)
    # Not deleted: it is still there for staff and for the annual report.
    assert DecisionRecord.objects.filter(pk=ended.pk).exists()


@time_machine.travel(datetime.datetime(2026, 11, 27, 10, tzinfo=datetime.UTC))
def test_a_warning_or_small_fine_is_public_for_six_months(agency):
    old_minor = factories.PublishedDecisionFactory(
        agency=agency, minor=True, decided_on=datetime.date(2026, 5, 1)
    )
    recent_minor = factories.PublishedDecisionFactory(
        agency=agency, minor=True, decided_on=datetime.date(2026, 6, 1)
    )
    assert list(DecisionRecord.objects.listed()) == [recent_minor]
    assert old_minor.publication_ends_on == datetime.date(2026, 11, 1)


@time_machine.travel(datetime.datetime(2026, 11, 27, 10, tzinfo=datetime.UTC))
def test_a_licensing_decision_has_no_end_of_publication(agency):
    licensing = factories.PublishedPowerItemFactory(agency=agency, kind=PowerKind.LICENSING)
    licence = factories.PublishedDecisionFactory(
        agency=agency, power_item=licensing, decided_on=datetime.date(2015, 3, 1)
    )
    assert licence.kind == DecisionKind.LICENCE
    assert licence.publication_ends_on is None
    assert list(DecisionRecord.objects.listed()) == [licence]


@time_machine.travel(datetime.datetime(2026, 11, 27, 10, tzinfo=datetime.UTC))
def test_the_period_per_kind_is_configurable_and_applies_at_once(agency):
    old = factories.PublishedDecisionFactory(agency=agency, decided_on=datetime.date(2022, 6, 1))
    assert not DecisionRecord.objects.listed().exists()
    with override_settings(DECISION_PUBLICATION_MONTHS={"penalty": 60}):
        assert list(DecisionRecord.objects.listed()) == [old]


def test_unpublished_and_withdrawn_decisions_are_not_listed(agency):
    factories.DecisionFactory(agency=agency, decided_on=datetime.date.today())
    factories.PublishedDecisionFactory(
        agency=agency, status=ReviewStatus.WITHDRAWN, decided_on=datetime.date.today()
    )
    assert not DecisionRecord.objects.listed().exists()


# Decisions: rules and the public view of the party --------------------------------------


def test_decision_kind_follows_its_power_item_and_must_match(agency):
    coercion = factories.PublishedPowerItemFactory(agency=agency, kind=PowerKind.COERCION)
    decision = factories.DecisionFactory(agency=agency, power_item=coercion, kind="")
    assert decision.kind == DecisionKind.COERCION
    decision.kind = DecisionKind.PENALTY
    with pytest.raises(ValidationError) as excinfo:
        decision.full_clean()
    assert "kind" in excinfo.value.message_dict


def test_powers_without_results_take_no_decisions(agency):
    inspection = factories.PublishedPowerItemFactory(agency=agency, kind=PowerKind.INSPECTION)
    decision = factories.DecisionFactory.build(
        agency=agency, power_item=inspection, kind=DecisionKind.PENALTY
    )
    with pytest.raises(ValidationError) as excinfo:
        decision.full_clean()
    assert "power_item" in excinfo.value.message_dict


def test_a_decision_uses_a_power_item_of_its_own_agency(agency, city):
    foreign = factories.PublishedPowerItemFactory(agency=city)
    decision = factories.DecisionFactory.build(agency=agency, power_item=foreign)
    with pytest.raises(ValidationError) as excinfo:
        decision.full_clean()
    assert "power_item" in excinfo.value.message_dict


def test_only_a_penalty_can_be_minor(agency):
    licensing = factories.PublishedPowerItemFactory(agency=agency, kind=PowerKind.LICENSING)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.DecisionFactory(agency=agency, power_item=licensing, minor=True)


def test_a_natural_persons_name_and_id_are_masked_for_the_public(agency):
    decision = factories.PublishedDecisionFactory(
        agency=agency,
        party_kind=PartyKind.NATURAL_PERSON,
        party_name="张三丰",
        party_code="210102199001011234",
        legal_representative="",
    )
    assert decision.public_party_name == "张**"
    assert decision.public_party_code == "210102********1234"
    company = factories.PublishedDecisionFactory(agency=agency, party_name="沈阳示例有限公司")
    assert company.public_party_name == "沈阳示例有限公司"
    assert company.public_party_code == company.party_code
    assert company.public_legal_representative == "王**"


def test_the_public_search_never_matches_a_natural_persons_name_or_number(agency):
    person = factories.PublishedDecisionFactory(
        agency=agency,
        party_kind=PartyKind.NATURAL_PERSON,
        party_name="张三丰",
        party_code="210102199001011234",
        legal_representative="",
    )
    company = factories.PublishedDecisionFactory(agency=agency, party_name="沈阳张三丰商贸有限公司")
    assert list(DecisionRecord.objects.matching("张三丰")) == [company]
    assert not DecisionRecord.objects.matching("210102199001011234").exists()
    assert list(DecisionRecord.objects.matching(company.party_code)) == [company]
    assert person in DecisionRecord.objects.matching(person.number)


# The shared review workflow ---------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        factories.PowerItemFactory,
        factories.FeeItemFactory,
        factories.DecisionFactory,
    ],
    ids=["power item", "fee item", "decision"],
)
def test_clearance_records_go_through_the_catalogues_review_workflow(city, make_staff, make):
    editor = make_staff(city, StaffRole.EDITOR)
    reviewer = make_staff(city, StaffRole.REVIEWER)
    record = make(agency=city)
    workflow.submit_for_review(record, editor)
    workflow.publish(record, reviewer, "经审查,同意公开。")
    record.refresh_from_db()
    assert record.status == ReviewStatus.PUBLISHED
    assert record.reviewed_by == reviewer
    workflow.withdraw(record, reviewer, "事项调整。")
    record.refresh_from_db()
    assert record.status == ReviewStatus.WITHDRAWN
    actions = list(
        ReviewEvent.objects.filter(
            object_id=record.pk, content_type__model=record._meta.model_name
        ).values_list("action", flat=True)
    )
    assert actions == [ReviewAction.SUBMITTED, ReviewAction.PUBLISHED, ReviewAction.WITHDRAWN]


def test_another_citys_reviewer_cannot_publish_a_power_item(city, other_city, make_staff):
    editor = make_staff(city, StaffRole.EDITOR)
    outsider = make_staff(other_city, StaffRole.REVIEWER)
    item = factories.PowerItemFactory(agency=city)
    workflow.submit_for_review(item, editor)
    with pytest.raises(PermissionDenied):
        workflow.publish(item, outsider, "同意。")
    item.refresh_from_db()
    assert item.status == ReviewStatus.IN_REVIEW


@pytest.mark.parametrize(
    ("decided_on", "today", "listed"),
    [
        (datetime.date(2023, 8, 31), datetime.date(2024, 2, 29), False),
        (datetime.date(2023, 8, 30), datetime.date(2024, 2, 29), False),
        (datetime.date(2023, 9, 1), datetime.date(2024, 2, 29), True),
        (datetime.date(2023, 8, 28), datetime.date(2024, 2, 28), False),
        (datetime.date(2023, 8, 29), datetime.date(2024, 2, 28), True),
    ],
)
def test_the_lists_agree_with_the_end_of_each_period_at_month_ends(
    agency, decided_on, today, listed
):
    decision = factories.PublishedDecisionFactory(agency=agency, minor=True, decided_on=decided_on)
    assert decision.in_publication_period(today) is listed
    assert DecisionRecord.objects.listed(today).filter(pk=decision.pk).exists() is listed

"""How complete an agency's disclosure of the four clearances is (catalog.completeness)."""

import datetime

import pytest
from django.utils import translation

from catalog.completeness import agency_completeness, area_completeness
from catalog.models import (
    ClearanceArea,
    FeeStatus,
    PowerKind,
    PowerStatus,
    ReviewStatus,
    StaffingCategory,
    StaffingQuota,
    Workflow,
    WorkflowStep,
)
from tests import factories

pytestmark = pytest.mark.django_db

POWERS = ClearanceArea.POWERS
ENFORCEMENT = ClearanceArea.ENFORCEMENT
APPROVAL = ClearanceArea.APPROVAL
FEES = ClearanceArea.FEES


def missing_labels(score):
    with translation.override("en"):
        return {str(gap.label): gap.count for gap in score.missing}


# Builders -----------------------------------------------------------------


def workflow_with_steps(agency, title="行政处罚一般程序", steps=2):
    workflow = Workflow.objects.create(agency=agency, title=title)
    for order in range(1, steps + 1):
        WorkflowStep.objects.create(workflow=workflow, order=order, name=f"第{order}步")
    return workflow


def full_powers(agency):
    """Every department-powers check met."""
    agency.functions = "负责全省市场综合监督管理。"
    agency.structure = "内设办公室、法规处等12个处室。"
    agency.save()
    StaffingQuota.objects.create(
        agency=agency, category=StaffingCategory.ADMINISTRATIVE, authorised=80, filled=76
    )
    factories.DepartmentFactory(agency=agency, name="法规处", duties="负责法制审核。")
    workflow_with_steps(agency)


def complete_item(agency, kind=PowerKind.PENALTY, **fields):
    """A published item in force that gives everything its area asks for."""
    if kind == PowerKind.LICENSING:
        fields = {
            "conditions": "具有与生产相适应的场所。",
            "materials": "申请书\n营业执照复印件",
            "statutory_days": 20,
            "promised_days": 10,
            **fields,
        }
    item = factories.PublishedPowerItemFactory(agency=agency, kind=kind, **fields)
    factories.PowerItemStepFactory(power_item=item, order=1)
    factories.PowerResponsibilityFactory(power_item=item, order=1)
    return item


# Department powers --------------------------------------------------------


def test_department_powers_with_every_part_are_complete(agency):
    full_powers(agency)
    score = agency_completeness(agency)[POWERS]
    assert (score.met, score.total, score.percent) == (5, 5, 100)
    assert score.is_complete
    assert score.missing == []


@pytest.mark.parametrize(
    ("remove", "label"),
    [
        ("functions", "functions"),
        ("structure", "internal structure"),
        ("staffing", "staffing quotas"),
        ("duties", "duties of every department"),
        ("workflows", "workflows with steps"),
    ],
)
def test_each_missing_department_power_part_costs_a_fifth(agency, remove, label):
    full_powers(agency)
    if remove in ("functions", "structure"):
        setattr(agency, remove, "")
        agency.save()
    elif remove == "staffing":
        agency.staffing_quotas.all().delete()
    elif remove == "duties":
        agency.departments.update(duties="")
    else:
        WorkflowStep.objects.filter(workflow__agency=agency).delete()

    score = agency_completeness(agency)[POWERS]

    assert (score.met, score.percent) == (4, 80)
    assert label in missing_labels(score)
    assert not score.is_complete


def test_one_department_without_duties_fails_the_division_of_duties(agency):
    full_powers(agency)
    factories.DepartmentFactory(agency=agency, name="办公室", duties="")
    factories.DepartmentFactory(agency=agency, name="财务处", duties="")
    score = agency_completeness(agency)[POWERS]
    assert missing_labels(score) == {"duties of every department": 2}


def test_an_agency_without_departments_has_no_division_of_duties(agency):
    full_powers(agency)
    agency.departments.all().delete()
    assert "duties of every department" in missing_labels(agency_completeness(agency)[POWERS])


def test_department_powers_with_nothing_published_are_not_published_not_zero(agency):
    Workflow.objects.create(agency=agency, title="没有步骤的流程")
    score = agency_completeness(agency)[POWERS]
    assert not score.is_published
    assert score.percent is None
    assert not score.is_complete


# Enforcement and approval items ----------------------------------------------


def test_a_complete_penalty_item_makes_enforcement_complete(agency):
    complete_item(agency)
    score = agency_completeness(agency)[ENFORCEMENT]
    assert (score.met, score.total, score.percent) == (1, 1, 100)
    assert score.missing == []


@pytest.mark.parametrize(
    ("fields", "label"),
    [
        ({"legal_basis": ""}, "legal basis"),
        ({"reconsideration_body": "", "litigation_court": ""}, "remedy channel"),
        ({"supervision": ""}, "supervision channel"),
    ],
)
def test_enforcement_item_lacking_a_part_is_incomplete(agency, fields, label):
    complete_item(agency, **fields)
    score = agency_completeness(agency)[ENFORCEMENT]
    assert (score.met, score.total, score.percent) == (0, 1, 0)
    assert missing_labels(score) == {label: 1}


def test_either_reconsideration_body_or_court_is_a_remedy_channel(agency):
    complete_item(agency, reconsideration_body="")
    complete_item(agency, litigation_court="")
    assert agency_completeness(agency)[ENFORCEMENT].percent == 100


def test_enforcement_item_needs_process_steps(agency):
    item = factories.PublishedPowerItemFactory(agency=agency, kind=PowerKind.COERCION)
    score = agency_completeness(agency)[ENFORCEMENT]
    assert missing_labels(score) == {"process steps": 1}
    factories.PowerItemStepFactory(power_item=item)
    assert agency_completeness(agency)[ENFORCEMENT].percent == 100


def test_only_a_penalty_needs_responsibility_steps(agency):
    penalty = factories.PublishedPowerItemFactory(agency=agency, kind=PowerKind.PENALTY)
    inspection = factories.PublishedPowerItemFactory(agency=agency, kind=PowerKind.INSPECTION)
    for item in (penalty, inspection):
        factories.PowerItemStepFactory(power_item=item, order=1)
    score = agency_completeness(agency)[ENFORCEMENT]
    assert (score.met, score.total, score.percent) == (1, 2, 50)
    assert missing_labels(score) == {"responsibility steps (penalties)": 1}


def test_enforcement_with_incomplete_items_is_zero_percent_not_unpublished(agency):
    factories.PublishedPowerItemFactory(agency=agency, supervision="")
    score = agency_completeness(agency)[ENFORCEMENT]
    assert score.is_published
    assert score.percent == 0


def test_unpublished_abolished_and_other_kinds_do_not_count(agency):
    factories.PowerItemFactory(agency=agency)  # draft
    factories.PowerItemFactory(agency=agency, status=ReviewStatus.IN_REVIEW)
    factories.PublishedPowerItemFactory(agency=agency, status=ReviewStatus.WITHDRAWN)
    factories.PublishedPowerItemFactory(
        agency=agency, power_status=PowerStatus.ABOLISHED, abolished_on=datetime.date(2025, 1, 1)
    )
    factories.PublishedPowerItemFactory(agency=agency, kind=PowerKind.CONFIRMATION)
    scores = agency_completeness(agency)
    for area in (ENFORCEMENT, APPROVAL):
        assert not scores[area].is_published
        assert scores[area].percent is None
        assert scores[area].total == 0


def test_percentages_round_down_so_only_everything_is_100(agency):
    complete_item(agency)
    complete_item(agency)
    factories.PublishedPowerItemFactory(agency=agency, legal_basis="")
    assert agency_completeness(agency)[ENFORCEMENT].percent == 66


@pytest.mark.parametrize(
    ("fields", "label"),
    [
        ({"conditions": ""}, "conditions"),
        ({"materials": ""}, "application materials"),
        ({"statutory_days": None, "promised_days": None}, "statutory time limit"),
        ({"promised_days": None}, "promised time limit"),
        ({"supervision": ""}, "supervision channel"),
    ],
)
def test_approval_items_need_conditions_materials_and_time_limits(agency, fields, label):
    complete_item(agency, kind=PowerKind.LICENSING)
    complete_item(agency, kind=PowerKind.LICENSING, **fields)
    score = agency_completeness(agency)[APPROVAL]
    assert (score.met, score.total, score.percent) == (1, 2, 50)
    assert label in missing_labels(score)
    assert missing_labels(score)[label] == 1


def test_licensing_counts_for_approvals_and_penalties_for_enforcement(agency):
    complete_item(agency, kind=PowerKind.LICENSING)
    complete_item(agency, kind=PowerKind.PENALTY)
    complete_item(agency, kind=PowerKind.PENALTY)
    scores = agency_completeness(agency)
    assert scores[APPROVAL].total == 1
    assert scores[ENFORCEMENT].total == 2


# Fees ---------------------------------------------------------------------


def test_fee_items_need_basis_document_and_a_standard(agency):
    factories.PublishedFeeItemFactory(agency=agency)
    factories.PublishedFeeItemFactory(agency=agency, approving_document="")
    factories.PublishedFeeItemFactory(agency=agency, amount=None, standard="")
    factories.PublishedFeeItemFactory(
        agency=agency, amount=None, amount_min="10.00", amount_max="50.00"
    )
    factories.PublishedFeeItemFactory(agency=agency, amount=None, standard="按检定项目分档收取")
    score = agency_completeness(agency)[FEES]
    assert (score.met, score.total, score.percent) == (3, 5, 60)
    assert missing_labels(score) == {"approving document": 1, "amount or standard": 1}


def test_suspended_fees_count_abolished_and_unpublished_do_not(agency):
    factories.PublishedFeeItemFactory(
        agency=agency, fee_status=FeeStatus.SUSPENDED, suspended_on=datetime.date(2025, 1, 1)
    )
    factories.PublishedFeeItemFactory(
        agency=agency,
        fee_status=FeeStatus.ABOLISHED,
        abolished_on=datetime.date(2024, 1, 1),
        legal_basis="",
    )
    factories.FeeItemFactory(agency=agency, legal_basis="")
    score = agency_completeness(agency)[FEES]
    assert (score.met, score.total) == (1, 1)


def test_fees_with_nothing_published_are_not_published(agency):
    factories.FeeItemFactory(agency=agency)
    score = agency_completeness(agency)[FEES]
    assert not score.is_published
    assert score.percent is None


# Many agencies ------------------------------------------------------------


def test_each_agency_is_scored_on_its_own_items_only(agency, city):
    county = factories.CountyAgencyFactory(parent=city)
    complete_item(county)
    factories.PublishedFeeItemFactory(agency=county)
    scores = area_completeness([agency, city, county])
    assert set(scores) == {agency.pk, city.pk, county.pk}
    assert scores[county.pk][ENFORCEMENT].total == 1
    for parent in (agency, city):
        assert not scores[parent.pk][ENFORCEMENT].is_published
        assert not scores[parent.pk][FEES].is_published
    assert list(scores[agency.pk]) == list(ClearanceArea)


def test_no_agencies_no_queries(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert area_completeness([]) == {}


def _agency_with_everything(**kwargs):
    agency = factories.CityAgencyFactory(**kwargs)
    full_powers(agency)
    complete_item(agency)
    complete_item(agency, kind=PowerKind.LICENSING)
    factories.PublishedFeeItemFactory(agency=agency)
    return agency


@pytest.mark.parametrize("size", [1, 6])
def test_scoring_many_agencies_takes_five_queries(agency, size, django_assert_num_queries):
    agencies = [_agency_with_everything(parent=agency) for _ in range(size)]
    with django_assert_num_queries(5):
        scores = area_completeness(agencies)
    assert all(scores[a.pk][area].is_complete for a in agencies for area in ClearanceArea)

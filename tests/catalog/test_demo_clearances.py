"""The four clearances in ``manage.py load_demo``: department powers, the power catalogue,
fee items and published decisions.

Loading takes a while, so the session loads the demo once (after a dry run on the
empty database) for every test that uses ``demo_db`` (``tests/conftest.py``).
"""

import datetime
import re
from collections import Counter
from io import StringIO

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from catalog import permissions
from catalog.demo import decisions as demo_decisions
from catalog.demo import fees as demo_fees
from catalog.demo import powers as demo_powers
from catalog.demo.agencies import ALL_PLACES
from catalog.demo.department_powers import staffing_numbers
from catalog.models import (
    DECISION_KIND_FOR_POWER,
    Agency,
    AgencyLevel,
    DecisionKind,
    DecisionRecord,
    Department,
    FeeItem,
    FeeStatus,
    Genre,
    PartyKind,
    PowerItem,
    PowerItemStep,
    PowerKind,
    PowerResponsibility,
    PowerStatus,
    ReviewAction,
    ReviewEvent,
    ReviewStatus,
    StaffingCategory,
    StaffingQuota,
    Validity,
    Workflow,
    WorkflowStep,
)
from catalog.validators import validate_credit_code

SHANGHAI = demo_powers.SHANGHAI
DEMO_TODAY = datetime.date(2026, 11, 27)
CLEARANCE_MODELS = (
    StaffingQuota, Workflow, WorkflowStep, FeeItem, PowerItem, PowerItemStep,
    PowerResponsibility, DecisionRecord, ReviewEvent, PowerItem.basis_entries.through,
)  # fmt: skip
PENALTY_STAGES = ["立案", "调查取证", "审理", "告知", "决定", "送达", "执行"]
LICENSING_STAGES = ["申请", "受理", "审查", "决定", "送达"]


def _counts():
    return {model.__name__: model.objects.count() for model in CLEARANCE_MODELS}


def _fingerprint():
    """What a second run must leave exactly as it was."""
    return {
        "counts": _counts(),
        "powers": list(PowerItem.objects.order_by("pk").values_list("pk", "updated_at", "status")),
        "decisions": list(
            DecisionRecord.objects.order_by("pk").values_list("pk", "updated_at", "number")
        ),
        "fees": list(FeeItem.objects.order_by("pk").values_list("pk", "updated_at")),
        "steps": list(PowerItemStep.objects.order_by("pk").values_list("pk", flat=True)),
    }


def _province():
    return Agency.objects.get(slug="liaoning")


# --- the load itself --------------------------------------------------------------------


def test_dry_run_reports_the_clearances_and_writes_none_of_them(demo_db):
    assert demo_db.after_dry_run == demo_db.before
    for label in ("Staffing quotas", "Workflows", "Fee items", "Power items", "Decisions"):
        assert re.search(rf"{label}: [1-9]\d* would be created", demo_db.dry_output), label


def test_second_run_creates_nothing_and_changes_nothing(demo_db):
    before = _fingerprint()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert _fingerprint() == before
    assert "already loaded" in out.getvalue()
    assert "Power items: 0 created, 0 updated" in out.getvalue()


def test_specifications_are_the_same_on_every_build():
    def fingerprint():
        powers = demo_powers.build_power_specs()
        decisions = demo_decisions.build_decision_specs(powers)
        return (
            [(s.agency, s.code, s.values, s.publication) for s in powers],
            [(s.agency, s.number, s.power_code, s.values, s.publication) for s in decisions],
            [(s.agency, s.code, s.values, s.publication) for s in demo_fees.build_fee_specs()],
        )

    assert fingerprint() == fingerprint()


# --- the provincial power catalogue ------------------------------------------------------


def test_provincial_catalogue_has_exactly_196_items_with_a_regulators_kind_spread(demo_db):
    items = PowerItem.objects.filter(agency=_province())
    assert items.count() == demo_powers.PROVINCIAL_ITEMS == 196
    kinds = Counter(items.values_list("kind", flat=True))
    assert kinds[PowerKind.PENALTY] > 196 * 0.55
    assert kinds[PowerKind.LICENSING] >= 15
    assert kinds[PowerKind.COERCION] >= 10
    assert kinds[PowerKind.INSPECTION] >= 10
    for kind in (PowerKind.CONFIRMATION, PowerKind.REWARD, PowerKind.ADJUDICATION):
        assert 1 <= kinds[kind] <= 10
    assert kinds[PowerKind.OTHER] >= 5
    assert kinds[PowerKind.LEVY] == kinds[PowerKind.BENEFIT] == 0
    names = set(items.values_list("name", flat=True))
    for licence in ("食品生产许可", "工业产品生产许可证核发", "特种设备生产单位许可",
                    "计量标准器具核准", "检验检测机构资质认定"):  # fmt: skip
        assert licence in names


def test_provincial_codes_are_unique_and_read_like_a_catalogue(demo_db):
    codes = list(PowerItem.objects.filter(agency=_province()).values_list("code", flat=True))
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"210000-(XK|CF|QZ|JC|QR|JL|CJ|QT)-\d{3}", code) for code in codes)


def test_provincial_items_carry_basis_process_responsibilities_and_remedies(demo_db):
    items = PowerItem.objects.filter(agency=_province()).prefetch_related(
        "steps", "responsibilities"
    )
    for item in items:
        assert item.basis_lines and all(line.startswith("《") for line in item.basis_lines)
        if item.status == ReviewStatus.PUBLISHED:
            assert any(
                re.search(r"第[一二三四五六七八九十百零]+条", line) for line in item.basis_lines
            )
        steps = [step.order for step in item.steps.all()]
        assert steps == list(range(1, len(steps) + 1)) and len(steps) >= 4
        assert item.responsibilities.count() >= 4
        assert item.accountability_lines
        assert item.reconsideration_body == "辽宁省人民政府"
        assert item.litigation_court.endswith("人民法院")
        assert "监督电话" in item.supervision
        assert item.department.agency_id == item.agency_id
        if item.promised_days is not None:
            assert item.promised_days <= item.statutory_days
        item.clean()


def test_penalties_and_licences_follow_their_process_with_time_limits(demo_db):
    province = _province()
    penalty = PowerItem.objects.filter(agency=province, kind=PowerKind.PENALTY).first()
    assert [step.name for step in penalty.steps.all()] == PENALTY_STAGES
    assert [r.stage for r in penalty.responsibilities.all()][:7] == [
        f"{stage}责任" for stage in ("立案", "调查", "审查", "告知", "决定", "送达", "执行")
    ]
    assert (penalty.statutory_days, penalty.promised_days) == (90, 60)
    licences = PowerItem.objects.filter(agency=province, kind=PowerKind.LICENSING)
    for licence in licences:
        assert [step.name for step in licence.steps.all()] == LICENSING_STAGES
        assert licence.conditions and len(licence.material_lines) >= 2
        assert licence.promised_days <= licence.statutory_days
        decision_step = licence.steps.get(name="决定")
        assert f"法定{licence.statutory_days}个工作日" in decision_step.time_limit


def test_abolished_items_say_when_and_by_which_invented_document(demo_db):
    abolished = PowerItem.objects.filter(agency=_province()).abolished()
    assert abolished.count() == len(demo_powers.ABOLITIONS) >= 3
    for item in abolished:
        assert item.abolished_on and item.status == ReviewStatus.PUBLISHED
        assert "演示数据" in item.abolition_basis
    assert not PowerItem.objects.listed().filter(power_status=PowerStatus.ABOLISHED).exists()


def test_items_went_through_the_workflow_with_historical_dates(demo_db):
    province = _province()
    statuses = Counter(PowerItem.objects.filter(agency=province).values_list("status", flat=True))
    assert statuses[ReviewStatus.DRAFT] >= 2
    assert statuses[ReviewStatus.IN_REVIEW] >= 2
    assert statuses[ReviewStatus.WITHDRAWN] >= 2
    content_type = ContentType.objects.get_for_model(PowerItem)
    for item in PowerItem.objects.published().select_related("agency", "reviewed_by")[::60]:
        assert permissions.may_review(item.reviewed_by, item.agency)
        assert item.confidentiality_opinion.startswith("经保密审查")
        events = ReviewEvent.objects.filter(content_type=content_type, object_id=item.pk)
        actions = list(events.order_by("at").values_list("action", flat=True))
        assert actions == [ReviewAction.CREATED, ReviewAction.SUBMITTED, ReviewAction.PUBLISHED]
        assert events.get(action=ReviewAction.PUBLISHED).at == item.published_at
        assert item.created_at < item.submitted_at < item.published_at
        assert item.published_at.astimezone(SHANGHAI).date() < DEMO_TODAY
    for item in PowerItem.objects.filter(status=ReviewStatus.WITHDRAWN):
        assert item.withdrawal_reason and item.published_at < item.withdrawn_at


def test_some_items_cite_published_catalogue_entries_of_their_legal_basis(demo_db):
    citing = PowerItem.objects.exclude(basis_entries=None).distinct()
    assert citing.count() >= 20
    assert citing.filter(agency=_province()).exists()
    assert citing.exclude(agency=_province()).exists()
    province = _province()
    for item in citing.prefetch_related("basis_entries"):
        for entry in item.basis_entries.all():
            assert entry.status == ReviewStatus.PUBLISHED and entry.validity == Validity.VALID
            assert entry.genre in (Genre.ORDER, Genre.RULE, Genre.NORMATIVE, Genre.MEASURES,
                                   Genre.PROVISIONS)  # fmt: skip
            assert entry.agency_id in (item.agency_id, province.pk)


# --- city and county catalogues ----------------------------------------------------------


def test_every_city_and_county_bureau_has_its_own_catalogue(demo_db):
    for agency in Agency.objects.exclude(level=AgencyLevel.PROVINCE):
        items = PowerItem.objects.filter(agency=agency)
        low, high = (30, 60) if agency.level == AgencyLevel.CITY else (5, 20)
        assert low <= items.published().count() <= high, agency.slug
        area = agency.credit_code[2:8]
        assert all(code.startswith(f"{area}-") for code in items.values_list("code", flat=True))
        government = f"{agency.name.removesuffix('市场监督管理局')}人民政府"
        assert set(items.values_list("reconsideration_body", flat=True)) == {government}
        assert set(items.values_list("kind", flat=True)) >= {PowerKind.PENALTY, PowerKind.LICENSING}


# --- fee items --------------------------------------------------------------------------


def test_fee_items_include_collected_suspended_and_abolished_ones(demo_db):
    fees = FeeItem.objects.all()
    statuses = Counter(fees.published().values_list("fee_status", flat=True))
    assert statuses[FeeStatus.COLLECTED] and statuses[FeeStatus.SUSPENDED]
    assert statuses[FeeStatus.ABOLISHED] >= 3
    assert fees.filter(agency=_province()).exists()
    assert fees.filter(agency__level=AgencyLevel.CITY).values("agency").distinct().count() >= 3
    assert fees.filter(name="产品质量监督检验费", fee_status=FeeStatus.ABOLISHED).exists()
    assert fees.filter(name="工业产品生产许可证审查费", fee_status=FeeStatus.ABOLISHED).exists()
    assert not fees.filter(name__contains="商标").exists()
    for fee in fees:
        fee.clean()
        assert "演示数据" in fee.approving_document
        if fee.fee_status != FeeStatus.COLLECTED:
            assert "演示数据" in fee.status_basis
    assert fees.filter(status=ReviewStatus.DRAFT).exists()


def test_power_items_link_the_fee_of_their_own_agency(demo_db):
    linked = PowerItem.objects.exclude(fee_item=None).select_related("fee_item")
    assert linked.filter(agency=_province()).count() >= 2
    assert linked.exclude(agency=_province()).exists()
    for item in linked:
        assert item.fee_item.agency_id == item.agency_id


# --- decisions --------------------------------------------------------------------------


def test_a_few_hundred_decisions_over_2025_and_2026_in_every_kind(demo_db):
    recent = DecisionRecord.objects.filter(decided_on__gte=datetime.date(2025, 1, 1))
    assert recent.count() >= 200
    years = Counter(recent.values_list("decided_on__year", flat=True))
    assert years[2025] >= 80 and years[2026] >= 80
    assert recent.latest("decided_on").decided_on <= datetime.date(2026, 11, 20)
    kinds = Counter(recent.values_list("kind", flat=True))
    assert kinds[DecisionKind.LICENCE] >= 50 and kinds[DecisionKind.PENALTY] >= 50
    assert kinds[DecisionKind.COERCION] >= 10
    per_agency = Counter(recent.published().values_list("agency__slug", flat=True))
    cities = Agency.objects.filter(level=AgencyLevel.CITY).values_list("slug", flat=True)
    assert all(per_agency[slug] > 0 for slug in cities)


def test_every_decision_rests_on_a_published_power_item_of_its_agency_and_kind(demo_db):
    decisions = DecisionRecord.objects.select_related("power_item")
    for decision in decisions:
        item = decision.power_item
        assert item.agency_id == decision.agency_id
        assert DECISION_KIND_FOR_POWER[item.kind] == decision.kind
        assert item.status == ReviewStatus.PUBLISHED and item.is_in_force
        assert item.published_at.astimezone(SHANGHAI).date() < decision.decided_on
        decision.clean()
    numbers = list(decisions.values_list("agency", "number"))
    assert len(set(numbers)) == len(numbers)


def test_decisions_are_published_after_they_were_taken(demo_db):
    for decision in DecisionRecord.objects.exclude(published_at=None):
        published = decision.published_at.astimezone(SHANGHAI).date()
        assert decision.decided_on < published <= DEMO_TODAY
        assert (published - decision.decided_on).days <= 14


def test_parties_carry_valid_credit_codes_and_identity_numbers(demo_db):
    decisions = DecisionRecord.objects.all()
    organisations = decisions.exclude(party_kind=PartyKind.NATURAL_PERSON)
    for decision in organisations:
        validate_credit_code(decision.party_code)
        assert decision.legal_representative
    assert {code[:2] for code in organisations.values_list("party_code", flat=True)} == {
        "91", "92",
    }  # fmt: skip
    assert organisations.filter(party_kind=PartyKind.INDIVIDUAL_BUSINESS).count() >= 10
    people = decisions.filter(party_kind=PartyKind.NATURAL_PERSON)
    assert people.count() >= 10
    assert set(people.values_list("kind", flat=True)) >= {DecisionKind.PENALTY,
                                                          DecisionKind.LICENCE}  # fmt: skip
    for person in people:
        number = person.party_code
        assert re.fullmatch(r"\d{17}[\dX]", number)
        assert demo_decisions.identity_check_digit(number[:17]) == number[17]
        assert not person.legal_representative
        assert person.public_party_code == number[:6] + "********" + number[-4:]
        assert person.public_party_name != person.party_name
        if person.published_at:
            assert person.confidentiality_opinion.startswith("经保密审查，当事人为自然人")


def test_identity_check_digit_follows_gb_11643():
    # The worked example of GB 11643-1999.
    assert demo_decisions.identity_check_digit("11010519491231002") == "X"


def test_penalties_licences_and_measures_read_like_real_decisions(demo_db):
    penalties = DecisionRecord.objects.filter(kind=DecisionKind.PENALTY)
    for penalty in penalties:
        assert penalty.facts and "依据" in penalty.basis and penalty.content
        assert penalty.fine_amount or "警告" in penalty.content
    assert penalties.exclude(confiscated_amount=None).exists()
    minor = penalties.filter(minor=True)
    assert minor.count() >= 10
    assert all(p.fine_amount is None or p.fine_amount <= 3000 for p in minor)
    assert minor.filter(fine_amount=None, content__contains="警告").exists()
    licences = DecisionRecord.objects.filter(kind=DecisionKind.LICENCE)
    numbered = licences.exclude(licence_number="")
    assert numbered.count() >= licences.count() * 0.7
    assert numbered.filter(licence_number__startswith="SC").exists()
    assert numbered.filter(licence_number__startswith="JY").exists()
    for licence in licences.exclude(valid_until=None):
        assert licence.valid_from == licence.decided_on < licence.valid_until
    for measure in DecisionRecord.objects.filter(kind=DecisionKind.COERCION):
        assert "期限为三十日" in measure.content and measure.fine_amount is None


def test_penalties_of_2023_have_left_the_public_lists(demo_db):
    old = DecisionRecord.objects.filter(decided_on__year=2023)
    assert old.count() >= 5
    assert set(old.values_list("kind", flat=True)) == {DecisionKind.PENALTY}
    assert old.published().count() == old.count()
    assert not old.filter(minor=True).exists()
    assert not DecisionRecord.objects.listed(DEMO_TODAY).filter(decided_on__year=2023).exists()
    assert DecisionRecord.objects.listed(DEMO_TODAY).filter(decided_on__year=2025).exists()


def test_some_decisions_were_withdrawn_or_are_still_in_review(demo_db):
    withdrawn = DecisionRecord.objects.filter(status=ReviewStatus.WITHDRAWN)
    assert withdrawn.count() >= 3
    for decision in withdrawn:
        assert decision.withdrawal_reason and decision.published_at < decision.withdrawn_at
    waiting = DecisionRecord.objects.filter(status__in=(ReviewStatus.DRAFT, ReviewStatus.IN_REVIEW))
    assert waiting.count() >= 2 and not waiting.exclude(published_at=None).exists()


# --- department powers --------------------------------------------------------------------


def test_every_agency_has_staffing_by_category_matching_its_staffing_text(demo_db):
    serials = {place.slug: serial for serial, place in enumerate(ALL_PLACES)}
    places = {place.slug: place for place in ALL_PLACES}
    for agency in Agency.objects.all():
        quotas = {q.category: q for q in StaffingQuota.objects.filter(agency=agency)}
        assert {StaffingCategory.ADMINISTRATIVE, StaffingCategory.PUBLIC_INSTITUTION,
                StaffingCategory.LEADERSHIP} <= set(quotas)  # fmt: skip
        admin, service, deputies = staffing_numbers(places[agency.slug], serials[agency.slug])
        assert quotas[StaffingCategory.ADMINISTRATIVE].authorised == admin
        assert f"行政编制{admin}名" in agency.staffing
        assert quotas[StaffingCategory.PUBLIC_INSTITUTION].authorised == service
        assert quotas[StaffingCategory.LEADERSHIP].authorised == 1 + deputies
        for quota in quotas.values():
            assert quota.filled <= quota.authorised
    province = StaffingQuota.objects.get(agency__slug="liaoning", category="administrative")
    city = StaffingQuota.objects.get(agency__slug="shenyang", category="administrative")
    county = StaffingQuota.objects.get(agency__slug="shenyang-heping", category="administrative")
    assert province.authorised > city.authorised > county.authorised


def test_every_agency_publishes_its_workflows_as_ordered_steps(demo_db):
    required = {"政府信息公开申请办理流程", "行政处罚案件办理流程", "信息发布审查流程"}
    for agency in Agency.objects.all():
        workflows = Workflow.objects.filter(agency=agency).select_related("department")
        assert required <= set(workflows.values_list("title", flat=True)), agency.slug
        for workflow in workflows:
            assert workflow.department.agency_id == agency.pk
            orders = list(workflow.steps.values_list("order", flat=True))
            assert orders == list(range(1, len(orders) + 1)) and len(orders) >= 4
    disclosure = Workflow.objects.get(agency__slug="liaoning", title="政府信息公开申请办理流程")
    limits = " ".join(disclosure.steps.values_list("time_limit", flat=True))
    assert "20个工作日" in limits and "7个工作日" in limits


def test_every_department_has_its_division_of_duties(demo_db):
    assert not Department.objects.filter(duties="").exists()

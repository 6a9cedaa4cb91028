"""The four clearances in the admin (issue 3, points 5 and 7).

Power items, fee items and decisions are scoped by agency like catalogue
entries, go through the same review workflow and follow the same edit modes;
workflows and staffing quotas belong to the agency's administrators.
"""

import datetime
import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from catalog.models import (
    DecisionKind,
    DecisionRecord,
    FeeItem,
    PartyKind,
    PowerItem,
    PowerKind,
    PowerStatus,
    ReviewAction,
    ReviewEvent,
    ReviewStatus,
    StaffingQuota,
    StaffRole,
    Workflow,
)
from tests import factories

OPINION = "经审查,不涉及国家秘密、工作秘密和个人隐私,同意公开。"
POWER_LIST = reverse("admin:catalog_poweritem_changelist")
FEE_LIST = reverse("admin:catalog_feeitem_changelist")
DECISION_LIST = reverse("admin:catalog_decisionrecord_changelist")
WORKFLOW_LIST = reverse("admin:catalog_workflow_changelist")
AUTOCOMPLETE = reverse("admin:autocomplete")


@pytest.fixture
def login():
    def _login(user):
        client = Client(headers={"accept-language": "en"})
        client.force_login(user)
        return client

    return _login


def change_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def listed_pks(response):
    return {obj.pk for obj in response.context["cl"].result_list}


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def events_of(obj):
    return list(
        ReviewEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
        ).values_list("action", "note")
    )


def autocomplete(client, model_name, field_name, term=""):
    response = client.get(
        AUTOCOMPLETE,
        {"app_label": "catalog", "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    return {int(r["id"]) for r in json.loads(response.content)["results"]}


def inline_management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def power_form_data(item_agency, **overrides):
    data = {
        "code": "XK-100",
        "kind": PowerKind.LICENSING,
        "name": "食品经营许可",
        "sub_item": "",
        "agency": item_agency.pk,
        "department": "",
        "implementing_body": "",
        "sort_order": "0",
        "legal_basis": "《中华人民共和国食品安全法》第三十五条",
        "conditions": "",
        "materials": "",
        "statutory_days": "20",
        "promised_days": "10",
        "fee_item": "",
        "accountability": "",
        "supervision": "",
        "reconsideration_body": "",
        "litigation_court": "",
        "power_status": PowerStatus.IN_FORCE,
        "in_force_from": "",
        "abolished_on": "",
        "abolition_basis": "",
        **inline_management("steps"),
        **inline_management("responsibilities"),
    }
    data.update(overrides)
    return data


# Scoping -------------------------------------------------------------------------------


def test_city_editor_sees_only_their_citys_power_items_fees_and_decisions(
    login, editor, city, other_city
):
    power = factories.PublishedPowerItemFactory(agency=city)
    own = {
        POWER_LIST: power,
        FEE_LIST: factories.FeeItemFactory(agency=city),
        DECISION_LIST: factories.DecisionFactory(agency=city, power_item=power),
    }
    foreign = {
        POWER_LIST: factories.PublishedPowerItemFactory(agency=other_city, name="外市职权"),
        FEE_LIST: factories.PublishedFeeItemFactory(agency=other_city, name="外市收费"),
        DECISION_LIST: factories.PublishedDecisionFactory(agency=other_city, number="外市决定"),
    }
    client = login(editor)
    for url, obj in own.items():
        response = client.get(url)
        assert response.status_code == 200
        assert listed_pks(response) == {obj.pk}
        assert str(foreign[url]) not in response.text


@pytest.mark.parametrize(
    "make",
    [
        lambda agency: factories.PowerItemFactory(agency=agency, name="外市职权草稿"),
        lambda agency: factories.FeeItemFactory(agency=agency, name="外市收费草稿"),
        lambda agency: factories.DecisionFactory(agency=agency, number="外市决定草稿"),
    ],
    ids=["power item", "fee item", "decision"],
)
def test_another_citys_record_by_url_answers_as_if_missing(login, editor, other_city, make):
    foreign = make(other_city)
    response = login(editor).get(change_url(foreign), follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:index")
    assert str(foreign) not in response.text
    assert "doesn’t exist" in response.text


def test_power_item_form_offers_only_the_editors_agency_departments_fees_and_entries(
    login, editor, city, other_city
):
    department = factories.DepartmentFactory(agency=city)
    factories.DepartmentFactory(agency=other_city)
    fee = factories.FeeItemFactory(agency=city)
    factories.FeeItemFactory(agency=other_city)
    entry = factories.PublishedEntryFactory(agency=city)
    factories.PublishedEntryFactory(agency=other_city)
    response = login(editor).get(reverse("admin:catalog_poweritem_add"))
    fields = response.context["adminform"].form.fields
    assert list(fields["agency"].queryset) == [city]
    assert list(fields["department"].queryset) == [department]
    assert list(fields["fee_item"].queryset) == [fee]
    assert list(fields["basis_entries"].queryset) == [entry]


def test_autocompletes_of_the_power_item_form_stay_within_the_editors_agency(
    login, editor, city, other_city
):
    fee = factories.FeeItemFactory(agency=city)
    factories.FeeItemFactory(agency=other_city)
    entry = factories.PublishedEntryFactory(agency=city)
    factories.PublishedEntryFactory(agency=other_city)
    client = login(editor)
    assert autocomplete(client, "poweritem", "fee_item") == {fee.pk}
    assert autocomplete(client, "poweritem", "basis_entries") == {entry.pk}
    assert autocomplete(client, "poweritem", "agency") == {city.pk}


def test_posting_another_agencys_fee_or_basis_entry_is_refused(login, editor, city, other_city):
    foreign_fee = factories.FeeItemFactory(agency=other_city)
    foreign_entry = factories.PublishedEntryFactory(agency=other_city)
    data = power_form_data(city, fee_item=foreign_fee.pk, basis_entries=[foreign_entry.pk])
    response = login(editor).post(reverse("admin:catalog_poweritem_add"), data)
    errors = response.context["adminform"].form.errors
    assert {"fee_item", "basis_entries"} <= set(errors)
    assert not PowerItem.objects.exists()


def test_decisions_may_be_filed_only_under_published_deciding_powers_of_the_agency(
    login, editor, city, other_city
):
    penalty = factories.PublishedPowerItemFactory(agency=city, kind=PowerKind.PENALTY)
    licence = factories.PublishedPowerItemFactory(agency=city, kind=PowerKind.LICENSING)
    factories.PowerItemFactory(agency=city, kind=PowerKind.PENALTY)  # a draft
    factories.PublishedPowerItemFactory(agency=city, kind=PowerKind.INSPECTION)
    factories.PublishedPowerItemFactory(agency=other_city, kind=PowerKind.PENALTY)
    client = login(editor)
    response = client.get(reverse("admin:catalog_decisionrecord_add"))
    choices = set(response.context["adminform"].form.fields["power_item"].queryset)
    assert choices == {penalty, licence}
    assert autocomplete(client, "decisionrecord", "power_item") == {penalty.pk, licence.pk}
    assert autocomplete(client, "decisionrecord", "agency") == {city.pk}


def test_power_item_list_query_count_does_not_grow_with_rows(
    login, editor, city, django_assert_max_num_queries
):
    client = login(editor)
    factories.PowerItemFactory.create_batch(2, agency=city)
    # Session, user, 2 x permissions, the agency filter, 2 counts, the page.
    with django_assert_max_num_queries(8):
        client.get(POWER_LIST)
    factories.PowerItemFactory.create_batch(30, agency=city)
    with django_assert_max_num_queries(8):
        response = client.get(POWER_LIST)
    assert len(listed_pks(response)) == 32


def test_decision_list_query_count_does_not_grow_with_rows(
    login, editor, city, django_assert_max_num_queries
):
    client = login(editor)
    power = factories.PublishedPowerItemFactory(agency=city)
    factories.DecisionFactory.create_batch(2, agency=city, power_item=power)
    # As the power items, plus 2 for the date hierarchy.
    with django_assert_max_num_queries(10):
        client.get(DECISION_LIST)
    factories.DecisionFactory.create_batch(30, agency=city, power_item=power)
    with django_assert_max_num_queries(10):
        response = client.get(DECISION_LIST)
    assert len(listed_pks(response)) == 32


# Drafting ------------------------------------------------------------------------------


def test_new_power_item_is_a_draft_with_its_steps_and_one_drafted_event(login, editor, city):
    data = power_form_data(
        city,
        status="published",
        **inline_management("steps", total=2),
        **{
            "steps-0-order": "1",
            "steps-0-name": "受理",
            "steps-0-description": "窗口受理",
            "steps-1-order": "2",
            "steps-1-name": "决定",
        },
    )
    response = login(editor).post(reverse("admin:catalog_poweritem_add"), data)
    assert response.status_code == 302
    item = PowerItem.objects.get()
    assert item.status == ReviewStatus.DRAFT
    assert item.created_by == editor
    assert [s.name for s in item.steps.all()] == ["受理", "决定"]
    assert events_of(item) == [(ReviewAction.CREATED, "")]


def test_promised_days_beyond_the_statutory_limit_are_refused_next_to_the_field(
    login, editor, city
):
    data = power_form_data(city, promised_days="30")
    response = login(editor).post(reverse("admin:catalog_poweritem_add"), data)
    assert "promised_days" in response.context["adminform"].form.errors
    assert not PowerItem.objects.exists()


# The review workflow -------------------------------------------------------------------


def test_power_item_goes_from_draft_to_published_to_withdrawn_through_the_admin(
    login, editor, reviewer, city
):
    item = factories.PowerItemFactory(agency=city)
    response = login(editor).post(
        POWER_LIST,
        {"action": "submit_selected", "_selected_action": [item.pk], "index": 0},
        follow=True,
    )
    assert "1 record was sent to review." in messages_of(response)
    item.refresh_from_db()
    assert item.status == ReviewStatus.IN_REVIEW

    client = login(reviewer)
    publish = reverse("admin:catalog_poweritem_transition", args=[item.pk, "publish"])
    page = client.get(publish)
    assert page.templates[0].name == "admin/catalog/transition.html"
    assert str(item) in page.text
    response = client.post(publish, {"note": ""})
    assert response.status_code == 200  # the opinion is required
    item.refresh_from_db()
    assert item.status == ReviewStatus.IN_REVIEW
    response = client.post(publish, {"note": OPINION})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == ReviewStatus.PUBLISHED
    assert item.confidentiality_opinion == OPINION
    assert item.reviewed_by == reviewer

    withdraw = reverse("admin:catalog_poweritem_transition", args=[item.pk, "withdraw"])
    client.post(withdraw, {"note": "职权已调整"})
    item.refresh_from_db()
    assert item.status == ReviewStatus.WITHDRAWN
    assert [action for action, _note in events_of(item)] == [
        ReviewAction.SUBMITTED,
        ReviewAction.PUBLISHED,
        ReviewAction.WITHDRAWN,
    ]


def test_change_form_offers_the_steps_the_user_may_take(login, editor, reviewer, city):
    item = factories.PowerItemFactory(agency=city, status=ReviewStatus.IN_REVIEW)

    def names(user):
        response = login(user).get(change_url(item))
        return [t["name"] for t in response.context["workflow_transitions"]]

    assert names(editor) == []
    assert names(reviewer) == ["publish", "send_back"]


def test_editor_cannot_publish_a_fee_item_and_is_told_why(login, editor, city):
    fee = factories.FeeItemFactory(agency=city, status=ReviewStatus.IN_REVIEW, name="待审收费")
    response = login(editor).post(
        FEE_LIST,
        {
            "action": "publish_selected",
            "_selected_action": [fee.pk],
            "select_across": "0",
            "post": "yes",
            "note": OPINION,
        },
        follow=True,
    )
    [message] = messages_of(response)
    assert "待审收费" in message
    assert "Only a confidentiality reviewer" in message
    fee.refresh_from_db()
    assert fee.status == ReviewStatus.IN_REVIEW


def test_change_form_shows_the_review_history(login, reviewer, city):
    item = factories.PowerItemFactory(agency=city, status=ReviewStatus.IN_REVIEW)
    ReviewEvent.objects.create(
        content_type=ContentType.objects.get_for_model(PowerItem),
        object_id=item.pk,
        action=ReviewAction.SENT_BACK,
        from_status=ReviewStatus.IN_REVIEW,
        to_status=ReviewStatus.DRAFT,
        actor=reviewer,
        note="请补充设定依据条款",
    )
    assert "请补充设定依据条款" in login(reviewer).get(change_url(item)).text


# Edit modes ----------------------------------------------------------------------------


def test_editor_edits_a_draft_and_its_steps(login, editor, city):
    item = factories.PowerItemFactory(agency=city, code="XK-100")
    response = login(editor).post(change_url(item), power_form_data(city, name="新名称"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.name == "新名称"


def test_power_item_in_review_is_frozen(login, editor, reviewer, city):
    item = factories.PowerItemFactory(agency=city, status=ReviewStatus.IN_REVIEW, code="XK-100")
    for user in (editor, reviewer):
        response = login(user).post(change_url(item), power_form_data(city, name="改了"))
        assert response.status_code == 403
    item.refresh_from_db()
    assert item.name != "改了"


def test_reviewer_abolishes_a_published_power_but_cannot_rename_it(login, reviewer, city):
    item = factories.PublishedPowerItemFactory(agency=city, code="XK-100", name="原名称")
    factories.PowerItemStepFactory(power_item=item)
    client = login(reviewer)
    response = client.get(change_url(item))
    fields = response.context["adminform"].form.fields
    assert set(fields) == {"power_status", "abolished_on", "abolition_basis"}
    steps_inline = response.context["inline_admin_formsets"][0]
    assert not steps_inline.has_change_permission
    data = power_form_data(
        city,
        name="改名",
        power_status=PowerStatus.ABOLISHED,
        abolished_on="2026-04-01",
        abolition_basis="国发〔2026〕5号",
    )
    response = client.post(change_url(item), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.name == "原名称"
    assert item.power_status == PowerStatus.ABOLISHED
    assert item.abolished_on == datetime.date(2026, 4, 1)
    assert item.status == ReviewStatus.PUBLISHED  # still visible, marked abolished


def test_editor_sees_a_published_power_item_read_only(login, editor, city):
    item = factories.PublishedPowerItemFactory(agency=city, code="XK-100")
    client = login(editor)
    assert client.get(change_url(item)).status_code == 200
    data = power_form_data(city, power_status=PowerStatus.ABOLISHED, abolished_on="2026-04-01")
    assert client.post(change_url(item), data).status_code == 403


def test_reviewer_suspends_a_published_fee_but_cannot_change_its_amount(login, reviewer, city):
    fee = factories.PublishedFeeItemFactory(agency=city, amount="120.00")
    response = login(reviewer).get(change_url(fee))
    assert set(response.context["adminform"].form.fields) == {
        "fee_status",
        "collected_from",
        "suspended_on",
        "abolished_on",
        "status_basis",
    }


def test_withdrawn_item_and_published_decision_are_frozen(login, reviewer, city):
    withdrawn = factories.PowerItemFactory(agency=city, status=ReviewStatus.WITHDRAWN)
    decision = factories.PublishedDecisionFactory(agency=city)
    client = login(reviewer)
    for obj in (withdrawn, decision):
        response = client.get(change_url(obj))
        assert response.status_code == 200
        assert not response.context["has_change_permission"]


def test_only_drafts_may_be_deleted(login, editor, city):
    draft = factories.FeeItemFactory(agency=city)
    published = factories.PublishedFeeItemFactory(agency=city)
    client = login(editor)

    def delete(obj):
        return reverse("admin:catalog_feeitem_delete", args=[obj.pk])

    assert client.post(delete(published), {"post": "yes"}).status_code == 403
    response = client.post(
        FEE_LIST,
        {"action": "delete_selected", "_selected_action": [published.pk], "post": "yes"},
        follow=True,
    )
    assert "1 selected record is not a draft" in response.text
    assert FeeItem.objects.filter(pk=published.pk).exists()
    assert client.post(delete(draft), {"post": "yes"}).status_code == 302
    assert not FeeItem.objects.filter(pk=draft.pk).exists()


# Decisions and personal data -----------------------------------------------------------


@pytest.fixture
def person_decision(city):
    return factories.DecisionFactory(
        agency=city,
        party_kind=PartyKind.NATURAL_PERSON,
        party_name="张三丰",
        party_code="210102199001011234",
        legal_representative="",
    )


def test_decision_list_masks_a_natural_persons_name_and_the_form_shows_it(
    login, editor, person_decision
):
    client = login(editor)
    listing = client.get(DECISION_LIST)
    assert "张**" in listing.text
    assert "张三丰" not in listing.text
    assert "210102199001011234" not in listing.text
    form = client.get(change_url(person_decision))
    assert "张三丰" in form.text
    assert "210102199001011234" in form.text


def test_decision_search_never_matches_a_natural_persons_name(login, editor, person_decision):
    client = login(editor)
    assert listed_pks(client.get(DECISION_LIST, {"q": "张三丰"})) == set()
    assert listed_pks(client.get(DECISION_LIST, {"q": person_decision.number})) == {
        person_decision.pk
    }


def test_decision_kind_follows_its_power_item(login, editor, city):
    licence = factories.PublishedPowerItemFactory(agency=city, kind=PowerKind.LICENSING)
    data = {
        "agency": city.pk,
        "power_item": licence.pk,
        "number": "沈市监许〔2026〕1号",
        "decided_on": "2026-05-12",
        "party_kind": PartyKind.ORGANISATION,
        "party_name": "沈阳示例食品有限公司",
        "party_code": "",
        "legal_representative": "",
        "facts": "",
        "basis": "",
        "content": "准予食品经营许可。",
        "fine_amount": "",
        "confiscated_amount": "",
        "licence_number": "JY12101020000001",
        "valid_from": "2026-05-12",
        "valid_until": "2031-05-11",
    }
    response = login(editor).post(reverse("admin:catalog_decisionrecord_add"), data)
    assert response.status_code == 302
    decision = DecisionRecord.objects.get()
    assert decision.kind == DecisionKind.LICENCE
    assert decision.status == ReviewStatus.DRAFT
    assert events_of(decision) == [(ReviewAction.CREATED, "")]


# Department powers ---------------------------------------------------------------------


def test_agency_admin_keeps_workflows_of_their_own_agency_only(login, make_staff, city, other_city):
    own = Workflow.objects.create(agency=city, title="行政许可办理流程")
    Workflow.objects.create(agency=other_city, title="外市流程")
    admin_user = make_staff(city, StaffRole.AGENCY_ADMIN)
    client = login(admin_user)
    assert listed_pks(client.get(WORKFLOW_LIST)) == {own.pk}
    data = {
        "agency": city.pk,
        "department": "",
        "title": "信息公开申请办理流程",
        "description": "",
        "sort_order": "0",
        **inline_management("steps", total=2),
        "steps-0-order": "1",
        "steps-0-name": "登记",
        "steps-1-order": "2",
        "steps-1-name": "答复",
    }
    response = client.post(reverse("admin:catalog_workflow_add"), data)
    assert response.status_code == 302
    created = Workflow.objects.get(title="信息公开申请办理流程")
    assert [s.name for s in created.steps.all()] == ["登记", "答复"]
    data["agency"] = other_city.pk
    data["title"] = "越权流程"
    response = client.post(reverse("admin:catalog_workflow_add"), data)
    assert "agency" in response.context["adminform"].form.errors


def test_editors_have_no_workflow_screen(login, editor):
    assert login(editor).get(WORKFLOW_LIST).status_code == 403


def test_agency_admin_sets_staffing_quotas_on_the_agency_page(login, make_staff, city):
    admin_user = make_staff(city, StaffRole.AGENCY_ADMIN)
    client = login(admin_user)
    response = client.get(change_url(city))
    form = response.context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data.update(
        {
            "accepts_online": "on",
            **inline_management("staffing_quotas", total=1),
            "staffing_quotas-0-category": "administrative",
            "staffing_quotas-0-authorised": "45",
            "staffing_quotas-0-filled": "43",
            "staffing_quotas-0-note": "",
        }
    )
    response = client.post(change_url(city), data)
    assert response.status_code == 302
    [quota] = StaffingQuota.objects.filter(agency=city)
    assert (quota.category, quota.authorised, quota.filled) == ("administrative", 45, 43)


def test_staffing_quotas_are_read_only_to_an_administrator_of_another_agency(
    login, make_staff, city, other_city
):
    StaffingQuota.objects.create(agency=other_city, category="administrative", authorised=30)
    user = make_staff(city, StaffRole.AGENCY_ADMIN)
    factories.MembershipFactory(user=user, agency=other_city, role=StaffRole.EDITOR)
    response = login(user).get(change_url(other_city))
    assert response.status_code == 200
    [quotas] = response.context["inline_admin_formsets"]
    assert not quotas.has_add_permission
    assert not quotas.has_change_permission

"""Admin scoping (issue 2 point 10): staff see and pick only their agencies' records.

Users come from ``make_staff``; their groups come from the data migration, so
the model permissions used here are the real ones.
"""

import datetime
import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from catalog.models import (
    CatalogEntry,
    ReviewAction,
    ReviewEvent,
    ReviewStatus,
    StaffMembership,
    StaffRole,
    Validity,
)
from catalog.roles import ROLE_GROUPS
from tests import factories

CHANGELIST = reverse("admin:catalog_catalogentry_changelist")
ADD = reverse("admin:catalog_catalogentry_add")
AUTOCOMPLETE = reverse("admin:autocomplete")


def change_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def delete_url(obj):
    return reverse("admin:catalog_catalogentry_delete", args=[obj.pk])


@pytest.fixture
def login():
    """``login(user)`` -> a test client signed in as ``user``, reading English."""

    def _login(user):
        client = Client(headers={"accept-language": "en"})
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def superuser(db):
    return factories.UserFactory(is_staff=True, is_superuser=True)


def entry_form_data(entry_agency, topic, **overrides):
    data = {
        "title": "关于新设立的测试条目的通知",
        "agency": entry_agency.pk,
        "department": "",
        "topic": topic.pk,
        "genre": "notice",
        "document_number": "",
        "date_made": "2026-03-02",
        "keywords": "",
        "summary": "",
        "body": "",
        "disclosure_mode": "proactive",
        "scope": "public",
        "withheld_ground": "",
        "timeliness": "standing",
        "clearance_aspect": "",
        "validity": "valid",
        "effective_from": "",
        "validity_changed_on": "",
        "replaced_by": "",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def listed_pks(response):
    return {obj.pk for obj in response.context["cl"].result_list}


# The entry list -----------------------------------------------------------


def test_entry_list_shows_only_the_editors_own_agency(login, editor, city, other_city):
    own = factories.EntryFactory(agency=city)
    foreign = factories.PublishedEntryFactory(agency=other_city)
    response = login(editor).get(CHANGELIST)
    assert response.status_code == 200
    assert listed_pks(response) == {own.pk}
    assert foreign.title not in response.text


def test_editor_of_the_other_city_sees_only_that_city(login, make_staff, city, other_city):
    factories.EntryFactory(agency=city)
    theirs = factories.EntryFactory(agency=other_city)
    response = login(make_staff(other_city, StaffRole.EDITOR)).get(CHANGELIST)
    assert listed_pks(response) == {theirs.pk}


def test_province_membership_covering_subordinates_sees_its_cities(
    login, make_staff, agency, city, other_city
):
    county = factories.CountyAgencyFactory(parent=city)
    entries = {factories.EntryFactory(agency=a).pk for a in (agency, city, other_city, county)}
    factories.EntryFactory(agency=factories.AgencyFactory())  # another province
    covering = make_staff(agency, StaffRole.REVIEWER, covers_subordinates=True)
    assert listed_pks(login(covering).get(CHANGELIST)) == entries


def test_province_membership_without_covering_sees_only_the_province(
    login, make_staff, agency, city
):
    own = factories.EntryFactory(agency=agency)
    factories.EntryFactory(agency=city)
    assert listed_pks(login(make_staff(agency, StaffRole.EDITOR)).get(CHANGELIST)) == {own.pk}


def test_superuser_sees_every_entry(login, superuser, city, other_city):
    entries = {factories.EntryFactory(agency=a).pk for a in (city, other_city)}
    assert listed_pks(login(superuser).get(CHANGELIST)) == entries


def test_agency_filter_offers_only_visible_agencies(login, make_staff, agency, city, other_city):
    for owner in (city, other_city, factories.AgencyFactory()):
        factories.EntryFactory(agency=owner)
    covering = make_staff(agency, StaffRole.REVIEWER, covers_subordinates=True)
    response = login(covering).get(CHANGELIST)
    [agency_filter] = [f for f in response.context["cl"].filter_specs if f.field_path == "agency"]
    assert {pk for pk, _name in agency_filter.lookup_choices} == {city.pk, other_city.pk}


def test_entry_list_query_count_does_not_grow_with_rows(
    login, editor, city, django_assert_max_num_queries
):
    client = login(editor)
    factories.EntryFactory.create_batch(2, agency=city)
    # Session, user, 2 x permissions, 2 filter choices, 2 counts, the page,
    # 2 for the date hierarchy.
    with django_assert_max_num_queries(11):
        client.get(CHANGELIST)
    factories.EntryFactory.create_batch(30, agency=city)
    with django_assert_max_num_queries(11):
        response = client.get(CHANGELIST)
    assert len(listed_pks(response)) == 32


# Another agency's record, reached by typing its URL ------------------------


def test_change_page_of_another_agencys_entry_answers_as_if_missing(login, editor, other_city):
    foreign = factories.EntryFactory(agency=other_city, title="外市绝密草稿标题")
    response = login(editor).get(change_url(foreign), follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:index")
    assert "外市绝密草稿标题" not in response.text
    assert "doesn’t exist" in response.text


def test_posting_to_another_agencys_entry_changes_nothing(login, editor, other_city, topic):
    foreign = factories.EntryFactory(agency=other_city, title="外市草稿")
    client = login(editor)
    client.post(change_url(foreign), entry_form_data(other_city, topic, title="被篡改"))
    foreign.refresh_from_db()
    assert foreign.title == "外市草稿"


def test_delete_page_of_another_agencys_entry_answers_as_if_missing(login, editor, other_city):
    foreign = factories.EntryFactory(agency=other_city, title="外市草稿标题")
    client = login(editor)
    response = client.get(delete_url(foreign), follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:index")
    assert "外市草稿标题" not in response.text
    client.post(delete_url(foreign), {"post": "yes"})
    assert CatalogEntry.objects.filter(pk=foreign.pk).exists()


def test_delete_page_of_an_entry_out_of_scope_says_it_does_not_exist(login, make_staff, other_city):
    foreign = factories.EntryFactory(agency=other_city, title="外市草稿标题")
    # Even with the delete permission, scoping hides the record first.
    deleter = make_staff(other_city.parent, StaffRole.AGENCY_ADMIN)
    deleter.user_permissions.add(Permission.objects.get(codename="delete_catalogentry"))
    response = login(deleter).get(delete_url(foreign), follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:index")
    assert "外市草稿标题" not in response.text


def test_history_page_of_another_agencys_entry_reveals_nothing(login, editor, other_city):
    foreign = factories.EntryFactory(agency=other_city, title="外市草稿标题")
    url = reverse("admin:catalog_catalogentry_history", args=[foreign.pk])
    response = login(editor).get(url, follow=True)
    assert "外市草稿标题" not in response.text


# Choices on the entry form --------------------------------------------------


def test_add_form_offers_only_the_editors_agencies_and_departments(
    login, make_staff, city, other_city
):
    own_department = factories.DepartmentFactory(agency=city)
    factories.DepartmentFactory(agency=other_city)
    # Reading the other city's records is not the right to publish for it.
    user = make_staff(city, StaffRole.EDITOR)
    factories.MembershipFactory(user=user, agency=other_city, role=StaffRole.REQUEST_OFFICER)
    response = login(user).get(ADD)
    fields = response.context["adminform"].form.fields
    assert list(fields["agency"].queryset) == [city]
    assert list(fields["department"].queryset) == [own_department]


def test_posting_another_agency_on_the_add_form_is_refused(login, editor, other_city, topic):
    response = login(editor).post(ADD, entry_form_data(other_city, topic))
    assert response.status_code == 200
    assert "agency" in response.context["adminform"].form.errors
    assert not CatalogEntry.objects.exists()


def test_posting_another_agencys_department_on_the_add_form_is_refused(
    login, editor, city, other_city, topic
):
    foreign_department = factories.DepartmentFactory(agency=other_city)
    data = entry_form_data(city, topic, department=foreign_department.pk)
    response = login(editor).post(ADD, data)
    assert "department" in response.context["adminform"].form.errors
    assert not CatalogEntry.objects.exists()


def test_new_entry_is_a_draft_drafted_by_its_author_with_one_created_event(
    login, editor, city, topic
):
    response = login(editor).post(ADD, entry_form_data(city, topic, status="published"))
    assert response.status_code == 302
    entry = CatalogEntry.objects.get()
    assert entry.status == ReviewStatus.DRAFT
    assert entry.created_by == editor
    assert entry.index_number == ""
    events = ReviewEvent.objects.filter(object_id=entry.pk)
    assert [(e.action, e.actor) for e in events] == [(ReviewAction.CREATED, editor)]


def autocomplete(client, model_name, field_name, term=""):
    response = client.get(
        AUTOCOMPLETE,
        {"app_label": "catalog", "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    return {int(r["id"]) for r in json.loads(response.content)["results"]}


def test_replaced_by_autocomplete_offers_only_visible_entries(login, editor, city, other_city):
    own = factories.PublishedEntryFactory(agency=city, title="本市通知")
    factories.PublishedEntryFactory(agency=other_city, title="外市通知")
    client = login(editor)
    assert autocomplete(client, "catalogentry", "replaced_by") == {own.pk}
    assert autocomplete(client, "catalogentry", "replaced_by", "外市") == set()


def test_agency_autocomplete_offers_only_agencies_the_user_may_publish_for(
    login, make_staff, city, other_city
):
    user = make_staff(city, StaffRole.EDITOR)
    factories.MembershipFactory(user=user, agency=other_city, role=StaffRole.REQUEST_OFFICER)
    client = login(user)
    assert autocomplete(client, "catalogentry", "agency") == {city.pk}
    assert autocomplete(client, "catalogentry", "department") == set()


def test_department_autocomplete_stays_within_the_editors_agency(login, editor, city, other_city):
    own = factories.DepartmentFactory(agency=city)
    factories.DepartmentFactory(agency=other_city)
    assert autocomplete(login(editor), "catalogentry", "department") == {own.pk}


def test_superuser_autocomplete_offers_every_agency(login, superuser, agency, city, other_city):
    assert autocomplete(login(superuser), "catalogentry", "agency") == {
        agency.pk,
        city.pk,
        other_city.pk,
    }


# What may still change ----------------------------------------------------------


def test_editor_sees_a_published_entry_read_only(login, editor, city, topic):
    entry = factories.PublishedEntryFactory(agency=city, topic=topic, title="已发布标题")
    client = login(editor)
    response = client.get(change_url(entry))
    assert response.status_code == 200
    assert "title" not in response.context["adminform"].form.fields
    response = client.post(change_url(entry), entry_form_data(city, topic, title="改了"))
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.title == "已发布标题"


def test_entry_in_review_is_frozen_for_its_editor(login, editor, city, topic):
    entry = factories.EntryFactory(agency=city, topic=topic, status=ReviewStatus.IN_REVIEW)
    response = login(editor).post(change_url(entry), entry_form_data(city, topic, title="改了"))
    assert response.status_code == 403


def test_reviewer_marks_a_published_entry_repealed_but_cannot_retitle_it(
    login, reviewer, city, topic
):
    entry = factories.PublishedEntryFactory(agency=city, topic=topic, title="原标题")
    replacement = factories.PublishedEntryFactory(agency=city, topic=topic)
    data = entry_form_data(
        city,
        topic,
        title="改标题",
        validity=Validity.REPEALED,
        validity_changed_on="2026-04-01",
        replaced_by=replacement.pk,
    )
    response = login(reviewer).post(change_url(entry), data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.title == "原标题"
    assert entry.validity == Validity.REPEALED
    assert entry.validity_changed_on == datetime.date(2026, 4, 1)
    assert entry.replaced_by == replacement
    assert entry.status == ReviewStatus.PUBLISHED


def test_editor_may_edit_own_draft(login, editor, city, topic):
    entry = factories.EntryFactory(agency=city, topic=topic)
    response = login(editor).post(change_url(entry), entry_form_data(city, topic, title="新标题"))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.title == "新标题"


def test_change_form_shows_the_review_history(login, reviewer, city):
    entry = factories.EntryFactory(agency=city, status=ReviewStatus.IN_REVIEW)
    ReviewEvent.objects.create(
        content_type=ContentType.objects.get_for_model(CatalogEntry),
        object_id=entry.pk,
        action=ReviewAction.SENT_BACK,
        from_status=ReviewStatus.IN_REVIEW,
        to_status=ReviewStatus.DRAFT,
        actor=reviewer,
        note="请补充文号",
    )
    response = login(reviewer).get(change_url(entry))
    assert "请补充文号" in response.text


# Deleting -------------------------------------------------------------------------


def test_deleting_a_published_entry_is_refused_even_to_a_superuser(login, superuser, city):
    entry = factories.PublishedEntryFactory(agency=city)
    client = login(superuser)
    assert client.get(delete_url(entry)).status_code == 403
    assert client.post(delete_url(entry), {"post": "yes"}).status_code == 403
    response = client.post(
        CHANGELIST,
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
        follow=True,
    )
    assert "withdraw them instead" in response.text
    assert CatalogEntry.objects.filter(pk=entry.pk).exists()


def test_superuser_may_delete_a_draft(login, superuser, city):
    entry = factories.EntryFactory(agency=city)
    response = login(superuser).post(delete_url(entry), {"post": "yes"})
    assert response.status_code == 302
    assert not CatalogEntry.objects.filter(pk=entry.pk).exists()


def test_bulk_delete_of_drafts_goes_through_the_confirmation(login, superuser, city):
    drafts = factories.EntryFactory.create_batch(2, agency=city)
    client = login(superuser)
    data = {"action": "delete_selected", "_selected_action": [e.pk for e in drafts]}
    confirmation = client.post(CHANGELIST, {**data, "index": 0})
    assert confirmation.status_code == 200
    client.post(CHANGELIST, {**data, "post": "yes"})
    assert not CatalogEntry.objects.exists()


def test_editors_delete_their_own_drafts_but_nothing_published(login, editor, city):
    draft = factories.EntryFactory(agency=city)
    published = factories.PublishedEntryFactory(agency=city)
    client = login(editor)
    assert client.post(delete_url(published), {"post": "yes"}).status_code == 403
    assert CatalogEntry.objects.filter(pk=published.pk).exists()
    assert client.post(delete_url(draft), {"post": "yes"}).status_code == 302
    assert not CatalogEntry.objects.filter(pk=draft.pk).exists()


# Review events and counters --------------------------------------------------------


def test_review_events_are_limited_to_visible_entries(login, editor, city, other_city):
    ct = ContentType.objects.get_for_model(CatalogEntry)
    own = factories.EntryFactory(agency=city)
    foreign = factories.EntryFactory(agency=other_city)
    for entry in (own, foreign):
        ReviewEvent.objects.create(
            content_type=ct, object_id=entry.pk, action=ReviewAction.CREATED, to_status="draft"
        )
    response = login(editor).get(reverse("admin:catalog_reviewevent_changelist"))
    assert [e.object_id for e in response.context["cl"].result_list] == [own.pk]


def test_review_events_cannot_be_changed(login, superuser, city):
    event = ReviewEvent.objects.create(
        content_type=ContentType.objects.get_for_model(CatalogEntry),
        object_id=factories.EntryFactory(agency=city).pk,
        action=ReviewAction.CREATED,
        to_status="draft",
    )
    client = login(superuser)
    response = client.get(change_url(event))
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    assert client.get(reverse("admin:catalog_reviewevent_add")).status_code == 403


def test_index_counters_are_for_superusers_only(login, superuser, reviewer, city):
    factories.PublishedEntryFactory(agency=city)
    url = reverse("admin:catalog_indexcounter_changelist")
    assert login(reviewer).get(url).status_code == 403
    response = login(superuser).get(url)
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 1


# Agencies, topics, memberships -------------------------------------------------------


def test_agency_list_shows_only_the_users_agencies(login, editor, city, other_city):
    response = login(editor).get(reverse("admin:catalog_agency_changelist"))
    assert list(response.context["cl"].result_list) == [city]


def test_agency_admin_edits_contact_data_but_not_the_credit_code(login, make_staff, city):
    admin_user = make_staff(city, StaffRole.AGENCY_ADMIN)
    response = login(admin_user).get(change_url(city))
    form_fields = response.context["adminform"].form.fields
    assert "phone" in form_fields
    for frozen in ("credit_code", "level", "parent", "name", "slug"):
        assert frozen not in form_fields
    data = {
        name: response.context["adminform"].form.initial.get(name) or "" for name in form_fields
    }
    data.update(phone="024-99999999", credit_code="91110000000000000X", level="province")
    data.update({name: "on" for name in ("accepts_online",)})
    # The staffing-quota inline's management form, with no quota rows.
    data.update(
        {
            "staffing_quotas-TOTAL_FORMS": "0",
            "staffing_quotas-INITIAL_FORMS": "0",
            "staffing_quotas-MIN_NUM_FORMS": "0",
            "staffing_quotas-MAX_NUM_FORMS": "1000",
        }
    )
    response = login(admin_user).post(change_url(city), data)
    assert response.status_code == 302
    original_code = city.credit_code
    city.refresh_from_db()
    assert city.phone == "024-99999999"
    assert city.credit_code == original_code
    assert city.level == "city"


def test_editor_cannot_change_their_agency(login, editor, city):
    response = login(editor).post(change_url(city), {"phone": "1"})
    assert response.status_code == 403


def test_topics_are_view_only_for_staff(login, editor, topic):
    client = login(editor)
    response = client.get(change_url(topic))
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    assert client.get(reverse("admin:catalog_topic_add")).status_code == 403


def membership_data(user, agency, role=StaffRole.EDITOR, **extra):
    return {"user": user.pk, "agency": agency.pk, "department": "", "role": role, **extra}


def test_saving_a_membership_gives_the_user_the_group_and_staff_status(login, make_staff, city):
    newcomer = factories.UserFactory(is_staff=False)
    client = login(make_staff(city, StaffRole.AGENCY_ADMIN))
    add = reverse("admin:catalog_staffmembership_add")
    response = client.post(add, membership_data(newcomer, city, StaffRole.REVIEWER))
    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.is_staff
    assert list(newcomer.groups.values_list("name", flat=True)) == [ROLE_GROUPS[StaffRole.REVIEWER]]


def test_deleting_a_membership_takes_the_group_away(login, make_staff, city):
    admin_user = make_staff(city, StaffRole.AGENCY_ADMIN)
    editor = make_staff(city, StaffRole.EDITOR)
    membership = StaffMembership.objects.get(user=editor)
    url = reverse("admin:catalog_staffmembership_delete", args=[membership.pk])
    assert login(admin_user).post(url, {"post": "yes"}).status_code == 302
    assert not editor.groups.exists()


def test_changing_a_memberships_role_swaps_the_group(login, make_staff, city):
    admin_user = make_staff(city, StaffRole.AGENCY_ADMIN)
    editor = make_staff(city, StaffRole.EDITOR)
    membership = StaffMembership.objects.get(user=editor)
    url = change_url(membership)
    response = login(admin_user).post(url, membership_data(editor, city, StaffRole.REVIEWER))
    assert response.status_code == 302
    assert set(editor.groups.values_list("name", flat=True)) == {ROLE_GROUPS[StaffRole.REVIEWER]}


def test_agency_admin_cannot_give_a_membership_in_another_agency(
    login, make_staff, city, other_city
):
    newcomer = factories.UserFactory()
    client = login(make_staff(city, StaffRole.AGENCY_ADMIN))
    add = reverse("admin:catalog_staffmembership_add")
    response = client.get(add)
    assert list(response.context["adminform"].form.fields["agency"].queryset) == [city]
    response = client.post(add, membership_data(newcomer, other_city))
    assert "agency" in response.context["adminform"].form.errors
    assert not StaffMembership.objects.filter(user=newcomer).exists()
    assert not Group.objects.filter(user=newcomer).exists()


def test_agency_admin_cannot_grant_cover_over_agencies_they_do_not_run(
    login, make_staff, agency, city
):
    province_admin = make_staff(agency, StaffRole.AGENCY_ADMIN)  # not covering the cities
    newcomer = factories.UserFactory()
    add = reverse("admin:catalog_staffmembership_add")
    data = membership_data(newcomer, agency, covers_subordinates="on")
    response = login(province_admin).post(add, data)
    assert "covers_subordinates" in response.context["adminform"].form.errors
    assert not StaffMembership.objects.filter(user=newcomer).exists()


def test_agency_admin_sees_only_their_agencys_memberships(login, make_staff, city, other_city):
    admin_user = make_staff(city, StaffRole.AGENCY_ADMIN)
    make_staff(other_city, StaffRole.EDITOR)
    response = login(admin_user).get(reverse("admin:catalog_staffmembership_changelist"))
    assert {m.agency for m in response.context["cl"].result_list} == {city}


def test_agency_admin_picks_users_from_their_agency_or_unplaced_accounts(
    login, make_staff, city, other_city
):
    admin_user = make_staff(city, StaffRole.AGENCY_ADMIN)
    colleague = make_staff(city, StaffRole.EDITOR)
    stranger = make_staff(other_city, StaffRole.EDITOR)
    newcomer = factories.UserFactory()
    response = login(admin_user).get(reverse("admin:catalog_staffmembership_add"))
    users = set(response.context["adminform"].form.fields["user"].queryset)
    assert {admin_user, colleague, newcomer} <= users
    assert stranger not in users


def test_department_of_another_agency_is_hidden(login, make_staff, city, other_city):
    foreign = factories.DepartmentFactory(agency=other_city, name="外市办公室")
    response = login(make_staff(city, StaffRole.AGENCY_ADMIN)).get(change_url(foreign), follow=True)
    assert "外市办公室" not in response.text


def test_guide_of_another_agency_is_hidden(login, make_staff, city, other_city):
    guide = factories.GuideFactory(agency=other_city, preface="外市指南前言")
    client = login(make_staff(city, StaffRole.AGENCY_ADMIN))
    response = client.get(change_url(guide), follow=True)
    assert "外市指南前言" not in response.text


def test_review_event_list_query_count_does_not_grow_with_rows(
    login, editor, city, django_assert_max_num_queries
):
    ct = ContentType.objects.get_for_model(CatalogEntry)

    def add_events(count):
        for entry in factories.EntryFactory.create_batch(count, agency=city):
            ReviewEvent.objects.create(
                content_type=ct, object_id=entry.pk, action=ReviewAction.CREATED, to_status="draft"
            )

    client = login(editor)
    add_events(2)
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("admin:catalog_reviewevent_changelist"))
    add_events(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("admin:catalog_reviewevent_changelist"))
    assert len(response.context["cl"].result_list) == 22


def test_reviewer_sees_the_body_rendered_and_sanitised_before_publishing(login, reviewer, city):
    entry = factories.EntryFactory(agency=city, status=ReviewStatus.IN_REVIEW)
    CatalogEntry.objects.filter(pk=entry.pk).update(
        body='<h3>第一条</h3><p onclick="steal()">正文</p><script>alert(1)</script>'
    )
    page = login(reviewer).get(change_url(entry)).text
    assert '<div class="body-preview"><h3>第一条</h3><p>正文</p>' in page
    assert "steal()" not in page.split('class="body-preview"')[1].split("</div>")[0]
    assert "<script>alert(1)" not in page

"""Who sees which entries (STYLE.md habit 1: domain words live on QuerySets)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from catalog.models import Agency, CatalogEntry, ReviewStatus, Scope, StaffRole
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(city, other_city):
    return {
        "public": factories.PublishedEntryFactory(agency=city),
        "internal": factories.PublishedEntryFactory(agency=city, scope=Scope.INTERNAL),
        "other_internal": factories.PublishedEntryFactory(agency=other_city, scope=Scope.INTERNAL),
        "draft": factories.EntryFactory(agency=city),
        "in_review": factories.EntryFactory(agency=city, status=ReviewStatus.IN_REVIEW),
        "withdrawn": factories.PublishedEntryFactory(agency=city, status=ReviewStatus.WITHDRAWN),
    }


def titles(queryset):
    return set(queryset.values_list("title", flat=True))


def test_anonymous_visitors_see_only_published_public_entries(entries):
    visible = titles(CatalogEntry.objects.visible_to(AnonymousUser()))
    assert visible == {entries["public"].title}
    assert titles(CatalogEntry.objects.listed()) == visible


def test_staff_see_internal_entries_of_their_own_agency_only(entries, city, make_staff):
    officer = make_staff(city, StaffRole.REQUEST_OFFICER)
    visible = titles(CatalogEntry.objects.visible_to(officer))
    assert visible == {entries["public"].title, entries["internal"].title}


def test_superuser_sees_every_published_entry(entries):
    root = factories.UserFactory(is_staff=True, is_superuser=True)
    visible = titles(CatalogEntry.objects.visible_to(root))
    assert visible == {
        entries["public"].title,
        entries["internal"].title,
        entries["other_internal"].title,
    }


def test_agency_subtree_reaches_counties(agency, city):
    county = factories.CountyAgencyFactory(parent=city)
    unrelated = factories.AgencyFactory()
    assert set(Agency.objects.subtree(agency)) == {agency, city, county}
    assert set(Agency.objects.subtree(city)) == {city, county}
    assert unrelated not in Agency.objects.subtree(agency)


def test_topic_subtree_includes_grandchildren():
    root = factories.TopicFactory()
    child = factories.TopicFactory(parent=root)
    grandchild = factories.TopicFactory(parent=child)
    factories.TopicFactory()
    assert sorted(root.subtree_ids()) == sorted([root.pk, child.pk, grandchild.pk])

"""Derived data kept per content version (pagecache.versions.memoized)."""

import pytest
from django.db import transaction

from catalog import reference
from pagecache import versions
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_memoized_value_is_kept_until_its_namespace_changes(django_assert_num_queries):
    calls = []

    def build():
        calls.append(1)
        return len(calls)

    assert versions.memoized("catalog", "test-value", build) == 1
    assert versions.memoized("catalog", "test-value", build) == 1
    factories.TopicFactory()  # commits: the catalogue's version changes
    assert versions.memoized("catalog", "test-value", build) == 2
    factories.AgencyFactory().delete()
    assert versions.memoized("requests", "test-value", build) == 3  # another namespace
    assert versions.memoized("requests", "test-value", build) == 3


def test_what_is_varied_on_is_kept_apart():
    assert versions.memoized("catalog", "test-vary", lambda: "a", vary=1) == "a"
    assert versions.memoized("catalog", "test-vary", lambda: "b", vary=2) == "b"
    assert versions.memoized("catalog", "test-vary", lambda: "c", vary=2) == "b"


def test_nothing_read_inside_a_transaction_is_kept():
    factories.AgencyFactory(slug="kept")
    assert [a.slug for a in reference.agencies()] == ["kept"]
    with transaction.atomic():
        factories.AgencyFactory(slug="rolled-back")
        assert {a.slug for a in reference.agencies()} == {"kept", "rolled-back"}
        transaction.set_rollback(True)
    assert [a.slug for a in reference.agencies()] == ["kept"]


def test_the_agency_tree_is_read_once_per_catalogue_version(django_assert_num_queries):
    factories.AgencyFactory()
    reference.agencies()
    with django_assert_num_queries(1):  # the version token only
        reference.agencies()
    factories.AgencyFactory()
    assert len(reference.agencies()) == 2


def test_within_a_request_the_tokens_are_read_once(django_assert_num_queries):
    factories.AgencyFactory()
    reference.agencies()  # the tokens exist and the agencies are kept
    handle = versions.request_started()
    try:
        with django_assert_num_queries(1):  # the tokens, once for the whole request
            reference.agencies()
            reference.agencies()
            versions.token("requests")
    finally:
        versions.request_finished(handle)
    with django_assert_num_queries(1):  # outside a request: read every time
        versions.token("catalog")

"""Index numbers (索引号): `<agency code>/<year>-<5-digit sequence>` (DOMAIN.md section 1)."""

import datetime
import re
import threading
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, connection, transaction

from catalog import workflow
from catalog.models import CatalogEntry, IndexCounter, ReviewStatus, StaffRole
from tests import factories

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _in_review(agency, **kwargs):
    return factories.EntryFactory(agency=agency, status=ReviewStatus.IN_REVIEW, **kwargs)


@pytest.mark.django_db
def test_number_is_code_year_and_five_digit_sequence(city, reviewer):
    entry = _in_review(city)
    workflow.publish(entry, reviewer, "不涉密,同意公开。")
    year = datetime.datetime.now(SHANGHAI).year
    assert entry.index_number == f"{city.credit_code}/{year}-00001"
    assert re.fullmatch(IndexCounter.PATTERN, entry.index_number)


@pytest.mark.django_db
def test_sequence_counts_per_agency_and_per_year(city, other_city, reviewer, make_staff):
    other_reviewer = make_staff(other_city, StaffRole.REVIEWER)
    at_2025 = datetime.datetime(2025, 12, 31, 23, 30, tzinfo=SHANGHAI)
    at_2026 = datetime.datetime(2026, 1, 1, 0, 30, tzinfo=SHANGHAI)
    first = workflow.publish(_in_review(city), reviewer, "同意", when=at_2025)
    second = workflow.publish(_in_review(city), reviewer, "同意", when=at_2025)
    new_year = workflow.publish(_in_review(city), reviewer, "同意", when=at_2026)
    elsewhere = workflow.publish(_in_review(other_city), other_reviewer, "同意", when=at_2025)
    assert first.index_number.endswith("/2025-00001")
    assert second.index_number.endswith("/2025-00002")
    assert new_year.index_number.endswith("/2026-00001")
    assert elsewhere.index_number == f"{other_city.credit_code}/2025-00001"


@pytest.mark.django_db
def test_year_is_that_of_china_time_not_utc(city, reviewer):
    # 2026-01-01 00:30 in Beijing is still 2025 in UTC.
    at = datetime.datetime(2025, 12, 31, 16, 30, tzinfo=datetime.UTC)
    entry = workflow.publish(_in_review(city), reviewer, "同意", when=at)
    assert entry.index_number.endswith("/2026-00001")


@pytest.mark.django_db
def test_withdrawn_number_is_never_reused(city, reviewer):
    entry = workflow.publish(_in_review(city), reviewer, "同意")
    workflow.withdraw(entry, reviewer, "内容有误")
    later = workflow.publish(_in_review(city), reviewer, "同意")
    assert later.index_number.endswith("-00002")
    entry.refresh_from_db()
    assert entry.index_number.endswith("-00001")


@pytest.mark.django_db
def test_number_is_kept_when_an_entry_is_edited_and_saved_again(city, reviewer):
    entry = workflow.publish(_in_review(city), reviewer, "同意")
    number = entry.index_number
    entry.title = "更正后的标题"
    entry.save()
    entry.refresh_from_db()
    assert entry.index_number == number


@pytest.mark.django_db
def test_database_refuses_a_duplicate_number(city):
    number = IndexCounter.allocate(city, 2026)
    factories.PublishedEntryFactory(agency=city, index_number=number)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.PublishedEntryFactory(agency=city, index_number=number)


@pytest.mark.django_db
def test_database_refuses_a_published_entry_without_number(city):
    with (
        pytest.raises(IntegrityError, match="entry_published_has_index_number"),
        transaction.atomic(),
    ):
        factories.PublishedEntryFactory(agency=city, index_number="")


@pytest.mark.django_db
def test_database_refuses_a_published_entry_without_publication_time(city):
    with pytest.raises(IntegrityError, match="entry_published_has_date"), transaction.atomic():
        factories.PublishedEntryFactory(agency=city, published_at=None, index_number="X/2026-00001")


@pytest.mark.django_db(transaction=True)
def test_reviewers_publishing_at_the_same_moment_get_distinct_numbers(city, make_staff):
    """Two (here: eight) reviewers press "publish" at once: no duplicate, no gap."""
    reviewers = [make_staff(city, StaffRole.REVIEWER) for _ in range(8)]
    entries = [_in_review(city) for _ in reviewers]
    barrier = threading.Barrier(len(entries))
    errors = []

    def publish(entry, user):
        try:
            barrier.wait(timeout=10)
            workflow.publish(entry, user, "同意公开")
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=publish, args=pair) for pair in zip(entries, reviewers, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    numbers = sorted(
        CatalogEntry.objects.filter(agency=city).values_list("index_number", flat=True)
    )
    year = datetime.datetime.now(SHANGHAI).year
    assert numbers == [f"{city.credit_code}/{year}-{n:05d}" for n in range(1, 9)]
    assert IndexCounter.objects.get(agency=city, year=year).last_sequence == 8

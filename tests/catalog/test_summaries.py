"""The summary tables stay equal to a recount after every kind of write (catalog.summaries).

The triggers run in the database, so these tests run on SQLite and on
PostgreSQL alike (CI runs the suite on both).
"""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Sum
from django.utils import timezone

from catalog import summaries, workflow
from catalog.models import (
    CatalogEntry,
    ColumnLatest,
    EntryCount,
    Genre,
    PublicationDay,
    ReviewStatus,
    Scope,
    StaffRole,
    SummaryClock,
    Validity,
)
from tests import factories

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def published(**kwargs):
    return factories.PublishedEntryFactory(**kwargs)


def stored_total():
    return EntryCount.objects.aggregate(total=Sum("n"))["total"] or 0


def assert_in_step():
    assert summaries.differences() == []
    assert stored_total() == CatalogEntry.objects.published().count()


def column(agency, topic):
    return ColumnLatest.objects.filter(agency=agency, topic=topic).first()


def test_a_published_entry_is_counted_in_all_three_summaries(agency, topic):
    at = datetime.datetime(2026, 3, 5, 23, 30, tzinfo=SHANGHAI)
    entry = published(agency=agency, topic=topic, published_at=at)

    assert_in_step()
    row = EntryCount.objects.get(agency=agency, topic=topic)
    assert (row.year_made, row.genre, row.scope, row.n) == (
        entry.date_made.year,
        "notice",
        "public",
        1,
    )
    # The day is the local (Shanghai) day, not the UTC one (15:30 UTC on the 5th).
    assert PublicationDay.objects.get(agency=agency).day == datetime.date(2026, 3, 5)
    assert column(agency, topic).last_published_at == at


def test_publishing_and_withdrawing_through_the_workflow_keep_the_counts(agency, topic, make_staff):
    editor = make_staff(agency, StaffRole.EDITOR)
    reviewer = make_staff(agency, StaffRole.REVIEWER)
    entry = factories.EntryFactory(agency=agency, topic=topic)
    assert stored_total() == 0

    workflow.submit_for_review(entry, editor)
    workflow.publish(entry, reviewer, "经审查，同意公开。")
    assert_in_step()
    assert stored_total() == 1

    workflow.withdraw(entry, reviewer, "内容有误")
    assert_in_step()
    assert stored_total() == 0
    assert column(agency, topic).n == 0
    assert column(agency, topic).last_published_at is None


def test_drafts_and_entries_in_review_are_not_counted(agency, topic):
    factories.EntryFactory(agency=agency, topic=topic)
    factories.EntryFactory(agency=agency, topic=topic, status=ReviewStatus.IN_REVIEW)
    assert stored_total() == 0
    assert_in_step()


@pytest.mark.parametrize(
    "change",
    [
        {"genre": Genre.OPINION},
        {"validity": Validity.REPEALED, "validity_changed_on": datetime.date(2026, 6, 1)},
        {"date_made": datetime.date(2019, 12, 31)},
        {"scope": Scope.INTERNAL},
        {"clearance_aspect": "fees.standards"},
        {"published_at": datetime.datetime(2024, 1, 1, 8, 0, tzinfo=SHANGHAI)},
        {"title": "只改标题"},
    ],
    ids=lambda change: ",".join(change),
)
def test_editing_a_published_entry_moves_its_count(agency, topic, change):
    entry = published(agency=agency, topic=topic)
    published(agency=agency, topic=topic)
    for name, value in change.items():
        setattr(entry, name, value)
    entry.save()
    assert_in_step()


def test_moving_an_entry_to_another_agency_and_topic(agency, city, topic):
    other_topic = factories.TopicFactory()
    entry = published(agency=agency, topic=topic)
    entry.agency, entry.topic = city, other_topic
    entry.save()

    assert_in_step()
    assert column(agency, topic).n == 0
    assert column(city, other_topic).n == 1


def test_deleting_entries_and_updating_them_in_bulk(agency, city, topic):
    entries = [published(agency=agency, topic=topic) for _ in range(3)]
    published(agency=city, topic=topic)

    CatalogEntry.objects.filter(pk=entries[0].pk).delete()
    assert_in_step()
    CatalogEntry.objects.filter(agency=city).update(status=ReviewStatus.WITHDRAWN)
    assert_in_step()
    CatalogEntry.objects.filter(agency=agency).update(genre=Genre.REPORT, scope=Scope.INTERNAL)
    assert_in_step()


def test_withdrawing_the_two_latest_entries_of_a_column_at_once(agency, topic):
    now = timezone.now()
    oldest = published(agency=agency, topic=topic, published_at=now - datetime.timedelta(days=9))
    published(agency=agency, topic=topic, published_at=now - datetime.timedelta(days=2))
    published(agency=agency, topic=topic, published_at=now - datetime.timedelta(days=1))

    CatalogEntry.objects.exclude(pk=oldest.pk).update(status=ReviewStatus.WITHDRAWN)

    assert_in_step()
    assert column(agency, topic).last_published_at == oldest.published_at


def test_bulk_created_entries_are_counted(agency, topic):
    CatalogEntry.objects.bulk_create(
        [
            CatalogEntry(
                title=f"批量{n}",
                agency=agency,
                topic=topic,
                date_made=datetime.date(2025, 1, 1),
                status=ReviewStatus.PUBLISHED,
                published_at=timezone.now(),
                index_number=f"{agency.credit_code}/2025-{n:05d}",
            )
            for n in range(1, 6)
        ]
    )
    assert_in_step()
    assert stored_total() == 5


def test_differences_name_what_is_wrong_and_rebuild_repairs_it(agency, topic):
    published(agency=agency, topic=topic)
    published(agency=agency, topic=topic)
    EntryCount.objects.update(n=7)
    PublicationDay.objects.all().delete()

    found = summaries.differences()
    assert any(line.startswith("facets") and "stored 7, counted 2" in line for line in found)
    assert any(line.startswith("days") and "stored None, counted 2" in line for line in found)

    written = summaries.rebuild()
    assert written == {"facets": 1, "days": 1, "columns": 1}
    assert_in_step()


def test_a_new_time_zone_redates_the_publications(agency, topic, settings):
    # 20:00 UTC on 5 March is the 6th in Shanghai and still the 5th in London.
    published(
        agency=agency,
        topic=topic,
        published_at=datetime.datetime(2026, 3, 5, 20, 0, tzinfo=datetime.UTC),
    )
    assert PublicationDay.objects.get().day == datetime.date(2026, 3, 6)

    settings.TIME_ZONE = "Africa/Abidjan"  # UTC all year, so SQLite may use it too
    assert summaries.sync() is True
    assert PublicationDay.objects.get().day == datetime.date(2026, 3, 5)
    assert SummaryClock.objects.get().time_zone == "Africa/Abidjan"
    assert summaries.sync() is False

    # The triggers date the next publication in the new zone too.
    published(
        agency=agency,
        topic=topic,
        published_at=datetime.datetime(2026, 3, 7, 23, 0, tzinfo=datetime.UTC),
    )
    assert_in_step()


def test_a_zone_with_summer_time_is_refused_on_sqlite():
    with pytest.raises(ImproperlyConfigured, match="summer time"):
        summaries.fixed_offset_minutes(zoneinfo.ZoneInfo("Europe/Berlin"))
    assert summaries.fixed_offset_minutes(SHANGHAI) == 480


def test_the_public_count_leaves_out_internal_entries_and_staff_see_their_own(
    agency, city, topic, make_staff
):
    from django.contrib.auth.models import AnonymousUser

    published(agency=agency, topic=topic)
    published(agency=city, topic=topic, scope=Scope.INTERNAL)
    published(agency=agency, topic=topic, scope=Scope.INTERNAL)
    city_editor = make_staff(city, StaffRole.EDITOR)

    assert summaries.total(summaries.readable_counts(AnonymousUser())) == 1
    assert summaries.total(summaries.readable_counts(city_editor)) == 2
    for user in (AnonymousUser(), city_editor):
        assert summaries.total(summaries.readable_counts(user)) == (
            CatalogEntry.objects.visible_to(user).count()
        )


def test_the_command_checks_and_rebuilds(agency, topic):
    from io import StringIO

    from django.core.management import CommandError, call_command

    published(agency=agency, topic=topic)
    out = StringIO()
    call_command("catalog_summaries", stdout=out)
    assert "equal a fresh count" in out.getvalue()

    EntryCount.objects.update(n=5)
    with pytest.raises(CommandError, match="1 differences"):
        call_command("catalog_summaries", stdout=StringIO())

    out = StringIO()
    call_command("catalog_summaries", "--rebuild", "--dry-run", stdout=out)
    assert "rolled back" in out.getvalue()
    assert EntryCount.objects.get().n == 5

    call_command("catalog_summaries", "--rebuild", verbosity=0, stdout=StringIO())
    assert_in_step()


def test_triggers_lost_in_a_table_rebuild_are_put_back_and_the_counts_recounted(agency, topic):
    from django.db import connection

    from catalog import summary_triggers

    published(agency=agency, topic=topic)
    with connection.cursor() as cursor:
        for name in summary_triggers.TRIGGER_NAMES[connection.vendor]:
            on = " ON catalog_catalogentry" if connection.vendor == "postgresql" else ""
            cursor.execute(f"DROP TRIGGER {name}{on}")
    assert not summary_triggers.installed(connection)
    published(agency=agency, topic=topic)  # not counted: no trigger
    assert stored_total() == 1

    assert summaries.sync() is True
    assert summary_triggers.installed(connection)
    assert_in_step()
    published(agency=agency, topic=topic)
    assert_in_step()
    assert summaries.sync() is False


@pytest.mark.django_db(transaction=True)
def test_a_later_migration_that_rebuilds_the_entries_table_keeps_the_counts(agency, topic):
    """SQLite rebuilds a table to alter it, dropping its triggers: migrate puts them back."""
    from django.core.management import call_command
    from django.db import connection

    from catalog import summary_triggers

    published(agency=agency, topic=topic)
    call_command("migrate", "catalog", "0007", verbosity=0)
    call_command("migrate", "catalog", verbosity=0)
    assert summary_triggers.installed(connection)
    published(agency=agency, topic=topic)
    assert_in_step()

"""Table 三's rule holds for the demo data of every agency and every year (issue 5).

The demo (``manage.py load_demo``, with the requests of ``requests_app.demo``)
takes a few seconds to load, so the module loads it once inside a transaction
that is rolled back when the module ends.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Max, Min
from django.test import override_settings

from catalog.models import Agency
from reports import tables
from requests_app.models import InformationRequest, ReviewCase
from tests.requests_app.factories import FAST_HASHERS


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("demo-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(media), PASSWORD_HASHERS=FAST_HASHERS),
    ):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo", stdout=StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def loaded(demo, db):
    return demo


def _years():
    """Every year the demo's requests touch: received or closed in it."""
    span = InformationRequest.objects.aggregate(
        first=Min("received_on"), last_received=Max("received_on"), last_closed=Max("closed_on")
    )
    last = max(day for day in (span["last_received"], span["last_closed"]) if day)
    return range(span["first"].year, last.year + 1)


def test_demo_has_requests_received_and_closed_in_several_years(loaded):
    assert InformationRequest.objects.closed().exists()
    assert InformationRequest.objects.exclude(received_on=None).exists()
    assert len(_years()) >= 2


def test_rule_of_table_3_holds_for_every_agency_and_year_of_the_demo(loaded):
    broken = {}
    for agency in Agency.objects.all():
        for year in _years():
            _table, check = tables.table3([agency.pk], year)
            if not check.holds:
                broken[(agency.slug, year)] = check.messages()
    assert broken == {}


def test_rule_holds_for_the_combined_summary_of_the_province(loaded):
    province = Agency.objects.get(parent=None)
    for year in _years():
        result = tables.combined(province, year)
        assert result.check.holds, (year, result.check.messages())
    all_received = sum(
        tables.combined(province, year).table3.cell("received", 6) for year in _years()
    )
    assert all_received == InformationRequest.objects.exclude(received_on=None).count()


def test_table_4_counts_every_demo_review_case_once(loaded):
    everyone = Agency.objects.values("pk")
    counted = sum(
        sum(tables.table4(everyone, year).row("cases").cells[4::5]) for year in range(2008, 2031)
    )
    assert counted == ReviewCase.objects.count()

"""Table 三's rule holds for the demo data of every agency and every year (issue 5).

The demo (``manage.py load_demo``, with the requests of ``requests_app.demo``)
takes a while to load, so the session loads it once for every test that uses
``demo_db`` (``tests/conftest.py``).
"""

from django.db.models import Max, Min

from catalog.models import Agency
from reports import tables
from requests_app.models import InformationRequest, ReviewCase


def _years():
    """Every year the demo's requests touch: received or closed in it."""
    span = InformationRequest.objects.aggregate(
        first=Min("received_on"), last_received=Max("received_on"), last_closed=Max("closed_on")
    )
    last = max(day for day in (span["last_received"], span["last_closed"]) if day)
    return range(span["first"].year, last.year + 1)


def test_demo_has_requests_received_and_closed_in_several_years(demo_db):
    assert InformationRequest.objects.closed().exists()
    assert InformationRequest.objects.exclude(received_on=None).exists()
    assert len(_years()) >= 2


def test_rule_of_table_3_holds_for_every_agency_and_year_of_the_demo(demo_db):
    broken = {}
    for agency in Agency.objects.all():
        for year in _years():
            _table, check = tables.table3([agency.pk], year)
            if not check.holds:
                broken[(agency.slug, year)] = check.messages()
    assert broken == {}


def test_rule_holds_for_the_combined_summary_of_the_province(demo_db):
    province = Agency.objects.get(parent=None)
    for year in _years():
        result = tables.combined(province, year)
        assert result.check.holds, (year, result.check.messages())
    all_received = sum(
        tables.combined(province, year).table3.cell("received", 6) for year in _years()
    )
    assert all_received == InformationRequest.objects.exclude(received_on=None).count()


def test_table_4_counts_every_demo_review_case_once(demo_db):
    everyone = Agency.objects.values("pk")
    counted = sum(
        sum(tables.table4(everyone, year).row("cases").cells[4::5]) for year in range(2008, 2031)
    )
    assert counted == ReviewCase.objects.count()

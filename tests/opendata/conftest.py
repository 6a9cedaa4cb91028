"""A small published dataset for the open-data API, frozen on 2 March 2026."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.cache import cache

from catalog.models import DecisionKind, PartyKind, Scope
from reports import publishing
from tests import factories
from tests.reports.factories import AnnualReportFactory
from tests.requests_app.factories import InformationRequestFactory

CHINA = zoneinfo.ZoneInfo("Asia/Shanghai")

# What identifies the applicant of a request: none of it may leave the API.
APPLICANT_MARKERS = {
    "applicant_name": "司马标记人",
    "phone": "13912345678",
    "email": "marker-applicant@example.org",
    "id_number": "21010219800101123X",
}


@pytest.fixture(autouse=True)
def in_march_2026():
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, tzinfo=CHINA), tick=False):
        yield


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):
    settings.OPENDATA_API_RATE_LIMIT = {"REQUESTS": 100_000, "SECONDS": 60}
    cache.clear()
    yield
    cache.clear()


def _published_at(days_ago: int):
    return datetime.datetime(2026, 3, 1, 9, tzinfo=CHINA) - datetime.timedelta(days=days_ago)


@pytest.fixture
def dataset(db):
    """Two agencies (a province and its city), a topic with a subtopic, eleven public
    entries (one on the same second as another), an internal and a draft entry, a power
    item with steps, a fee item, decisions in and past their period, a guide, a published
    annual report, and requests whose applicant carries ``APPLICANT_MARKERS``."""
    province = factories.AgencyFactory(slug="province")
    city = factories.CityAgencyFactory(parent=province, slug="city")
    root = factories.TopicFactory(slug="food")
    sub = factories.TopicFactory(slug="food-sampling", parent=root)
    other = factories.TopicFactory(slug="other")
    entries = []
    for n in range(11):
        entries.append(
            factories.PublishedEntryFactory(
                agency=province if n % 3 == 0 else city,
                topic=[root, sub, other][n % 3],
                title=f"食品安全抽检通知{n}" if n % 2 else f"产品质量公告{n}",
                published_at=_published_at(n if n != 5 else 4),  # 4 and 5 tie
                date_made=datetime.date(2025 + n % 2, 2, 1),
            )
        )
    factories.PublishedEntryFactory(agency=city, topic=root, scope=Scope.INTERNAL)
    factories.EntryFactory(agency=city, topic=root, title="草稿食品通知")
    power = factories.PublishedPowerItemFactory(agency=city)
    factories.PowerItemStepFactory(power_item=power, order=1)
    factories.PowerItemStepFactory(power_item=power, order=2)
    factories.PublishedFeeItemFactory(agency=city)
    factories.GuideFactory(agency=province)
    listed = factories.PublishedDecisionFactory(
        agency=city,
        power_item=power,
        party_kind=PartyKind.NATURAL_PERSON,
        party_name="欧阳测试",
        party_code="210102199001011234",
    )
    expired = factories.PublishedDecisionFactory(
        agency=city,
        power_item=power,
        kind=DecisionKind.PENALTY,
        decided_on=datetime.date(2022, 6, 1),
        number="辽市监处罚〔2022〕1号",
    )
    requests = [
        InformationRequestFactory(
            agency=city, submitted_at=_published_at(400), **APPLICANT_MARKERS
        ),
        InformationRequestFactory(agency=city, **APPLICANT_MARKERS),
    ]
    report = AnnualReportFactory(agency=city, year=2025)
    office = factories.MembershipFactory(agency=city, role="agency_admin").user
    factories.MembershipFactory(user=office, agency=city, role="reviewer")
    publishing.publish(report, office, when=datetime.datetime(2026, 1, 20, 10, tzinfo=CHINA))
    return {
        "province": province,
        "city": city,
        "topics": (root, sub, other),
        "entries": entries,
        "power": power,
        "listed": listed,
        "expired": expired,
        "requests": requests,
        "report": report,
    }

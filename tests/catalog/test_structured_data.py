"""schema.org JSON-LD on entry and power item pages (catalog.structured_data)."""

import json
import re

import pytest

from catalog.models import Genre, Validity
from tests import factories

pytestmark = pytest.mark.django_db

LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(response) -> dict:
    (block,) = LD.findall(response.content.decode())
    return json.loads(block)


def test_a_normative_document_is_legislation_with_its_numbers_agency_and_force(client, agency):
    entry = factories.PublishedEntryFactory(
        agency=agency,
        genre=Genre.NORMATIVE,
        title="辽宁省市场监督管理局行政处罚裁量基准",
        document_number="辽市监发〔2024〕12号",
        validity=Validity.REPEALED,
        validity_changed_on="2026-01-01",
        keywords="行政处罚,裁量",
    )
    data = json_ld(client.get(entry.get_absolute_url()))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Legislation"
    assert data["name"] == entry.title
    assert data["url"] == f"http://testserver{entry.get_absolute_url()}"
    assert {"@type": "PropertyValue", "name": "索引号", "value": entry.index_number} in data[
        "identifier"
    ]
    assert data["legislationIdentifier"] == "辽市监发〔2024〕12号"
    assert data["legislationLegalForce"] == "https://schema.org/NotInForce"
    assert data["legislationPassedBy"]["name"] == agency.name
    assert data["publisher"]["@type"] == "GovernmentOrganization"
    assert data["dateCreated"] == entry.date_made.isoformat()
    assert data["keywords"] == ["行政处罚", "裁量"]


def test_a_notice_is_a_digital_document_without_legislation_fields(client, agency):
    entry = factories.PublishedEntryFactory(agency=agency, genre=Genre.NOTICE)
    data = json_ld(client.get(entry.get_absolute_url()))
    assert data["@type"] == "DigitalDocument"
    assert "legislationLegalForce" not in data


def test_markup_in_a_title_cannot_close_the_script_block(client, agency):
    entry = factories.PublishedEntryFactory(agency=agency, title="关于</script><b>x</b>的通知")
    response = client.get(entry.get_absolute_url())
    assert json_ld(response)["name"] == "关于</script><b>x</b>的通知"
    assert "</script><b>" not in response.content.decode()


def test_a_power_item_is_a_government_service_of_its_agency(client, agency):
    item = factories.PublishedPowerItemFactory(agency=agency, name="食品生产许可")
    data = json_ld(client.get(item.get_absolute_url()))
    assert data["@type"] == "GovernmentService"
    assert data["name"] == "食品生产许可"
    assert data["identifier"] == item.code
    assert data["provider"]["name"] == agency.name

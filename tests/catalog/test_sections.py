"""The catalogue filters by four-clearance aspect; the section is marked in the
navigation. The four-clearance pages themselves are tested in
``test_clearance_overview.py``; the reports section in ``tests/reports/test_pages.py``."""

import pytest
from django.urls import reverse

from catalog.models import ClearanceAspect
from tests import factories

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_catalogue_filters_by_clearance_area_and_aspect(client, city):
    basis = factories.PublishedEntryFactory(
        agency=city, clearance_aspect=ClearanceAspect.ENFORCEMENT_BASIS, title="执法依据汇编"
    )
    result = factories.PublishedEntryFactory(
        agency=city, clearance_aspect=ClearanceAspect.ENFORCEMENT_RESULT, title="执法结果公示"
    )
    other = factories.PublishedEntryFactory(
        agency=city, clearance_aspect=ClearanceAspect.FEES, title="收费标准"
    )
    area = client.get(reverse("catalog:entry_list"), {"aspect": "enforcement"})
    titles = {e.title for e in area.context["page_obj"]}
    assert titles == {basis.title, result.title}
    one = client.get(reverse("catalog:entry_list"), {"aspect": "enforcement.result"})
    assert {e.title for e in one.context["page_obj"]} == {result.title}
    assert other.title not in area.content.decode()


def test_clearances_section_is_reachable_and_marked_current(client, city):
    response = client.get(reverse("catalog:clearances"), **EN)
    assert response.status_code == 200
    assert 'aria-current="page"' in response.content.decode()

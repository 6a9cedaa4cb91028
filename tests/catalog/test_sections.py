"""The reports page gathers what the catalogue holds for it; the catalogue filters by
four-clearance aspect. The four-clearance pages themselves are tested in
``test_clearance_overview.py``."""

import pytest
from django.urls import reverse

from catalog.models import ClearanceAspect, Genre, ReviewStatus
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


def test_reports_page_lists_published_reports_and_summaries(client, city):
    summary = factories.PublishedEntryFactory(
        agency=city, genre=Genre.WORK_SUMMARY, title="上半年政务公开工作总结"
    )
    report = factories.PublishedEntryFactory(agency=city, genre=Genre.REPORT, title="年度报告")
    notice = factories.PublishedEntryFactory(agency=city, genre=Genre.NOTICE, title="一则通知")
    withdrawn = factories.PublishedEntryFactory(
        agency=city, genre=Genre.REPORT, status=ReviewStatus.WITHDRAWN, title="撤回的报告"
    )
    body = client.get(reverse("catalog:reports")).content.decode()
    assert summary.title in body
    assert report.title in body
    assert notice.title not in body
    assert withdrawn.title not in body


def test_navigation_sections_are_reachable_and_marked_current(client, city):
    for name in ("catalog:clearances", "catalog:reports"):
        response = client.get(reverse(name), **EN)
        assert response.status_code == 200
        assert 'aria-current="page"' in response.content.decode()


def test_reports_page_query_count_does_not_grow(client, city, django_assert_max_num_queries):
    factories.PublishedEntryFactory.create_batch(5, agency=city, genre=Genre.REPORT)
    with django_assert_max_num_queries(6):
        client.get(reverse("catalog:reports"))

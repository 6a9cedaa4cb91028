"""The four-clearances and reports pages gather what the catalogue holds for them."""

import pytest
from django.urls import reverse

from catalog.models import ClearanceAspect, Genre, ReviewStatus, Scope
from tests import factories

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_clearance_areas_show_their_tagged_entries_only(client, city):
    staffing = factories.PublishedEntryFactory(
        agency=city, clearance_aspect=ClearanceAspect.POWERS_STAFFING, title="人员编制情况"
    )
    fees = factories.PublishedEntryFactory(
        agency=city, clearance_aspect=ClearanceAspect.FEES, title="收费项目目录"
    )
    untagged = factories.PublishedEntryFactory(agency=city, title="无标签的通知")
    draft = factories.EntryFactory(
        agency=city, clearance_aspect=ClearanceAspect.FEES, title="草稿收费文件"
    )
    internal = factories.PublishedEntryFactory(
        agency=city, clearance_aspect=ClearanceAspect.FEES, scope=Scope.INTERNAL, title="内部收费"
    )
    response = client.get(reverse("catalog:clearances"))
    assert response.status_code == 200
    areas = {item["area"].value: item for item in response.context["areas"]}
    assert [e.title for e in areas["powers"]["entries"]] == [staffing.title]
    assert [e.title for e in areas["fees"]["entries"]] == [fees.title]
    assert areas["enforcement"]["count"] == 0
    body = response.content.decode()
    for hidden in (untagged, draft, internal):
        assert hidden.title not in body


def test_clearances_narrow_to_an_agency_and_its_subordinates(client, agency, city, other_city):
    county = factories.CountyAgencyFactory(parent=city)
    mine = factories.PublishedEntryFactory(
        agency=county, clearance_aspect=ClearanceAspect.APPROVAL_BASIS, title="县局许可依据"
    )
    theirs = factories.PublishedEntryFactory(
        agency=other_city, clearance_aspect=ClearanceAspect.APPROVAL_BASIS, title="他市许可依据"
    )
    response = client.get(reverse("catalog:clearances"), {"agency": city.slug})
    body = response.content.decode()
    assert mine.title in body
    assert theirs.title not in body
    assert client.get(reverse("catalog:clearances"), {"agency": "nowhere"}).status_code == 404


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


def test_section_pages_query_count_does_not_grow(client, city, django_assert_max_num_queries):
    for aspect in list(ClearanceAspect)[:6]:
        factories.PublishedEntryFactory.create_batch(3, agency=city, clearance_aspect=aspect)
    factories.PublishedEntryFactory.create_batch(5, agency=city, genre=Genre.REPORT)
    with django_assert_max_num_queries(12):
        client.get(reverse("catalog:clearances"))
    with django_assert_max_num_queries(6):
        client.get(reverse("catalog:reports"))

"""Published annual reports in the site search (catalog.search)."""

from catalog.models import Agency, DocumentKind
from catalog.search.sources import Source, in_site_language, lines, local_day
from reports.models import AnnualReport, ReportStatus


@in_site_language
def report_document(report: AnnualReport):
    if report.status != ReportStatus.PUBLISHED:
        return None
    return {
        "agency_id": report.agency_id,
        "topic_id": None,
        "internal": False,
        "current": True,
        "state": "",
        "date": local_day(report.published_at) or report.updated_at.date(),
        "visible_until": None,
        "url": report.get_absolute_url(),
        "title": report.title,
        "number": "",
        "reference": "",
        "text": lines(report.overview, report.problems, report.other_matters),
    }


SOURCE = Source(
    kind=DocumentKind.REPORT,
    model=AnnualReport,
    indexable=lambda: AnnualReport.objects.published().select_related("agency"),
    document=report_document,
    # The title and address carry the agency's name and slug.
    depends_on=((Agency, lambda agency: AnnualReport.objects.published().filter(agency=agency)),),
)

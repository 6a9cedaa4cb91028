"""Demo annual reports for 2025, published through ``reports.publishing``.

Called by ``manage.py load_demo`` after the catalogue and the requests (its
``load_other_apps`` step). Most agencies published their 2025 report in
January 2026; a few published late and a few not at all, so the report index
and the scoreboard show both. The figures come from the demo records; the
narrative is written here. Idempotent: a published report is left alone.
"""

import datetime
import zoneinfo
from decimal import Decimal

from django.contrib.auth import get_user_model

from catalog import workflow
from catalog.demo.staff import PROVINCIAL_ADMIN, PROVINCIAL_REVIEWER
from catalog.models import Agency, ReviewStatus
from reports.models import AnnualReport, ReportStatus
from reports.publishing import open_report, publish

YEAR = 2025
CHINA = zoneinfo.ZoneInfo("Asia/Shanghai")
# Agencies that have not published (by slug) and those that published late.
NOT_PUBLISHED = {"huludao", "chaoyang-lingyuan"}
LATE = {"tieling": datetime.date(2026, 2, 26), "dalian-jinzhou": datetime.date(2026, 3, 9)}
OPINION = "经保密审查，年度报告不涉及国家秘密、工作秘密和个人信息，同意主动公开。"

OVERVIEW = (
    "{year}年，{name}深入贯彻《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，"
    "围绕市场监管重点工作推进决策、执行、管理、服务、结果公开。全年通过政府信息公开平台主动公开"
    "各类政府信息，及时更新机构职能、权责清单、行政许可和行政处罚结果等信息；依法受理、办理"
    "政府信息公开申请，严格执行答复时限；持续完善政府信息公开指南和目录，做好保密审查。"
)
PROBLEMS = (
    "一是政策解读形式还不够丰富，图解、视频等解读占比偏低；二是部分栏目更新频率不够均衡；"
    "三是依申请公开答复文书的规范化水平有待提高。下一步，{name}将加强政策解读，建立栏目"
    "更新台账，开展依申请公开业务培训，进一步提升政务公开质量。"
)
OTHER = (
    "本年度依据《政府信息公开信息处理费管理办法》收取信息处理费{fee}万元。"
    "本年度人大代表建议和政协提案办理结果均已按规定公开。"
)


def _publication_day(slug: str, serial: int) -> datetime.date:
    if slug in LATE:
        return LATE[slug]
    return datetime.date(YEAR + 1, 1, 12 + serial % 18)


def load(loader) -> None:
    users = get_user_model().objects.in_bulk(
        [PROVINCIAL_ADMIN, PROVINCIAL_REVIEWER], field_name="username"
    )
    administrator, reviewer = users[PROVINCIAL_ADMIN], users[PROVINCIAL_REVIEWER]
    published = set(
        AnnualReport.objects.filter(year=YEAR, status=ReportStatus.PUBLISHED).values_list(
            "agency__slug", flat=True
        )
    )
    for serial, agency in enumerate(Agency.objects.in_tree_order()):
        if agency.slug in NOT_PUBLISHED or agency.slug in published:
            continue
        report = open_report(agency, YEAR, administrator, today=datetime.date(YEAR + 1, 1, 5))
        fee = Decimal("0") if serial % 4 else Decimal("0.0300")
        report.overview = OVERVIEW.format(year=YEAR, name=agency.name)
        report.problems = PROBLEMS.format(name=agency.short_name or agency.name)
        report.other_matters = OTHER.format(fee=fee.normalize())
        report.fee_revenue = fee
        day = _publication_day(agency.slug, serial)
        when = datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=CHINA)
        report.record_fee_revenue_entry(administrator, when - datetime.timedelta(days=3))
        report.save()
        result = publish(report, administrator, when=when)
        entry = result.entry
        if entry is not None and entry.status == ReviewStatus.IN_REVIEW:
            workflow.publish(entry, reviewer, OPINION, when=when)
        loader.count("Annual reports", "created")
    loader.report("Annual reports")

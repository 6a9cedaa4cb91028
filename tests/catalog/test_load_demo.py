"""``manage.py load_demo``: the demo bureau system, loaded deterministically and idempotently.

Loading takes a while, so the session loads it once (after a dry run on the empty
database) for every test that uses ``demo_db`` (``tests/conftest.py``).
"""

import datetime
import re
from collections import Counter, defaultdict
from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from catalog import permissions
from catalog.demo import entries as demo_entries
from catalog.demo.files import one_page_pdf
from catalog.demo.staff import ACCOUNTS, DEMO_PASSWORD
from catalog.models import (
    Agency,
    AgencyLevel,
    CatalogEntry,
    Department,
    DisclosureGuide,
    DisclosureMode,
    EntryAttachment,
    Genre,
    IndexCounter,
    ReviewAction,
    ReviewEvent,
    ReviewStatus,
    Scope,
    StaffMembership,
    StaffRole,
    Topic,
    Validity,
)
from catalog.roles import ROLE_GROUPS
from catalog.validators import validate_credit_code

CITIES = ("沈阳", "大连", "鞍山", "抚顺", "本溪", "丹东", "锦州", "营口", "阜新", "辽阳", "盘锦",
          "铁岭", "朝阳", "葫芦岛")  # fmt: skip
DEMO_TODAY = datetime.datetime(2026, 11, 27, 23, 59, tzinfo=demo_entries.SHANGHAI)
CHINESE_NUMERALS = "一二三四五六七八九十"


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (Agency, Department, Topic, CatalogEntry, EntryAttachment, DisclosureGuide,
                      StaffMembership, ReviewEvent, IndexCounter, get_user_model())
    }  # fmt: skip


def _numbering():
    return sorted(
        CatalogEntry.objects.exclude(index_number="").values_list("index_number", flat=True)
    )


def test_dry_run_reports_what_it_would_create_and_writes_nothing(demo_db):
    assert demo_db.after_dry_run == demo_db.before
    assert demo_db.media_files_after_dry_run == []
    assert demo_db.private_files_after_dry_run == []
    assert "Agencies: 20 would be created" in demo_db.dry_output
    assert "rolled back" in demo_db.dry_output


def test_province_has_fourteen_city_bureaus_and_some_county_bureaus(demo_db):
    province = Agency.objects.get(slug="liaoning")
    assert province.name == "辽宁省市场监督管理局"
    assert province.level == AgencyLevel.PROVINCE
    cities = Agency.objects.filter(level=AgencyLevel.CITY, parent=province)
    assert sorted(cities.values_list("name", flat=True)) == sorted(
        f"{city}市市场监督管理局" for city in CITIES
    )
    counties = Agency.objects.filter(level=AgencyLevel.COUNTY)
    assert counties.count() >= 5
    assert Agency.objects.get(slug="shenyang-heping").parent.slug == "shenyang"
    assert all(agency.departments.exists() for agency in Agency.objects.all())


def test_credit_codes_validate_are_unique_and_carry_the_area_code(demo_db):
    codes = dict(Agency.objects.values_list("slug", "credit_code"))
    for code in codes.values():
        validate_credit_code(code)
    assert len(set(codes.values())) == len(codes)
    assert codes["liaoning"].startswith("11210000")
    assert codes["shenyang"].startswith("11210100")
    assert codes["dalian"].startswith("11210200")


def test_agencies_carry_contact_data_reception_window_and_powers(demo_db):
    for agency in Agency.objects.all():
        assert agency.address and agency.postcode and agency.phone
        assert agency.reception_office and agency.reception_address and agency.reception_phone
        assert "8:30-11:30" in agency.reception_hours
        assert agency.functions.count("\n") >= 7
        assert "行政编制" in agency.staffing
        assert agency.structure
    assert Agency.objects.get(slug="dalian").phone.startswith("0411-")
    province = Agency.objects.get(slug="liaoning")
    assert province.accepts_online and province.accepts_email and province.accepts_fax
    assert Agency.objects.filter(level=AgencyLevel.CITY, accepts_email=False).exists()


def test_catalogue_has_at_least_485_published_entries_everywhere(demo_db):
    published = CatalogEntry.objects.published()
    assert published.count() >= 485
    per_agency = Counter(published.values_list("agency__slug", flat=True))
    assert all(per_agency[slug] > 0 for slug in Agency.objects.values_list("slug", flat=True))
    assert per_agency.most_common(1)[0][0] == "liaoning"
    assert set(published.values_list("genre", flat=True)) == set(Genre.values)
    years = {moment.year for moment in published.values_list("published_at", flat=True)}
    assert years == {2024, 2025, 2026}


def test_published_entries_are_dated_in_order_and_not_in_the_future(demo_db):
    for made, published in CatalogEntry.objects.published().values_list(
        "date_made", "published_at"
    ):
        assert published.astimezone(demo_entries.SHANGHAI).date() >= made
        assert published <= DEMO_TODAY


def test_catalogue_mixes_validity_disclosure_mode_and_scope(demo_db):
    published = CatalogEntry.objects.published()
    validity = Counter(published.values_list("validity", flat=True))
    assert all(validity[value] > 0 for value in Validity.values)
    assert validity[Validity.VALID] > published.count() * 0.8
    assert not published.exclude(validity=Validity.VALID).filter(validity_changed_on=None)
    modes = Counter(published.values_list("disclosure_mode", flat=True))
    assert 20 <= modes[DisclosureMode.ON_REQUEST] <= 40
    assert modes[DisclosureMode.WITHHELD] >= 3
    assert not published.filter(disclosure_mode=DisclosureMode.ON_REQUEST).exclude(body="")
    for ground in published.filter(disclosure_mode=DisclosureMode.WITHHELD).values_list(
        "withheld_ground", flat=True
    ):
        assert "政府信息公开条例" in ground
    assert 10 <= published.filter(scope=Scope.INTERNAL).count() <= 30
    assert published.exclude(clearance_aspect="").count() >= 50
    assert not published.filter(department=None)


def test_replaced_entries_point_to_a_newer_entry_of_the_same_agency(demo_db):
    replaced = CatalogEntry.objects.exclude(replaced_by=None).select_related("replaced_by")
    assert replaced.count() >= 5
    for entry in replaced:
        assert entry.validity in (Validity.AMENDED, Validity.REPEALED)
        assert entry.replaced_by.agency_id == entry.agency_id
        assert entry.replaced_by.date_made > entry.date_made
        assert entry.replaced_by.status == ReviewStatus.PUBLISHED


def test_staff_see_a_queue_of_drafts_entries_in_review_and_withdrawn_entries(demo_db):
    statuses = Counter(CatalogEntry.objects.values_list("status", flat=True))
    assert statuses[ReviewStatus.DRAFT] >= 3
    assert statuses[ReviewStatus.IN_REVIEW] >= 3
    assert statuses[ReviewStatus.WITHDRAWN] >= 3
    assert not CatalogEntry.objects.filter(status=ReviewStatus.DRAFT).exclude(index_number="")
    for entry in CatalogEntry.objects.filter(status=ReviewStatus.WITHDRAWN):
        assert entry.index_number and entry.withdrawal_reason and entry.withdrawn_at


# Apps loaded after the catalogue (the 2025 annual reports, published in January 2026)
# add entries dated earlier than the catalogue demo's last ones of 2026: their numbers
# follow the load, not the dates. The order check covers the catalogue's own entries.
LATER_APP_ENTRIES = {"title__endswith": "2025年政府信息公开工作年度报告", "genre": Genre.REPORT}


def test_index_numbers_are_unique_well_formed_and_gapless_per_agency_and_year(demo_db):
    numbered = CatalogEntry.objects.exclude(index_number="").select_related("agency")
    assert not CatalogEntry.objects.published().filter(index_number="")
    sequences = defaultdict(list)
    for entry in numbered:
        assert re.fullmatch(IndexCounter.PATTERN, entry.index_number)
        code, year_sequence = entry.index_number.split("/")
        year, sequence = year_sequence.split("-")
        assert code == entry.agency.credit_code
        assert int(year) == entry.published_at.astimezone(demo_entries.SHANGHAI).year
        sequences[(code, year)].append((entry.published_at, int(sequence)))
    assert len(set(_numbering())) == numbered.count()
    later = set(
        CatalogEntry.objects.filter(**LATER_APP_ENTRIES).values_list("index_number", flat=True)
    )
    for (code, year), numbers in sequences.items():
        assert sorted(s for _when, s in numbers) == list(range(1, len(numbers) + 1))
        own = [
            (when, sequence)
            for when, sequence in numbers
            if f"{code}/{year}-{sequence:05d}" not in later
        ]
        in_publication_order = [sequence for _when, sequence in sorted(own)]
        assert in_publication_order == sorted(in_publication_order)


def test_entries_were_published_by_a_reviewer_through_the_workflow(demo_db):
    content_type = ContentType.objects.get_for_model(CatalogEntry)
    published_events = ReviewEvent.objects.filter(
        content_type=content_type, action=ReviewAction.PUBLISHED
    )
    assert published_events.count() == CatalogEntry.objects.exclude(index_number="").count()
    sample = CatalogEntry.objects.published().select_related("agency", "reviewed_by")[::40]
    for entry in sample:
        assert permissions.may_review(entry.reviewed_by, entry.agency)
        assert entry.confidentiality_opinion.startswith("经保密审查")
        event = published_events.get(object_id=entry.pk)
        assert event.at == entry.published_at


def test_work_rules_have_seven_chapters_and_thirty_eight_articles(demo_db):
    rules = CatalogEntry.objects.published().get(title="辽宁省市场监督管理系统政务公开工作规则")
    assert rules.agency.slug == "liaoning"
    assert rules.genre == Genre.RULES
    assert rules.topic.slug == "openness-rules"
    chapters = re.findall(r"<h3>(第.{1,2}章)", rules.body)
    assert chapters == [f"第{n}章" for n in CHINESE_NUMERALS[:7]]
    articles = re.findall(r"<p>(第[一二三四五六七八九十]+条)", rules.body)
    assert len(articles) == 38
    assert articles[0] == "第一条" and articles[-1] == "第三十八条"
    assert "第三十九条" not in rules.body


def test_half_year_summary_is_a_published_work_summary_of_the_province(demo_db):
    summary = CatalogEntry.objects.published().get(title="工商局上半年政务公开工作总结")
    assert summary.agency.slug == "liaoning"
    assert summary.genre == Genre.WORK_SUMMARY
    assert summary.topic.slug == "openness-summaries"
    assert summary.topic.parent.name == "政务公开"
    assert summary.body.startswith("<p>工商行政管理机关是政府管理市场经济秩序的行政执法部门")
    assert "《规则》共分七章38条" in summary.body


def test_topic_tree_has_english_slugs_and_chinese_names(demo_db):
    openness = Topic.objects.get(slug="openness")
    assert openness.name == "政务公开"
    assert set(openness.children.values_list("name", flat=True)) == {
        "公开指南", "公开制度", "工作总结", "年度报告",
    }  # fmt: skip
    assert all(
        re.fullmatch(r"[a-z-]+", slug) for slug in Topic.objects.values_list("slug", flat=True)
    )


def test_attachments_are_stored_files_of_proactive_entries(demo_db):
    attachments = EntryAttachment.objects.select_related("entry")
    assert attachments.count() >= 100
    for attachment in attachments[::25]:
        assert attachment.entry.disclosure_mode == DisclosureMode.PROACTIVE
        assert attachment.title.startswith("附件")
        with attachment.file.open("rb") as handle:
            data = handle.read()
        assert len(data) == attachment.size > 0
        if attachment.extension == "pdf":
            assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")


def test_every_agency_has_a_guide_with_remedies(demo_db):
    assert DisclosureGuide.objects.count() == Agency.objects.count()
    province_guide = DisclosureGuide.objects.get(agency__slug="liaoning")
    assert province_guide.reconsideration_body == "辽宁省人民政府"
    shenyang_guide = DisclosureGuide.objects.get(agency__slug="shenyang")
    assert shenyang_guide.reconsideration_body == "沈阳市人民政府"
    assert shenyang_guide.litigation_court.endswith("人民法院")
    assert all("监督电话" in guide.supervision for guide in DisclosureGuide.objects.all())


def test_every_role_has_a_demo_account_with_its_group_and_the_shared_password(demo_db):
    province = Agency.objects.get(slug="liaoning")
    roles = set(StaffMembership.objects.filter(agency=province).values_list("role", flat=True))
    assert roles == set(StaffRole.values)
    users = get_user_model().objects.filter(username__in=[a.username for a in ACCOUNTS])
    assert users.count() == len(ACCOUNTS)
    reviewer = users.get(username="demo-reviewer")
    assert reviewer.check_password(DEMO_PASSWORD)
    assert reviewer.is_staff
    assert reviewer.groups.filter(name=ROLE_GROUPS[StaffRole.REVIEWER]).exists()
    assert permissions.may_review(reviewer, Agency.objects.get(slug="dalian"))
    shenyang_editor = users.get(username="shenyang-editor")
    assert not permissions.may_edit(shenyang_editor, Agency.objects.get(slug="dalian"))
    assert users.get(username="admin").is_superuser
    assert "demo-reviewer" in demo_db.output and DEMO_PASSWORD in demo_db.output


def test_second_run_changes_nothing_and_allocates_no_number(demo_db):
    counts, numbers = _counts(), _numbering()
    counters = list(IndexCounter.objects.order_by("pk").values_list("last_sequence", flat=True))
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert _counts() == counts
    assert _numbering() == numbers
    assert list(IndexCounter.objects.order_by("pk").values_list("last_sequence", flat=True)) == (
        counters
    )
    assert "already loaded" in out.getvalue()


def test_quiet_run_prints_nothing(demo_db):
    out = StringIO()
    call_command("load_demo", verbosity=0, stdout=out)
    assert out.getvalue() == ""


def test_entry_specifications_are_the_same_on_every_build():
    def fingerprint(specs):
        return [
            (s.key, s.title, s.document_number, s.published_at, s.status, s.validity, s.replaced_by)
            for s in specs
        ]

    assert fingerprint(demo_entries.build_entry_specs()) == fingerprint(
        demo_entries.build_entry_specs()
    )


def test_generated_pdf_cross_reference_points_at_its_objects():
    pdf = one_page_pdf(["Hello (demo)"])
    xref_at = int(pdf.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert pdf[xref_at:].startswith(b"xref\n0 6\n")
    offsets = re.findall(rb"(\d{10}) 00000 n", pdf[xref_at:])
    for number, offset in enumerate(offsets, start=1):
        assert pdf[int(offset) :].startswith(f"{number} 0 obj".encode())
    assert b"(Hello \\(demo\\)) Tj" in pdf

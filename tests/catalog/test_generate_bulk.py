"""``manage.py generate_bulk``: bulk catalogue entries on top of a small bureau system.

The module builds a province, two cities and a county with factories (departments, a
topic tree, an editor, a reviewer and request officers), then runs the command once,
rolls it back and runs it again with the same seed (to compare), and keeps the second
run for the tests; all rolled back when the module ends. ``tests/requests_app/
test_generate_bulk.py`` checks the applications of the same run.
"""

import datetime
import re
import zoneinfo
from collections import Counter
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

from catalog import bulk_writer, summaries, workflow
from catalog.bulk import MAX_SEQUENCE, Cell, build_plan, load_agencies, spill_over
from catalog.bulk_entries import ENTRY_FIELDS
from catalog.bulk_text import Vocabulary, demo_texts, demo_vocabulary_ranked, phrases, segment
from catalog.bulk_text import ngram_counts as count_ngrams
from catalog.models import (
    AgencyLevel,
    CatalogEntry,
    DepartmentRole,
    DisclosureMode,
    IndexCounter,
    ReviewStatus,
    Scope,
    SearchDocument,
    StaffRole,
    Topic,
    Validity,
)
from catalog.sanitize import sanitize_html
from catalog.search import engine, index, text
from requests_app.models import InformationRequest, RequestEvent
from tests.factories import (
    AgencyFactory,
    CityAgencyFactory,
    CountyAgencyFactory,
    DepartmentFactory,
    EntryFactory,
    MembershipFactory,
    TopicFactory,
)
from tests.requests_app.factories import FAST_HASHERS

CHINA = zoneinfo.ZoneInfo("Asia/Shanghai")
NOW = datetime.datetime(2026, 11, 27, 18, 0, tzinfo=CHINA)
ENTRIES, REQUESTS, SEED = 300, 400, 7
TOPIC_TREE = {
    "inspection": ("监督检查", ("inspection-product", "inspection-food")),
    "policy": ("政策法规", ("policy-normative",)),
    "news": ("工作动态", ()),
}


def make_bureaus() -> dict:
    """A province, two cities and a county, with departments, topics and staff."""
    province = AgencyFactory(
        name="辽宁省市场监督管理局",
        short_name="省市场监管局",
        slug="liaoning",
        accepts_email=True,
        accepts_fax=True,
    )
    shenyang = CityAgencyFactory(name="沈阳市市场监督管理局", slug="shenyang", parent=province)
    dalian = CityAgencyFactory(name="大连市市场监督管理局", slug="dalian", parent=province)
    heping = CountyAgencyFactory(
        name="和平区市场监督管理局", slug="shenyang-heping", parent=shenyang
    )
    legal = {
        AgencyLevel.PROVINCE: "法规处",
        AgencyLevel.CITY: "法制科",
        AgencyLevel.COUNTY: "法制股",
    }
    for agency in (province, shenyang, dalian, heping):
        DepartmentFactory(agency=agency, name="办公室", role=DepartmentRole.OFFICE)
        DepartmentFactory(agency=agency, name=legal[agency.level], role=DepartmentRole.LEGAL)
    for position, (slug, (name, children)) in enumerate(TOPIC_TREE.items(), start=1):
        parent = TopicFactory(slug=slug, name=name, sort_order=position)
        for order, child in enumerate(children, start=1):
            TopicFactory(slug=child, name=f"{name}{order}", parent=parent, sort_order=order)
    staff = {
        "editor": MembershipFactory(agency=province, role=StaffRole.EDITOR).user,
        "reviewer": MembershipFactory(
            agency=province, role=StaffRole.REVIEWER, covers_subordinates=True
        ).user,
        "officer": MembershipFactory(
            agency=province, role=StaffRole.REQUEST_OFFICER, covers_subordinates=True
        ).user,
        "city-officer": MembershipFactory(
            agency=shenyang, role=StaffRole.REQUEST_OFFICER, covers_subordinates=True
        ).user,
    }
    return {"agencies": (province, shenyang, dalian, heping), **staff}


def entry_rows() -> list[tuple]:
    return list(CatalogEntry.objects.order_by("pk").values_list(*ENTRY_FIELDS))


def request_rows() -> list[tuple]:
    names = [
        n for n in ("tracking_number", "status", "outcome", "answer", "applicant_name",
                    "applicant_key", "submitted_at", "received_on", "due_on", "closed_on",
                    "reply_text", "description", "query_code_hash", "repeat_of__tracking_number")
    ]  # fmt: skip
    events = RequestEvent.objects.order_by("request__tracking_number", "at", "pk")
    return [
        list(InformationRequest.objects.order_by("tracking_number").values_list(*names)),
        list(events.values_list("request__tracking_number", "kind", "at", "public", "data")),
    ]


def run(**options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("generate_bulk", stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def bulk(django_db_setup, django_db_blocker):
    """The empty database refused, a dry run, a run rolled back, and the same run again."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        time_machine.travel(NOW, tick=False),
    ):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with pytest.raises(CommandError) as refused:
                run(entries=10)
            bureaus = make_bureaus()
            before = (CatalogEntry.objects.count(), InformationRequest.objects.count())
            dry_output, _ = run(entries=ENTRIES, requests=REQUESTS, seed=SEED, dry_run=True)
            after_dry_run = (CatalogEntry.objects.count(), InformationRequest.objects.count())
            first = transaction.savepoint_create()
            run(entries=ENTRIES, requests=REQUESTS, seed=SEED)
            first_rows = (entry_rows(), request_rows())
            transaction.savepoint_rollback(first)
            output, errors = run(entries=ENTRIES, requests=REQUESTS, seed=SEED, verbosity=2)
            yield {
                "refused": str(refused.value),
                "before": before,
                "after_dry_run": after_dry_run,
                "dry_output": dry_output,
                "first_rows": first_rows,
                "output": output,
                "errors": errors,
                **bureaus,
            }
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def generated(bulk, db):
    return bulk


def entries():
    return list(CatalogEntry.objects.select_related("agency", "topic"))


def test_without_agencies_it_stops_and_says_to_load_the_demo(generated):
    assert "load_demo" in generated["refused"]


def test_dry_run_says_what_it_would_add_and_writes_nothing(generated):
    assert generated["after_dry_run"] == generated["before"] == (0, 0)
    assert "would add 300" in generated["dry_output"]
    assert "would add 400" in generated["dry_output"]
    assert "nothing was written" in generated["dry_output"]


def test_the_same_seed_gives_the_same_rows(generated):
    assert (entry_rows(), request_rows()) == generated["first_rows"]


def test_it_adds_the_entries_asked_for_most_published_some_withdrawn_and_queued(generated):
    statuses = Counter(CatalogEntry.objects.values_list("status", flat=True))
    assert sum(statuses.values()) == ENTRIES
    assert statuses[ReviewStatus.PUBLISHED] > 0.85 * ENTRIES
    assert statuses[ReviewStatus.WITHDRAWN] >= 1
    assert statuses[ReviewStatus.DRAFT] >= 1 and statuses[ReviewStatus.IN_REVIEW] >= 1
    assert "Added 300 catalogue entries" in generated["output"]


def test_every_entry_passes_full_clean_and_its_body_is_what_sanitising_keeps(generated):
    for entry in entries():
        entry.full_clean()
        assert sanitize_html(entry.body) == entry.body
        if entry.shows_content:
            assert entry.body.startswith("<p>") and entry.body.count("<p>") >= 4
        else:
            assert entry.body == ""


def test_index_numbers_are_unique_well_formed_and_only_on_published_entries(generated):
    numbered = [e for e in entries() if e.index_number]
    assert len({e.index_number for e in numbered}) == len(numbered)
    for entry in entries():
        if entry.status in (ReviewStatus.PUBLISHED, ReviewStatus.WITHDRAWN):
            year = entry.published_at.astimezone(CHINA).year
            assert re.fullmatch(
                rf"{entry.agency.credit_code}/{year}-\d{{5}}", entry.index_number
            ), entry.index_number
        else:
            assert entry.index_number == "" and entry.published_at is None


def test_index_numbers_run_from_one_in_order_of_publication_per_agency_and_year(generated):
    cells = {}
    for entry in sorted(
        (e for e in entries() if e.index_number), key=lambda e: (e.published_at, e.index_number)
    ):
        key = (entry.agency_id, entry.published_at.astimezone(CHINA).year)
        cells.setdefault(key, []).append(int(entry.index_number[-5:]))
    for key, sequences in cells.items():
        assert sequences == list(range(1, len(sequences) + 1)), key
        counter = IndexCounter.objects.get(agency_id=key[0], year=key[1])
        assert counter.last_sequence == len(sequences)


def test_a_real_publication_afterwards_gets_the_next_free_number(generated):
    province = generated["agencies"][0]
    counter = IndexCounter.objects.get(agency=province, year=2026)
    entry = EntryFactory(agency=province, topic=Topic.objects.get(slug="news"))
    workflow.submit_for_review(entry, generated["editor"])
    workflow.publish(entry, generated["reviewer"], "经保密审查，同意公开。")
    assert entry.index_number == f"{province.credit_code}/2026-{counter.last_sequence + 1:05d}"
    assert CatalogEntry.objects.filter(index_number=entry.index_number).count() == 1


def test_a_second_run_adds_as_much_again_and_numbers_stay_unique(generated):
    run(entries=ENTRIES, seed=SEED, verbosity=0)
    numbers = list(CatalogEntry.objects.exclude(index_number="").values_list("index_number"))
    assert CatalogEntry.objects.count() == 2 * ENTRIES
    assert len(set(numbers)) == len(numbers)
    for counter in IndexCounter.objects.all():
        used = CatalogEntry.objects.filter(
            agency=counter.agency, index_number__contains=f"/{counter.year}-"
        )
        assert counter.last_sequence == used.count()


def test_the_summary_tables_count_the_bulk_entries_too(generated):
    """The triggers of ADR 0010 see COPY and batched INSERTs like any other write."""
    assert summaries.differences() == []


def test_the_search_index_holds_every_published_entry_generated(generated):
    """COPY sends no signal: the command writes the documents itself, as a rebuild would."""
    published = CatalogEntry.objects.published()
    assert SearchDocument.objects.filter(kind="entry").count() == published.count() > 0
    assert not index.differences()
    out = StringIO()
    call_command("search_index", stdout=out, stderr=StringIO())
    assert "equals a fresh rebuild" in out.getvalue()
    assert re.search(r"Search index: [\d,]+ documents in", generated["output"])


def test_a_generated_title_is_found_by_the_site_search(generated):
    public = CatalogEntry.objects.published().filter(scope=Scope.PUBLIC)
    titles = Counter(public.values_list("title", flat=True))
    title = next(t for t, n in titles.most_common()[::-1] if n == 1)
    entry = public.get(title=title)
    results = engine.search(text.parse(title), user=AnonymousUser())
    assert entry.pk in [hit.document.object_id for hit in results.hits]
    by_number = engine.search(text.parse(entry.index_number), user=AnonymousUser())
    assert [hit.document.object_id for hit in by_number.hits][:1] == [entry.pk]


def test_dates_follow_each_other_and_the_twenty_working_day_rule(generated):
    for entry in entries():
        assert entry.created_at <= (entry.submitted_at or entry.created_at) <= NOW
        if entry.published_at:
            published_on = entry.published_at.astimezone(CHINA).date()
            assert entry.date_made <= published_on
            assert (published_on - entry.date_made).days <= 30  # 20 working days
            assert entry.created_at < entry.submitted_at < entry.published_at < NOW
            assert entry.reviewed_at == entry.published_at and entry.confidentiality_opinion
        if entry.withdrawn_at:
            assert entry.published_at < entry.withdrawn_at < NOW and entry.withdrawal_reason
        if entry.validity != Validity.VALID:
            assert entry.date_made < entry.validity_changed_on < NOW.date()


def test_entries_spread_over_agencies_topics_genres_and_years(generated):
    rows = entries()
    by_agency = Counter(e.agency.slug for e in rows)
    assert set(by_agency) == {"liaoning", "shenyang", "dalian", "shenyang-heping"}
    assert by_agency["liaoning"] > by_agency["shenyang"] > by_agency["shenyang-heping"]
    leaves = set(Topic.objects.filter(children__isnull=True).values_list("slug", flat=True))
    topics = Counter(e.topic.slug for e in rows)
    assert set(topics) == leaves
    assert topics.most_common(1)[0][1] > 2 * topics.most_common()[-1][1]  # Zipf-weighted
    assert len({e.genre for e in rows}) >= 10
    years = {e.published_at.astimezone(CHINA).year for e in rows if e.published_at}
    assert years == set(range(2015, 2027))


def test_some_entries_are_internal_on_request_or_withheld_with_their_ground(generated):
    rows = [e for e in entries() if e.published_at]
    modes = Counter((e.disclosure_mode, e.scope) for e in rows)
    assert modes[(DisclosureMode.PROACTIVE, Scope.PUBLIC)] > 0.8 * len(rows)
    assert modes[(DisclosureMode.PROACTIVE, Scope.INTERNAL)] >= 1
    assert modes[(DisclosureMode.ON_REQUEST, Scope.PUBLIC)] >= 1
    withheld = [e for e in rows if e.disclosure_mode == DisclosureMode.WITHHELD]
    assert withheld and all("政府信息公开条例" in e.withheld_ground for e in withheld)
    lapsed = Counter(e.validity for e in rows if e.validity != Validity.VALID)
    assert len(lapsed) >= 2


def test_document_numbers_use_the_agencys_abbreviation(generated):
    numbers = CatalogEntry.objects.filter(agency__slug="liaoning").exclude(document_number="")
    formats = Counter()
    for number in numbers.values_list("document_number", flat=True):
        if re.fullmatch(r"辽市监(发|函|处罚)〔20\d\d〕\d+号", number):
            formats["发"] += 1
        elif re.fullmatch(r"辽宁省市场监督管理局公告20\d\d年第\d+号", number):
            formats["公告"] += 1
        else:
            formats[number] += 1
    assert formats["发"] > 0.5 * sum(formats.values())
    heping = CatalogEntry.objects.filter(agency__slug="shenyang-heping")
    assert heping.filter(document_number__startswith="和平市监").exists()


def test_entry_text_has_a_zipf_like_word_distribution(generated):
    vocabulary = demo_vocabulary_ranked()
    bodies = "".join(CatalogEntry.objects.values_list("body", flat=True))
    median = vocabulary.words[len(vocabulary.words) // 2]
    assert bodies.count(vocabulary.words[0]) > 20 * max(1, bodies.count(median))
    assert vocabulary.probability(1) > 100 * vocabulary.probability(len(vocabulary.words) // 2)


def test_verbosity_two_lists_agencies_and_the_progress_line_stays_quiet_for_small_runs(
    generated,
):
    assert "liaoning" in generated["output"] and "/2026-" in generated["output"]
    assert generated["errors"] == ""


def test_the_progress_line_shows_rows_rate_and_time_left_when_there_is_much_to_write(
    generated, monkeypatch
):
    monkeypatch.setattr(bulk_writer, "COMMIT_ROWS", 20)  # two batches per transaction
    _out, err = run(entries=40, seed=1, batch_size=10)
    assert "Catalogue entries: 10 / 40 rows" in err and "rows/s" in err and "ETA" in err
    assert "Catalogue entries: 40 rows in" in err
    assert CatalogEntry.objects.count() == ENTRIES + 40
    quiet_out, quiet_err = run(entries=40, seed=1, batch_size=10, verbosity=0)
    assert quiet_out == quiet_err == ""


def test_a_run_that_stops_halfway_keeps_its_numbers_unique_and_skips_the_rest(
    generated, monkeypatch
):
    monkeypatch.setattr(bulk_writer, "COMMIT_ROWS", 20)
    write, calls = bulk_writer.Writer.write, []

    def failing_write(self, model, names, rows):
        calls.append(len(rows))
        if len(calls) == 3:
            raise RuntimeError("the disk is full")
        return write(self, model, names, rows)

    monkeypatch.setattr(bulk_writer.Writer, "write", failing_write)
    before = {c.pk: c.last_sequence for c in IndexCounter.objects.all()}
    with pytest.raises(RuntimeError):
        run(entries=40, seed=2, batch_size=10, verbosity=0)
    assert CatalogEntry.objects.count() == ENTRIES + 20  # the first transaction of two
    moved = sum(c.last_sequence - before.get(c.pk, 0) for c in IndexCounter.objects.all())
    assert moved == 38  # every number of the plan (40 less two drafts) was taken first
    monkeypatch.setattr(bulk_writer.Writer, "write", write)
    test_a_real_publication_afterwards_gets_the_next_free_number(generated)


# --- the parts, without the command -------------------------------------------------------------


def test_words_are_cut_where_the_demo_texts_cut_them():
    counts = count_ngrams(phrases(demo_texts()))
    assert segment("政府信息公开", counts) == ["政府", "信息", "公开"]
    assert segment("市场监督管理局", counts)[0] == "市场"


def test_zipf_draws_make_the_commonest_word_much_commoner_than_the_median():
    import random

    vocabulary = Vocabulary([f"词{i}" for i in range(1000)], [1] * 1000)
    draws = Counter(vocabulary.draw(random.Random(3), 100_000))
    counts = sorted(draws.values(), reverse=True)
    assert counts[0] > 50 * counts[len(counts) // 2]


def test_cells_that_would_overflow_five_digits_spill_into_cells_with_room(db):
    province = AgencyFactory()
    infos = load_agencies()
    info = next(i for i in infos if i.pk == province.pk)
    full = Cell(info, 2025, 1.0, last_sequence=MAX_SEQUENCE - 5, count=20)
    empty = Cell(info, 2024, 1.0, last_sequence=0, count=0)
    spill_over([full, empty])
    assert (full.count, empty.count) == (5, 15)
    with pytest.raises(CommandError, match="do not fit"):
        spill_over([Cell(info, 2025, 1.0, last_sequence=MAX_SEQUENCE, count=1)])


def test_a_plan_never_numbers_past_the_counters_capacity(db):
    import random

    AgencyFactory()
    infos = load_agencies()
    counters = {(infos[0].pk, year): MAX_SEQUENCE - 30 for year in range(2015, 2027)}
    plan = build_plan(random.Random(1), infos, NOW.date(), 300, counters)
    assert all(cell.spare >= 0 for cell in plan.cells)
    assert plan.numbered + sum(plan.queue.values()) == 300

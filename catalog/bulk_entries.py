"""The rows of bulk catalogue entries (``catalog.bulk`` plans how many of which agency and
year; this module makes each one).

An entry gets a leaf topic (Zipf-weighted; topics with more demo templates rank first),
then, four times in five when the demo has templates for that topic and the agency's
level, its title, summary, keywords, genre, department and kind of document number from
one of ``catalog.demo.templates`` filled the way the demo fills them; otherwise a title
of its genre's usual pattern (关于…的通知, …的公告, …办法) around words of the Zipf
vocabulary (``catalog.bulk_text``). Published entries are proactive and public but for a
share of internal (局务公开), on-request and withheld ones (with the legal ground);
drafts and entries in review are recent and have no index number. The body, for
proactive entries only as in the demo, is built as safe ``<p>`` paragraphs and not run
through ``sanitize_html`` (for speed; it would keep it unchanged).

Dates: the publication moment is a working day of the cell's year in office hours
(before today); the entry was made 0 to 12 working days before (Art. 26: within 20);
drafting, review and withdrawal times fall in between or after.
"""

import bisect
import datetime
from dataclasses import dataclass
from types import SimpleNamespace

import chinese_calendar
from django.core.management.base import CommandError
from django.utils import timezone

from catalog.bulk_text import ZIPF_EXPONENT, TextStream, paragraphs_html
from catalog.demo import entries as demo_entries
from catalog.demo import templates as demo_templates
from catalog.demo import vocabulary as demo_words
from catalog.management.commands.load_demo import OPINIONS
from catalog.models import (
    DisclosureMode,
    Genre,
    ReviewStatus,
    Scope,
    Timeliness,
    Topic,
    Validity,
)


def _cumulative(weights) -> tuple[float, ...]:
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return tuple(out)


ENTRY_FIELDS = (
    "status", "created_by_id", "submitted_at", "reviewed_by_id", "reviewed_at",
    "confidentiality_opinion", "published_at", "withdrawn_at", "withdrawal_reason",
    "created_at", "updated_at", "index_number", "title", "agency_id", "department_id",
    "topic_id", "genre", "document_number", "keywords", "summary", "body", "date_made",
    "validity", "effective_from", "validity_changed_on", "replaced_by_id", "disclosure_mode",
    "withheld_ground", "scope", "timeliness", "clearance_aspect",
)  # fmt: skip

TEMPLATE_SHARE = 0.8
# The word stream passages are cut from (``TextStream``): this many words per entry,
# within bounds (a million entries share a stream of a few million words).
STREAM_WORDS_PER_ENTRY = 60
MIN_STREAM_WORDS, MAX_STREAM_WORDS = 20_000, 3_000_000
WITHDRAWN_SHARE = 0.015
DRAFT_SHARE_OF_QUEUE = 0.6
QUEUE_WORKING_DAYS = 40  # drafts and entries in review were made this recently
MADE_BEFORE_PUBLICATION = (0, 12)  # working days (Art. 26 allows 20)
# (disclosure mode, scope, weight)
MODES = (
    (DisclosureMode.PROACTIVE, Scope.PUBLIC, 88),
    (DisclosureMode.PROACTIVE, Scope.INTERNAL, 4),
    (DisclosureMode.ON_REQUEST, Scope.PUBLIC, 5),
    (DisclosureMode.WITHHELD, Scope.PUBLIC, 3),
)
GROUNDS = (
    demo_templates.GROUND_CLASSIFIED,
    demo_templates.GROUND_THIRD_PARTY,
    demo_templates.GROUND_PROCESS,
)
VALIDITIES = {Validity.VALID: 86, Validity.EXPIRED: 5, Validity.REPEALED: 5, Validity.AMENDED: 4}
VALIDITY_CHANGE_DAYS = (60, 2500)  # how long after it was made an entry lapses
TIMELINESS = {Timeliness.STANDING: 40, Timeliness.PROMPT: 50, Timeliness.TIME_LIMITED: 10}
WITHDRAWAL_REASONS = (
    "标题和文号有误，已更正后重新发布。",
    "附件内容不完整，撤回后重新审核。",
    "该信息涉及第三方合法权益，经复核撤回。",
)
VALIDITY_CHOICES, VALIDITY_WEIGHTS = tuple(VALIDITIES), _cumulative(VALIDITIES.values())
TIMELINESS_CHOICES, TIMELINESS_WEIGHTS = tuple(TIMELINESS), _cumulative(TIMELINESS.values())
LEVEL_LETTERS = {"province": "p", "city": "c", "county": "x"}

# (genre, weight, title pattern, kind of document number) of titles without a template.
G = Genre
GENERIC_TITLES = (
    (G.NOTICE, 30, "关于{x}的通知", "发"),
    (G.NOTICE, 10, "关于开展{year}年{x}工作的通知", "发"),
    (G.NOTICE, 6, "关于印发《{x}实施方案》的通知", "发"),
    (G.ANNOUNCEMENT, 10, "{org}关于{x}的公告", "公告"),
    (G.PUBLIC_NOTICE, 4, "{org}关于{x}的通告", ""),
    (G.BULLETIN, 6, "关于{year}年{x}情况的通报", "发"),
    (G.OPINION, 4, "{org}关于{x}的实施意见", "发"),
    (G.DECISION, 3, "{org}关于{x}的决定", "发"),
    (G.REPORT, 4, "{org}关于{year}年{x}工作情况的报告", "发"),
    (G.REQUEST_FOR_INSTRUCTIONS, 2, "{org}关于{x}的请示", "发"),
    (G.REPLY, 2, "{org}关于{x}的批复", "发"),
    (G.LETTER, 3, "{org}关于{x}的函", "函"),
    (G.MINUTES, 2, "{org}{year}年{x}专题会议纪要", ""),
    (G.MEASURES, 2, "{org}{x}管理办法", "发"),
    (G.PROVISIONS, 2, "{org}关于{x}的若干规定", "发"),
    (G.RULES, 1, "{org}{x}工作规则", "发"),
    (G.NORMATIVE, 3, "关于印发《{place}{x}办法》的通知", "发"),
    (G.WORK_SUMMARY, 2, "{org}{year}年{x}工作总结", ""),
    (G.COMMUNIQUE, 1, "{year}年{place}{x}情况公报", ""),
    (G.RESOLUTION, 0.5, "{org}关于{x}的决议", ""),
    (G.MOTION, 0.3, "关于提请审议《{place}{x}条例（草案）》的议案", "发"),
    (G.ORDER, 0.5, "《{x}管理规定》", ""),
    (G.RULE, 0.5, "{place}{x}管理办法", ""),
    (G.OTHER, 10, "{x}", ""),
    (G.OTHER, 4, "《{x}》政策解读", ""),
)


@dataclass(frozen=True)
class TopicInfo:
    pk: int
    slug: str
    # level letter -> (templates for this topic, their cumulative weights)
    templates: dict


def leaf_topics() -> list[TopicInfo]:
    """The topics without children, commonest first: by the weight of the demo templates
    that publish under them (a template of a parent topic serves its children), then in
    tree order. Raises ``CommandError`` when there are none."""
    topics = list(Topic.objects.order_by("sort_order", "slug"))
    by_pk = {t.pk: t for t in topics}
    parents = {t.parent_id for t in topics}
    leaves = [t for t in topics if t.pk not in parents]
    if not leaves:
        raise CommandError("There are no topics: run `manage.py load_demo` first.")

    def tree_position(topic):
        parent = by_pk.get(topic.parent_id)
        if parent is None:
            return (topic.sort_order, topic.slug, -1, "")
        return (parent.sort_order, parent.slug, topic.sort_order, topic.slug)

    infos = []
    for topic in leaves:
        parent_slug = by_pk[topic.parent_id].slug if topic.parent_id in by_pk else None
        serving = [t for t in demo_templates.TEMPLATES if t.topic in (topic.slug, parent_slug)]
        per_level = {}
        for letter in LEVEL_LETTERS.values():
            chosen = tuple(t for t in serving if letter in t.levels)
            if chosen:
                per_level[letter] = (chosen, _cumulative(t.weight for t in chosen))
        weight = sum(t.weight for t in serving)
        infos.append((-weight, tree_position(topic), TopicInfo(topic.pk, topic.slug, per_level)))
    return [info for *_key, info in sorted(infos, key=lambda item: item[:2])]


class Workdays:
    """Working days (the State Council calendar where ``chinese_calendar`` knows the
    year, else Monday to Friday) from before ``first_year`` up to yesterday."""

    def __init__(self, first_year: int, today: datetime.date):
        day, self.days = datetime.date(first_year - 1, 12, 1), []
        while day < today:
            if self.is_workday(day):
                self.days.append(day)
            day += datetime.timedelta(days=1)

    @staticmethod
    def is_workday(day: datetime.date) -> bool:
        try:
            return chinese_calendar.is_workday(day)
        except NotImplementedError:
            return day.weekday() < 5

    def span(self, year: int) -> tuple[int, int]:
        """Indexes ``[first, last)`` of the working days of ``year``."""
        first = bisect.bisect_left(self.days, datetime.date(year, 1, 1))
        last = bisect.bisect_left(self.days, datetime.date(year + 1, 1, 1))
        return first, last


class EntryMaker:
    def __init__(self, rng, vocabulary, topics: list[TopicInfo], now, first_year: int, total: int):
        self.rng = rng
        self.words = vocabulary
        size = min(max(STREAM_WORDS_PER_ENTRY * total, MIN_STREAM_WORDS), MAX_STREAM_WORDS)
        self.text = TextStream(vocabulary, rng, size)
        self.topics = topics
        self.topic_weights = _cumulative(1 / r**ZIPF_EXPONENT for r in range(1, len(topics) + 1))
        self.now = now
        self.tz = timezone.get_default_timezone()
        self.today = timezone.localdate(now)
        self.workdays = Workdays(first_year, self.today)
        self.doc_numbers = {}
        self.generic_weights = _cumulative(w for _g, w, _p, _d in GENERIC_TITLES)
        self.mode_weights = _cumulative(w for *_m, w in MODES)

    # --- the plan, row by row ------------------------------------------------------------

    def rows(self, plan):
        """Every row of ``plan``: the numbered entries cell by cell, in order of
        publication (so index numbers rise with time), then the drafts and entries in
        review."""
        self.doc_numbers = {(c.agency.pk, c.year): c.last_sequence for c in plan.cells}
        for cell in plan.cells:
            yield from self.cell_rows(cell)
        by_pk = {info.pk: info for info in plan.agencies}
        for pk, count in plan.queue.items():
            for _ in range(count):
                yield self.queued_row(by_pk[pk])

    def cell_rows(self, cell):
        first, last = self.workdays.span(cell.year)
        days = self.workdays.days
        picks = sorted(
            (self.office_moment(days[i]), i)
            for i in (self.between(first, last - 1) for _ in range(cell.count))
        )
        for offset, (published, index) in enumerate(picks):
            made = days[max(0, index - self.between(*MADE_BEFORE_PUBLICATION))]
            yield self.published_row(cell.agency, made, published, cell.number(offset))

    def between(self, low: int, high: int) -> int:
        """A whole number from ``low`` to ``high``, both included (``randint``, faster)."""
        return low + int(self.rng.random() * (high - low + 1))

    def office_moment(self, day: datetime.date, first_hour: int = 9) -> datetime.datetime:
        moment = datetime.time(self.between(first_hour, 16), 5 * self.between(0, 11))
        return datetime.datetime.combine(day, moment, tzinfo=self.tz)

    # --- one entry -------------------------------------------------------------------------

    def published_row(self, info, made, published, index_number) -> tuple:
        status, withdrawn = ReviewStatus.PUBLISHED, None
        if self.rng.random() < WITHDRAWN_SHARE:
            withdrawn = published + datetime.timedelta(days=self.between(1, 90))
            if withdrawn < self.now:
                status = ReviewStatus.WITHDRAWN
            else:
                withdrawn = None
        content = self.content(info, made)
        created = datetime.datetime.combine(made, datetime.time(8, 30), tzinfo=self.tz)
        created = min(created + datetime.timedelta(minutes=self.between(0, 120)),
                      published - datetime.timedelta(hours=2))  # fmt: skip
        submitted = max(published - datetime.timedelta(minutes=self.between(20, 240)),
                        created + (published - created) / 2)  # fmt: skip
        opinion = OPINIONS["internal" if content["scope"] == Scope.INTERNAL else content["mode"]]
        review = (info.staff.get("reviewer"), published, opinion, published)
        withdrawal = (withdrawn, self.rng.choice(WITHDRAWAL_REASONS) if withdrawn else "")
        times = (created, withdrawn or published)
        return self.row(status, info, content, submitted, review, withdrawal, times, index_number)

    def queued_row(self, info) -> tuple:
        first, last = len(self.workdays.days) - QUEUE_WORKING_DAYS, len(self.workdays.days)
        made = self.workdays.days[self.between(max(0, first), last - 1)]
        content = self.content(info, made)
        created = self.office_moment(made)
        status, submitted = ReviewStatus.DRAFT, None
        if self.rng.random() > DRAFT_SHARE_OF_QUEUE:
            status = ReviewStatus.IN_REVIEW
            later = created + datetime.timedelta(hours=self.between(1, 72))
            submitted = min(later, self.now - datetime.timedelta(minutes=1))
        review = (None, None, "", None)
        times = (created, submitted or created)
        return self.row(status, info, content, submitted, review, (None, ""), times, "")

    def row(self, status, info, content, submitted, review, withdrawal, times, number) -> tuple:
        reviewer, reviewed_at, opinion, published = review
        withdrawn, reason = withdrawal
        created, updated = times
        made = content["made"]
        return (
            status, info.staff.get("editor"), submitted, reviewer, reviewed_at, opinion,
            published, withdrawn, reason, created, updated, number, content["title"], info.pk,
            content["department"], content["topic"], content["genre"], content["number"],
            content["keywords"], content["summary"], content["body"], made,
            content["validity"], made if content["timeliness"] == Timeliness.STANDING else None,
            content["changed_on"], None, content["mode"], content["ground"], content["scope"],
            content["timeliness"], content["aspect"],
        )  # fmt: skip

    # --- what it says --------------------------------------------------------------------

    def content(self, info, made: datetime.date) -> dict:
        topic = self.rng.choices(self.topics, cum_weights=self.topic_weights)[0]
        templates = topic.templates.get(LEVEL_LETTERS.get(info.level, "x"))
        if templates and self.rng.random() < TEMPLATE_SHARE:
            content = self.from_template(info, made, templates)
        else:
            content = self.generic(info, made)
        mode, scope, _weight = self.rng.choices(MODES, cum_weights=self.mode_weights)[0]
        validity, changed_on = self.validity(made)
        content.update(
            topic=topic.pk,
            made=made,
            mode=mode,
            scope=scope,
            ground=self.rng.choice(GROUNDS) if mode == DisclosureMode.WITHHELD else "",
            validity=validity,
            changed_on=changed_on,
        )
        content["body"] = self.body(info, content) if mode == DisclosureMode.PROACTIVE else ""
        content["number"] = self.document_number(content.pop("doc"), info, made.year, content)
        return content

    def from_template(self, info, made, templates) -> dict:
        chosen, weights = templates
        template = self.rng.choices(chosen, cum_weights=weights)[0]
        context = demo_entries.draw_context(self.rng, self.place(info), made, info.children)
        department = info.departments.get(template.department) or self.any_department(info)
        return {
            "title": template.title.format(**context)[:300],
            "summary": template.summary.format(**context),
            "keywords": template.keywords.format(**context)[:200],
            "genre": template.genre,
            "doc": template.doc,
            "national_no": context.get("national_no"),
            "department": department,
            "timeliness": template.timeliness,
            "aspect": template.aspect,
        }

    def generic(self, info, made) -> dict:
        genre, _weight, pattern, doc = self.rng.choices(
            GENERIC_TITLES, cum_weights=self.generic_weights
        )[0]
        fill = {"org": info.agency.name, "place": info.place, "year": made.year,
                "x": self.words.phrase(self.rng, 2, 4)}  # fmt: skip
        sentences = self.text.sentences(self.rng, 1 + (self.rng.random() < 0.5))
        return {
            "title": pattern.format(**fill)[:300],
            "summary": sentences,
            "keywords": ",".join(self.words.keywords(self.rng, self.between(2, 4))),
            "genre": genre,
            "doc": doc,
            "national_no": None,
            "department": self.any_department(info),
            "timeliness": self.rng.choices(TIMELINESS_CHOICES, cum_weights=TIMELINESS_WEIGHTS)[0],
            "aspect": "",
        }

    def place(self, info) -> SimpleNamespace:
        """What the demo's ``draw_context`` reads of a place."""
        head = demo_words.SURNAMES[info.pk % len(demo_words.SURNAMES)] + "建国"
        return SimpleNamespace(name=info.agency.name, place=info.place, head=head, level=info.level)

    def any_department(self, info) -> int | None:
        ids = info.department_ids
        return ids[self.between(0, len(ids) - 1)] if ids else None

    def validity(self, made: datetime.date):
        validity = self.rng.choices(VALIDITY_CHOICES, cum_weights=VALIDITY_WEIGHTS)[0]
        if validity == Validity.VALID:
            return validity, None
        changed = made + datetime.timedelta(days=self.between(*VALIDITY_CHANGE_DAYS))
        if changed >= self.today:
            return Validity.VALID, None
        return validity, changed

    def body(self, info, content) -> str:
        lines = []
        if content["genre"] in demo_entries._WITH_ADDRESSEE:
            lines.append(demo_words.ADDRESSEES.get(info.level, ""))
        lines.append(content["summary"])
        for _ in range(2 + (self.rng.random() < 0.5)):
            lines.append(self.text.sentences(self.rng, self.between(2, 4)))
        closing = demo_entries._CLOSINGS.get(content["genre"], demo_entries._DEFAULT_CLOSING)
        lines.append(closing.format(org=info.agency.name))
        lines += [info.agency.name, demo_entries.chinese_date(content["made"])]
        return paragraphs_html(lines)

    def document_number(self, kind: str, info, year: int, content: dict) -> str:
        """Numbers in the agency's own format, rising per kind and year with small gaps
        (documents issued but not published), after the ones earlier runs used."""
        if not kind:
            return ""
        national_no = content.pop("national_no", None)
        if kind == "national":
            return f"国家市场监督管理总局令第{national_no}号"
        key = (info.pk, year, kind)
        number = self.doc_numbers.get(key, self.doc_numbers.get((info.pk, year), 0))
        number += self.between(1, 3)
        self.doc_numbers[key] = number
        patterns = {
            "发": f"{info.prefix}发〔{year}〕{number}号",
            "函": f"{info.prefix}函〔{year}〕{number}号",
            "处罚": f"{info.prefix}处罚〔{year}〕{number}号",
            "公告": f"{info.agency.name}公告{year}年第{number}号",
            "gov_order": f"{info.place}人民政府令第{number}号",
        }
        return patterns.get(kind, patterns["发"])[:100]

"""The demo catalogue as a list of entry specifications, drawn deterministically.

``build_entry_specs()`` returns the same list every time: it draws from one
``random.Random`` with a fixed seed and walks only tuples, never sets or
unordered mappings. Dates are fixed (2024-01-02 .. 2026-11-27), never "now".
The loader turns each spec into a draft and publishes it through the workflow.
"""

import datetime
import random
from dataclasses import dataclass, field, replace
from pathlib import Path
from zoneinfo import ZoneInfo

from catalog.demo import vocabulary as words
from catalog.demo.agencies import ALL_PLACES, PROVINCE, Place
from catalog.demo.templates import PROVINCIAL_TOPICS, TEMPLATES, Template

SEED = 20_260_515  # 5·15, the open-government day
SHANGHAI = ZoneInfo("Asia/Shanghai")
FIRST_DAY = datetime.date(2024, 1, 2)
LAST_DAY_MADE = datetime.date(2026, 11, 20)
# Nothing is published after this moment (the demo's "today").
LAST_PUBLISHED = datetime.datetime(2026, 11, 27, 16, 30, tzinfo=SHANGHAI)
DATA_DIR = Path(__file__).resolve().parent / "data"

# How many template-drawn entries each level gets, besides the fixed ones.
DRAWN_PER_LEVEL = {"province": 140, "city": 14, "county": 4}

PUBLISHED = "published"
DRAFT = "draft"
IN_REVIEW = "in_review"
WITHDRAWN = "withdrawn"


@dataclass
class EntrySpec:
    key: str  # unique and stable: "<agency slug>:<serial>"
    agency: str
    department: str  # a key of catalog.demo.departments.DEPARTMENTS
    topic: str
    genre: str
    title: str
    summary: str
    keywords: str
    date_made: datetime.date
    body: str = ""
    doc: str = ""  # kind of document number, turned into ``document_number`` later
    document_number: str = ""
    published_at: datetime.datetime | None = None
    status: str = PUBLISHED
    validity: str = "valid"
    validity_changed_on: datetime.date | None = None
    replaced_by: str = ""  # key of the newer entry
    disclosure_mode: str = "proactive"
    withheld_ground: str = ""
    scope: str = "public"
    timeliness: str = "prompt"
    clearance_aspect: str = ""
    attachments: tuple[str, ...] = ()
    withdrawal_reason: str = ""
    context: dict = field(default_factory=dict, repr=False)
    template: Template | None = field(default=None, repr=False)


# --- dates ------------------------------------------------------------------------------


def _workday_before(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day -= datetime.timedelta(days=1)
    return day


def _workday_after(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def draw_date(rng: random.Random, months: tuple[int, int]) -> datetime.date:
    year = rng.choice((2024, 2025, 2026))
    low, high = months
    if year == LAST_DAY_MADE.year:
        high = min(high, LAST_DAY_MADE.month)
        low = min(low, high)
    month = rng.randint(low, high)
    last = LAST_DAY_MADE.day if (year, month) == (2026, 11) else 28
    day = _workday_before(datetime.date(year, month, rng.randint(1, last)))
    return max(day, FIRST_DAY)


def publication_moment(rng: random.Random, made: datetime.date) -> datetime.datetime:
    """Some working days after the date made (Art. 26: within 20), in office hours."""
    day = _workday_after(made + datetime.timedelta(days=rng.randint(0, 9)))
    moment = datetime.datetime(
        day.year, day.month, day.day, rng.randint(9, 16), rng.choice((0, 10, 20, 30, 40, 50)),
        tzinfo=SHANGHAI,
    )  # fmt: skip
    return min(moment, LAST_PUBLISHED)


def chinese_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# --- the context a template is filled from ----------------------------------------------


def _company(rng: random.Random, place: Place) -> str:
    city = place.place if place.level != "province" else rng.choice(ALL_PLACES[1:15]).place
    city = city.removesuffix("市") if place.level == "city" else city
    name = rng.choice(words.COMPANY_NAMES)
    return f"{city}{name[0]}某{rng.choice(words.COMPANY_TRADES)}有限公司"


def _person(rng: random.Random) -> str:
    return rng.choice(words.SURNAMES) + rng.choice(words.GIVEN_NAMES)


def draw_context(rng: random.Random, place: Place, made: datetime.date, children) -> dict:
    count = rng.randint(40, 320)
    bad = rng.randint(1, max(2, count // 12))
    national_rule, national_no = rng.choice(words.NATIONAL_RULES)
    violation, violation_law = rng.choice(words.VIOLATIONS)
    product = rng.choice(words.PRODUCTS)
    return {
        "org": place.name,
        "place": place.place,
        "head": place.head,
        "level_word": words.LEVEL_WORDS[place.level],
        "year": made.year,
        "prev_year": made.year - 1,
        "month": made.month,
        # Reports look back: the previous quarter and the previous month.
        "quarter": "四一二三"[(made.month - 1) // 3],
        "q_year": made.year - 1 if made.month <= 3 else made.year,
        "last_month": made.month - 1 or 12,
        "lm_year": made.year - 1 if made.month == 1 else made.year,
        "date_text": f"{made.month}月{made.day}日",
        "batch": rng.randint(1, 6),
        "count": count,
        "bad": bad,
        "good": count - bad,
        "rate": f"{bad * 100 / count:.1f}",
        "kinds": rng.randint(3, 12),
        "fine": f"{rng.randint(2, 200) * 500:,}",
        "product": product,
        "food": rng.choice(words.FOODS),
        "season": words.SEASON_OF_MONTH[made.month],
        "campaign": rng.choice(words.CAMPAIGNS),
        "normative": rng.choice(words.NORMATIVE_NAMES),
        "provincial_rule": rng.choice(words.PROVINCIAL_RULES),
        "provincial_topic": rng.choice(PROVINCIAL_TOPICS),
        "national_rule": national_rule,
        "national_no": national_no,
        "company": _company(rng, place),
        "violation": violation.format(product=product),
        "violation_law": violation_law,
        "opinion": rng.choice(words.OPINION_TOPICS),
        "provision": rng.choice(words.PROVISION_TOPICS),
        "measures": rng.choice(words.MEASURES_NAMES),
        "rules_name": rng.choice(words.RULES_NAMES),
        "request_topic": rng.choice(words.REQUEST_TOPICS),
        "reply_topic": rng.choice(words.REPLY_TOPICS),
        "sub": rng.choice(children) if children else f"{place.place}某市场监督管理所",
        "meeting": rng.choice(words.MEETINGS),
        "activity": rng.choice(words.NEWS_ACTIVITIES),
        "person": _person(rng),
    }


# --- bodies -----------------------------------------------------------------------------

_CLOSINGS = {
    "notice": "请各单位高度重视，结合本地实际制定具体实施方案，明确责任分工和时间节点，"
    "确保各项工作任务落到实处。工作中遇到的问题请及时报告。",
    "bulletin": "请各地对抽查中发现的不合格产品及其生产销售企业依法处理，责令限期整改，"
    "并于30日内将核查处置情况报送。",
    "announcement": "特此公告。",
    "public_notice": "特此通告。",
    "opinion": "各单位要加强组织领导，细化工作措施，确保本意见各项要求落到实处。",
    "decision": "本决定自公布之日起施行。",
}
_DEFAULT_CLOSING = "本文件由{org}负责解释。如有疑问，请与{org}办公室联系。"
_WITH_ADDRESSEE = frozenset({"notice", "bulletin", "opinion", "normative", "decision"})


def paragraphs_html(paragraphs) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs if text)


def build_body(spec: EntrySpec, place: Place) -> str:
    if spec.disclosure_mode != "proactive":
        return ""  # metadata and summary only
    lines = []
    if spec.genre in _WITH_ADDRESSEE:
        lines.append(words.ADDRESSEES[place.level])
    lines.append(spec.summary)
    lines.append(
        "一、工作目标。坚持依法行政、公开透明，以问题为导向，突出重点领域和关键环节，"
        "切实增强工作的针对性和实效性。"
    )
    lines.append(
        "二、工作要求。各单位要加强组织领导，落实工作责任，强化协调配合，"
        "按照时间节点推进各项工作，并做好信息公开和宣传引导。"
    )
    lines.append(_CLOSINGS.get(spec.genre, _DEFAULT_CLOSING.format(org=place.name)))
    lines.append(place.name)
    lines.append(chinese_date(spec.date_made))
    return paragraphs_html(lines)


# --- drawing entries from the templates -------------------------------------------------


def _templates_for(level: str) -> tuple[list[Template], list[int]]:
    letter = {"province": "p", "city": "c", "county": "x"}[level]
    chosen = [t for t in TEMPLATES if letter in t.levels]
    return chosen, [t.weight for t in chosen]


def _fill(template: Template, context: dict) -> tuple[str, str, str]:
    return (
        template.title.format(**context),
        template.summary.format(**context),
        template.keywords.format(**context),
    )


def spec_from_template(key, template, place, made, context) -> EntrySpec:
    title, summary, keywords = _fill(template, context)
    return EntrySpec(
        key=key,
        agency=place.slug,
        department=template.department,
        topic=template.topic,
        genre=template.genre,
        title=title,
        summary=summary,
        keywords=keywords,
        date_made=made,
        doc=template.doc,
        disclosure_mode=template.mode,
        withheld_ground=template.ground,
        scope=template.scope,
        timeliness=template.timeliness,
        clearance_aspect=template.aspect,
        attachments=tuple(a.format(**context) for a in template.attachments),
        context=context,
        template=template,
    )


def draw_entries(rng: random.Random, place: Place, children, taken: set) -> list[EntrySpec]:
    """``DRAWN_PER_LEVEL`` entries for one agency, with titles unique within it."""
    templates, weights = _templates_for(place.level)
    # The province uses every template once, so every genre and mode shows up.
    first = list(templates) if place.level == "province" else []
    specs = []
    while len(specs) < DRAWN_PER_LEVEL[place.level]:
        template = first.pop(0) if first else rng.choices(templates, weights)[0]
        made = draw_date(rng, template.months)
        context = draw_context(rng, place, made, children)
        spec = spec_from_template(f"{place.slug}:{len(specs) + 1:03d}", template, place, made,
                                  context)  # fmt: skip
        if spec.title in taken:
            continue
        taken.add(spec.title)
        specs.append(spec)
    return specs


# --- the entries every agency has -------------------------------------------------------


def _fixed(place: Place, serial: int, name: str, **fields) -> EntrySpec:
    return EntrySpec(key=f"{place.slug}:{name}", agency=place.slug, department="office",
                     timeliness="standing", **fields)  # fmt: skip


def fixed_entries(place: Place, serial: int) -> list[EntrySpec]:
    """Guide, functions, structure, staffing, leaders and three annual reports."""
    org = place.name
    offset = datetime.timedelta(days=serial % 9)
    specs = [
        _fixed(place, serial, "guide", topic="openness-guide", genre="other",
               title=f"{org}政府信息公开指南", keywords="公开指南,依申请公开",
               summary=f"说明{org}主动公开政府信息的范围、形式和获取方式，以及依申请公开的"
               "受理机构、申请方式、办理程序和监督救济途径。",
               date_made=_workday_before(datetime.date(2024, 1, 15) + offset)),
        _fixed(place, serial, "functions", topic="organisation-setup", genre="other",
               title=f"{org}主要职责和机构设置", keywords="主要职责,机构设置",
               summary=f"公开{org}的主要职责、内设机构及其职责分工。",
               clearance_aspect="powers.structure",
               date_made=_workday_before(datetime.date(2024, 2, 20) + offset)),
        _fixed(place, serial, "duties", topic="organisation-departments", genre="other",
               title=f"{org}内设机构职责分工", keywords="内设机构,职责分工",
               summary=f"公开{org}各内设机构的名称、职责、负责人和联系电话。",
               clearance_aspect="powers.duties",
               date_made=_workday_before(datetime.date(2024, 2, 27) + offset)),
        _fixed(place, serial, "staffing", topic="organisation-setup", genre="other",
               title=f"{org}人员编制情况", keywords="人员编制,领导职数",
               summary=f"公开{org}依法核定的行政编制、事业编制和领导职数。",
               clearance_aspect="powers.staffing",
               date_made=_workday_before(datetime.date(2024, 3, 5) + offset)),
        _fixed(place, serial, "leaders", topic="organisation-leaders", genre="other",
               title=f"{org}领导班子成员及分工", keywords="领导信息,分工",
               summary=f"公开{org}领导班子成员姓名、职务和工作分工。",
               date_made=_workday_before(datetime.date(2025, 3, 10) + offset)),
    ]  # fmt: skip
    for year in (2023, 2024, 2025):
        specs.append(
            _fixed(place, serial, f"annual-report-{year}", topic="openness-annual-reports",
                   genre="report", title=f"{org}{year}年政府信息公开工作年度报告",
                   keywords="年度报告,政府信息公开",
                   summary=f"依据《中华人民共和国政府信息公开条例》第五十条，报告{org}{year}年"
                   "主动公开政府信息、收到和处理政府信息公开申请、政府信息公开行政复议和行政诉讼"
                   "情况，以及存在的主要问题和改进情况。",
                   date_made=_workday_before(datetime.date(year + 1, 1, 20) + offset))
        )  # fmt: skip
    return specs


# --- the two real texts -----------------------------------------------------------------


def read_text(name: str) -> tuple[str, list[str]]:
    """A text file of ``catalog/demo/data``: its first line, and its other non-empty lines."""
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return lines[0].strip(), [line.strip() for line in lines[1:] if line.strip()]


def rules_html(lines: list[str]) -> str:
    """Chapters (第X章) become headings, articles paragraphs."""
    parts = []
    for line in lines:
        tag = "h3" if line.startswith("第") and "章" in line[:6] else "p"
        parts.append(f"<{tag}>{line}</{tag}>")
    return "".join(parts)


def real_texts() -> list[EntrySpec]:
    summary_title, summary_lines = read_text("half-year-summary.txt")
    rules_title, rules_lines = read_text("work-rules.txt")
    return [
        EntrySpec(
            key="liaoning:work-rules", agency=PROVINCE.slug, department="office",
            topic="openness-rules", genre="rules", title=rules_title,
            doc="发", keywords="政务公开,工作规则,保密审查",
            summary="规定全省市场监督管理系统政务公开的内容、方式和程序、公开与保密、依申请公开、"
            "考核与评比、监督与责任追究。共七章三十八条。",
            body=rules_html(rules_lines), date_made=datetime.date(2025, 4, 22),
            timeliness="standing", clearance_aspect="powers.workflow",
            attachments=("附件：辽宁省市场监督管理系统政务公开工作规则",),
        ),
        EntrySpec(
            key="liaoning:half-year-summary", agency=PROVINCE.slug, department="office",
            topic="openness-summaries", genre="work_summary", title=summary_title,
            keywords="政务公开,工作总结,四清理四公开",
            summary="总结上半年全省政务公开工作：配合条例实施和“5·15”政务公开日活动，"
            "制定政务公开工作规则，编制公开指南和目录，分析存在的问题，提出下一步工作要求。",
            body=paragraphs_html(summary_lines), date_made=datetime.date(2025, 7, 15),
            timeliness="standing",
        ),
    ]  # fmt: skip


# --- after drawing: workflow states, revisions, numbers, dates, bodies --------------------


def _latest_first(specs):
    return sorted(specs, key=lambda s: (s.date_made, s.key), reverse=True)


def assign_queue(specs_by_agency: dict) -> None:
    """A few drafts and entries in review (recent ones), and a few withdrawn ones."""
    for slug in ("liaoning", "shenyang"):
        recent = [s for s in _latest_first(specs_by_agency[slug]) if s.template is not None]
        recent = [s for s in recent if s.disclosure_mode == "proactive" and not s.attachments]
        for spec in recent[:3]:
            spec.status = DRAFT
        for spec in recent[3:6]:
            spec.status = IN_REVIEW
    reasons = (
        "标题和文号有误，已更正后重新发布。",
        "附件内容不完整，撤回后重新审核。",
        "该信息涉及第三方合法权益，经复核撤回。",
    )
    for number, slug in enumerate(("liaoning", "liaoning", "dalian", "shenyang", "anshan")):
        candidates = [s for s in specs_by_agency[slug] if s.template is not None]
        candidates = [s for s in candidates if s.status == PUBLISHED and s.date_made.year == 2025]
        spec = candidates[number * 3 % len(candidates)]
        spec.status = WITHDRAWN
        spec.withdrawal_reason = reasons[number % len(reasons)]


def _later_day(rng: random.Random, day: datetime.date, low: int, high: int) -> datetime.date:
    later = day + datetime.timedelta(days=rng.randint(low, high))
    return _workday_before(min(later, LAST_DAY_MADE))


def revise(rng: random.Random, specs: list[EntrySpec], place: Place) -> list[EntrySpec]:
    """Two in three revisable documents of 2024-2025 get a newer version that replaces
    them (amended, or repealed and replaced); the third is repealed outright."""
    revisable = [
        s for s in specs
        if s.template and s.template.revised_title and s.status == PUBLISHED
        and s.date_made.year < 2026
    ]  # fmt: skip
    newer = []
    for position, old in enumerate(sorted(revisable, key=lambda s: (s.date_made, s.key))):
        if position % 3 == 2:
            old.validity = "repealed"
            old.validity_changed_on = _later_day(rng, old.date_made, 200, 500)
            continue
        made = _later_day(rng, old.date_made, 300, 600)
        context = {**old.context, "rev_year": made.year, "year": made.year}
        title = old.template.revised_title.format(**context)
        new = replace(
            spec_from_template(f"{old.key}-rev", old.template, place, made, context), title=title
        )
        old.validity = rng.choice(("amended", "amended", "repealed"))
        old.validity_changed_on = made
        old.replaced_by = new.key
        newer.append(new)
    return newer


def expire(specs: list[EntrySpec]) -> None:
    """Campaign notices of past years lapse at the end of their year (every other one)."""
    lapsing = [s for s in specs if s.template and s.template.expires and s.date_made.year < 2026]
    for position, spec in enumerate(sorted(lapsing, key=lambda s: (s.date_made, s.key))):
        if position % 2 == 0 and spec.validity == "valid":
            spec.validity = "expired"
            spec.validity_changed_on = datetime.date(spec.date_made.year, 12, 31)


def _document_number(kind: str, place: Place, year: int, number: int, context: dict) -> str:
    stem = place.doc_prefix.removesuffix("发")
    patterns = {
        "发": f"{place.doc_prefix}〔{year}〕{number}号",
        "函": f"{stem}函〔{year}〕{number}号",
        "处罚": f"{stem}处罚〔{year}〕{number}号",
        "公告": f"{place.name}公告{year}年第{number}号",
        "gov_order": f"辽宁省人民政府令第{300 + number}号",
        "national": f"国家市场监督管理总局令第{context.get('national_no', number)}号",
    }
    return patterns[kind]


def number_documents(rng: random.Random, specs: list[EntrySpec], place: Place) -> None:
    """Document numbers in date order per kind and year, with gaps for the documents an
    agency issues but does not publish."""
    counters = {}
    for spec in sorted(specs, key=lambda s: (s.date_made, s.key)):
        if not spec.doc or spec.document_number:
            continue
        slot = (spec.doc, spec.date_made.year)
        counters[slot] = counters.get(slot, 0) + rng.randint(1, 5)
        spec.document_number = _document_number(
            spec.doc, place, spec.date_made.year, counters[slot], spec.context
        )


def finish(rng: random.Random, specs: list[EntrySpec], place: Place) -> None:
    """Publication moments, bodies and the odd full-text attachment."""
    for spec in specs:
        if spec.status in (PUBLISHED, WITHDRAWN):
            spec.published_at = publication_moment(rng, spec.date_made)
        if not spec.body:
            spec.body = build_body(spec, place)
        proactive = spec.disclosure_mode == "proactive" and spec.scope == "public"
        if proactive and not spec.attachments and rng.random() < 0.2:
            spec.attachments = (f"附件：{spec.title}（全文）",)


def _children(place: Place) -> tuple[str, ...]:
    return tuple(p.name for p in ALL_PLACES if p.parent == place.slug)


def build_entry_specs() -> list[EntrySpec]:
    """Every demo entry, published ones in order of publication, then the queue."""
    rng = random.Random(SEED)  # noqa: S311 (demo data, not secrets)
    specs_by_agency = {}
    for serial, place in enumerate(ALL_PLACES):
        taken = set()
        fixed = fixed_entries(place, serial)
        taken.update(s.title for s in fixed)
        specs_by_agency[place.slug] = fixed + draw_entries(rng, place, _children(place), taken)
    specs_by_agency[PROVINCE.slug] += real_texts()
    assign_queue(specs_by_agency)
    everything = []
    for place in ALL_PLACES:
        specs = specs_by_agency[place.slug]
        specs += revise(rng, specs, place)
        expire(specs)
        number_documents(rng, specs, place)
        finish(rng, specs, place)
        everything += specs
    published = [s for s in everything if s.published_at is not None]
    queue = [s for s in everything if s.published_at is None]
    published.sort(key=lambda s: (s.published_at, s.key))
    return published + queue

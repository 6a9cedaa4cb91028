"""The shapes of the open-data API (``/api/v1/``): pydantic schemas, one per resource.

Each schema holds only what the resource's public page shows. Decisions carry the
masked party (``DecisionRecord.public_*``, ADR 0006); nothing of an application
for disclosure but aggregate figures (the scoreboard) appears anywhere.
"""

import datetime

from ninja import Field, Schema

from catalog.models import ClearanceArea, ClearanceAspect, DisclosureMode, Genre, Validity


class Problem(Schema):
    """An error as RFC 9457 problem details (``application/problem+json``)."""

    type: str = Field(description="A URI naming the kind of problem.")
    title: str
    status: int
    detail: str
    errors: list[dict] | None = Field(
        None, description="The parameters refused and why (400 and 422 only)."
    )


class Page(Schema):
    """What every list answers besides its items."""

    next: str | None = Field(
        description="The URL of the next page (keyset cursor), or null on the last page."
    )
    limit: int


class AgencyOut(Schema):
    id: int
    slug: str
    name: str
    short_name: str
    level: str
    parent: int | None = Field(description="The id of the parent agency.")
    children: list[int] = Field(description="The ids of the agencies directly below.")
    url: str


class TopicOut(Schema):
    id: int
    slug: str
    name: str
    parent: int | None
    children: list[int]
    entries: int = Field(description="Public entries in this topic and its subtopics.")


class EntryOut(Schema):
    index_number: str
    title: str
    document_number: str
    agency: str = Field(description="The publishing agency's slug.")
    agency_name: str
    topic: str | None = Field(description="The topic's slug.")
    genre: str
    date_made: datetime.date
    published_at: datetime.datetime
    validity: str
    disclosure_mode: str
    url: str


class EntryDetailOut(EntryOut):
    summary: str
    keywords: list[str]
    body: str = Field(description="The sanitised HTML body, empty when not disclosed.")
    effective_from: datetime.date | None
    clearance_aspect: str
    attachments: list[str] = Field(description="The download URLs of the attachments.")


class EntryPage(Page):
    count: int | None = Field(
        description=(
            "How many entries match: exact unless `count_exact` is false (a keyword "
            "search counts up to 1000, as the catalogue page does)."
        )
    )
    count_exact: bool
    items: list[EntryOut]


class StepOut(Schema):
    order: int
    name: str
    description: str
    responsible: str
    time_limit: str


class PowerItemOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    sub_item: str
    agency: str
    implementing_body: str
    legal_basis: list[str]
    conditions: str
    materials: list[str]
    statutory_days: int | None
    promised_days: int | None
    power_status: str
    in_force_from: datetime.date | None
    abolished_on: datetime.date | None
    steps: list[StepOut]
    url: str


class PowerItemPage(Page):
    items: list[PowerItemOut]


class FeeItemOut(Schema):
    id: int
    code: str
    name: str
    agency: str
    legal_basis: list[str]
    approving_document: str
    amount: str | None
    amount_min: str | None
    amount_max: str | None
    unit: str
    standard: str
    payer: str
    fee_status: str
    collected_from: datetime.date | None
    suspended_on: datetime.date | None
    abolished_on: datetime.date | None
    url: str


class FeeItemPage(Page):
    items: list[FeeItemOut]


class DecisionOut(Schema):
    id: int
    kind: str
    number: str
    decided_on: datetime.date
    agency: str
    power_item: int | None
    party_kind: str
    party_name: str = Field(description="Masked for a natural person (张**).")
    party_code: str = Field(description="Masked for a natural person.")
    legal_representative: str = Field(description="Always masked.")
    facts: str
    basis: str
    content: str
    fine_amount: str | None
    confiscated_amount: str | None
    licence_number: str
    valid_from: datetime.date | None
    valid_until: datetime.date | None
    publication_ends_on: datetime.date | None
    url: str


class DecisionPage(Page):
    items: list[DecisionOut]


class GuideOut(Schema):
    agency: str
    preface: str
    proactive_scope: str
    proactive_arrangement: str
    proactive_forms: str
    proactive_how_to_obtain: str
    request_notes: str
    fee_notes: str
    supervision: str
    reconsideration_body: str
    litigation_court: str
    revised_on: datetime.date
    url: str


class ReportOut(Schema):
    agency: str
    year: int
    title: str
    published_at: datetime.datetime
    url: str


class ReportPage(Page):
    items: list[ReportOut]


class TableRowOut(Schema):
    key: str
    number: str
    label: str
    cells: list[int | str | None] = Field(
        description="The figures; amounts in 10,000 yuan as decimal strings."
    )
    level: int
    is_group: bool


class TableOut(Schema):
    key: str
    title: str
    columns: list[str]
    rows: list[TableRowOut]
    parts: list["TableOut"]


class ReportFiguresOut(ReportOut):
    tables: list[TableOut] = Field(description="Tables 二, 三 and 四 as published.")
    consistent: bool = Field(description="Whether table 三 adds up (rows 一+二 = 三（七）+四).")


class ColumnOut(Schema):
    topic: str
    last_published_on: datetime.date
    days: int
    limit: int | None
    stale: bool


class ClearanceOut(Schema):
    area: str
    met: int
    total: int
    percent: int | None


class ReportCheckOut(Schema):
    year: int
    state: str
    published_on: datetime.date | None
    due_on: datetime.date


class FlagOut(Schema):
    kind: str
    reason: str


class ScoreOut(Schema):
    agency: str
    agency_name: str
    depth: int
    entries_recent: int
    entries_year: int
    last_published_on: datetime.date | None
    days_since_last: int | None
    stalest_column: ColumnOut | None
    guide_revised_on: datetime.date | None
    guide_current: bool
    clearances: list[ClearanceOut]
    requests_received: int
    requests_answered: int
    answered_on_time: int
    on_time_percent: int | None
    median_working_days: float | None
    overdue: int
    extended: int
    report: ReportCheckOut | None
    flags: list[FlagOut]


class ScoreboardOut(Schema):
    date: datetime.date
    items: list[ScoreOut]


# Filters --------------------------------------------------------------------------

AspectChoice = ClearanceArea | ClearanceAspect


class Paging(Schema):
    limit: int = Field(20, ge=1, le=100, description="Items per page, at most 100.")
    cursor: str | None = Field(None, max_length=200, description="From a `next` URL.")


class EntryFilters(Paging):
    """The catalogue page's facets, with the same meaning (``catalog.filters.EntryFilter``)."""

    q: str | None = Field(None, max_length=100, description="Keywords, as the site search.")
    agency: str | None = Field(None, max_length=60, description="An agency slug (its subtree).")
    topic: str | None = Field(None, max_length=60, description="A topic slug (its subtree).")
    genre: Genre | None = None
    year: int | None = Field(None, ge=1949, le=2100, description="The year made.")
    validity: Validity | None = None
    mode: DisclosureMode | None = None
    aspect: AspectChoice | None = None


class AgencyPaging(Paging):
    agency: str | None = Field(None, max_length=60, description="An agency slug (its subtree).")

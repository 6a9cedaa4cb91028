"""Reconsideration and litigation cases of the demo's applications (table 四).

Each case of ``REVIEW_CASES`` is filed against a different closed application
whose answer came within the filing period before it: 60 days for an
administrative reconsideration, six months for a lawsuit. Reconsideration goes
to the people's government at the agency's level; a lawsuit to the basic court
of the agency's seat, or, after a reconsideration, to the city's intermediate
court. Names and case numbers are invented in the usual formats.
"""

import datetime
import random
from dataclasses import dataclass

from requests_app.demo import people
from requests_app.models import ReviewKind, ReviewResult
from requests_app.outcomes import Outcome


@dataclass(frozen=True)
class Review:
    """A reconsideration or lawsuit about the application (the annual report's table 四)."""

    kind: str
    filed_on: datetime.date
    body: str
    case_number: str
    result: str = ReviewResult.PENDING
    decided_on: datetime.date | None = None
    note: str = ""


# Reconsideration and litigation (table 四): (filed on, kind, result, days to decide, and
# for a reconsideration the lawsuit that followed it: (days after the decision, result,
# days to decide)). A case not decided by the demo's "today" is pending.
K, R = ReviewKind, ReviewResult
REVIEW_CASES = (
    (datetime.date(2025, 4, 21), K.RECONSIDERATION, R.UPHELD, 50, None),
    (datetime.date(2025, 6, 9), K.RECONSIDERATION, R.CORRECTED, 45, None),
    (datetime.date(2025, 8, 4), K.LITIGATION_DIRECT, R.UPHELD, 95, None),
    (datetime.date(2025, 9, 1), K.RECONSIDERATION, R.UPHELD, 40, (12, R.OTHER, 60)),
    (datetime.date(2025, 11, 3), K.LITIGATION_DIRECT, R.CORRECTED, 110, None),
    (datetime.date(2026, 3, 2), K.RECONSIDERATION, R.OTHER, 20, None),
    (datetime.date(2026, 5, 11), K.LITIGATION_DIRECT, R.CORRECTED, 120, None),
    (datetime.date(2026, 6, 15), K.RECONSIDERATION, R.UPHELD, 55, (10, R.UPHELD, 70)),
    (datetime.date(2026, 8, 3), K.RECONSIDERATION, R.UPHELD, 45, (14, R.PENDING, None)),
    (datetime.date(2026, 9, 7), K.RECONSIDERATION, R.CORRECTED, 50, None),
    (datetime.date(2026, 9, 21), K.LITIGATION_DIRECT, R.PENDING, None, None),
    (datetime.date(2026, 10, 26), K.RECONSIDERATION, R.PENDING, None, None),
)
# What applicants challenge: refusals of every kind, partial disclosure, closures.
CHALLENGED_GROUPS = ("partial", "withheld", "unavailable", "not_handled")
# How long before filing the challenged answer may be: 60 days for reconsideration,
# six months for a lawsuit; nobody files the day after.
FILING_PERIODS = {K.RECONSIDERATION: (10, 60), K.LITIGATION_DIRECT: (20, 180)}
REVIEW_NOTES = {
    R.UPHELD: "维持原答复。",
    R.CORRECTED: "责令被申请人在法定期限内重新答复。",
    R.OTHER: "申请人撤回申请，终止审理。",
    R.PENDING: "",
}


def reviews_for(scenarios: list, places: dict, rng: random.Random, today: datetime.date) -> dict:
    """{scenario key: its reviews}: each case of REVIEW_CASES on a different application
    whose answer came within the filing period before the case was filed."""
    made = {}
    for filed, kind, result, decide_in, then in REVIEW_CASES:
        scenario = rng.choice(challengeable(scenarios, kind, filed, made))
        place = places[scenario.agency]
        first = review(scenario, place, kind, filed, result, decide_in, today)
        made[scenario.key] = (first,)
        if then is not None and first.decided_on is not None:
            after, result, decide_in = then
            filed = first.decided_on + datetime.timedelta(days=after)
            second = review(
                scenario, place, K.LITIGATION_AFTER_RECONSIDERATION, filed, result, decide_in, today
            )
            made[scenario.key] += (second,)
    return made


def challengeable(scenarios: list, kind, filed, taken) -> list:
    shortest, longest = FILING_PERIODS[kind]
    return [
        scenario
        for scenario in scenarios
        if scenario.outcome
        and scenario.outcome.split(".")[0] in CHALLENGED_GROUPS
        and scenario.outcome != Outcome.NOT_HANDLED_REPEAT
        and scenario.key not in taken
        and shortest <= (filed - scenario.closed_on).days <= longest
    ]


def review(scenario, place, kind, filed, result, decide_in, today) -> Review:
    decided = filed + datetime.timedelta(days=decide_in) if decide_in else None
    if decided is not None and decided > today:  # not decided yet
        result, decided = R.PENDING, None
    serial = int(scenario.key[1:])
    if kind == K.RECONSIDERATION:
        body = reconsideration_body(place)
        number = f"{place.doc_prefix.split('市')[0]}政复〔{filed.year}〕{serial % 300 + 1}号"
    else:
        body, court_code = court(place, kind)
        number = f"（{filed.year}）辽{court_code}行初{serial % 500 + 1}号"
    return Review(kind, filed, body, number, result, decided, REVIEW_NOTES[result])


def local_name(place) -> str:
    """The place as its government and court are named: 沈阳市, 沈阳市和平区, 海城市."""
    county = place.short_name.removesuffix("市场监管局")
    return county if place.level == "county" and county.endswith("市") else place.place


def reconsideration_body(place) -> str:
    """The people's government at the agency's level decides (行政复议法, 2023)."""
    return "辽宁省人民政府" if place.level == "province" else local_name(place) + "人民政府"


def court(place, kind=K.LITIGATION_DIRECT) -> tuple[str, str]:
    """The court of first instance and its code in case numbers: the basic court of the
    agency's seat; after a reconsideration, whose government is then a defendant too,
    the intermediate court of the city (行政诉讼法 Arts. 15, 26)."""
    if kind == K.LITIGATION_AFTER_RECONSIDERATION:
        if place.level == "province":
            return "沈阳市中级人民法院", "01"
        city = place.parent if place.level == "county" else place.slug
        return f"{people.CITY_NAMES[city]}中级人民法院", place.area_code[2:4]
    if place.level == "province":
        return "沈阳市皇姑区人民法院", "0105"
    if place.level == "county":
        return local_name(place) + "人民法院", place.area_code[2:]
    code, district = next(
        (code, name) for code, name in people.DISTRICTS[place.slug] if place.street.startswith(name)
    )
    return f"{place.place}{district}人民法院", code[2:]

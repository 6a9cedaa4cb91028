"""Who applies to which agency, when and through which channel, for the bulk
applications of ``requests_app.bulk``; and what they ask for."""

import bisect
import datetime
from dataclasses import dataclass

from django.utils import timezone

from requests_app.bulk_case import FastCalendar
from requests_app.demo import people, texts
from requests_app.demo import scenarios as demo_scenarios
from requests_app.models import Channel, applicant_key

FIRST_YEAR = 2021
YEARLY_GROWTH = 0.25
LEVEL_WEIGHTS = {"province": 22.0, "city": 3.0, "county": 1.3}
# Organisations invented besides the demo's named ones: kind -> name endings.
ORGANISATION_ENDINGS = {
    "research": ("消费经济研究院", "质量技术研究中心", "市场治理研究所"),
    "public_interest": ("公益服务中心", "消费维权公益服务中心", "社区公益发展中心"),
    "legal_service": ("律师事务所",),
    "other": ("种植专业合作社", "农机专业合作社", "养殖专业合作社"),
}


def cumulative(weights) -> tuple[float, ...]:
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return tuple(out)


# --- who applies ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    applicant: people.Applicant
    key: str  # applicant_key, as intake computes it


class Pool:
    """Invented applicants by kind; the first of each kind apply more often."""

    def __init__(self, rng, total: int):
        cities = list(people.CITY_NAMES)
        persons, companies, others = max(60, total // 5), max(20, total // 20), max(4, total // 500)
        serial = 0
        self.members = {kind: [] for kind in demo_scenarios.KIND_WEIGHTS}
        for _ in range(persons):
            serial += 1
            self.add(people.make_person(rng, serial, rng.choice(cities)))
        for _ in range(companies):
            serial += 1
            city = rng.choice(cities)
            name = people.company_name(rng, city)
            self.add(people.make_organisation(rng, serial, "commercial", name, city))
        for kind, (_prefix, named) in people.ORGANISATIONS.items():
            invented = [
                (self.invented_name(rng, kind, city), city)
                for city in (rng.choice(cities) for _ in range(others))
            ]
            for name, city in (*named, *invented):
                serial += 1
                self.add(people.make_organisation(rng, serial, kind, name, city))
        self.kinds = tuple(demo_scenarios.KIND_WEIGHTS)
        self.kind_weights = cumulative(demo_scenarios.KIND_WEIGHTS.values())
        self.weights = {
            kind: cumulative(1 / (i + 1) ** 0.6 for i in range(len(members)))
            for kind, members in self.members.items()
        }

    def add(self, applicant: people.Applicant) -> None:
        key = applicant_key(
            applicant.kind, applicant.id_number, applicant.organisation_code, applicant.name
        )
        self.members[applicant.kind].append(Member(applicant, key))

    @staticmethod
    def invented_name(rng, kind: str, city: str) -> str:
        ending = rng.choice(ORGANISATION_ENDINGS[kind])
        return people.CITY_NAMES[city].removesuffix("市") + rng.choice(people.BRANDS) + ending

    def draw(self, rng) -> Member:
        kind = rng.choices(self.kinds, cum_weights=self.kind_weights)[0]
        return rng.choices(self.members[kind], cum_weights=self.weights[kind])[0]

    @property
    def size(self) -> int:
        return sum(len(members) for members in self.members.values())


# --- when and where ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Submission:
    at: object  # aware datetime
    agency: int  # index into the agencies
    channel: str


def year_weights(today) -> dict[int, float]:
    """More each year; this year only as far as it has gone (and from its tenth day)."""
    weights = {y: 1 + YEARLY_GROWTH * (y - FIRST_YEAR) for y in range(FIRST_YEAR, today.year + 1)}
    elapsed = today.timetuple().tm_yday - 1
    if elapsed < 10:
        del weights[today.year]
    else:
        weights[today.year] *= elapsed / 365
    return weights


def agency_weight(info) -> float:
    demo = demo_scenarios.AGENCY_WEIGHTS.get(info.agency.slug)
    return demo if demo is not None else LEVEL_WEIGHTS.get(info.level, 1.0)


def channels_for(info) -> tuple[tuple[str, ...], tuple[float, ...]]:
    weights = {
        channel: weight
        for channel, weight in demo_scenarios.CHANNEL_WEIGHTS.items()
        if (channel != Channel.EMAIL or info.agency.accepts_email)
        and (channel != Channel.FAX or info.agency.accepts_fax)
    }
    return tuple(str(c) for c in weights), cumulative(weights.values())


class Planner:
    """Draws every application's moment, agency and channel, then its story."""

    def __init__(self, rng, agencies, clock: FastCalendar, now):
        self.rng = rng
        self.agencies = agencies
        self.clock = clock
        self.now = now
        self.tz = timezone.get_default_timezone()
        self.today = timezone.localdate(now, self.tz)
        self.agency_weights = cumulative(agency_weight(info) for info in agencies)
        self.channels = [channels_for(info) for info in agencies]

    def submissions(self, total: int) -> list[Submission]:
        weights = year_weights(self.today)
        years = self.rng.choices(list(weights), list(weights.values()), k=total)
        agencies = self.rng.choices(
            range(len(self.agencies)), cum_weights=self.agency_weights, k=total
        )
        drawn = []
        for year, agency in zip(years, agencies, strict=True):
            channels, cum = self.channels[agency]
            channel = self.rng.choices(channels, cum_weights=cum)[0]
            drawn.append(Submission(self.moment(year, channel), agency, channel))
        drawn.sort(key=lambda s: (s.at, s.agency))
        return drawn

    def moment(self, year: int, channel: str) -> datetime.datetime:
        """A moment of ``year`` before now: online any day from 6 to 24 o'clock, offline
        on a working day in office hours."""
        first = datetime.date(year, 1, 1)
        if channel == Channel.ONLINE:
            days = (min(datetime.date(year, 12, 31), self.today) - first).days + 1
            earliest, span = 6 * 60, 18 * 60
        else:
            lo = bisect.bisect_left(self.clock.days, first)
            hi = bisect.bisect_right(self.clock.days, min(datetime.date(year, 12, 31), self.today))
            earliest, span = 8 * 60 + 35, 8 * 60 + 15
        while True:
            if channel == Channel.ONLINE:
                day = first + datetime.timedelta(days=int(self.rng.random() * days))
            else:
                day = self.clock.days[lo + int(self.rng.random() * (hi - lo))]
            minutes = earliest + int(self.rng.random() * span)
            at = datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60), self.tz)
            if at <= self.now:
                return at


def answer_subjects() -> dict:
    """{answer: (the subjects that get it, cumulative weights)}: what applicants ask for
    when the agency answers so (``requests_app.demo.texts``)."""
    pairs = {}
    for subject in (*texts.SUBJECTS, texts.VAGUE):
        for answer, weight in subject.answers:
            pairs.setdefault(str(answer), []).append((subject, subject.weight * weight))
    return {
        answer: (tuple(s for s, _w in found), cumulative(w for _s, w in found))
        for answer, found in pairs.items()
    }


def text_place(info, by_pk: dict, rng) -> texts.Place:
    """What the texts need of the receiving agency; the city of its people (the
    province: any city)."""
    slug, parent = info.agency.slug, by_pk.get(info.agency.parent_id)
    if slug in people.CITY_NAMES:
        city = slug
    elif parent is not None and parent.agency.slug in people.CITY_NAMES:
        city = parent.agency.slug
    else:
        city = rng.choice(list(people.CITY_NAMES))
    return texts.Place(info.agency.name, info.place, info.prefix + "发", city)

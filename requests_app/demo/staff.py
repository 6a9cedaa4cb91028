"""Who handles the demo's applications: a request officer in every city bureau.

The province has ``demo-officer`` (``catalog.demo.staff``). Each city's officer
also handles the applications of the county bureaus below it
(``covers_subordinates``). They share the documented demo password.
"""

from catalog.demo import agencies as demo_agencies
from catalog.demo.staff import DemoAccount

PROVINCIAL_OFFICER = "demo-officer"

# (city slug, surname, given name) of each city's request officer.
_CITY_OFFICERS = (
    ("shenyang", "孙", "雪"), ("dalian", "何", "婷婷"), ("anshan", "韩", "磊"),
    ("fushun", "曹", "丽娜"), ("benxi", "唐", "亮"), ("dandong", "于", "佳"),
    ("jinzhou", "蔡", "宁"), ("yingkou", "杜", "鹏"), ("fuxin", "钟", "晓丽"),
    ("liaoyang", "姜", "涛"), ("panjin", "石", "静"), ("tieling", "廖", "军"),
    ("chaoyang", "金", "玲"), ("huludao", "崔", "博"),
)  # fmt: skip

OFFICERS = tuple(
    DemoAccount(f"{slug}-officer", last, first, slug, "request_officer", covers_subordinates=True)
    for slug, last, first in _CITY_OFFICERS
)

_PARENTS = {place.slug: place.parent for place in demo_agencies.ALL_PLACES}
_LEVELS = {place.slug: place.level for place in demo_agencies.ALL_PLACES}


def handler_for(slug: str) -> str:
    """The username of the officer who handles the applications of agency ``slug``."""
    if _LEVELS[slug] == "province":
        return PROVINCIAL_OFFICER
    city = slug if _LEVELS[slug] == "city" else _PARENTS[slug]
    return f"{city}-officer"

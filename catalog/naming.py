"""How the agencies of a market-regulation bureau system are named in documents.

One home for the abbreviation in an agency's document and letter numbers
(辽市监发〔2024〕12号, 辽市监公开〔2026〕第12号): the catalogue's generated
documents and the letters of disclosure on request both use it.
"""

from catalog.models import AgencyLevel

# What an agency of the bureau system is called after its place name.
BUREAU_SUFFIX = "市场监督管理局"
# The abbreviation of a market-regulation bureau in its document numbers (辽市监发).
BUREAU_ABBREVIATION = "市监"
# Place-name endings dropped in a county abbreviation: 和平区 -> 和平.
COUNTY_ENDINGS = ("自治县", "区", "县", "市", "旗")


def place_name(agency) -> str:
    """The place an agency of the bureau system serves: 辽宁省, 沈阳市, 沈阳市和平区.

    Empty when the agency's name does not follow the pattern "<place>市场监督管理局".
    """
    name = agency.name.strip()
    if not name.endswith(BUREAU_SUFFIX):
        return ""
    return name.removesuffix(BUREAU_SUFFIX)


def document_prefix(agency, parent=None) -> str:
    """The agency's abbreviation in document and letter numbers: 辽市监, 沈市监, 和平市监.

    ``Agency.document_prefix`` when staff set it. Otherwise derived: for a
    province or city the first character of the place; for a county its own
    place name without its city's (``parent``, default ``agency.parent``) and
    without 区/县/市.
    """
    if agency.document_prefix:
        return agency.document_prefix
    place = place_name(agency)
    if not place:
        return agency.short_name or agency.name
    if agency.level == AgencyLevel.COUNTY:
        parent = parent if parent is not None else agency.parent
    if agency.level == AgencyLevel.COUNTY and parent is not None:
        own = place.removeprefix(place_name(parent)) or place
        for ending in COUNTY_ENDINGS:
            if len(own) > len(ending) + 1 and own.endswith(ending):
                own = own.removesuffix(ending)
                break
        return own + BUREAU_ABBREVIATION
    return place[0] + BUREAU_ABBREVIATION

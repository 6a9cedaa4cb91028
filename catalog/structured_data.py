"""schema.org metadata of public pages, as JSON-LD (``{% json_ld %}``).

Search engines and other readers take an entry's index number, agency, dates
and validity from it without scraping the metadata table. Normative documents
(rules, normative documents, measures, provisions, orders, decisions) are
``Legislation``; reports and work summaries ``Report``; other entries
``DigitalDocument``. A power item is a ``GovernmentService`` of its agency.
Only what the page itself shows goes in.
"""

from django.utils import timezone

from catalog.models import CatalogEntry, Genre, PowerItem, PowerStatus, Validity

LEGISLATION = {
    Genre.RULE,
    Genre.NORMATIVE,
    Genre.MEASURES,
    Genre.PROVISIONS,
    Genre.RULES,
    Genre.ORDER,
    Genre.DECISION,
    Genre.RESOLUTION,
}
REPORTS = {Genre.REPORT, Genre.WORK_SUMMARY}

LEGAL_FORCE = {
    Validity.VALID: "https://schema.org/InForce",
    Validity.AMENDED: "https://schema.org/PartiallyInForce",
    Validity.EXPIRED: "https://schema.org/NotInForce",
    Validity.REPEALED: "https://schema.org/NotInForce",
}


def organisation(agency, request) -> dict:
    data = {
        "@type": "GovernmentOrganization",
        "name": agency.name,
        "url": request.build_absolute_uri(agency.get_absolute_url()),
    }
    if getattr(agency, "credit_code", ""):
        data["identifier"] = agency.credit_code
    return data


def _identifier(name: str, value: str) -> dict:
    return {"@type": "PropertyValue", "name": name, "value": value}


def entry(entry: CatalogEntry, request) -> dict:
    if entry.genre in LEGISLATION:
        kind = "Legislation"
    elif entry.genre in REPORTS:
        kind = "Report"
    else:
        kind = "DigitalDocument"
    data = {
        "@context": "https://schema.org",
        "@type": kind,
        "name": entry.title,
        "url": request.build_absolute_uri(entry.get_absolute_url()),
        "inLanguage": "zh-CN",
        "identifier": [_identifier("索引号", entry.index_number)],
        "publisher": organisation(entry.agency, request),
        "dateCreated": entry.date_made.isoformat(),
        "genre": entry.get_genre_display(),
        "about": entry.topic.name,
    }
    if entry.published_at:
        data["datePublished"] = timezone.localtime(entry.published_at).date().isoformat()
    if entry.document_number:
        data["identifier"].append(_identifier("文号", entry.document_number))
    if entry.keywords:
        data["keywords"] = entry.keyword_list
    if entry.summary:
        data["abstract"] = entry.summary
    if kind == "Legislation":
        data["legislationPassedBy"] = organisation(entry.agency, request)
        data["legislationDate"] = entry.date_made.isoformat()
        data["legislationLegalForce"] = LEGAL_FORCE.get(entry.validity)
        if entry.document_number:
            data["legislationIdentifier"] = entry.document_number
        if entry.effective_from:
            data["legislationDateVersion"] = entry.effective_from.isoformat()
    return data


def power_item(item: PowerItem, request) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": item.name,
        "url": request.build_absolute_uri(item.get_absolute_url()),
        "identifier": item.code,
        "serviceType": item.get_kind_display(),
        "provider": organisation(item.agency, request),
        "serviceOperator": organisation(item.agency, request),
        "inLanguage": "zh-CN",
    }
    if item.conditions:
        data["description"] = item.conditions
    if item.power_status != PowerStatus.IN_FORCE:
        data["disambiguatingDescription"] = item.get_power_status_display()
    return data

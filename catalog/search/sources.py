"""What is searchable: each kind of document, how a record becomes one.

A ``Source`` names a model, the records of it that are indexed
(``indexable``) and how one becomes a row of ``SearchDocument``
(``document``). The catalogue registers its own kinds here; other apps
register theirs from their ``AppConfig.ready()`` (``register``), so the
catalogue never imports them.

Every document says only what the record's public page says: natural persons
are masked exactly as on a decision's page, and withdrawn or unpublished
records give no document. Texts are computed in the site's language.
"""

import dataclasses
import datetime
import re
from collections.abc import Callable
from html import unescape

from django.conf import settings
from django.utils import timezone, translation
from django.utils.html import strip_tags

from catalog.models import (
    Agency,
    CatalogEntry,
    DecisionKind,
    DecisionRecord,
    DisclosureGuide,
    DocumentKind,
    FeeItem,
    FeeStatus,
    PowerItem,
    PowerStatus,
    Scope,
    Validity,
)
from catalog.models.review import ReviewStatus


@dataclasses.dataclass(frozen=True)
class Source:
    kind: str
    model: type
    # The records that have a document, for a rebuild (with what ``document`` reads).
    indexable: Callable
    # The document's fields (without the terms), or None when it has none.
    document: Callable
    # The state's label on a result (validity, status), from the state code.
    state_label: Callable = lambda state: ""
    # Other models the document shows something of: (model, records), where
    # ``records(instance)`` gives the indexable records to write again when an
    # instance of ``model`` is saved (a decision shows its power item's name).
    depends_on: tuple = ()


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    _SOURCES[source.kind] = source


def sources() -> list[Source]:
    return list(_SOURCES.values())


def source(kind: str) -> Source:
    return _SOURCES[kind]


def for_model(model) -> Source | None:
    for candidate in _SOURCES.values():
        if candidate.model is model:
            return candidate
    return None


# Bodies of plain paragraphs with no markup or entities inside (what most pasted
# notices and every generated entry are) need no HTML parser: dropping the <p> tags
# gives what strip_tags gives, five times faster.
_SIMPLE_HTML = re.compile(r"(?:\s*<p>[^<>&]*</p>)*\s*")
_P_TAGS = re.compile(r"</?p>")


def plain(html: str) -> str:
    """The text of a sanitised HTML body."""
    if html and _SIMPLE_HTML.fullmatch(html):
        return " ".join(_P_TAGS.sub("", html).split())
    return " ".join(unescape(strip_tags(html or "")).split())


def lines(*parts) -> str:
    return "\n".join(part.strip() for part in parts if part and part.strip())


def local_day(moment) -> datetime.date | None:
    return timezone.localtime(moment).date() if moment else None


def in_site_language(function):
    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return function(*args, **kwargs)

    return wrapper


def _label(choices):
    def label(state):
        try:
            return choices(state).label
        except ValueError:
            return ""

    return label


# The catalogue's own kinds ------------------------------------------------------


@in_site_language
def entry_document(entry: CatalogEntry):
    if entry.status != ReviewStatus.PUBLISHED:
        return None
    # Keywords last: a snippet with no match shows the summary, not a keyword list.
    text = lines(entry.summary, plain(entry.body) if entry.shows_content else "", entry.keywords)
    return {
        "agency_id": entry.agency_id,
        "topic_id": entry.topic_id,
        "internal": entry.scope != Scope.PUBLIC,
        "current": entry.validity == Validity.VALID,
        "state": entry.validity,
        "date": entry.date_made,
        "visible_until": None,
        "url": entry.get_absolute_url(),
        "title": entry.title,
        "number": " ".join(filter(None, [entry.document_number, entry.index_number])),
        "reference": entry.index_number or "",
        "text": text,
    }


@in_site_language
def power_document(item: PowerItem):
    if item.status != ReviewStatus.PUBLISHED:
        return None
    return {
        "agency_id": item.agency_id,
        "topic_id": None,
        "internal": False,
        "current": item.power_status == PowerStatus.IN_FORCE,
        "state": item.power_status,
        "date": item.in_force_from or local_day(item.published_at) or item.created_at.date(),
        "visible_until": None,
        "url": item.get_absolute_url(),
        "title": " ".join(filter(None, [item.name, item.sub_item])),
        "number": item.code,
        "reference": item.code,
        "text": lines(
            item.get_kind_display(),
            item.legal_basis,
            item.implementing_body,
            item.conditions,
            item.materials,
        ),
    }


@in_site_language
def fee_document(item: FeeItem):
    if item.status != ReviewStatus.PUBLISHED:
        return None
    return {
        "agency_id": item.agency_id,
        "topic_id": None,
        "internal": False,
        "current": item.fee_status != FeeStatus.ABOLISHED,
        "state": item.fee_status,
        "date": item.collected_from or local_day(item.published_at) or item.created_at.date(),
        "visible_until": None,
        "url": item.get_absolute_url(),
        "title": item.name,
        "number": " ".join(filter(None, [item.code, item.approving_document])),
        "reference": item.code,
        "text": lines(item.legal_basis, item.standard, item.payer),
    }


@in_site_language
def decision_document(decision: DecisionRecord):
    if decision.status != ReviewStatus.PUBLISHED:
        return None
    party = decision.public_party_name
    code = "" if decision.is_natural_person else decision.party_code
    text = lines(
        decision.get_kind_display(),
        code,
        decision.public_legal_representative,
        decision.facts,
        decision.basis,
        decision.content,
    )
    return {
        "agency_id": decision.agency_id,
        "topic_id": None,
        "internal": False,
        "current": True,
        "state": decision.kind,
        "date": decision.decided_on,
        "visible_until": decision.publication_ends_on,
        "url": decision.get_absolute_url(),
        "title": f"{party} · {decision.power_item.name}",
        "number": " ".join(filter(None, [decision.number, decision.licence_number])),
        "reference": decision.number,
        "text": decision.masked(text),
    }


@in_site_language
def guide_document(guide: DisclosureGuide):
    agency = guide.agency
    return {
        "agency_id": guide.agency_id,
        "topic_id": None,
        "internal": False,
        "current": True,
        "state": "",
        "date": guide.revised_on,
        "visible_until": None,
        "url": guide.get_absolute_url(),
        "title": translation.gettext("Disclosure guide of %(name)s") % {"name": agency.name},
        "number": "",
        "reference": "",
        "text": lines(
            guide.preface,
            guide.proactive_scope,
            guide.proactive_arrangement,
            guide.proactive_forms,
            guide.proactive_how_to_obtain,
            guide.request_notes,
            guide.fee_notes,
            guide.supervision,
            guide.reconsideration_body,
            guide.litigation_court,
        ),
    }


register(
    Source(
        kind=DocumentKind.ENTRY,
        model=CatalogEntry,
        indexable=lambda: CatalogEntry.objects.published(),
        document=entry_document,
        state_label=_label(Validity),
    )
)
register(
    Source(
        kind=DocumentKind.POWER,
        model=PowerItem,
        indexable=lambda: PowerItem.objects.published(),
        document=power_document,
        state_label=_label(PowerStatus),
    )
)
register(
    Source(
        kind=DocumentKind.FEE,
        model=FeeItem,
        indexable=lambda: FeeItem.objects.published(),
        document=fee_document,
        state_label=_label(FeeStatus),
    )
)
register(
    Source(
        kind=DocumentKind.DECISION,
        model=DecisionRecord,
        indexable=lambda: DecisionRecord.objects.published().select_related("power_item"),
        document=decision_document,
        state_label=_label(DecisionKind),
        depends_on=(
            (
                PowerItem,
                lambda item: (
                    DecisionRecord.objects.published()
                    .filter(power_item=item)
                    .select_related("power_item")
                ),
            ),
        ),
    )
)
register(
    Source(
        kind=DocumentKind.GUIDE,
        model=DisclosureGuide,
        indexable=lambda: DisclosureGuide.objects.select_related("agency"),
        document=guide_document,
        depends_on=((Agency, lambda agency: DisclosureGuide.objects.filter(agency=agency)),),
    )
)

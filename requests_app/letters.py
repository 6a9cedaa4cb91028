"""The letters of disclosure on request: the reply (告知书) and the notices before it.

Art. 45 of the Regulations asks for replies as official letters naming the
legal basis and the remedies. Each letter is a template in
``templates/requests_app/letters/`` filled from the request; this module
decides which letters a request has, what goes into them and who hears an
appeal against the agency. Staff print them from the admin (A4, with
``static/css/letters.css``); ``render_letter`` gives the same letter as an
HTML fragment to any page that wants to include it.

The legal words come from their one home: the articles of each answer from
``requests_app.outcomes.legal_basis``, the periods from ``catalog.statutes``,
the due dates from ``requests_app.deadlines``.
"""

import datetime

from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalog.models import AgencyLevel
from catalog.naming import document_prefix, place_name
from catalog.statutes import (
    FEE_PAYMENT_WORKING_DAYS,
    LITIGATION_MONTHS,
    RECONSIDERATION_DAYS,
    THIRD_PARTY_WORKING_DAYS,
)
from requests_app import deadlines, fees
from requests_app.models import DocumentKind, EventKind, FeeMethod, PauseReason, RequestStatus
from requests_app.outcomes import Answer, Outcome, OutcomeGroup, legal_basis


class LetterKind(models.TextChoices):
    REPLY = "reply", _("Reply to an application for government information")
    CORRECTION = "correction", _("Notice to complete an application")
    EXTENSION = "extension", _("Notice of extension of the reply period")
    THIRD_PARTY = "third_party", _("Request for a third party's opinion")
    FEE = "fee", _("Notice of a processing fee")


# The word of each letter in its number: 辽市监公开〔2026〕第12号. Letter numbers
# are identifiers in the agency's own style, like document numbers (文号), and
# are not translated.
NUMBER_WORDS = {
    LetterKind.REPLY: "公开",
    LetterKind.CORRECTION: "补正",
    LetterKind.EXTENSION: "延期",
    LetterKind.THIRD_PARTY: "征询",
    LetterKind.FEE: "收费",
}
NUMBER_FORMAT = "{prefix}{word}〔{year}〕第{sequence}号"
GOVERNMENT = "人民政府"

# Who hears an administrative reconsideration (行政复议) against the agency.
# The Administrative Reconsideration Law as revised in 2023 (in force
# 2024-01-01), Art. 24: the people's government at the same level hears cases
# against its departments; the old choice of the department one level up
# remains only for vertically led agencies (Art. 27), which market
# regulation is not. Set this to True to name the department one level up as
# well (the rule before 2024).
RECONSIDERATION_ALSO_BY_SUPERIOR_DEPARTMENT = False
# The department one level above a provincial bureau (only used with the flag above).
NATIONAL_DEPARTMENT = "国家市场监督管理总局"


def number_prefix(agency) -> str:
    """The agency's abbreviation in letter numbers: 辽市监, 沈市监 (``catalog.naming``)."""
    return document_prefix(agency)


def letter_number(information_request, kind) -> str:
    """The number of a letter, built from the tracking number: 辽市监公开〔2026〕第12号."""
    number = information_request.tracking_number
    year, sequence = number[:4], number[4:].lstrip("0") or "0"
    return NUMBER_FORMAT.format(
        prefix=number_prefix(information_request.agency),
        word=NUMBER_WORDS[LetterKind(kind)],
        year=year,
        sequence=sequence,
    )


def reconsideration_bodies(agency) -> list[str]:
    """Where an applicant may apply for reconsideration of the agency's reply.

    The people's government at the agency's own level (a provincial bureau:
    the provincial government; a city or county bureau: the city's or the
    county's government), see the rule above ``RECONSIDERATION_ALSO_BY_SUPERIOR_DEPARTMENT``.
    """
    place = place_name(agency)
    government = (
        place + GOVERNMENT if place else gettext("the people's government at the same level")
    )
    bodies = [government]
    if RECONSIDERATION_ALSO_BY_SUPERIOR_DEPARTMENT:
        if agency.level == AgencyLevel.PROVINCE:
            bodies.append(NATIONAL_DEPARTMENT)
        elif agency.parent is not None:
            bodies.append(agency.parent.name)
    return bodies


# Which letters a request has -----------------------------------------------------


def reply_answer(information_request) -> str:
    """The answer the reply letter states: the staff's answer, or the outcome a closure gave."""
    return information_request.answer or information_request.outcome


# Closures without a staff answer that still owe the applicant a letter.
CLOSURES_WITH_LETTER = {
    Outcome.OTHER_NO_CORRECTION,
    Outcome.OTHER_FEE_UNPAID,
    Outcome.NOT_HANDLED_REPEAT,
}


def has_letter(information_request, kind) -> bool:
    r = information_request
    kind = LetterKind(kind)
    if kind == LetterKind.REPLY:
        return r.status == RequestStatus.CLOSED and bool(
            r.answer or r.outcome in CLOSURES_WITH_LETTER
        )
    if kind == LetterKind.CORRECTION:
        return r.correction_requested_on is not None
    if kind == LetterKind.EXTENSION:
        return r.extension_days > 0
    if kind == LetterKind.THIRD_PARTY:
        return _third_party_event(r) is not None
    return bool(r.fee_method)


def available_letters(information_request) -> list[LetterKind]:
    return [kind for kind in LetterKind if has_letter(information_request, kind)]


def _third_party_event(information_request):
    """The last request for a third party's opinion (Art. 32), from the timeline."""
    events = [
        e
        for e in information_request.events.all()
        if e.kind == EventKind.CONSULTATION_STARTED
        and (e.data or {}).get("reason") == PauseReason.THIRD_PARTY
    ]
    return events[-1] if events else None


def _data_date(event, key) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat((event.data or {}).get(key) or "")
    except (TypeError, ValueError):
        return None


def _event_day(information_request, kind) -> datetime.date | None:
    """The day of the last event of ``kind`` (its legal date if the workflow stored one)."""
    events = [e for e in information_request.events.all() if e.kind == kind]
    if not events:
        return None
    return _data_date(events[-1], "on") or timezone.localdate(events[-1].at)


# What goes into a letter -----------------------------------------------------------


def answer_sentence(answer: str) -> str:
    """The standard sentence for ``answer`` (before the staff's own reply text)."""
    if answer in SPECIAL_SENTENCES:
        return str(SPECIAL_SENTENCES[answer])
    group = Outcome(answer).group
    return str(SPECIAL_SENTENCES.get(Outcome(answer), GROUP_SENTENCES[OutcomeGroup(group)]))


SPECIAL_SENTENCES = {
    Answer.ALREADY_DISCLOSED: _(
        "The government information you asked for has already been disclosed. "
        "You can obtain it as set out below."
    ),
    Answer.NOT_THIS_AGENCY: _(
        "The government information you asked for is not for this agency to disclose. "
        "Where the agency responsible is known, its name and contact details are given below."
    ),
    Outcome.UNAVAILABLE_NOT_HELD: _(
        "After a search, this agency does not hold the government information you asked for."
    ),
    Outcome.UNAVAILABLE_NEEDS_COMPILING: _(
        "Providing the information you asked for would require this agency to compile, "
        "process or analyse existing government information, which it is not obliged to do."
    ),
    Outcome.UNAVAILABLE_STILL_UNCLEAR: _(
        "After correction, the content of your application is still unclear, so this "
        "agency cannot provide the information."
    ),
    Outcome.OTHER_NO_CORRECTION: _(
        "You did not complete your application within the period set without good reason. "
        "It is treated as abandoned and this agency no longer handles it."
    ),
    Outcome.OTHER_FEE_UNPAID: _(
        "You did not pay the processing fee within the period set in the fee notice. "
        "Your application is treated as abandoned and this agency no longer handles it."
    ),
    Outcome.NOT_HANDLED_REPEAT: _(
        "This agency has already replied to your application for the same government "
        "information. The repeated application is not handled."
    ),
}
GROUP_SENTENCES = {
    OutcomeGroup.GRANTED: _(
        "After review, the government information you asked for is to be disclosed. "
        "This agency discloses it in the form you asked for where feasible."
    ),
    OutcomeGroup.PARTIAL: _(
        "After review, the information you asked for contains parts that may not be "
        "disclosed but can be separated. This agency provides the parts that can be "
        "disclosed and gives its reasons for the rest."
    ),
    OutcomeGroup.WITHHELD: _(
        "After review, the government information you asked for falls within what is "
        "not disclosed. This agency does not disclose it, for the reasons below."
    ),
    OutcomeGroup.UNAVAILABLE: _("This agency cannot provide the information you asked for."),
    OutcomeGroup.NOT_HANDLED: _(
        "Your application is not handled as an application for government information, "
        "for the reasons below."
    ),
    OutcomeGroup.OTHER: _("This agency has handled your application as set out below."),
}


def _common(information_request, kind, full_names) -> dict:
    r = information_request
    return {
        "kind": LetterKind(kind),
        "title": LetterKind(kind).label,
        "number": letter_number(r, kind),
        "req": r,
        "agency": r.agency,
        "applicant_name": r.applicant_name if full_names else r.masked_name,
        "received_on": r.received_on,
        "sought": r.information_title or "",
        "description": r.description,
    }


def _reply_context(r) -> dict:
    answer = reply_answer(r)
    basis = legal_basis(answer) if answer else None
    return {
        "answer": answer,
        "answer_label": _answer_label(answer),
        "sentence": answer_sentence(answer) if answer else "",
        "articles": basis.articles if basis else "",
        "verify": bool(basis and basis.verify),
        "reply_text": r.reply_text,
        "enclosures": [d.title for d in r.documents.all() if d.kind == DocumentKind.REPLY],
        "date": r.replied_on or r.closed_on,
        "reconsideration_body": gettext(" or ").join(reconsideration_bodies(r.agency)),
        "reconsideration_days": RECONSIDERATION_DAYS,
        "litigation_months": LITIGATION_MONTHS,
    }


def _answer_label(answer: str) -> str:
    if not answer:
        return ""
    if answer in Answer.values:
        return Answer(answer).label
    return Outcome(answer).label


def _correction_context(r) -> dict:
    return {
        "items": r.correction_items,
        "due_on": r.correction_due_on,
        "date": r.correction_requested_on,
    }


def _extension_context(r) -> dict:
    return {
        "days": r.extension_days,
        "reason": r.extension_reason,
        "due_on": r.due_on,
        "provisional": r.due_provisional,
        "date": _event_day(r, EventKind.EXTENDED),
    }


def _third_party_context(r) -> dict:
    event = _third_party_event(r)
    asked_on = _data_date(event, "asked_on") or timezone.localdate(event.at)
    reply_due = _data_date(event, "answer_due_on")
    return {
        "reply_due": reply_due or deadlines.third_party_reply_due(asked_on).due_on,
        "working_days": THIRD_PARTY_WORKING_DAYS,
        "date": asked_on,
    }


def _fee_context(r) -> dict:
    return {
        "method": r.fee_method,
        "method_label": r.get_fee_method_display(),
        "standard": fee_standard(r.fee_method),
        "per_application": r.fee_method == FeeMethod.PER_APPLICATION,
        "basis_count": r.fee_basis_count,
        "amount": r.fee_amount,
        "due_on": r.fee_due_on,
        "working_days": FEE_PAYMENT_WORKING_DAYS,
        "date": r.fee_notice_on,
    }


def fee_standard(method: str) -> list[str]:
    """The fee schedule of ``method`` in words, from the bands of ``requests_app.fees``."""
    if method == FeeMethod.PER_APPLICATION:
        return _application_standard()
    return _volume_standard()


def _application_standard() -> list[str]:
    lines, first = [], 1
    for last, fee in fees.APPLICATION_BANDS:
        lines.append(_band_line(_("applications"), first, last, fee, gettext("yuan each")))
        first = last + 1
    lines.append(
        gettext(
            "from application %(first)s: each further band of %(step)s applications costs "
            "%(more)s yuan more per application (%(first)s to %(end)s: %(fee)s yuan each)"
        )
        % {
            "first": first,
            "step": fees.APPLICATION_STEP,
            "more": fees.APPLICATION_STEP_FEE,
            "end": first + fees.APPLICATION_STEP - 1,
            "fee": fees.per_application_fee(first),
        }
    )
    return [gettext("per applicant and calendar month:"), *lines]


def _volume_standard() -> list[str]:
    lines, first = [], 1
    for last, price in fees.VOLUME_BANDS:
        lines.append(_band_line(_("pages"), first, last, price, gettext("yuan a page")))
        first = (last or 0) + 1
    return [gettext("per application, the bands added up:"), *lines]


def _band_line(unit, first, last, price, per) -> str:
    values = {"unit": unit, "first": first, "last": last, "price": price, "per": per}
    if last is None:
        return gettext("%(unit)s from %(first)s: %(price)s %(per)s") % values
    if not price:
        return gettext("%(unit)s %(first)s to %(last)s: free") % values
    return gettext("%(unit)s %(first)s to %(last)s: %(price)s %(per)s") % values


CONTEXTS = {
    LetterKind.REPLY: _reply_context,
    LetterKind.CORRECTION: _correction_context,
    LetterKind.EXTENSION: _extension_context,
    LetterKind.THIRD_PARTY: _third_party_context,
    LetterKind.FEE: _fee_context,
}


def letter_context(information_request, kind, *, full_names=False) -> dict:
    """Everything the template of letter ``kind`` needs."""
    kind = LetterKind(kind)
    context = _common(information_request, kind, full_names)
    context.update(CONTEXTS[kind](information_request))
    return context


def template_name(kind) -> str:
    return f"requests_app/letters/{LetterKind(kind).value}.html"


def render_letter(information_request, kind, *, full_names=False) -> str:
    """Letter ``kind`` of the request as an HTML fragment (an ``<article class="letter">``).

    The applicant's name is masked unless ``full_names`` is set: staff views
    that print the letter for posting set it; a public page never should.
    Raises ``ValueError`` for a letter the request does not have.
    """
    if not has_letter(information_request, kind):
        raise ValueError(f"request {information_request.pk} has no {kind} letter")
    return render_to_string(
        template_name(kind), letter_context(information_request, kind, full_names=full_names)
    )

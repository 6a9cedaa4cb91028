"""The outcomes of a request: one code list, equal to the rows of the annual report.

DOMAIN.md section 5. Every closed request has exactly one ``Outcome``. Staff
answer with an ``Answer``: each outcome is an answer of its own, plus the two
replies that are not rows of the report ("already disclosed", "not this
agency's"), which count under the row ``OUTCOME_OF_ANSWER`` gives. This module
is the only place that names outcomes, their legal basis and how answers map
to report rows.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    GRANTED = "granted", _("Disclosed")
    PARTIAL = "partial", _("Partly disclosed")
    WITHHELD_STATE_SECRET = "withheld.state_secret", _("Not disclosed: state secret")
    WITHHELD_PROHIBITED_BY_LAW = (
        "withheld.prohibited_by_law",
        _("Not disclosed: other laws or administrative regulations forbid it"),
    )
    WITHHELD_SECURITY_STABILITY = (
        "withheld.security_stability",
        _("Not disclosed: endangers the “three securities and one stability”"),
    )
    WITHHELD_THIRD_PARTY = (
        "withheld.third_party",
        _("Not disclosed: protects a third party's lawful rights"),
    )
    WITHHELD_INTERNAL_AFFAIRS = (
        "withheld.internal_affairs",
        _("Not disclosed: internal-affairs information (three kinds)"),
    )
    WITHHELD_PROCESS_INFO = (
        "withheld.process_info",
        _("Not disclosed: process information (four kinds)"),
    )
    WITHHELD_ENFORCEMENT_FILE = (
        "withheld.enforcement_file",
        _("Not disclosed: administrative enforcement case file"),
    )
    WITHHELD_QUERY_MATTER = (
        "withheld.query_matter",
        _("Not disclosed: an administrative query matter"),
    )
    UNAVAILABLE_NOT_HELD = (
        "unavailable.not_held",
        _("Cannot be provided: the agency does not hold it"),
    )
    UNAVAILABLE_NEEDS_COMPILING = (
        "unavailable.needs_compiling",
        _("Cannot be provided: it would have to be compiled"),
    )
    UNAVAILABLE_STILL_UNCLEAR = (
        "unavailable.still_unclear",
        _("Cannot be provided: still unclear after correction"),
    )
    NOT_HANDLED_PETITION = (
        "not_handled.petition",
        _("Not handled: a petition, complaint or report"),
    )
    NOT_HANDLED_REPEAT = "not_handled.repeat", _("Not handled: a repeated application")
    NOT_HANDLED_PUBLICATION = (
        "not_handled.publication",
        _("Not handled: asks for a public publication"),
    )
    NOT_HANDLED_EXCESSIVE = (
        "not_handled.excessive",
        _("Not handled: many repeated applications without good reason"),
    )
    NOT_HANDLED_CONFIRMATION = (
        "not_handled.confirmation",
        _("Not handled: asks the agency to confirm or re-issue information already obtained"),
    )
    OTHER_NO_CORRECTION = (
        "other.no_correction",
        _("Other: not corrected in time, no longer handled"),
    )
    OTHER_FEE_UNPAID = "other.fee_unpaid", _("Other: fee not paid in time, no longer handled")
    OTHER_OTHER = "other.other", _("Other")

    @property
    def group(self) -> str:
        """The report's group: granted, partial, withheld, unavailable, not_handled, other."""
        return self.value.split(".")[0]


class OutcomeGroup(models.TextChoices):
    """The numbered groups of the report's outcome rows: （一）to（六）."""

    GRANTED = "granted", _("(1) Disclosed")
    PARTIAL = "partial", _("(2) Partly disclosed")
    WITHHELD = "withheld", _("(3) Not disclosed")
    UNAVAILABLE = "unavailable", _("(4) Cannot be provided")
    NOT_HANDLED = "not_handled", _("(5) Not handled")
    OTHER = "other", _("(6) Other handling")


class Answer(models.TextChoices):
    """What staff answer. Each outcome is an answer; two more count under another row."""

    ALREADY_DISCLOSED = "already_disclosed", _("Already disclosed: say where (Art. 36(1))")
    NOT_THIS_AGENCY = (
        "not_this_agency",
        _("Not this agency's information: name the right one (Art. 36(5))"),
    )


# "Already disclosed" and "not this agency's" are replies, not report rows
# (DOMAIN.md section 5): they count under these rows. Change here only.
OUTCOME_OF_ANSWER = {
    Answer.ALREADY_DISCLOSED: Outcome.GRANTED,
    Answer.NOT_THIS_AGENCY: Outcome.OTHER_OTHER,
    **{outcome.value: outcome for outcome in Outcome},
}


def answer_choices():
    """Every answer staff may give, the two special ones first, for forms."""
    return [*Answer.choices, *Outcome.choices]


def outcome_of(answer: str) -> Outcome:
    return OUTCOME_OF_ANSWER[answer]


@dataclass(frozen=True)
class LegalBasis:
    """The articles of the Regulations a reply letter cites for an answer."""

    articles: str
    verify: bool = False  # the citation was not confirmed against the text


# Where a citation is marked verify, the article was not confirmed; fix it here.
LEGAL_BASIS = {
    Outcome.GRANTED: LegalBasis("第三十六条第（二）项"),
    Answer.ALREADY_DISCLOSED: LegalBasis("第三十六条第（一）项"),
    Outcome.PARTIAL: LegalBasis("第三十七条"),
    Outcome.WITHHELD_STATE_SECRET: LegalBasis("第十四条、第三十六条第（三）项"),
    Outcome.WITHHELD_PROHIBITED_BY_LAW: LegalBasis("第十四条、第三十六条第（三）项"),
    Outcome.WITHHELD_SECURITY_STABILITY: LegalBasis("第十四条、第三十六条第（三）项"),
    Outcome.WITHHELD_THIRD_PARTY: LegalBasis("第十五条、第三十二条、第三十六条第（三）项"),
    Outcome.WITHHELD_INTERNAL_AFFAIRS: LegalBasis("第十六条第一款、第三十六条第（三）项"),
    Outcome.WITHHELD_PROCESS_INFO: LegalBasis("第十六条第二款、第三十六条第（三）项"),
    Outcome.WITHHELD_ENFORCEMENT_FILE: LegalBasis("第十六条第二款、第三十六条第（三）项"),
    Outcome.WITHHELD_QUERY_MATTER: LegalBasis("第三十六条第（七）项", verify=True),
    Outcome.UNAVAILABLE_NOT_HELD: LegalBasis("第三十六条第（四）项"),
    Outcome.UNAVAILABLE_NEEDS_COMPILING: LegalBasis("第三十八条"),
    Outcome.UNAVAILABLE_STILL_UNCLEAR: LegalBasis("第三十条", verify=True),
    Outcome.NOT_HANDLED_PETITION: LegalBasis("第三十九条第一款"),
    Outcome.NOT_HANDLED_REPEAT: LegalBasis("第三十六条第（六）项"),
    Outcome.NOT_HANDLED_PUBLICATION: LegalBasis("第三十九条第二款"),
    Outcome.NOT_HANDLED_EXCESSIVE: LegalBasis("第三十五条"),
    Outcome.NOT_HANDLED_CONFIRMATION: LegalBasis("第三十九条", verify=True),
    Outcome.OTHER_NO_CORRECTION: LegalBasis("第三十条"),
    Outcome.OTHER_FEE_UNPAID: LegalBasis("第四十二条；国办函〔2020〕109号"),
    Answer.NOT_THIS_AGENCY: LegalBasis("第三十六条第（五）项"),
    Outcome.OTHER_OTHER: LegalBasis(""),
}


def legal_basis(answer: str) -> LegalBasis:
    return LEGAL_BASIS.get(answer) or LEGAL_BASIS[outcome_of(answer)]

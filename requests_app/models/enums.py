"""The enumerations of disclosure on request."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Channel(models.TextChoices):
    """How an application reached the agency; decides its receipt date (Art. 31)."""

    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    POST = "post", _("By post")
    EMAIL = "email", _("By e-mail")
    FAX = "fax", _("By fax")


class PauseReason(models.TextChoices):
    """Why the reply clock stands still for a while (Art. 33 para. 3; 国办函〔2020〕109号)."""

    THIRD_PARTY = "third_party", _("Consulting a third party (Art. 32)")
    OTHER_AGENCY = "other_agency", _("Consulting another agency (Art. 33)")
    FEE = "fee", _("From the fee notice to payment (国办函〔2020〕109号)")


class ApplicantKind(models.TextChoices):
    """The columns of the annual report's table 三 (DOMAIN.md section 6)."""

    NATURAL_PERSON = "natural_person", _("Natural person")
    COMMERCIAL = "commercial", _("Commercial enterprise")
    RESEARCH = "research", _("Research institution")
    PUBLIC_INTEREST = "public_interest", _("Public-interest organisation")
    LEGAL_SERVICE = "legal_service", _("Legal service institution")
    OTHER = "other", _("Other organisation")

    @property
    def is_organisation(self) -> bool:
        return self != ApplicantKind.NATURAL_PERSON


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("Resident identity card")
    PASSPORT = "passport", _("Passport")
    HK_MACAO_PERMIT = "hk_macao", _("Mainland travel permit for Hong Kong and Macao residents")
    TAIWAN_PERMIT = "taiwan", _("Mainland travel permit for Taiwan residents")
    OTHER = "other", _("Other identity document")


class InformationForm(models.TextChoices):
    """The form the applicant wants the information in (Art. 29, Art. 40)."""

    PAPER = "paper", _("Paper")
    ELECTRONIC = "electronic", _("Electronic file")
    OTHER = "other", _("Other")


class Delivery(models.TextChoices):
    """How the applicant wants to receive it (Art. 29)."""

    POST = "post", pgettext_lazy("delivery", "By post")
    EMAIL = "email", pgettext_lazy("delivery", "By e-mail")
    ONLINE = "online", _("Online, on the tracking page")
    COLLECT = "collect", _("Collected in person")
    FAX = "fax", pgettext_lazy("delivery", "By fax")


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted, awaiting confirmation of receipt")
    RECEIVED = "received", _("Received, being handled")
    CORRECTION = "correction", _("Waiting for the applicant's correction")
    CONSULTING = "consulting", _("Consulting a third party or another agency")
    FEE_PENDING = "fee_pending", _("Waiting for payment of the processing fee")
    CLOSED = "closed", _("Closed")

    @classmethod
    def open_values(cls) -> list[str]:
        return [s.value for s in cls if s != cls.CLOSED]


class FeeMethod(models.TextChoices):
    """国办函〔2020〕109号: per application or per volume, never both."""

    PER_APPLICATION = "per_application", _("Per application (按件计收)")
    PER_VOLUME = "per_volume", _("Per volume (按量计收)")


class EventKind(models.TextChoices):
    """The steps of a request's timeline (Art. 45: register, review, handle, reply, archive)."""

    SUBMITTED = "submitted", _("Application submitted")
    RECEIVED = "received", _("Receipt confirmed")
    AUTO_RECEIVED = "auto_received", _("Receipt confirmed automatically")
    REGISTERED_OFFLINE = "registered_offline", _("Application registered")
    CORRECTION_REQUESTED = "correction_requested", _("Correction requested")
    CORRECTION_RECEIVED = "correction_received", _("Corrected application received")
    ASSIGNED = "assigned", _("Assigned")
    CONSULTATION_STARTED = "consultation_started", _("Consultation started")
    CONSULTATION_ENDED = "consultation_ended", _("Consultation answered")
    EXTENDED = "extended", _("Time limit extended")
    FEE_NOTICE = "fee_notice", _("Fee notice issued")
    FEE_PAID = "fee_paid", _("Fee paid")
    REPLIED = "replied", _("Replied")
    DELIVERED = "delivered", _("Reply delivered")
    CLOSED_NO_CORRECTION = "closed_no_correction", _("Closed: not corrected in time")
    CLOSED_FEE_UNPAID = "closed_fee_unpaid", _("Closed: fee not paid in time")
    WITHDRAWN = "withdrawn", _("Withdrawn by the applicant")
    MARKED_REPEAT = "marked_repeat", _("Marked as a repeat")
    DUE_DATE_RECOMPUTED = "due_recomputed", _("Due date recomputed")
    CONVERTED = "converted", _("Converted to proactive disclosure")
    NOTE = "note", _("Internal note")


class DocumentKind(models.TextChoices):
    IDENTITY = "identity", _("Proof of identity")
    APPLICANT_FILE = "applicant_file", _("Applicant's attachment")
    REPLY = "reply", _("Reply document")
    NOTICE = "notice", _("Notice")
    INTERNAL = "internal", _("Internal working document")


class ReviewKind(models.TextChoices):
    """The three blocks of the annual report's table 四."""

    RECONSIDERATION = "reconsideration", _("Administrative reconsideration")
    LITIGATION_DIRECT = "litigation_direct", _("Litigation without reconsideration")
    LITIGATION_AFTER_RECONSIDERATION = (
        "litigation_after",
        _("Litigation after reconsideration"),
    )


class ReviewResult(models.TextChoices):
    """The result columns of table 四."""

    UPHELD = "upheld", _("Upheld")
    CORRECTED = "corrected", _("Corrected")
    OTHER = "other", _("Other result")
    PENDING = "pending", _("Not yet concluded")

"""An application for disclosure (依申请公开) and its append-only timeline.

The request holds what the applicant asked for and where the legal clock
stands; every change of state is made by a function of
``requests_app.workflow`` and written, with who and when, as a
``RequestEvent``. Applicants' personal data lives only here and is shown in
full only to the staff handling the request (PIPL; DOMAIN.md section 4).
"""

import datetime
import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog import masking
from catalog.models import Agency, CatalogEntry, Department
from catalog.statutes import EXTENSION_MAX_WORKING_DAYS
from requests_app.models.enums import (
    ApplicantKind,
    Channel,
    Delivery,
    EventKind,
    FeeMethod,
    IdType,
    InformationForm,
    PauseReason,
    RequestStatus,
)
from requests_app.outcomes import Outcome, answer_choices


def applicant_key(applicant_kind: str, id_number: str, organisation_code: str, name: str) -> str:
    """A keyed hash that is the same for every application of one applicant.

    Counting an applicant's applications in a month (the fee schedule) and
    rate limits need to recognise the applicant without comparing personal
    data in clear: the hash is keyed with the secret key, so it cannot be
    reversed by trying ID numbers.
    """
    if applicant_kind == ApplicantKind.NATURAL_PERSON:
        identity = id_number.strip().upper() or name.strip()
    else:
        identity = organisation_code.strip().upper() or name.strip()
    message = f"{applicant_kind}:{identity}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


class RequestCounter(models.Model):
    """The last tracking-number sequence given out in a year. Allocation locks the row."""

    year = models.PositiveSmallIntegerField(unique=True)
    last_sequence = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("tracking-number counter")
        verbose_name_plural = _("tracking-number counters")

    def __str__(self):
        return f"{self.year}: {self.last_sequence}"

    FORMAT = "{year:04d}{sequence:06d}"
    PATTERN = r"\d{10}"

    @classmethod
    def allocate(cls, year: int) -> str:
        with transaction.atomic():
            cls.objects.get_or_create(year=year)
            counter = cls.objects.select_for_update().get(year=year)
            counter.last_sequence = models.F("last_sequence") + 1
            counter.save(update_fields=["last_sequence"])
            counter.refresh_from_db(fields=["last_sequence"])
        return cls.FORMAT.format(year=year, sequence=counter.last_sequence)


class InformationRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=RequestStatus.open_values())

    def closed(self):
        return self.filter(status=RequestStatus.CLOSED)

    def running(self):
        """Open requests whose clock has started (receipt confirmed)."""
        return self.open().exclude(status=RequestStatus.SUBMITTED)

    def overdue(self, today=None):
        """Open requests whose reply is late: the due date has passed."""
        today = today or timezone.localdate()
        return self.running().filter(due_on__lt=today)

    def due_by(self, last_day, today=None):
        """Open requests due between ``today`` and ``last_day``, both included."""
        today = today or timezone.localdate()
        return self.running().filter(due_on__gte=today, due_on__lte=last_day)

    def awaiting_confirmation(self):
        return self.filter(status=RequestStatus.SUBMITTED)

    def for_agencies(self, agencies):
        return self.filter(agency__in=agencies)

    def with_list_data(self):
        return self.select_related("agency", "department", "officer")


class InformationRequest(models.Model):
    """An application for government information (Art. 27-29)."""

    tracking_number = models.CharField(
        _("tracking number"), max_length=20, unique=True, editable=False
    )
    query_code_hash = models.CharField(max_length=128, editable=False)

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("receiving agency"),
        on_delete=models.PROTECT,
        related_name="information_requests",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("handling department"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="information_requests",
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handling officer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_requests",
    )
    channel = models.CharField(_("channel"), max_length=12, choices=Channel)

    # The applicant (Art. 29 (1)).
    applicant_kind = models.CharField(_("applicant"), max_length=20, choices=ApplicantKind)
    applicant_name = models.CharField(
        _("name"), max_length=200, help_text=_("A person's name, or the organisation's name.")
    )
    id_type = models.CharField(
        _("identity document"), max_length=12, choices=IdType, blank=True, default=""
    )
    id_number = models.CharField(
        _("identity document number"), max_length=30, blank=True, default=""
    )
    organisation_code = models.CharField(
        _("unified social credit code"), max_length=18, blank=True, default=""
    )
    legal_representative = models.CharField(
        _("legal representative"), max_length=60, blank=True, default=""
    )
    contact_person = models.CharField(_("contact person"), max_length=60, blank=True, default="")
    phone = models.CharField(_("phone"), max_length=30)
    email = models.EmailField(_("e-mail"), blank=True, default="")
    address = models.CharField(_("postal address"), max_length=200, blank=True, default="")
    postcode = models.CharField(_("postcode"), max_length=6, blank=True, default="")
    applicant_key = models.CharField(max_length=64, editable=False, db_index=True)

    # What is sought (Art. 29 (2)) and how (Art. 29 (3)).
    information_title = models.CharField(
        _("title of the information"), max_length=300, blank=True, default=""
    )
    information_number = models.CharField(
        _("document number"), max_length=100, blank=True, default=""
    )
    description = models.TextField(
        _("description of the information sought"),
        help_text=_("Enough to identify the information: its title, number, date or content."),
    )
    entries = models.ManyToManyField(
        CatalogEntry,
        verbose_name=_("catalogue entries named"),
        blank=True,
        related_name="information_requests",
    )
    information_form = models.CharField(
        _("form wanted"), max_length=12, choices=InformationForm, default=InformationForm.PAPER
    )
    delivery = models.CharField(
        _("delivery wanted"), max_length=12, choices=Delivery, default=Delivery.POST
    )
    consent_at = models.DateTimeField(
        _("consented to the processing of personal data at"), null=True, blank=True
    )

    # The clock (Art. 30-33; requests_app.deadlines).
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus, default=RequestStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    received_on = models.DateField(_("date of receipt"), null=True, blank=True)
    clock_start_on = models.DateField(
        _("clock runs from"),
        null=True,
        blank=True,
        help_text=_("The date of receipt, or of the corrected application's receipt."),
    )
    due_on = models.DateField(_("reply due on"), null=True, blank=True)
    due_provisional = models.BooleanField(_("due date provisional"), default=False)

    correction_requested_on = models.DateField(_("correction requested on"), null=True, blank=True)
    correction_items = models.TextField(_("what to complete"), blank=True, default="")
    correction_due_on = models.DateField(_("correction due on"), null=True, blank=True)
    corrected_on = models.DateField(_("corrected application received on"), null=True, blank=True)

    extension_days = models.PositiveSmallIntegerField(_("extension (working days)"), default=0)
    extension_reason = models.TextField(_("reason for the extension"), blank=True, default="")
    extension_approved_by = models.CharField(
        _("extension approved by"), max_length=100, blank=True, default=""
    )

    fee_method = models.CharField(
        _("fee method"), max_length=16, choices=FeeMethod, blank=True, default=""
    )
    fee_amount = models.DecimalField(
        _("processing fee (yuan)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    fee_basis_count = models.PositiveIntegerField(
        _("applications in the month or pages"), null=True, blank=True
    )
    fee_notice_on = models.DateField(_("fee notice received on"), null=True, blank=True)
    fee_due_on = models.DateField(_("fee due on"), null=True, blank=True)
    fee_paid_on = models.DateField(_("fee paid on"), null=True, blank=True)

    # The answer (Art. 36-39) and its delivery.
    answer = models.CharField(
        _("answer"), max_length=32, choices=answer_choices, blank=True, default=""
    )
    outcome = models.CharField(
        _("outcome (annual report row)"), max_length=32, choices=Outcome, blank=True, default=""
    )
    reply_text = models.TextField(_("reply"), blank=True, default="")
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("replied by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    repeat_of = models.ForeignKey(
        "self",
        verbose_name=_("repeat of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="repeats",
    )
    proactive_entry = models.ForeignKey(
        CatalogEntry,
        verbose_name=_("converted to catalogue entry"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="converted_from_requests",
    )

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = InformationRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(status=RequestStatus.CLOSED) & ~Q(outcome=""))
                | (~Q(status=RequestStatus.CLOSED) & Q(outcome="")),
                name="request_closed_iff_outcome",
            ),
            models.CheckConstraint(
                condition=Q(extension_days__lte=EXTENSION_MAX_WORKING_DAYS),
                name="request_extension_capped",
            ),
            models.CheckConstraint(
                condition=Q(status=RequestStatus.SUBMITTED) | Q(received_on__isnull=False),
                name="request_received_has_date",
            ),
            models.CheckConstraint(
                condition=Q(fee_method="") | Q(fee_amount__isnull=False),
                name="request_fee_has_amount",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "status", "due_on"], name="request_queue_idx"),
            models.Index(fields=["applicant_key", "submitted_at"], name="request_applicant_idx"),
            # The year's and the window's figures (annual report table 三, scoreboard,
            # statistics) are ranges of these dates, per agency.
            models.Index(fields=["agency", "received_on"], name="request_received_idx"),
            models.Index(fields=["agency", "closed_on"], name="request_closed_idx"),
        ]

    def __str__(self):
        return self.tracking_number

    def save(self, *args, **kwargs):
        self.applicant_key = applicant_key(
            self.applicant_kind, self.id_number, self.organisation_code, self.applicant_name
        )
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.department_id and self.agency_id and self.department.agency_id != self.agency_id:
            errors["department"] = _("This department belongs to another agency.")
        if not self.phone and not self.email and not self.address:
            errors["phone"] = _("Give at least one way to contact the applicant.")
        if errors:
            raise ValidationError(errors)

    # State ----------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self.status != RequestStatus.CLOSED

    @property
    def is_organisation(self) -> bool:
        return ApplicantKind(self.applicant_kind).is_organisation

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_on is not None and self.due_on < today

    def pauses_for_clock(self) -> list[tuple[datetime.date, datetime.date, str]]:
        """The pauses since the clock started, as ``(first, last, reason)``; a running
        pause lasts, for the computation, until far in the future."""
        far = datetime.date.max - datetime.timedelta(days=400)
        return [
            (pause.first_day, pause.last_day or far, pause.reason)
            for pause in self.pauses.all()
            if self.clock_start_on and pause.first_day >= self.clock_start_on
        ]

    # What the applicant's data looks like outside the request's own page --------

    @property
    def masked_name(self) -> str:
        return (
            self.applicant_name if self.is_organisation else masking.mask_name(self.applicant_name)
        )

    @property
    def masked_id_number(self) -> str:
        return masking.mask_id_number(self.id_number)

    @property
    def masked_phone(self) -> str:
        return masking.mask_phone(self.phone)

    @property
    def masked_email(self) -> str:
        local, _at, domain = self.email.partition("@")
        return f"{local[:1]}***@{domain}" if domain else ""


class RequestPause(models.Model):
    """A stretch during which the reply clock stands still (Art. 32-33; 109号)."""

    request = models.ForeignKey(
        InformationRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="pauses",
    )
    reason = models.CharField(_("reason"), max_length=16, choices=PauseReason)
    first_day = models.DateField(_("first day not counted"))
    last_day = models.DateField(
        _("last day not counted"), null=True, blank=True, help_text=_("Empty while it lasts.")
    )
    note = models.TextField(_("note"), blank=True, default="")

    class Meta:
        verbose_name = _("pause of the clock")
        verbose_name_plural = _("pauses of the clock")
        ordering = ["first_day", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__isnull=True) | Q(last_day__gte=models.F("first_day")),
                name="requestpause_in_order",
            ),
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(last_day__isnull=True),
                name="requestpause_one_running",
            ),
        ]

    def __str__(self):
        return f"{self.get_reason_display()} {self.first_day}–{self.last_day or ''}"


class RequestEventQuerySet(models.QuerySet):
    def public(self):
        """The events the applicant sees on the tracking page."""
        return self.filter(public=True)


class RequestEvent(models.Model):
    """One step in a request's timeline. Append-only: never changed, never deleted."""

    request = models.ForeignKey(
        InformationRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    kind = models.CharField(_("event"), max_length=24, choices=EventKind)
    at = models.DateTimeField(_("at"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    public = models.BooleanField(
        _("shown to the applicant"),
        default=False,
        help_text=_("Events meant for the applicant appear on the tracking page and are e-mailed."),
    )
    message = models.TextField(_("message to the applicant"), blank=True, default="")
    note = models.TextField(_("internal note"), blank=True, default="")
    data = models.JSONField(_("details"), default=dict, blank=True)

    objects = RequestEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("request event")
        verbose_name_plural = _("request events")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["request", "at"], name="requestevent_timeline_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValueError("Request events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Request events are append-only.")

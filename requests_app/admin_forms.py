"""Forms of the staff side of disclosure on request.

- One form per step of a request (``STEP_FORMS``): what the step needs from
  the officer, validated next to each field; ``arguments()`` gives the keyword
  arguments of the ``requests_app.workflow`` function the step calls.
- ``OfflineIntakeForm``: an application handed in at the window, posted,
  e-mailed or faxed, registered by staff. It checks the applicant and the
  information sought exactly as the online form does (it is that form, less
  the anti-abuse fields) and adds the channel and the date its receipt rule
  (Art. 31) needs.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog import permissions
from catalog.models import Department, Topic
from catalog.statutes import EXTENSION_MAX_WORKING_DAYS
from requests_app.forms import ApplicationForm, MultipleFileField
from requests_app.intake import Upload
from requests_app.models import (
    ApplicantKind,
    Channel,
    Delivery,
    DocumentKind,
    FeeMethod,
    InformationRequest,
    PauseReason,
    RequestStatus,
)
from requests_app.outcomes import Answer, Outcome, OutcomeGroup
from requests_app.uploads import check_upload
from requests_app.workflow import HANDLER_ROLES

DATE_WIDGET = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
TEXT_WIDGET = forms.Textarea(attrs={"rows": 5, "cols": 70, "class": "vLargeTextField"})
SHORT_TEXT_WIDGET = forms.Textarea(attrs={"rows": 3, "cols": 70, "class": "vLargeTextField"})


def _date_field(label, help_text=""):
    return forms.DateField(
        label=label,
        help_text=help_text,
        widget=DATE_WIDGET,
        initial=timezone.localdate,
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD.")},
    )


def _not_in_future(value):
    if value and value > timezone.localdate():
        raise ValidationError(_("This date lies in the future."), code="future")
    return value


class StepForm(forms.Form):
    """What one step of a request needs. ``info_request`` and ``user`` come from the view."""

    def __init__(self, *args, info_request, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.info_request = info_request
        self.user = user

    def arguments(self) -> dict:
        """The keyword arguments of the workflow function, from the cleaned data."""
        return dict(self.cleaned_data)


class DatedStepForm(StepForm):
    """A step taken on a day of legal weight (``on``): today unless staff record it later."""

    on_label = _("Date")
    on_help = _("The legal date of this step; today unless it is recorded afterwards.")

    on = _date_field(_("Date"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].label = self.on_label
        self.fields["on"].help_text = self.on_help

    def clean_on(self):
        on = _not_in_future(self.cleaned_data["on"])
        submitted = timezone.localdate(self.info_request.submitted_at)
        if on < submitted:
            raise ValidationError(
                _("This date lies before the application was submitted (%(date)s)."),
                code="before_submission",
                params={"date": submitted.isoformat()},
            )
        return on


class ConfirmReceiptForm(DatedStepForm):
    on_label = _("Date of receipt")
    on_help = _(
        "Art. 31: an online or faxed application is received on the day both sides confirm "
        "it. The 20 working days of the reply period (Art. 33) count from the day after."
    )


class CorrectionForm(DatedStepForm):
    on_label = _("Date of the correction notice")
    on_help = _(
        "Art. 30: the applicant is asked once, within 7 working days of receipt, what to "
        "complete. The reply period stands still until the completed application arrives."
    )
    items = forms.CharField(
        label=_("What to complete"),
        widget=TEXT_WIDGET,
        max_length=4000,
        help_text=_("Say precisely what is missing or unclear; this text goes into the notice."),
    )
    due_on = forms.DateField(
        label=_("Complete by"),
        widget=DATE_WIDGET,
        help_text=_("The last day for the completed application; give a reasonable period."),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD.")},
    )

    def clean(self):
        data = super().clean()
        on, due_on = data.get("on"), data.get("due_on")
        if on and due_on and due_on <= on:
            self.add_error("due_on", _("The last day must come after the day of the notice."))
        return data


class ReceiveCorrectionForm(DatedStepForm):
    on_label = _("Completed application received on")
    on_help = _(
        "Art. 30: the reply period of 20 working days starts again from the day after this day."
    )


class AssignForm(StepForm):
    department = forms.ModelChoiceField(
        label=_("Handling department"), queryset=Department.objects.none(), required=False
    )
    officer = forms.ModelChoiceField(
        label=_("Handling officer"), queryset=get_user_model().objects.none(), required=False
    )
    note = forms.CharField(
        label=_("Internal note"), widget=SHORT_TEXT_WIDGET, max_length=2000, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agency = self.info_request.agency
        self.fields["department"].queryset = Department.objects.filter(agency=agency)
        self.fields["officer"].queryset = (
            get_user_model()
            .objects.filter(
                is_active=True,
                memberships__agency=agency,
                memberships__role__in=HANDLER_ROLES,
            )
            .distinct()
            .order_by("username")
        )
        self.fields["department"].initial = self.info_request.department_id
        self.fields["officer"].initial = self.info_request.officer_id

    def clean(self):
        data = super().clean()
        if not data.get("department") and not data.get("officer"):
            raise ValidationError(_("Choose a department, an officer or both."), code="empty")
        return data


class StartConsultationForm(DatedStepForm):
    on_label = _("Consultation starts on")
    on_help = _(
        "Art. 32-33: from this day until the answer arrives the reply period does not run. "
        "A third party has 15 working days to give its opinion."
    )
    reason = forms.ChoiceField(
        label=_("Whom the agency consults"),
        choices=[
            (PauseReason.THIRD_PARTY.value, PauseReason.THIRD_PARTY.label),
            (PauseReason.OTHER_AGENCY.value, PauseReason.OTHER_AGENCY.label),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Internal note"),
        widget=SHORT_TEXT_WIDGET,
        max_length=2000,
        required=False,
        help_text=_("For example whom the letter went to. Not shown to the applicant."),
    )

    def arguments(self):
        data = dict(self.cleaned_data)
        data["reason"] = PauseReason(data["reason"])
        return data


class EndConsultationForm(DatedStepForm):
    on_label = _("Answer received on")
    on_help = _("The reply period runs again from the next working day.")
    note = forms.CharField(
        label=_("What the answer says"),
        widget=SHORT_TEXT_WIDGET,
        max_length=2000,
        required=False,
        help_text=_("Not shown to the applicant."),
    )


class ExtendForm(DatedStepForm):
    on_label = _("Date of the extension")
    on_help = _("The extension is notified to the applicant (Art. 33 para. 2).")
    days = forms.IntegerField(
        label=_("Working days added"),
        min_value=1,
        max_value=EXTENSION_MAX_WORKING_DAYS,
        initial=EXTENSION_MAX_WORKING_DAYS,
        help_text=_("Art. 33: one extension only, of at most 20 working days."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=TEXT_WIDGET,
        max_length=2000,
        help_text=_("Shown to the applicant and printed in the extension notice."),
    )
    approved_by = forms.CharField(
        label=_("Approved by"),
        max_length=100,
        help_text=_("The head of the disclosure office who approved the extension (Art. 33)."),
    )


class FeeNoticeForm(DatedStepForm):
    on_label = _("Notice received by the applicant on")
    on_help = _(
        "国办函〔2020〕109号: the applicant pays within 20 working days from the day after "
        "receiving the notice; until payment the reply period does not run."
    )
    method = forms.ChoiceField(
        label=_("Method"),
        choices=FeeMethod.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Per application counts this applicant's applications in the calendar month of "
            "receipt; per volume counts pages. Never both. A fee of zero is not charged."
        ),
    )
    pages = forms.IntegerField(
        label=_("Pages"),
        min_value=1,
        required=False,
        help_text=_("For a fee per volume: the number of pages to provide."),
    )

    def clean(self):
        data = super().clean()
        if data.get("method") == FeeMethod.PER_VOLUME and not data.get("pages"):
            self.add_error("pages", _("A fee per volume needs the number of pages."))
        return data

    def arguments(self):
        data = dict(self.cleaned_data)
        data["method"] = FeeMethod(data["method"])
        if data["method"] == FeeMethod.PER_APPLICATION:
            data["pages"] = None
        return data


class PaymentForm(DatedStepForm):
    on_label = _("Paid on")
    on_help = _("The reply period runs again from the next working day.")


def _answer_choices():
    """Every answer, grouped: the two replies counted under another row first, then the
    report's groups (一) to (六) with their rows (``outcomes.answer_choices`` in order)."""
    groups = {group: [] for group in OutcomeGroup}
    for outcome in Outcome:
        groups[OutcomeGroup(outcome.group)].append((outcome.value, outcome.label))
    return [
        ("", "---------"),
        (_("Replies counted under another row"), list(Answer.choices)),
        *((group.label, rows) for group, rows in groups.items()),
    ]


class ReplyForm(DatedStepForm):
    on_label = _("Date of the reply")
    on_help = _("The day the reply letter is issued.")
    answer = forms.ChoiceField(
        label=_("Answer"),
        choices=_answer_choices,
        help_text=_(
            "Exactly one. The first two are replies that count under another row of the "
            "annual report; the others are its rows. The letter cites the legal basis."
        ),
    )
    text = forms.CharField(
        label=_("Reply text"),
        widget=forms.Textarea(attrs={"rows": 10, "cols": 70, "class": "vLargeTextField"}),
        max_length=10000,
        help_text=_(
            "Printed in the reply letter and shown to the applicant: where the information "
            "is, the reasons for withholding it, the agency responsible, and so on."
        ),
    )
    documents = MultipleFileField(
        label=_("Documents for the applicant"),
        required=False,
        help_text=_(
            "The information provided, as PDF, images, DOCX, XLSX, OFD or text, each at most "
            "5 MB. The applicant downloads them from the tracking page."
        ),
    )

    def clean_documents(self):
        files = self.cleaned_data.get("documents") or []
        errors, uploads = [], []
        for uploaded in files:
            try:
                uploads.append(Upload(uploaded, DocumentKind.REPLY, check_upload(uploaded)))
            except ValidationError as error:
                errors.append(error)
        if errors:
            raise ValidationError(errors)
        return uploads


class DeliveryForm(DatedStepForm):
    on_label = _("Delivered on")
    on_help = _("The day the reply reached the applicant, e.g. as signed for on the receipt.")


class WithdrawForm(DatedStepForm):
    on_label = _("Withdrawn on")
    on_help = _("The day the applicant withdrew the application.")
    reason = forms.CharField(
        label=_("How and why the applicant withdrew"),
        widget=SHORT_TEXT_WIDGET,
        max_length=2000,
    )


class RepeatForm(DatedStepForm):
    text = forms.CharField(
        label=_("Reply text"),
        widget=SHORT_TEXT_WIDGET,
        max_length=4000,
        required=False,
        help_text=_("Optional: printed in the reply letter after the standard sentence."),
    )
    on_label = _("Date")
    on_help = _("The day the application is closed as a repeat (Art. 36 (6)).")
    earlier = forms.ModelChoiceField(
        label=_("Earlier application"),
        queryset=InformationRequest.objects.none(),
        help_text=_(
            "Art. 36 (6): the same applicant asked for the same information and was "
            "answered. Only this applicant's earlier, answered applications to this agency "
            "are listed."
        ),
        empty_label=None,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        r = self.info_request
        self.fields["earlier"].queryset = (
            InformationRequest.objects.filter(
                agency=r.agency,
                applicant_key=r.applicant_key,
                status=RequestStatus.CLOSED,
                submitted_at__lt=r.submitted_at,
            )
            .exclude(pk=r.pk)
            .order_by("-submitted_at")
        )
        self.fields["earlier"].label_from_instance = _earlier_label

    @property
    def has_choices(self) -> bool:
        return self.fields["earlier"].queryset.exists()


def _earlier_label(earlier):
    title = earlier.information_title or earlier.description[:40]
    return f"{earlier.tracking_number} · {title} · {earlier.get_outcome_display()}"


class ConvertForm(StepForm):
    title = forms.CharField(label=_("Title of the catalogue entry"), max_length=300)
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.all())
    summary = forms.CharField(
        label=_("Summary"), widget=SHORT_TEXT_WIDGET, max_length=2000, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        r = self.info_request
        self.fields["title"].initial = r.information_title or r.description[:100]
        self.fields["title"].help_text = _(
            "Art. 44: information that many applicants ask for may be disclosed proactively. "
            "This makes a draft entry of the agency; it goes through confidentiality review "
            "before publication."
        )


class NoteForm(StepForm):
    text = forms.CharField(
        label=_("Internal note"),
        widget=TEXT_WIDGET,
        max_length=4000,
        help_text=_("Kept in the timeline for staff; never shown to the applicant."),
    )


# ---------------------------------------------------------------------------
# Staff intake of offline applications

# The date each offline channel's receipt rule needs (Art. 31), as labels for the form.
EVENT_LABELS = {
    Channel.IN_PERSON: _("handed in on"),
    Channel.POST: _("signed for on"),
    Channel.EMAIL: _("received by the mail system on"),
    Channel.FAX: _("fax received on"),
}
OFFLINE_CHANNELS = [(c.value, c.label) for c in EVENT_LABELS]


class OfflineIntakeForm(ApplicationForm):
    """An application that reached the agency other than online, registered by staff."""

    agency = forms.ModelChoiceField(label=_("Receiving agency"), queryset=None, empty_label=None)
    channel = forms.ChoiceField(
        label=_("Channel"), choices=OFFLINE_CHANNELS, widget=forms.RadioSelect
    )
    event_on = forms.DateField(
        label=_("Date of the channel's receipt event"),
        widget=DATE_WIDGET,
        initial=timezone.localdate,
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD.")},
        help_text=_(
            "Art. 31: the date of receipt is, in person, the day the application is handed "
            "in; by post, the day the agency signs for the letter; by e-mail, the day the "
            "agency's mail system receives it; by fax, the day both sides confirm it (a fax "
            "stays awaiting confirmation until staff confirm it). Give the day of that event."
        ),
    )

    consent = forms.BooleanField(
        label=_("The applicant consented to the processing of the personal data given"),
        required=False,
        help_text=_("For example by signing the consent on the paper application form."),
    )

    # The anti-abuse fields of the online form have no place here.
    EXCLUDED = ("homepage", "started")
    field_order = ("agency", "channel", "event_on")

    def __init__(self, *args, user, **kwargs):
        agencies = permissions.agencies_for(user, HANDLER_ROLES).in_tree_order()
        first = agencies.first()
        super().__init__(*args, agency=first, client="", **kwargs)
        for name in self.EXCLUDED:
            self.fields.pop(name, None)
        self.fields["agency"].queryset = agencies
        self.fields["agency"].initial = first.pk if first else None
        # Offline, every way of delivery may be asked for.
        self.fields["delivery"].choices = Delivery.choices
        self.fields["delivery"].initial = Delivery.POST
        self.fields["information_form"].initial = "paper"
        for field in self.fields.values():
            field.marked_required = getattr(field, "marked_required", field.required)
        self.user = user

    @property
    def receipt_fields(self):
        return self.section("agency", "channel", "event_on")

    @property
    def applicant_fields(self):
        return [
            *self.common_applicant_fields,
            *self.person_fields,
            *self.organisation_fields,
            *self.contact_fields,
            self["consent"],
        ]

    def clean_homepage(self):
        return ""

    def clean_started(self):
        return None

    def clean_event_on(self):
        return _not_in_future(self.cleaned_data["event_on"])

    def clean(self):
        # The online form's checks of the applicant and of delivery, without its rate limit:
        # staff register what was handed in, however often the applicant applies.
        data = forms.Form.clean(self)
        kind = data.get("applicant_kind")
        if kind == ApplicantKind.NATURAL_PERSON:
            self._clean_person(data)
        elif kind:
            self._clean_organisation(data)
        self._clean_delivery(data)
        return data

    def application_data(self) -> dict:
        """The application's fields, as the workflow takes them."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in ("agency", "channel", "event_on", "entry_numbers")
            and name not in ("identity_proof", "attachments")
        }

    def intake_arguments(self) -> dict:
        """The keyword arguments of ``workflow.register_offline``."""
        data = self.cleaned_data
        return {
            "agency": data["agency"],
            "user": self.user,
            "cleaned_data": self.application_data(),
            "channel": Channel(data["channel"]),
            "event_on": data["event_on"],
            "entries": data.get("entry_numbers") or (),
            "uploads": self.uploads(),
        }

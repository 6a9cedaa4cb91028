"""The online application form (Art. 29) and the tracking form.

What the form checks, each with a message next to its field:

- the applicant (Art. 29 (1)): a natural person gives a name and an identity
  document (a resident ID number is checked with its check digit, GB 11643,
  and its date of birth); an organisation gives its unified social credit
  code (check character, GB 32100), its legal representative and a contact
  person; everyone gives a phone number (mainland mobile or landline);
- the information sought (Art. 29 (2)): a description precise enough to
  identify it, optionally a title, a document number and catalogue entries;
- the form and the way of delivery (Art. 29 (3)), limited to what the agency
  offers; delivery by post needs an address, by e-mail an e-mail address;
- uploads: at most three files of at most 5 MB, of a type recognised by
  their content (not their name);
- consent to the processing of the personal data given, for this purpose;
- anti-abuse: a honeypot field, a minimum fill time (a signed timestamp) and
  the rate limits of ``requests_app.throttle``.
"""

import re
import time

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from catalog.models import CatalogEntry
from catalog.validators import (
    normalise_phone,
    validate_credit_code,
    validate_other_id,
    validate_resident_id,
)
from requests_app import throttle
from requests_app.intake import Upload
from requests_app.models import (
    ApplicantKind,
    Delivery,
    DocumentKind,
    IdType,
    InformationForm,
    applicant_key,
)
from requests_app.uploads import ACCEPT_ATTRIBUTE, MAX_FILES, check_upload

# ---------------------------------------------------------------------------
# Uploads


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


# ---------------------------------------------------------------------------
# Anti-abuse: the time it took to fill the form in

MIN_FILL_SECONDS = 5
MAX_FORM_AGE_SECONDS = 24 * 60 * 60
_STARTED_SALT = "requests_app.application-form.started"


def started_token(started: float | None = None) -> str:
    """The signed moment the form was shown (a hidden field)."""
    return signing.dumps(int(started if started is not None else time.time()), salt=_STARTED_SALT)


def read_started_token(token: str) -> int | None:
    try:
        return int(signing.loads(token or "", salt=_STARTED_SALT, max_age=MAX_FORM_AGE_SECONDS))
    except (signing.BadSignature, TypeError, ValueError):
        return None


# ---------------------------------------------------------------------------
# The application form

PERSON_FIELDS = ("id_type", "id_number")
ORGANISATION_FIELDS = ("organisation_code", "legal_representative", "contact_person")
ENTRY_SEPARATORS = re.compile(r"[\s,，、;；]+")
MAX_ENTRIES = 10
MIN_DESCRIPTION = 10

# Ways of delivery an online application offers, and what each needs from the applicant.
DELIVERY_ALWAYS = (Delivery.ONLINE, Delivery.POST, Delivery.COLLECT)


def delivery_choices(agency) -> list[tuple[str, str]]:
    offered = set(DELIVERY_ALWAYS)
    if agency.accepts_email:
        offered.add(Delivery.EMAIL)
    return [(value, label) for value, label in Delivery.choices if value in offered]


class ApplicationForm(forms.Form):
    """An application for government information to ``agency`` (Art. 29)."""

    # The applicant (Art. 29 (1)).
    applicant_kind = forms.ChoiceField(
        label=_("Applicant type"),
        choices=ApplicantKind.choices,
        initial=ApplicantKind.NATURAL_PERSON,
        widget=forms.RadioSelect,
    )
    applicant_name = forms.CharField(
        label=_("Name or organisation name"),
        max_length=200,
        help_text=_("A natural person’s name, or the organisation’s full registered name."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    id_type = forms.ChoiceField(
        label=_("Identity document"),
        choices=IdType.choices,
        initial=IdType.RESIDENT_ID,
        required=False,
    )
    id_number = forms.CharField(
        label=_("Identity document number"),
        max_length=30,
        required=False,
        help_text=_("A resident identity card number has 18 characters; its last one is checked."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    organisation_code = forms.CharField(
        label=_("Unified social credit code"),
        max_length=18,
        required=False,
        help_text=_("18 characters, as on the business licence or registration certificate."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    legal_representative = forms.CharField(
        label=_("Legal representative"), max_length=60, required=False
    )
    contact_person = forms.CharField(label=_("Contact person"), max_length=60, required=False)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        help_text=_("A mobile number, or a landline number with its area code."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_(
            "Optional. We send the tracking number, the query code and every step of the "
            "handling to this address."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    address = forms.CharField(
        label=_("Postal address"),
        max_length=200,
        required=False,
        help_text=_("Required for delivery by post."),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    postcode = forms.RegexField(
        label=_("Postcode"),
        regex=r"^\d{6}$",
        required=False,
        error_messages={"invalid": _("A postcode has 6 digits.")},
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )

    # The information sought (Art. 29 (2)).
    information_title = forms.CharField(
        label=_("Title of the information"),
        max_length=300,
        required=False,
        help_text=_("If you know it: the title of the document."),
    )
    information_number = forms.CharField(
        label=_("Document number"),
        max_length=100,
        required=False,
        help_text=_("If you know it, e.g. 辽市监发〔2025〕12号."),
    )
    description = forms.CharField(
        label=_("Description of the information sought"),
        min_length=MIN_DESCRIPTION,
        max_length=5000,
        help_text=_(
            "Describe the information precisely enough for the agency to find it: what it is "
            "about, its period or date, which body made it. No reason for the application is "
            "required."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Describe the information you are asking for."),
            "min_length": _(
                "Describe the information in at least %(limit_value)d characters, so that the "
                "agency can identify it (it has %(show_value)d)."
            ),
        },
    )
    entry_numbers = forms.CharField(
        label=_("Index numbers of catalogue entries"),
        max_length=500,
        required=False,
        help_text=_(
            "Optional. If the information is listed in the catalogue, give its index number "
            "(several separated by commas)."
        ),
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )

    # Form and delivery (Art. 29 (3)).
    information_form = forms.ChoiceField(
        label=_("Form wanted"),
        choices=InformationForm.choices,
        initial=InformationForm.ELECTRONIC,
        widget=forms.RadioSelect,
    )
    delivery = forms.ChoiceField(
        label=_("Delivery wanted"),
        choices=Delivery.choices,
        initial=Delivery.ONLINE,
        widget=forms.RadioSelect,
    )

    # Uploads.
    identity_proof = forms.FileField(
        label=_("Proof of identity"),
        required=False,
        help_text=_(
            "Optional: a scan or photo of your identity card or business licence. The agency "
            "may ask for it if your identity cannot be confirmed otherwise."
        ),
        widget=forms.FileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )
    attachments = MultipleFileField(
        label=_("Other attachments"),
        required=False,
        help_text=_(
            "Optional. At most 3 files in all (with the proof of identity), each at most 5 MB: "
            "PDF, JPEG, PNG, DOCX, XLSX, OFD or plain text."
        ),
        widget=MultipleFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )

    # Declaration.
    consent = forms.BooleanField(
        label=_(
            "I agree that the agency processes the personal data given in this application to "
            "identify me, handle the application, contact me and deliver the reply (Art. 29 of "
            "the Regulations; Personal Information Protection Law). It is used for no other "
            "purpose, shown only to the staff handling the application, and kept as long as "
            "the rules on records require."
        ),
        error_messages={
            "required": _("Without your consent the application cannot be handled. Please tick.")
        },
    )

    # Anti-abuse: a field people do not see, and the moment the form was shown.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    # Fields required only for one kind of applicant: marked required in their group.
    GROUP_REQUIRED = {*PERSON_FIELDS, *ORGANISATION_FIELDS}

    def __init__(self, *args, agency, client: str = "", entry=None, **kwargs):
        if entry is not None and not kwargs.get("initial"):
            kwargs["initial"] = {
                "entry_numbers": entry.index_number,
                "information_title": entry.title,
                "information_number": entry.document_number,
            }
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.client = client
        self.upload_types = {}  # id(uploaded file) -> content type found in it
        self.fields["delivery"].choices = delivery_choices(agency)
        for name, field in self.fields.items():
            field.marked_required = field.required or name in self.GROUP_REQUIRED
        # The consent's label is a paragraph: the summary of errors names it shortly.
        self.fields["consent"].summary_label = _("Consent to the processing of personal data")

    # Sections of the page, in order -------------------------------------------

    def section(self, *names):
        return [self[name] for name in names]

    @property
    def common_applicant_fields(self):
        return self.section("applicant_kind", "applicant_name")

    @property
    def person_fields(self):
        return self.section(*PERSON_FIELDS)

    @property
    def organisation_fields(self):
        return self.section(*ORGANISATION_FIELDS)

    @property
    def contact_fields(self):
        return self.section("phone", "email", "address", "postcode")

    @property
    def information_fields(self):
        return self.section(
            "description", "information_title", "information_number", "entry_numbers"
        )

    @property
    def delivery_fields(self):
        return self.section("information_form", "delivery")

    @property
    def upload_fields(self):
        return self.section("identity_proof", "attachments")

    def started_value(self) -> str:
        """The hidden timestamp to render: the one posted if it is still good, else a new one."""
        posted = self.data.get("started", "") if self.is_bound else ""
        return posted if read_started_token(posted) is not None else started_token()

    @property
    def had_files(self) -> bool:
        """Whether files were sent: a page shown again cannot keep them."""
        return bool(self.files)

    # Field checks -------------------------------------------------------------

    def clean_applicant_name(self):
        return self.cleaned_data["applicant_name"].strip()

    def clean_id_number(self):
        return re.sub(r"\s", "", self.cleaned_data["id_number"]).upper()

    def clean_organisation_code(self):
        return re.sub(r"\s", "", self.cleaned_data["organisation_code"]).upper()

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])

    def clean_entry_numbers(self):
        numbers = [n for n in ENTRY_SEPARATORS.split(self.cleaned_data["entry_numbers"]) if n]
        if len(numbers) > MAX_ENTRIES:
            raise ValidationError(
                _("Name at most %(max)d catalogue entries."), params={"max": MAX_ENTRIES}
            )
        entries = list(CatalogEntry.objects.listed().filter(index_number__in=numbers))
        missing = sorted(set(numbers) - {e.index_number for e in entries})
        if missing:
            raise ValidationError(
                ngettext_lazy(
                    "No published catalogue entry has the index number %(numbers)s.",
                    "No published catalogue entries have the index numbers %(numbers)s.",
                    "count",
                ),
                params={"numbers": "、".join(missing), "count": len(missing)},
            )
        return entries

    def clean_identity_proof(self):
        proof = self.cleaned_data.get("identity_proof")
        if proof:
            self.upload_types[id(proof)] = check_upload(proof)
        return proof

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        total = len(files) + (1 if self.files.get("identity_proof") else 0)
        if total > MAX_FILES:
            raise ValidationError(
                _("At most %(max)d files may be attached (%(count)d were chosen)."),
                params={"max": MAX_FILES, "count": total},
            )
        errors, types = [], {}
        for uploaded in files:
            try:
                types[id(uploaded)] = check_upload(uploaded)
            except ValidationError as error:
                errors.append(error)
        if errors:
            raise ValidationError(errors)
        self.upload_types.update(types)
        return files

    def clean_homepage(self):
        if self.cleaned_data["homepage"]:
            raise ValidationError(_("This field must stay empty."), code="honeypot")
        return ""

    def clean_started(self):
        started = read_started_token(self.cleaned_data["started"])
        if started is None:
            raise ValidationError(
                _("The form had expired. Please check your entries and submit again."),
                code="expired",
            )
        if time.time() - started < MIN_FILL_SECONDS:
            raise ValidationError(
                _(
                    "The application was sent very quickly after the page opened. Please "
                    "check your entries and submit again."
                ),
                code="too_fast",
            )
        return started

    # Cross-field checks ------------------------------------------------------------

    def clean(self):
        data = super().clean()
        kind = data.get("applicant_kind")
        if kind == ApplicantKind.NATURAL_PERSON:
            self._clean_person(data)
        elif kind:
            self._clean_organisation(data)
        self._clean_delivery(data)
        if not self.errors and not throttle.submission_allowed(self.client, self.applicant_key):
            raise ValidationError(
                _(
                    "Many applications have been sent from your connection or in your name in a "
                    "short time. To keep the service open for everyone, please try again later "
                    "(in an hour, or tomorrow), or apply in person or by post as described "
                    "below. What you typed is kept."
                ),
                code="rate_limited",
            )
        return data

    def _clean_person(self, data):
        for name in ORGANISATION_FIELDS:
            data[name] = ""
        if not data.get("id_type"):
            self.add_error("id_type", _("Choose the kind of identity document."))
        number = data.get("id_number", "")
        if "id_number" in self.errors:
            return
        if not number:
            self.add_error("id_number", _("Enter the number of your identity document."))
            return
        resident = data.get("id_type") == IdType.RESIDENT_ID
        try:
            (validate_resident_id if resident else validate_other_id)(number)
        except ValidationError as error:
            self.add_error("id_number", error)

    def _clean_organisation(self, data):
        data["id_type"] = data["id_number"] = ""
        code = data.get("organisation_code", "")
        if not code:
            self.add_error("organisation_code", _("Enter the organisation’s credit code."))
        elif "organisation_code" not in self.errors:
            try:
                validate_credit_code(code)
            except ValidationError as error:
                self.add_error("organisation_code", error)
        for name, message in (
            ("legal_representative", _("Enter the name of the legal representative.")),
            ("contact_person", _("Enter the name of a contact person.")),
        ):
            if name not in self.errors and not data.get(name, "").strip():
                self.add_error(name, message)

    def _clean_delivery(self, data):
        delivery = data.get("delivery")
        if delivery == Delivery.POST and not data.get("address", "").strip():
            self.add_error("address", _("Delivery by post needs a postal address."))
        if delivery == Delivery.EMAIL and not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("Delivery by e-mail needs an e-mail address."))

    # What the intake gets ------------------------------------------------------------

    @property
    def applicant_key(self) -> str:
        data = self.cleaned_data
        return applicant_key(
            data.get("applicant_kind", ""),
            data.get("id_number", ""),
            data.get("organisation_code", ""),
            data.get("applicant_name", ""),
        )

    def uploads(self) -> list[Upload]:
        types = self.upload_types
        proof = self.cleaned_data.get("identity_proof")
        uploads = [Upload(proof, DocumentKind.IDENTITY, types[id(proof)])] if proof else []
        return uploads + [
            Upload(f, DocumentKind.APPLICANT_FILE, types[id(f)])
            for f in self.cleaned_data.get("attachments", [])
        ]


class TrackingForm(forms.Form):
    """Tracking number and query code: the applicant's key to the request."""

    tracking_number = forms.CharField(
        label=_("Tracking number"),
        max_length=30,
        help_text=_("The 10-digit number on your receipt."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )
    query_code = forms.CharField(
        label=_("Query code"),
        max_length=30,
        help_text=_("The 10-character code shown once on your receipt (and e-mailed once)."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.marked_required = True

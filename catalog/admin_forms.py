"""Forms used by the staff admin beyond the generated model forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog import permissions, spreadsheets
from catalog.models import DECISION_KIND_FOR_POWER, Agency, DecisionRecord, StaffMembership


class TransitionForm(forms.Form):
    """The text a workflow step needs: the review opinion, a note, a reason."""

    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6, "cols": 70, "class": "vLargeTextField"}),
        max_length=4000,
    )

    def __init__(self, *args, transition, **kwargs):
        super().__init__(*args, **kwargs)
        if transition.note_label is None:
            del self.fields["note"]
        else:
            self.fields["note"].label = transition.note_label
            self.fields["note"].help_text = transition.note_help

    @property
    def text(self) -> str:
        return self.cleaned_data.get("note", "")


class StaffMembershipAdminForm(forms.ModelForm):
    """A membership form that cannot hand out more than its author holds.

    ``acting_user`` is set by the admin. Covering subordinate agencies grants
    rights over every agency below; only someone who administers all of them
    may grant it.
    """

    acting_user = None

    class Meta:
        model = StaffMembership
        fields = ("user", "agency", "department", "role", "covers_subordinates")

    def clean(self):
        cleaned = super().clean()
        agency = cleaned.get("agency")
        if agency is None or not cleaned.get("covers_subordinates"):
            return cleaned
        administered = permissions.agencies_for(self.acting_user, permissions.ADMIN_ROLES)
        if Agency.objects.subtree(agency).exclude(pk__in=administered).exists():
            self.add_error(
                "covers_subordinates",
                _(
                    "You do not administer every agency below %(agency)s, so you cannot "
                    "give a membership that covers them."
                )
                % {"agency": agency},
            )
        return cleaned


class DecisionRecordAdminForm(forms.ModelForm):
    """A decision whose kind follows from its power item (许可 -> licensing decision, ...)."""

    class Meta:
        model = DecisionRecord
        fields = (
            "agency",
            "power_item",
            "number",
            "decided_on",
            "party_kind",
            "party_name",
            "party_code",
            "legal_representative",
            "facts",
            "basis",
            "content",
            "fine_amount",
            "confiscated_amount",
            "minor",
            "licence_number",
            "valid_from",
            "valid_until",
        )

    def clean(self):
        cleaned = super().clean()
        power_item = cleaned.get("power_item")
        if power_item is not None:
            self.instance.kind = DECISION_KIND_FOR_POWER.get(power_item.kind, "")
        return cleaned


class SpreadsheetImportForm(forms.Form):
    """Step one of an import: which agency, which file. The file is read here."""

    agency = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=Agency.objects.none(),
        help_text=_("The items are imported into this agency's lists."),
    )
    file = forms.FileField(
        label=_("Spreadsheet"),
        widget=forms.FileInput(attrs={"accept": ".xlsx,.csv"}),
        help_text=_(
            "An .xlsx or .csv file of at most 5 MB with the columns of an exported file. "
            "CSV may be UTF-8 or GB18030 as Chinese Excel saves it."
        ),
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        if agencies.count() == 1:
            self.fields["agency"].initial = agencies.get().pk

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > spreadsheets.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB."),
                params={"size": spreadsheets.MAX_UPLOAD_BYTES // 2**20},
                code="too_large",
            )
        try:
            self.table = spreadsheets.read_table(upload.name, upload.read())
        except spreadsheets.SpreadsheetError as exc:
            raise forms.ValidationError(str(exc), code="unreadable") from exc
        return upload


class SpreadsheetConfirmForm(forms.Form):
    """Step two: the table the preview showed, signed for this user and agency."""

    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), widget=forms.HiddenInput)
    payload = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, agencies, sheet, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.sheet = sheet
        self.user = user

    def clean(self):
        cleaned = super().clean()
        agency, payload = cleaned.get("agency"), cleaned.get("payload")
        if agency is None or not payload:
            raise forms.ValidationError(
                _("This preview has expired or was altered. Upload the file again."),
                code="invalid_payload",
            )
        try:
            self.table, self.filename = spreadsheets.unsign_table(
                payload, sheet=self.sheet, user=self.user, agency=agency
            )
        except spreadsheets.SpreadsheetError as exc:
            raise forms.ValidationError(str(exc), code="invalid_payload") from exc
        return cleaned


class SpreadsheetExportForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none())
    file_format = forms.ChoiceField(
        label=_("Format"),
        choices=[("xlsx", _("Excel (.xlsx)")), ("csv", _("CSV (UTF-8)"))],
        initial="xlsx",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        if agencies.count() == 1:
            self.fields["agency"].initial = agencies.get().pk

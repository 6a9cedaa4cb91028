"""Forms used by the staff admin beyond the generated model forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog import permissions
from catalog.models import Agency, StaffMembership


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

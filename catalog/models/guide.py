"""The disclosure guide (公开指南, Art. 12) of an agency.

Addresses, hours, channels and deadlines are not typed in here: the guide
page takes them from the agency record and from ``catalog.statutes``, the same
places the request system enforces. Staff write the narrative sections.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from catalog.models.agencies import Agency


class DisclosureGuide(models.Model):
    agency = models.OneToOneField(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="guide"
    )
    preface = models.TextField(_("preface"), blank=True, default="")
    proactive_scope = models.TextField(_("scope of proactive disclosure"), blank=True, default="")
    proactive_arrangement = models.TextField(
        _("classification and arrangement"), blank=True, default=""
    )
    proactive_forms = models.TextField(_("forms of disclosure"), blank=True, default="")
    proactive_how_to_obtain = models.TextField(
        _("how to obtain proactively disclosed information"), blank=True, default=""
    )
    request_notes = models.TextField(_("notes for applicants"), blank=True, default="")
    fee_notes = models.TextField(_("fees"), blank=True, default="")
    supervision = models.TextField(_("supervision and complaints"), blank=True, default="")
    reconsideration_body = models.CharField(
        _("administrative reconsideration body"), max_length=200, blank=True, default=""
    )
    litigation_court = models.CharField(
        _("court for administrative litigation"), max_length=200, blank=True, default=""
    )
    revised_on = models.DateField(_("revised on"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("disclosure guide")
        verbose_name_plural = _("disclosure guides")

    def __str__(self):
        return str(_("Disclosure guide of %(agency)s") % {"agency": self.agency.name})

    def get_absolute_url(self):
        return reverse("catalog:agency_guide", kwargs={"slug": self.agency.slug})

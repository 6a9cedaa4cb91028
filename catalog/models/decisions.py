"""Published results of licensing and enforcement (许可 / 处罚 结果公示)."""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog import masking, statutes
from catalog.models.agencies import Agency
from catalog.models.powers import PowerItem, PowerKind
from catalog.models.review import Reviewable, ReviewableQuerySet


class DecisionKind(models.TextChoices):
    LICENCE = "licence", _("Licensing decision (行政许可决定)")
    PENALTY = "penalty", _("Penalty decision (行政处罚决定)")
    COERCION = "coercion", _("Coercive measure (行政强制决定)")


# The kind of decision each kind of power produces; other powers publish none.
DECISION_KIND_FOR_POWER = {
    PowerKind.LICENSING: DecisionKind.LICENCE,
    PowerKind.PENALTY: DecisionKind.PENALTY,
    PowerKind.COERCION: DecisionKind.COERCION,
}


class PartyKind(models.TextChoices):
    ORGANISATION = "organisation", _("Legal person or other organisation")
    INDIVIDUAL_BUSINESS = "individual_business", _("Individual business (个体工商户)")
    NATURAL_PERSON = "natural_person", _("Natural person")


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, or the month's last day when it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _last_ended_on(today: datetime.date, months: int) -> datetime.date:
    """The latest decision date whose ``months``-long period has ended by ``today``.

    The inverse of ``add_months``: on the last day of a month, every decision
    from the last day of the month ``months`` earlier (e.g. 31 August for
    29 February and six months) has reached its end.
    """
    cutoff = add_months(today, -months)
    if today.day == calendar.monthrange(today.year, today.month)[1]:
        cutoff = cutoff.replace(day=calendar.monthrange(cutoff.year, cutoff.month)[1])
    return cutoff


class DecisionRecordQuerySet(ReviewableQuerySet):
    def in_publication_period(self, today=None):
        """Decisions whose publication period has not ended on ``today``.

        The periods come from ``catalog.statutes.decision_publication_months``
        and are applied when asked, so changing them changes the lists at once.
        """
        today = today or timezone.localdate()
        condition = Q()
        for kind in DecisionKind:
            for minor in (False, True):
                months = statutes.decision_publication_months(kind, minor=minor)
                if months is None:
                    condition |= Q(kind=kind, minor=minor)
                else:
                    condition |= Q(
                        kind=kind, minor=minor, decided_on__gt=_last_ended_on(today, months)
                    )
        return self.filter(condition)

    def listed(self, today=None):
        """Published decisions still in their publication period: the public lists."""
        return self.published().in_publication_period(today)

    def for_agency_tree(self, agency):
        return self.filter(agency__in=Agency.objects.subtree(agency))

    def with_list_data(self):
        return self.select_related("agency", "power_item")

    def matching(self, text):
        """The admin's keyword search, drafts included (the public list searches the
        index, ``catalog.search``). Natural persons' names and numbers are never searched."""
        organisation = ~Q(party_kind=PartyKind.NATURAL_PERSON)
        return self.filter(
            Q(number__icontains=text)
            | Q(power_item__name__icontains=text)
            | Q(content__icontains=text)
            | (organisation & (Q(party_name__icontains=text) | Q(party_code__iexact=text)))
        )


class DecisionRecord(Reviewable):
    """A licensing, penalty or coercive decision published as a result (结果公示)."""

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("deciding agency"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    power_item = models.ForeignKey(
        PowerItem,
        verbose_name=_("power item"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=DecisionKind)
    number = models.CharField(_("decision number"), max_length=100)
    decided_on = models.DateField(_("decision date"))

    party_kind = models.CharField(
        _("party"), max_length=20, choices=PartyKind, default=PartyKind.ORGANISATION
    )
    party_name = models.CharField(
        _("party name"),
        max_length=200,
        help_text=_("A natural person's name is masked on public pages."),
    )
    party_code = models.CharField(
        _("credit code or ID number"),
        max_length=30,
        blank=True,
        default="",
        help_text=_(
            "The unified social credit code of an organisation or business; a natural "
            "person's identity number, masked on public pages."
        ),
    )
    legal_representative = models.CharField(
        _("legal representative or operator"),
        max_length=60,
        blank=True,
        default="",
        help_text=_("Shown masked on public pages."),
    )

    facts = models.TextField(_("facts"), blank=True, default="")
    basis = models.TextField(_("legal basis"), blank=True, default="")
    content = models.TextField(
        _("decision"), help_text=_("What was licensed, or the penalty or measure imposed.")
    )
    fine_amount = models.DecimalField(
        _("fine (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    confiscated_amount = models.DecimalField(
        _("confiscated illegal gains (yuan)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    minor = models.BooleanField(
        _("warning or small fine only"),
        default=False,
        help_text=_("Published for a shorter period (six months)."),
    )
    licence_number = models.CharField(_("licence number"), max_length=100, blank=True, default="")
    valid_from = models.DateField(_("licence valid from"), null=True, blank=True)
    valid_until = models.DateField(_("licence valid until"), null=True, blank=True)

    objects = DecisionRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("published decision")
        verbose_name_plural = _("published decisions")
        ordering = ["-decided_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="decision_unique_number"),
            models.CheckConstraint(
                condition=Q(kind="penalty") | Q(minor=False),
                name="decision_only_penalties_minor",
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_from__lte=models.F("valid_until")),
                name="decision_validity_in_order",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "kind", "-decided_on"], name="decision_listing_idx"),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("catalog:decision_detail", kwargs={"pk": self.pk})

    def save(self, *args, **kwargs):
        if not self.kind and self.power_item_id:
            self.kind = DECISION_KIND_FOR_POWER.get(self.power_item.kind, "")
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.power_item_id:
            expected = DECISION_KIND_FOR_POWER.get(self.power_item.kind)
            if expected is None:
                errors["power_item"] = _(
                    "Only licensing, penalty and coercion powers have published decisions."
                )
            elif self.kind and self.kind != expected:
                errors["kind"] = _("The kind must match the kind of the power item.")
            if self.agency_id and self.power_item.agency_id != self.agency_id:
                errors["power_item"] = _("This power item belongs to another agency.")
        if self.minor and self.kind != DecisionKind.PENALTY:
            errors["minor"] = _("Only a penalty can be a warning or small fine.")
        if self.valid_from and self.valid_until and self.valid_from > self.valid_until:
            errors["valid_until"] = _("The licence cannot end before it starts.")
        if self.party_kind == PartyKind.NATURAL_PERSON and self.legal_representative:
            errors["legal_representative"] = _("A natural person has no legal representative.")
        if errors:
            raise ValidationError(errors)

    # What the public sees --------------------------------------------------

    @property
    def is_natural_person(self) -> bool:
        return self.party_kind == PartyKind.NATURAL_PERSON

    @property
    def public_party_name(self) -> str:
        if self.is_natural_person:
            return masking.mask_name(self.party_name)
        return self.party_name

    @property
    def public_party_code(self) -> str:
        if self.is_natural_person:
            return masking.mask_id_number(self.party_code)
        return self.party_code

    @property
    def public_legal_representative(self) -> str:
        return masking.mask_name(self.legal_representative)

    def masked(self, text: str) -> str:
        """``text`` with the values a public page masks (a natural person's name and
        number, a legal representative's name) replaced by their masks, also where the
        text writes them otherwise (全角 digits, 繁体, a space inside)."""
        from catalog.search.text import occurrences

        pairs = [(self.legal_representative, self.public_legal_representative)]
        if self.is_natural_person:
            pairs += [
                (self.party_name, self.public_party_name),
                (self.party_code, self.public_party_code),
            ]
        for value, mask in pairs:
            value = (value or "").strip()
            if len(value) < 2:
                continue
            for start, end in reversed(occurrences(text, value)):
                text = text[:start] + mask + text[end:]
        return text

    @property
    def public_facts(self) -> str:
        return self.masked(self.facts)

    @property
    def public_basis(self) -> str:
        return self.masked(self.basis)

    @property
    def public_content(self) -> str:
        return self.masked(self.content)

    @property
    def publication_months(self) -> int | None:
        return statutes.decision_publication_months(self.kind, minor=self.minor)

    @property
    def publication_ends_on(self) -> datetime.date | None:
        months = self.publication_months
        return add_months(self.decided_on, months) if months is not None else None

    def in_publication_period(self, today=None) -> bool:
        ends = self.publication_ends_on
        return ends is None or (today or timezone.localdate()) < ends

"""Who publishes: agencies, their departments and the staff who work for them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from catalog.validators import validate_credit_code


class AgencyLevel(models.TextChoices):
    PROVINCE = "province", _("Provincial")
    CITY = "city", _("City")
    COUNTY = "county", _("County / district")


LEVEL_RANKS = {AgencyLevel.PROVINCE: 1, AgencyLevel.CITY: 2, AgencyLevel.COUNTY: 3}


class AgencyQuerySet(models.QuerySet):
    def subtree(self, agency):
        """The agency and every agency below it."""
        return self.subtrees_of([agency.pk])

    def subtrees_of(self, agency_ids):
        """The agencies ``agency_ids`` (a list or a values queryset) and all below them.

        The bureau system is three levels deep (province, city, county), so two
        parent hops reach every descendant in one query. This is the one place
        that knows the depth.
        """
        return self.filter(
            Q(pk__in=agency_ids) | Q(parent__in=agency_ids) | Q(parent__parent__in=agency_ids)
        )

    def in_tree_order(self):
        return self.order_by("level_rank", "sort_order", "name")


class Agency(models.Model):
    """A government agency (机关) that publishes information and takes requests."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True, default="")
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
        help_text=_("18 characters; its last character is checked (GB 32100-2015)."),
    )
    level = models.CharField(_("level"), max_length=10, choices=AgencyLevel)
    # Denormalised from level so lists sort province > city > county in SQL.
    level_rank = models.PositiveSmallIntegerField(editable=False, default=0)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    document_prefix = models.CharField(
        _("issuing-agency abbreviation"),
        max_length=20,
        blank=True,
        default="",
        help_text=_(
            "The abbreviation in the numbers of the agency's letters, e.g. 辽市监 in "
            "辽市监公开〔2026〕第12号. Left empty, it is derived from the name."
        ),
    )

    # Contact data (Art. 20(2)).
    address = models.CharField(_("address"), max_length=200, blank=True, default="")
    postcode = models.CharField(_("postcode"), max_length=6, blank=True, default="")
    phone = models.CharField(_("phone"), max_length=40, blank=True, default="")
    fax = models.CharField(_("fax"), max_length=40, blank=True, default="")
    email = models.EmailField(_("e-mail"), blank=True, default="")
    website = models.URLField(_("website"), blank=True, default="")
    office_hours = models.CharField(_("office hours"), max_length=200, blank=True, default="")
    leaders = models.TextField(_("leadership"), blank=True, default="")

    # Reception window for disclosure requests (受理窗口, guide section 2).
    reception_office = models.CharField(
        _("receiving office"), max_length=100, blank=True, default=""
    )
    reception_address = models.CharField(
        _("reception address"), max_length=200, blank=True, default=""
    )
    reception_hours = models.CharField(_("reception hours"), max_length=200, blank=True, default="")
    reception_phone = models.CharField(_("reception phone"), max_length=40, blank=True, default="")
    reception_fax = models.CharField(_("reception fax"), max_length=40, blank=True, default="")
    reception_email = models.EmailField(_("reception e-mail"), blank=True, default="")
    # In person and by post can never be refused (国办公开办函〔2017〕19号);
    # the others only where the guide announces them.
    accepts_online = models.BooleanField(_("accepts online applications"), default=True)
    accepts_email = models.BooleanField(_("accepts e-mail applications"), default=False)
    accepts_fax = models.BooleanField(_("accepts fax applications"), default=False)

    # Department powers (部门职权): functions, staffing and structure.
    functions = models.TextField(_("functions"), blank=True, default="")
    staffing = models.TextField(_("authorised staffing"), blank=True, default="")
    structure = models.TextField(_("internal structure"), blank=True, default="")

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["level_rank", "sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level="province", parent__isnull=True)
                | Q(level__in=["city", "county"], parent__isnull=False),
                name="agency_parent_matches_level",
                violation_error_message=_(
                    "A provincial agency has no parent; city and county agencies have one."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.credit_code = self.credit_code.strip().upper()
        self.level_rank = LEVEL_RANKS.get(self.level, 0)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("catalog:agency_detail", kwargs={"slug": self.slug})

    def clean(self):
        from django.core.exceptions import ValidationError

        expected_parent_level = {
            AgencyLevel.CITY: AgencyLevel.PROVINCE,
            AgencyLevel.COUNTY: AgencyLevel.CITY,
        }.get(self.level)
        if self.level == AgencyLevel.PROVINCE and self.parent_id:
            raise ValidationError({"parent": _("A provincial agency has no parent agency.")})
        if expected_parent_level and (
            self.parent is None or self.parent.level != expected_parent_level
        ):
            raise ValidationError(
                {"parent": _("Choose the agency one level above this one as its parent.")}
            )

    @property
    def display_name(self):
        return self.short_name or self.name


class DepartmentRole(models.TextChoices):
    """How a bureau's disclosure work rules route work to its departments."""

    OFFICE = "office", _("Office (leads disclosure work)")
    LEGAL = "legal", _("Legal affairs")
    BUSINESS = "business", _("Business department")
    INFO_CENTRE = "info_centre", _("Information centre (online publication)")
    DISCIPLINE = "discipline", _("Discipline inspection")


class Department(models.Model):
    """An internal department (内设机构) of an agency."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="departments"
    )
    name = models.CharField(_("name"), max_length=100)
    role = models.CharField(_("role"), max_length=20, choices=DepartmentRole)
    duties = models.TextField(_("duties"), blank=True, default="")
    phone = models.CharField(_("phone"), max_length=40, blank=True, default="")
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["agency", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="department_unique_name"),
        ]

    def __str__(self):
        return f"{self.agency.display_name} · {self.name}"


class StaffRole(models.TextChoices):
    EDITOR = "editor", _("Editor (信息发布员)")
    REVIEWER = "reviewer", _("Confidentiality reviewer (保密审查员)")
    REQUEST_OFFICER = "request_officer", _("Request officer (依申请办理员)")
    AGENCY_ADMIN = "agency_admin", _("Agency administrator")


class StaffMembershipQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)


class StaffMembership(models.Model):
    """Which agency a staff member works for, in which role."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="memberships"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=StaffRole)
    covers_subordinates = models.BooleanField(
        _("covers subordinate agencies"),
        default=False,
        help_text=_("Lets this person act for the agencies below this one too."),
    )

    objects = StaffMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff membership")
        verbose_name_plural = _("staff memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"], name="membership_unique_role"
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.agency.display_name} · {self.get_role_display()}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.department_id and self.department.agency_id != self.agency_id:
            raise ValidationError({"department": _("This department belongs to another agency.")})

"""The working-day calendar: staff overrides of the statutory holidays.

``CalendarDay`` lets staff override or extend the statutory calendar (the
``chinese_calendar`` package, which lags the State Council's yearly notice).
How the rows are read is ``requests_app.workdays``; why, ADR 0005.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarDayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Holiday (day off)")
    WORKDAY = "workday", _("Make-up workday")


class CalendarDayQuerySet(models.QuerySet):
    def in_years(self, first_year: int, last_year: int):
        """The overrides of the calendar years ``first_year`` to ``last_year``."""
        return self.filter(date__year__gte=first_year, date__year__lte=last_year)


class CalendarDay(models.Model):
    """One day of the State Council's holiday notice, entered by staff.

    A row wins over the ``chinese_calendar`` package for its date. A holiday
    row that cites its notice also marks its whole year as published: the
    other days of that year are then decided by the weekend rule without
    being provisional (ADR 0005).
    """

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=CalendarDayKind)
    name = models.CharField(
        _("name"), max_length=60, help_text=_("The holiday, e.g. Spring Festival or National Day.")
    )
    notice = models.CharField(
        _("notice"),
        max_length=100,
        blank=True,
        default="",
        help_text=_(
            "The document number of the notice the day comes from (the State Council "
            "General Office's yearly holiday notice). A holiday that cites its notice marks "
            "the whole year as published: enter every day of the notice."
        ),
    )
    note = models.TextField(_("note"), blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CalendarDayQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=CalendarDayKind.values),
                name="calendarday_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.date.isoformat()} {self.name} ({self.get_kind_display()})"

    @property
    def is_workday(self) -> bool:
        return self.kind == CalendarDayKind.WORKDAY

    def redundancy_warning(self):
        """A message when this row does not change whether the day is worked, else None.

        A holiday on a day that is off anyway (a weekend, or a day the package
        already lists as a holiday), or a make-up workday on a day that is
        worked anyway, only gives the day a name (and, for a holiday citing
        its notice, marks the year as published). That is allowed: staff
        copy the notice's whole span, weekends included. The admin shows the
        message as a warning so a slip (a wrong date or kind) is noticed.
        """
        from requests_app.workdays import statutory_day_info

        if self.date is None or self.kind not in CalendarDayKind.values:
            return None
        statutory = statutory_day_info(self.date)
        if statutory.is_workday != self.is_workday:
            return None
        if self.is_workday:
            return _("This day is a working day even without this entry; the entry only names it.")
        return _("This day is a day off even without this entry; the entry only names it.")

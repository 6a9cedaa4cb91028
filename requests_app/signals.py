"""When staff change the working-day calendar, open requests' due dates follow.

A ``CalendarDay`` saved (with its old date, if the row was moved) or deleted
triggers ``workflow.recompute_due_dates`` for the dates concerned, once the
change is committed, so the computation sees the calendar as stored.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from requests_app.models import CalendarDay


def _recompute_on_commit(dates, user=None):
    from requests_app import workflow

    dates = sorted({date for date in dates if date is not None})
    transaction.on_commit(lambda: workflow.recompute_due_dates(dates, user))


@receiver(pre_save, sender=CalendarDay, dispatch_uid="calendarday_remember_date")
def remember_old_date(sender, instance, raw=False, **kwargs):
    """Keep the stored date of a row being changed: moving a row changes two days."""
    instance._stored_date = None
    if instance.pk and not raw:
        instance._stored_date = (
            CalendarDay.objects.filter(pk=instance.pk).values_list("date", flat=True).first()
        )


@receiver(post_save, sender=CalendarDay, dispatch_uid="calendarday_saved_recompute")
def calendar_day_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loading fixtures: no requests to follow
        return
    user = instance.updated_by or instance.created_by
    _recompute_on_commit([instance.date, getattr(instance, "_stored_date", None)], user)


@receiver(post_delete, sender=CalendarDay, dispatch_uid="calendarday_deleted_recompute")
def calendar_day_deleted(sender, instance, **kwargs):
    _recompute_on_commit([instance.date])

"""Transitions of the publication workflow: draft -> in review -> published -> withdrawn.

Each transition is one function. It locks the row, checks the current state
and the user's right, writes the change and a ``ReviewEvent`` in one
transaction. The admin actions, the tests and the demo loader all call these;
nothing else changes ``status``. They work on any ``Reviewable`` model.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog import permissions
from catalog.models import ReviewAction, ReviewEvent, ReviewStatus


class TransitionError(Exception):
    """A move the workflow does not allow from the record's current state."""


def _locked(obj):
    return type(obj).objects.select_for_update().get(pk=obj.pk)


def _require(state_ok: bool, message: str) -> None:
    if not state_ok:
        raise TransitionError(message)


def _record(obj, action, from_status, actor, note=""):
    ReviewEvent.objects.create(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=obj.pk,
        action=action,
        from_status=from_status,
        to_status=obj.status,
        actor=actor,
        note=note,
    )


def _sync(target, source, fields):
    for field in fields:
        setattr(target, field, getattr(source, field))


def record_created(obj, user, note: str = "") -> None:
    """The first event of a record's review history: it was drafted (admin or import)."""
    _record(obj, ReviewAction.CREATED, "", user, note)


def submit_for_review(obj, user):
    """An editor sends a draft to confidentiality review."""
    if not permissions.may_edit(user, obj.agency):
        raise PermissionDenied(
            _("You may not edit records of %(agency)s.") % {"agency": obj.agency}
        )
    with transaction.atomic():
        row = _locked(obj)
        _require(
            row.status == ReviewStatus.DRAFT,
            _("Only a draft can be sent to review; this one is “%(status)s”.")
            % {"status": row.get_status_display()},
        )
        row.status = ReviewStatus.IN_REVIEW
        row.submitted_at = timezone.now()
        row.save(update_fields=["status", "submitted_at", "updated_at"])
        _record(row, ReviewAction.SUBMITTED, ReviewStatus.DRAFT, user)
    _sync(obj, row, ["status", "submitted_at"])
    return obj


def send_back(obj, user, note: str):
    """A reviewer returns an entry to its editor with what to change."""
    if not permissions.may_review(user, obj.agency):
        raise PermissionDenied(
            _("Only a reviewer of %(agency)s may do this.") % {"agency": obj.agency}
        )
    _require(bool(note.strip()), _("Say what the editor should change."))
    with transaction.atomic():
        row = _locked(obj)
        _require(
            row.status == ReviewStatus.IN_REVIEW,
            _("Only an entry in review can be sent back; this one is “%(status)s”.")
            % {"status": row.get_status_display()},
        )
        row.status = ReviewStatus.DRAFT
        row.save(update_fields=["status", "updated_at"])
        _record(row, ReviewAction.SENT_BACK, ReviewStatus.IN_REVIEW, user, note)
    _sync(obj, row, ["status"])
    return obj


def publish(obj, user, opinion: str, when=None):
    """A reviewer of the record's agency records the confidentiality opinion and publishes.

    ``when`` lets the demo loader publish with historical dates; everyone else
    publishes now.
    """
    if not permissions.may_review(user, obj.agency):
        raise PermissionDenied(
            _("Only a confidentiality reviewer of %(agency)s may publish this.")
            % {"agency": obj.agency}
        )
    _require(
        bool(opinion.strip()),
        _("Record the confidentiality review opinion before publishing."),
    )
    when = when or timezone.now()
    with transaction.atomic():
        row = _locked(obj)
        _require(
            row.status == ReviewStatus.IN_REVIEW,
            _("Only an entry in review can be published; this one is “%(status)s”.")
            % {"status": row.get_status_display()},
        )
        row.on_first_publish(when)
        row.status = ReviewStatus.PUBLISHED
        row.reviewed_by = user
        row.reviewed_at = when
        row.confidentiality_opinion = opinion.strip()
        row.published_at = row.published_at or when
        row.save()
        _record(row, ReviewAction.PUBLISHED, ReviewStatus.IN_REVIEW, user, opinion.strip())
    fields = ["status", "reviewed_by", "reviewed_at", "confidentiality_opinion", "published_at"]
    if hasattr(row, "index_number"):
        fields.append("index_number")
    _sync(obj, row, fields)
    return obj


def withdraw(obj, user, reason: str):
    """Take a published record off the site. Its number stays taken for ever."""
    if not permissions.may_withdraw(user, obj.agency):
        raise PermissionDenied(
            _("Only a reviewer or administrator of %(agency)s may withdraw this.")
            % {"agency": obj.agency}
        )
    _require(bool(reason.strip()), _("Give the reason for withdrawing."))
    with transaction.atomic():
        row = _locked(obj)
        _require(
            row.status == ReviewStatus.PUBLISHED,
            _("Only a published entry can be withdrawn; this one is “%(status)s”.")
            % {"status": row.get_status_display()},
        )
        row.status = ReviewStatus.WITHDRAWN
        row.withdrawn_at = timezone.now()
        row.withdrawal_reason = reason.strip()
        row.save(update_fields=["status", "withdrawn_at", "withdrawal_reason", "updated_at"])
        _record(row, ReviewAction.WITHDRAWN, ReviewStatus.PUBLISHED, user, reason.strip())
    _sync(obj, row, ["status", "withdrawn_at", "withdrawal_reason"])
    return obj

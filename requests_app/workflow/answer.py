"""The answer (Arts. 36-39) and what may follow it: delivery, withdrawal, repeats,
conversion to proactive disclosure (Art. 44) and internal notes."""

from django.utils.translation import gettext as _

from catalog.models import CatalogEntry
from requests_app.models import (
    DocumentKind,
    EventKind,
    RequestStatus,
)
from requests_app.outcomes import Outcome, answer_choices, outcome_of
from requests_app.workflow.base import (
    CONVERTIBLE_OUTCOMES,
    _acting,
    _close,
    _iso,
    _record,
    _require,
    _require_not_before,
    _require_status,
    _require_text,
    _today,
)


def _reply_uploads(documents):
    """``documents`` (uploaded files, or ``intake.Upload``) as reply documents."""
    from requests_app.intake import Upload

    for document in documents:
        if isinstance(document, Upload):
            file, content_type = document.file, document.content_type
        else:
            file, content_type = document, getattr(document, "content_type", None)
        yield Upload(
            file=file,
            kind=DocumentKind.REPLY,
            content_type=content_type or "application/octet-stream",
        )


def reply(request, user, *, answer, text, documents=(), on=None, at=None):
    """Answer the application with exactly one answer; its outcome is the report's row.

    ``documents`` (uploaded files, or ``intake.Upload``) are kept as reply
    documents the applicant downloads.
    """
    from requests_app.intake import save_documents

    on = _today(on)
    _require(answer in dict(answer_choices()), _("Choose one answer."))
    text = _require_text(text, _("Write the reply to the applicant."))
    with _acting(request, user) as row:
        _require_status(
            row,
            (RequestStatus.RECEIVED,),
            _("Only an application being handled can be answered; this one is “%(status)s”."),
        )
        _require_not_before(
            on,
            row.received_on,
            _("The application was received on %(date)s; pick that day or a later one."),
        )
        late = row.due_on is not None and on > row.due_on
        _close(row, outcome_of(answer), on, answer=answer)
        row.reply_text = text
        row.replied_on = on
        row.replied_by = user
        row.save()
        save_documents(row, _reply_uploads(documents), user=user, public=True)
        _record(
            row,
            EventKind.REPLIED,
            user,
            at,
            public=True,
            data={"answer": str(answer), "outcome": row.outcome, "late": late},
        )
    return request


def record_delivery(request, user, *, on=None, at=None):
    """The reply reached the applicant on ``on`` (delivered, posted or collected)."""
    on = _today(on)
    with _acting(request, user) as row:
        _require(
            row.status == RequestStatus.CLOSED and row.replied_on is not None,
            _("Only a reply can be delivered; this application has none."),
        )
        _require(
            row.delivered_on is None,
            _("The reply was already delivered on %(date)s.") % {"date": _iso(row.delivered_on)},
        )
        _require_not_before(
            on, row.replied_on, _("The reply is dated %(date)s; it cannot arrive before that.")
        )
        row.delivered_on = on
        row.save(update_fields=["delivered_on", "updated_at"])
        _record(row, EventKind.DELIVERED, user, at, public=True, data={"on": _iso(on)})
    return request


def withdraw(request, user=None, *, reason="", on=None, at=None):
    """The applicant withdraws the application; it is closed as ``other.other``.

    ``user`` is the staff member recording it, or None when the applicant
    withdraws through the tracking page (the caller checked number and code).
    An application withdrawn before its receipt was confirmed counts as
    received on the day of withdrawal.
    """
    on = _today(on)
    with _acting(request, user, check_right=user is not None) as row:
        _require_status(row, RequestStatus.open_values(), "")
        if row.received_on is None:
            row.received_on = on
        _close(row, Outcome.OTHER_OTHER, on, answer="")
        row.save()
        _record(row, EventKind.WITHDRAWN, user, at, public=True, note=(reason or "").strip())
    return request


def mark_repeat(request, user, *, earlier, text="", on=None, at=None):
    """Not handled: the applicant asks again for what an earlier application of theirs,
    already answered, asked for (Art. 36 (6))."""
    on = _today(on)
    with _acting(request, user) as row:
        _require_status(
            row,
            (RequestStatus.RECEIVED,),
            _(
                "Only an application being handled can be marked as a repeat; "
                "this one is “%(status)s”."
            ),
        )
        _require(
            earlier is not None
            and earlier.pk != row.pk
            and earlier.agency_id == row.agency_id
            and earlier.applicant_key == row.applicant_key,
            _("A repeat is of an earlier application of the same applicant to this agency."),
        )
        _require(
            earlier.replied_on is not None and earlier.replied_on <= on,
            _("Application %(number)s has not been answered; only an answered one can be repeated.")
            % {"number": earlier.tracking_number},
        )
        _close(row, Outcome.NOT_HANDLED_REPEAT, on)
        row.repeat_of = earlier
        row.reply_text = (text or "").strip()
        row.replied_on = on
        row.replied_by = user
        row.save()
        _record(
            row,
            EventKind.MARKED_REPEAT,
            user,
            at,
            public=True,
            message=_("Already answered under application %(number)s.")
            % {"number": earlier.tracking_number},
            data={"earlier": earlier.tracking_number},
        )
    return request


# After the answer --------------------------------------------------------------------------


def convert_to_catalogue_draft(request, user, *, title, topic, summary="", on=None, at=None):
    """Make the disclosed information a draft catalogue entry of the agency (Art. 44).

    The draft then goes through confidentiality review like any other entry.
    Returns the draft.
    """
    title = _require_text(title, _("Give the entry a title."))
    with _acting(request, user) as row:
        _require(
            row.status == RequestStatus.CLOSED and row.outcome in CONVERTIBLE_OUTCOMES,
            _("Only information disclosed in a reply can become proactive disclosure."),
        )
        _require(
            row.proactive_entry_id is None,
            _("This application was already converted to a catalogue entry."),
        )
        entry = CatalogEntry.objects.create(
            agency=row.agency,
            department=row.department,
            topic=topic,
            title=title,
            summary=(summary or "").strip(),
            document_number=row.information_number,
            date_made=row.replied_on or _today(on),
            created_by=user,
        )
        row.proactive_entry = entry
        row.save(update_fields=["proactive_entry", "updated_at"])
        _record(row, EventKind.CONVERTED, user, at, public=False, data={"entry": entry.pk})
    return entry


def add_note(request, user, *, text, on=None, at=None):
    """An internal note on the timeline; never shown to the applicant."""
    text = _require_text(text, _("Write the note."))
    with _acting(request, user) as row:
        _record(row, EventKind.NOTE, user, at, public=False, note=text)
    return request

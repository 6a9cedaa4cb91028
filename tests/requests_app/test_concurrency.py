"""Two staff members acting on one application at the same moment (style habit 5).

The workflow locks the request's row (``select_for_update`` on PostgreSQL;
SQLite's IMMEDIATE transactions queue writers, settings.py), so double
submits and races yield one reply and one extension, never two. Runs on both
databases: ``DATABASE_URL=postgres://... pytest tests/requests_app/test_concurrency.py``.
"""

import datetime
import threading

import pytest
from django.db import connection

from requests_app import workflow
from requests_app.models import EventKind, InformationRequest, RequestStatus
from requests_app.outcomes import Outcome
from requests_app.workflow import RequestTransitionError
from tests.requests_app.factories import FAST_HASHERS, handler, received_request

D = datetime.date
RACERS = 4


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


def race(action, users):
    """Run ``action(user)`` for every user at once; the errors they raised."""
    barrier = threading.Barrier(len(users))
    errors = []

    def run(user):
        try:
            barrier.wait(timeout=10)
            action(user)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return errors


@pytest.mark.django_db(transaction=True)
def test_art36_staff_replying_at_the_same_moment_yield_one_reply(agency):
    officers = [handler(agency) for _ in range(RACERS)]
    request = received_request(agency=agency, on=D(2026, 3, 2), user=officers[0])
    answers = [Outcome.GRANTED, Outcome.PARTIAL, Outcome.UNAVAILABLE_NOT_HELD, Outcome.GRANTED]
    texts = {
        officer.pk: (answer, f"答复{n}")
        for n, (officer, answer) in enumerate(zip(officers, answers, strict=True))
    }

    def reply(user):
        answer, text = texts[user.pk]
        workflow.reply(
            InformationRequest.objects.get(pk=request.pk), user, answer=answer, text=text
        )

    errors = race(reply, officers)

    assert len(errors) == RACERS - 1
    assert all(isinstance(error, RequestTransitionError) for error in errors)
    request.refresh_from_db()
    assert request.status == RequestStatus.CLOSED
    replies = request.events.filter(kind=EventKind.REPLIED)
    assert replies.count() == 1
    winner = replies.get().actor
    assert request.replied_by == winner
    assert (request.answer, request.reply_text) == texts[winner.pk]


@pytest.mark.django_db(transaction=True)
def test_art33_staff_extending_at_the_same_moment_yield_one_extension(agency):
    officers = [handler(agency) for _ in range(RACERS)]
    request = received_request(agency=agency, on=D(2026, 3, 2), user=officers[0])

    def extend(user):
        workflow.extend(
            InformationRequest.objects.get(pk=request.pk),
            user,
            days=10 + user.pk % 10,
            reason="情况复杂",
            approved_by="王主任",
            on=D(2026, 3, 10),
        )

    errors = race(extend, officers)

    assert len(errors) == RACERS - 1
    assert all(isinstance(error, RequestTransitionError) for error in errors)
    request.refresh_from_db()
    event = request.events.get(kind=EventKind.EXTENDED)
    assert request.extension_days == event.data["days"]

"""Demo applications for disclosure on request, loaded by ``manage.py load_demo``.

``load(loader)`` is called by the catalogue's demo loader after the catalogue
(``catalog.management.commands.load_demo``, ``load_other_apps``). It adds a
request officer to every city bureau (``staff``) and replays the plan of
``scenarios``: several hundred applications of 2025 and 2026, each filed
through ``intake.submit_online`` or ``workflow.register_offline`` and handled
step by step through ``requests_app.workflow`` with the legal date and the time
of every act, so statuses, outcomes, due dates and timelines are the
workflow's own. Then the reconsideration and litigation cases of some of them.

Idempotent: an application is known by its agency and the moment it was
submitted; one that exists is skipped, so a second run creates nothing and
changes nothing. A dry run writes nothing: the loader rolls the transaction
back and the reply documents saved to the private storage are deleted again.
"""

import logging
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from catalog.demo.staff import DEMO_PASSWORD
from catalog.models import Agency, StaffMembership
from catalog.roles import sync_user_groups
from requests_app.demo import scenarios
from requests_app.demo.replay import Replayer, SavedFiles
from requests_app.demo.staff import OFFICERS, PROVINCIAL_OFFICER


def load(loader) -> None:
    files = SavedFiles()
    try:
        with quiet_logger("requests_app.intake"):
            users = load_officers(loader)
            plan = scenarios.build_plan()
            Replayer(loader, users, files).run(plan)
    except BaseException:
        files.remove()
        raise
    if loader.dry_run:
        files.remove()
    for label in (
        "Request officer accounts",
        "Information requests",
        "Reply documents",
        "Catalogue drafts from requests",
        "Review cases",
    ):
        loader.report(label)


@contextmanager
def quiet_logger(name: str):
    """Silence the INFO line the intake logs for each application (hundreds here)."""
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def load_officers(loader) -> dict:
    """A request officer in every city bureau, covering its county bureaus."""
    user_model = get_user_model()
    agencies = {a.slug: a for a in Agency.objects.filter(slug__in=[o.agency for o in OFFICERS])}
    existing = {u.username: u for u in user_model.objects.filter(username__in=names())}
    password = None
    for account in OFFICERS:
        user = existing.get(account.username)
        if user is None:
            password = password or make_password(DEMO_PASSWORD)  # slow: once
            user = user_model.objects.create(
                username=account.username,
                password=password,
                first_name=account.first_name,
                last_name=account.last_name,
                email=f"{account.username}@amr.example.cn",
                is_staff=True,
            )
            existing[user.username] = user
            loader.count("Request officer accounts", "created")
        _membership, created = StaffMembership.objects.get_or_create(
            user=user,
            agency=agencies[account.agency],
            role=account.role,
            defaults={"covers_subordinates": account.covers_subordinates},
        )
        if created:
            sync_user_groups(user)
    return existing


def names() -> list[str]:
    """Every username the demo's handling needs."""
    return [PROVINCIAL_OFFICER, *(account.username for account in OFFICERS)]

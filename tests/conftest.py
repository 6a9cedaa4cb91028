"""Shared fixtures. Factories live in ``tests/factories.py``.

The demo database
-----------------
Loading the whole demo (``manage.py load_demo``) takes tens of seconds, so a session
loads it once, for all the tests that use ``demo_db``:

- ``demo`` (session) opens an outer transaction, counts the rows of every table,
  runs ``load_demo --dry-run`` (its output; the rows and files it left: none), then
  ``load_demo`` (its output), with MEDIA_ROOT and the private storage in temporary
  directories and the fast hasher. It yields a ``DemoDatabase`` with all of that.
- ``demo_db`` (function) is ``db`` on top of it: each test runs in its own savepoint,
  sees the demo and has its own changes rolled back; MEDIA_ROOT and the private
  storage point at the demo's files. After each such test the rows of every table
  are compared with the loaded demo: a test that changed it outside its savepoint
  fails at teardown (and the demo is rolled back, so no later test trusts it).

The outer transaction must not outlive the tests that use the demo, or every later
test would see the demo and a transactional one would flush it. So
``pytest_collection_finish`` runs those tests first (after every other reordering:
pytest-django's, ``-k``, ``--ff``; the order is stable otherwise), and
``pytest_runtest_teardown`` rolls the demo back, and clears the caches, as soon as
the next test does not use it. No other test ever sees the demo, whatever is
selected, and the demo is loaded on the database exactly as ``migrate`` left it.
(Run last instead, after the transactional tests, it would find the role groups
gone: their flush empties every table, and data migrations' rows do not come back.)

Transactional tests (``transactional_db``, ``live_server`` and so the browser tests,
``django_db(transaction=True)``) commit and flush: one that also uses the demo fails
at setup, before any fixture ran; the others run once the demo is rolled back.
"""

from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, transaction
from django.test import TestCase, TransactionTestCase, override_settings
from django.utils import translation
from pytest_django import DjangoDbBlocker
from pytest_django.fixtures import validate_django_db

from catalog.models import StaffRole
from tests import factories
from tests.requests_app.factories import FAST_HASHERS, use_private_storage


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Passwords and query codes are hashed with a fast hasher in tests only: the
    production hasher is slow on purpose and would dominate the suite's time. The
    production hasher stays listed, so hashes made outside a test (the session's
    demo) still verify."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language: ``LocaleMiddleware`` leaves the
    language of a test client's last request active in the thread, which made some
    tests pass or fail by the order they ran in."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def agency(db):
    return factories.AgencyFactory()


@pytest.fixture
def city(agency):
    return factories.CityAgencyFactory(parent=agency)


@pytest.fixture
def other_city(agency):
    return factories.CityAgencyFactory(parent=agency)


@pytest.fixture
def topic(db):
    return factories.TopicFactory()


def _staff(agency, role, **kwargs):
    return factories.MembershipFactory(agency=agency, role=role, **kwargs).user


@pytest.fixture
def make_staff(db):
    """``make_staff(agency, role)`` -> a staff user with that membership."""
    return _staff


@pytest.fixture
def editor(city):
    return _staff(city, StaffRole.EDITOR)


@pytest.fixture
def reviewer(city):
    return _staff(city, StaffRole.REVIEWER)


# --- the demo database (see the module docstring) -------------------------------------

_DEMO = pytest.StashKey["DemoDatabase"]()
# What makes pytest-django run a test as a TransactionTestCase (besides the marker).
TRANSACTIONAL_FIXTURES = frozenset({"transactional_db", "live_server"})


def row_counts() -> dict[str, int]:
    """The rows of every table, many-to-many tables included."""
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }


def _files(directory: Path) -> list[Path]:
    return sorted(path for path in directory.rglob("*") if path.is_file())


class DemoDatabase:
    """The demo, loaded inside an outer transaction, and what loading it printed and wrote.

    ``before``, ``after_dry_run`` and ``after_load``: the rows of every table
    (``row_counts``) on the empty database, after the dry run, after the load.
    ``dry_output``, ``output``: what ``load_demo --dry-run`` and ``load_demo`` printed.
    ``media_files_after_dry_run``, ``private_files_after_dry_run``: the files the dry
    run left in ``media`` (MEDIA_ROOT) and ``private`` (the private storage).
    """

    def __init__(self, media: Path, private: Path, blocker: DjangoDbBlocker):
        self.media, self.private, self._blocker = media, private, blocker
        self._outer = None

    @property
    def is_loaded(self) -> bool:
        return self._outer is not None

    def load(self) -> None:
        with self._blocker.unblock():
            if connection.in_atomic_block:
                raise RuntimeError("The demo is loaded outside any transaction, never in a test.")
            self._outer = transaction.atomic()
            self._outer.__enter__()
            try:
                self._dry_run_and_load()
            except BaseException:
                self._roll_back()
                raise

    def _dry_run_and_load(self) -> None:
        with (
            override_settings(MEDIA_ROOT=str(self.media), PASSWORD_HASHERS=FAST_HASHERS),
            pytest.MonkeyPatch.context() as monkeypatch,
        ):
            use_private_storage(self.private, monkeypatch)  # after MEDIA_ROOT, which resets it
            self.before = row_counts()
            dry_out, out = StringIO(), StringIO()
            call_command("load_demo", "--dry-run", stdout=dry_out)
            self.after_dry_run = row_counts()
            self.media_files_after_dry_run = _files(self.media)
            self.private_files_after_dry_run = _files(self.private)
            call_command("load_demo", stdout=out)
            self.after_load = row_counts()
            self.dry_output, self.output = dry_out.getvalue(), out.getvalue()

    def changes(self) -> dict[str, tuple[int, int]]:
        """Tables whose rows differ from the loaded demo: (rows loaded, rows now)."""
        with self._blocker.unblock():
            now = row_counts()
        return {
            label: (rows, now[label])
            for label, rows in self.after_load.items()
            if now[label] != rows
        }

    def roll_back(self) -> None:
        if self.is_loaded:
            with self._blocker.unblock():
                self._roll_back()

    def _roll_back(self) -> None:
        outer, self._outer = self._outer, None
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
        for each in caches.all():  # nothing cached while the demo was there outlives it
            each.clear()


@pytest.fixture(scope="session")
def demo(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once per session; tests use ``demo_db``."""
    database = DemoDatabase(
        media=tmp_path_factory.mktemp("demo-media"),
        private=tmp_path_factory.mktemp("demo-private"),
        blocker=django_db_blocker,
    )
    database.load()
    request.config.stash[_DEMO] = database
    yield database
    database.roll_back()


@pytest.fixture
def demo_db(demo, db, settings, monkeypatch):
    """The database with the demo loaded; the test's own changes are rolled back."""
    if not demo.is_loaded:
        pytest.fail(
            "The demo was rolled back already: a test before this one changed it outside "
            "its savepoint, or the tests using the demo did not run one after the other."
        )
    settings.MEDIA_ROOT = str(demo.media)
    use_private_storage(demo.private, monkeypatch)
    return demo


def _uses_demo(item) -> bool:
    return "demo" in getattr(item, "fixturenames", ())


def _is_transactional(item) -> bool:
    """Whether pytest-django runs the test as a TransactionTestCase (flushing after it)."""
    test_class = getattr(item, "cls", None)
    if test_class is not None and issubclass(test_class, TransactionTestCase):
        return not issubclass(test_class, TestCase)
    marker = item.get_closest_marker("django_db")
    if marker is not None:
        in_transaction, reset_sequences, *_rest = validate_django_db(marker)
        if in_transaction or reset_sequences:
            return True
    return not TRANSACTIONAL_FIXTURES.isdisjoint(getattr(item, "fixturenames", ()))


@pytest.hookimpl(tryfirst=True)
def pytest_collection_finish(session):
    """The tests using the demo first. Here rather than in ``pytest_collection_modifyitems``
    so that it comes after every reordering there (pytest-django's, ``--ff``, ``--nf``)."""
    session.items.sort(key=lambda item: not _uses_demo(item))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before any fixture: a transactional test would commit into the demo's transaction
    and flush the demo."""
    if _uses_demo(item) and _is_transactional(item):
        pytest.fail(
            "A transactional test cannot use the demo: it would commit into, and flush, "
            "the transaction the demo lives in."
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Once a test's own changes are rolled back: check it left the demo as loaded, and
    roll the demo back if it changed or the next test does not use it."""
    try:
        return (yield)
    finally:
        database = item.config.stash.get(_DEMO, None)
        if database is not None and database.is_loaded:
            changed = database.changes() if _uses_demo(item) else {}
            if changed or nextitem is None or not _uses_demo(nextitem):
                database.roll_back()
            if changed:
                pytest.fail(
                    f"The test changed the demo outside its savepoint (rows loaded, now): {changed}"
                )


def pytest_sessionfinish(session, exitstatus):
    """A skipped test is a test that did not run: the suite fails rather than skips."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and session.exitstatus == 0:
        reporter.write_line(f"{len(skipped)} test(s) skipped: failing the run.", red=True)
        session.exitstatus = 1

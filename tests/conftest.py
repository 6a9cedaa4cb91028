"""Shared fixtures. Factories live in ``tests/factories.py``."""

import pytest

from catalog.models import StaffRole
from tests import factories


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Passwords and query codes are hashed with a fast hasher in tests only: the
    production hasher is slow on purpose and would dominate the suite's time. The
    production hasher stays listed, so hashes made outside a test (module-scoped
    fixtures) still verify."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


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


def pytest_sessionfinish(session, exitstatus):
    """A skipped test is a test that did not run: the suite fails rather than skips."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and session.exitstatus == 0:
        reporter.write_line(f"{len(skipped)} test(s) skipped: failing the run.", red=True)
        session.exitstatus = 1

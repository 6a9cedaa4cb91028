"""Fixtures of the request tests."""

import pytest
from django.core.cache import cache

from requests_app.models import RequestDocument


@pytest.fixture
def client(client):
    """A visitor reading the site in English, so messages are checked in their source text."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture(autouse=True)
def fresh_cache():
    """The rate limits live in the cache: each test starts with none counted."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def private_storage(tmp_path, monkeypatch):
    """The private storage of request documents, in a temporary directory."""
    storage = RequestDocument._meta.get_field("file").storage
    monkeypatch.setitem(storage.__dict__, "base_location", str(tmp_path))
    monkeypatch.setitem(storage.__dict__, "location", str(tmp_path))
    return tmp_path

"""Content versions: what makes the anonymous page cache exact.

Every public page shows content of one or more namespaces (``NAMESPACES``:
the catalogue and clearances, requests, annual reports). Each namespace has a
version token. A write to any model watched under a namespace replaces that
token when its transaction commits; the page cache's keys carry the tokens of
the namespaces a page depends on, so a page rendered before a change is never
served after it, in any process.

- Apps declare what they own in ``AppConfig.ready()``: ``watch_app(config,
  "catalog", exclude=[...])``. Every ``save()`` and ``delete()`` of those models,
  and every change of their many-to-many relations, bumps the namespace: the
  workflow, the admin, imports and the demo loader alike.
- Writes that bypass signals (``QuerySet.update()``, ``bulk_create()``, COPY)
  call ``bump(namespace)`` themselves.
- Tokens are random, never counters: if a shared cache evicts a token, the next
  read makes a new one, and pages cached under the old one cannot come back.
- Bumps run on commit, once per namespace and transaction: a page rendered
  while the transaction was open was keyed with the old token, so it is not
  served after the commit. Nothing read inside a transaction is cached (it
  may be rolled back), which also keeps tests, whose writes never commit,
  from seeing cached data.

Where the tokens live: in the shared cache when the page cache is shared
(Redis), read in the same round trip as the page; otherwise (the local-memory
default, one cache per process) in the ``ContentVersion`` table, which every
worker and management command reads and writes alike.
"""

import secrets
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

NAMESPACES = ("catalog", "requests", "reports")
VERSION_KEY = "pagecache:version:{}"

_watched: dict[type, str] = {}


def new_token() -> str:
    return secrets.token_hex(8)


def page_cache():
    return caches[settings.PAGE_CACHE["CACHE"]]


def tokens_in_cache() -> bool:
    """True when the page cache is shared between processes, so it can hold the tokens."""
    return not isinstance(page_cache(), LocMemCache | DummyCache)


# Reading --------------------------------------------------------------------------


def _database_tokens(using=DEFAULT_DB_ALIAS) -> dict[str, str]:
    from pagecache.models import ContentVersion

    table = connections[using].ops.quote_name(ContentVersion._meta.db_table)
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT namespace, token FROM {table}")  # noqa: S608 - a model's table
        tokens = dict(cursor.fetchall())
    missing = [ns for ns in NAMESPACES if ns not in tokens]
    if missing:
        ContentVersion.objects.using(using).bulk_create(
            [ContentVersion(namespace=ns, token=new_token()) for ns in missing],
            ignore_conflicts=True,
        )
        tokens.update(
            ContentVersion.objects.using(using)
            .filter(namespace__in=missing)
            .values_list("namespace", "token")
        )
    return tokens


def _cached_tokens(found: dict) -> dict[str, str]:
    cache = page_cache()
    tokens = {}
    for ns in NAMESPACES:
        token = found.get(VERSION_KEY.format(ns))
        if token is None:
            cache.add(VERSION_KEY.format(ns), new_token(), timeout=None)
            token = cache.get(VERSION_KEY.format(ns))
        tokens[ns] = token
    return tokens


def lookup(page_key: str) -> tuple[dict[str, str], object]:
    """The current tokens of every namespace and the cached entry under ``page_key``.

    One round trip to a shared cache, or one query plus a local-memory read.
    """
    cache = page_cache()
    if tokens_in_cache():
        keys = [VERSION_KEY.format(ns) for ns in NAMESPACES]
        found = cache.get_many([*keys, page_key])
        return _cached_tokens(found), found.get(page_key)
    return _database_tokens(), cache.get(page_key)


def current_tokens() -> dict[str, str]:
    if tokens_in_cache():
        keys = [VERSION_KEY.format(ns) for ns in NAMESPACES]
        return _cached_tokens(page_cache().get_many(keys))
    return _database_tokens()


# Bumping --------------------------------------------------------------------------


def _replace(namespace: str, using: str) -> None:
    if tokens_in_cache():
        page_cache().set(VERSION_KEY.format(namespace), new_token(), timeout=None)
        return
    from pagecache.models import ContentVersion

    versions = ContentVersion.objects.using(using)
    if not versions.filter(namespace=namespace).update(token=new_token()):
        versions.bulk_create(
            [ContentVersion(namespace=namespace, token=new_token())], ignore_conflicts=True
        )


class _Bump:
    """The on-commit callback that replaces one namespace's token (once)."""

    def __init__(self, namespace: str, using: str):
        self.namespace, self.using, self.done = namespace, using, False

    def __call__(self):
        self.done = True
        _replace(self.namespace, self.using)


def bump(*namespaces: str, using: str = DEFAULT_DB_ALIAS) -> None:
    """Invalidate every cached page that shows ``namespaces`` when the transaction commits.

    One callback per namespace and transaction, however many rows change: a
    callback still waiting for the commit covers later changes too.
    """
    connection = connections[using]
    for namespace in namespaces:
        if namespace not in NAMESPACES:
            raise ValueError(f"Unknown content namespace: {namespace!r}")
        waiting = any(
            isinstance(func, _Bump) and func.namespace == namespace and not func.done
            for _sids, func, _robust in connection.run_on_commit
        )
        if not waiting:
            transaction.on_commit(_Bump(namespace, using), using=using, robust=True)


# Watching models ------------------------------------------------------------------


def _changed(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    namespace = _watched.get(sender)
    if namespace is not None:
        bump(namespace, using=using)


def watch(namespace: str, *models) -> None:
    """Bump ``namespace`` whenever one of ``models`` (or one of their m2m relations) changes."""
    if namespace not in NAMESPACES:
        raise ValueError(f"Unknown content namespace: {namespace!r}")
    for model in models:
        _watched[model] = namespace
        for relation in model._meta.local_many_to_many:
            _watched[relation.remote_field.through] = namespace


def watch_app(app_config, namespace: str, exclude=()) -> None:
    """Watch every model of an app, but the ones in ``exclude`` (models or their names)."""
    excluded = {m if isinstance(m, str) else m.__name__ for m in exclude}
    watch(
        namespace,
        *(model for model in app_config.get_models() if model.__name__ not in excluded),
    )


def connect_signals() -> None:
    post_save.connect(_changed, dispatch_uid="pagecache.post_save")
    post_delete.connect(_changed, dispatch_uid="pagecache.post_delete")
    m2m_changed.connect(_changed, dispatch_uid="pagecache.m2m_changed")


# Within a request, and derived data --------------------------------------------------


@dataclass
class _RequestState:
    tokens: dict = field(default_factory=dict)
    values: dict = field(default_factory=dict)  # memoized name -> (vary, value)


_request: ContextVar[_RequestState | None] = ContextVar("pagecache_request", default=None)
_memo: dict[str, tuple[tuple, object]] = {}


def request_started():
    """Called by the middleware: what is read from here on is kept until ``request_finished``."""
    return _request.set(_RequestState())


def request_finished(handle) -> None:
    _request.reset(handle)


def token(namespace: str) -> str:
    """The current token of ``namespace``: read once per request, on every call outside one."""
    state = _request.get()
    if state is None:
        return current_tokens()[namespace]
    if not state.tokens:
        state.tokens.update(current_tokens())
    return state.tokens[namespace]


def remember_tokens(tokens: dict) -> None:
    """The middleware has just read the tokens: the rest of the request uses them."""
    state = _request.get()
    if state is not None and not state.tokens:
        state.tokens.update(tokens)


def memoized(namespaces: str | tuple[str, ...], name: str, build, vary=None):
    """``build()``, computed once per process for each version of ``namespaces``.

    ``vary``: anything else the value depends on (the day, the language); one
    value is kept per ``name``, the last one built.

    For small data every public page needs (the agency and topic trees, the
    public facet counts): the value is kept in this process next to the token
    it was built under, and rebuilt when the token has changed, in whichever
    process made the change. Values are shared between requests: never mutate one.

    Nothing read inside a transaction is kept beyond the request: it may not be
    committed yet, or be rolled back (and a test's writes never commit, so never
    bump a token). Within one request a value is built at most once.
    """
    state = _request.get()
    if state is not None and name in state.values and state.values[name][0] == vary:
        return state.values[name][1]
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        value = build()
    else:
        if isinstance(namespaces, str):
            namespaces = (namespaces,)
        current = (tuple(token(namespace) for namespace in namespaces), vary)
        found = _memo.get(name)
        if found is not None and found[0] == current:
            value = found[1]
        else:
            value = build()
            _memo[name] = (current, value)
    if state is not None:
        state.values[name] = (vary, value)
    return value

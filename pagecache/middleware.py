"""The anonymous page cache, conditional GET and compression of public pages.

It sits right after the security and static-file middleware, so a page found in
the cache is answered before sessions, locale, CSRF, authentication or URL
resolution run. Which requests and responses take part is decided here and only
here; the rules, strictest first:

- only GET and HEAD, outside ``EXCLUDE`` (the admin, the applicant's pages:
  the application form, the receipt, tracking);
- never for a visitor with a session or a pending message (a staff member, an
  applicant following a request): their pages are rendered for them alone;
- a response is stored only if it is a plain 200 that sets no cookie (a CSRF
  token sets one), asks for no privacy (``private``, ``no-store``,
  ``no-cache``), varies on nothing but the language, the cookies of the key
  and the encoding, used no CSP nonce, and was made for an anonymous user.

The key is the release (a fingerprint of the code and templates), the day (pages
that depend on the date: publication periods, ages, deadlines), the language,
the display mode cookie (large font, high contrast), the host and the full path.
An entry also records the content versions (``pagecache.versions``) it was
rendered under; it is served only while they are current.

A public response, stored or not, goes out compressed (brotli or gzip, as the
client accepts) with a weak ETag, and a matching ``If-None-Match`` gets a 304.
Compressing a public page is safe against BREACH: it holds no secret. Pages
with a CSRF token or for a signed-in user are never compressed here.
"""

import functools
import gzip
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import brotli
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

from pagecache import versions

COMPRESSIBLE = re.compile(r"^(text/|application/(json|xml|javascript|rss\+xml|atom\+xml))")
ALLOWED_VARY = {"cookie", "accept-language", "accept-encoding"}
PRIVATE_DIRECTIVES = {"private", "no-store", "no-cache"}
DROPPED_HEADERS = {"content-length", "content-encoding", "etag", "set-cookie", "cache-control"}
PUBLIC_CACHE_CONTROL = "public, no-cache"
MIN_COMPRESS_BYTES = 512
# Stored pages are compressed once, harder; pages compressed for one response
# only (cache off, or not storable) at the fastest levels, about 0.15 ms for a
# 40 KB catalogue page and still a fifth of its size.
STORED_LEVELS = {"br": 5, "gzip": 6}
PASSING_LEVELS = {"br": 2, "gzip": 1}
STORED_ENCODINGS = ("br", "gzip")  # in order of preference


def _compress(body: bytes, encoding: str, level: int) -> bytes:
    if encoding == "br":
        return brotli.compress(body, quality=level)
    return gzip.compress(body, compresslevel=level, mtime=0)


@dataclass(frozen=True)
class Entry:
    """A public response as stored: its body in one or more encodings, and its headers."""

    tokens: tuple
    headers: tuple  # (name, value) pairs, without the ones set per request
    etag: str
    bodies: dict  # encoding ("br", "gzip", or None for none) -> bytes
    compressible: bool = False

    @classmethod
    def from_response(cls, response, tokens, encodings=STORED_ENCODINGS, levels=STORED_LEVELS):
        """``encodings``: the compressed forms to make (both when stored, else the one needed)."""
        body = response.content
        headers = tuple(
            (name, value)
            for name, value in response.headers.items()
            if name.lower() not in DROPPED_HEADERS
        )
        etag = f'W/"{hashlib.blake2b(body, digest_size=12).hexdigest()}"'
        compressible = len(body) >= MIN_COMPRESS_BYTES and COMPRESSIBLE.match(
            response.get("Content-Type", "")
        )
        if not compressible:
            return cls(tokens, headers, etag, {None: body})
        if not encodings:
            return cls(tokens, headers, etag, {None: body}, compressible=True)
        bodies = {encoding: _compress(body, encoding, levels[encoding]) for encoding in encodings}
        return cls(tokens, headers, etag, bodies, compressible=True)

    def body_for(self, accepted: set[str]) -> tuple[bytes, str | None]:
        """The body in the best encoding the client accepts, and that encoding."""
        for encoding in STORED_ENCODINGS:
            if encoding in accepted and encoding in self.bodies:
                return self.bodies[encoding], encoding
        if None in self.bodies:
            return self.bodies[None], None
        if "gzip" in self.bodies:
            return gzip.decompress(self.bodies["gzip"]), None
        return brotli.decompress(self.bodies["br"]), None


def accepted_encodings(request) -> set[str]:
    accepted = set()
    for part in request.META.get("HTTP_ACCEPT_ENCODING", "").split(","):
        name, _sep, params = part.strip().partition(";")
        if params.replace(" ", "") in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
            continue
        accepted.add(name.strip().lower())
    return accepted


def etag_matches(request, etag: str) -> bool:
    given = request.META.get("HTTP_IF_NONE_MATCH")
    if not given:
        return False
    if given.strip() == "*":
        return True
    weak = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == weak for tag in given.split(","))


def release_fingerprint() -> str:
    """A hash of what renders the pages (code, templates, translations, static manifest).

    Read once per process. A deploy changes it, so pages cached by the old code
    are never served by the new; servers running the same code share entries.
    """
    configured = settings.PAGE_CACHE.get("RELEASE")
    if configured:
        return configured
    digest = hashlib.blake2b(digest_size=8)
    base = Path(settings.BASE_DIR)
    for root in settings.PAGE_CACHE["FINGERPRINT_DIRS"]:
        for path in sorted((base / root).rglob("*")):
            if path.suffix in {".py", ".html", ".txt", ".mo", ".xml"} and path.is_file():
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()


@functools.cache
def _fingerprint() -> str:
    return release_fingerprint()


def current_release() -> str:
    """The release this process renders: ``PAGE_CACHE["RELEASE"]`` or its fingerprint."""
    return settings.PAGE_CACHE.get("RELEASE") or _fingerprint()


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        config = settings.PAGE_CACHE
        self.enabled = config["ENABLED"]
        self.exclude = tuple(config["EXCLUDE"])
        self.depends = tuple(config["DEPENDS"])
        self.key_cookies = tuple(config["KEY_COOKIES"])
        self.bypass_cookies = (settings.SESSION_COOKIE_NAME, *config["BYPASS_COOKIES"])
        self.timeout = config["TIMEOUT"]
        self.max_bytes = config["MAX_BYTES"]
        self.release = current_release()

    # Deciding ----------------------------------------------------------------------

    def is_public_request(self, request) -> bool:
        if request.method not in ("GET", "HEAD"):
            return False
        if request.path.startswith(self.exclude):
            return False
        return not any(name in request.COOKIES for name in self.bypass_cookies)

    def namespaces(self, path: str) -> tuple[str, ...]:
        for prefix, namespaces in self.depends:
            if path.startswith(prefix):
                return namespaces
        return versions.NAMESPACES

    def is_public_response(self, request, response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if response.has_header("Content-Encoding"):
            return False
        directives = {
            d.split("=", 1)[0].strip().lower()
            for d in response.get("Cache-Control", "").split(",")
            if d.strip()
        }
        if directives & PRIVATE_DIRECTIVES:
            return False
        vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
        if not vary <= ALLOWED_VARY:
            return False
        if getattr(request, "_csp_nonce", None):
            return False  # a nonce must never be shared between responses
        user = getattr(request, "user", None)
        return not (user is not None and user.is_authenticated)

    def key(self, request) -> str:
        parts = [
            self.release,
            timezone.localdate().isoformat(),
            translation.get_language_from_request(request),
            *(request.COOKIES.get(name, "") for name in self.key_cookies),
            request.get_host(),
            request.get_full_path(),
        ]
        digest = hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()
        return f"pagecache:page:{digest}"

    # Answering ---------------------------------------------------------------------

    def __call__(self, request):
        handle = versions.request_started()
        try:
            return self.answer(request)
        finally:
            versions.request_finished(handle)

    def answer(self, request):
        if not self.is_public_request(request):
            return self.private(request, self.get_response(request))
        key, current = None, ()
        if self.enabled:
            key = self.key(request)
            tokens, entry = versions.lookup(key)
            current = tuple(tokens[ns] for ns in self.namespaces(request.path))
            if isinstance(entry, Entry) and entry.tokens == current:
                return self.serve(request, entry, "hit")
            versions.remember_tokens(tokens)
        response = self.get_response(request)
        if not self.is_public_response(request, response):
            return self.private(request, response)
        if len(response.content) > self.max_bytes:
            return response
        if key is None or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            # Not stored (cache off, or rendered inside a transaction, which may be
            # rolled back): compress only into the encoding this client takes.
            accepted = accepted_encodings(request)
            wanted = next((e for e in STORED_ENCODINGS if e in accepted), None)
            entry = Entry.from_response(
                response, current, (wanted,) if wanted else (), levels=PASSING_LEVELS
            )
            return self.serve(request, entry, "off" if key is None else "miss")
        entry = Entry.from_response(response, current)
        versions.page_cache().set(key, entry, self.timeout)
        return self.serve(request, entry, "miss")

    def serve(self, request, entry: Entry, state: str):
        """The stored response, in the client's encoding, or a 304 when its ETag matches."""
        if etag_matches(request, entry.etag):
            response = HttpResponseNotModified()
            for name, value in entry.headers:
                if name.lower() == "vary":
                    response.headers["Vary"] = value
        else:
            body, encoding = entry.body_for(accepted_encodings(request))
            response = HttpResponse(body)
            for name, value in entry.headers:
                response.headers[name] = value
            if encoding:
                response.headers["Content-Encoding"] = encoding
            response.headers["Content-Length"] = str(len(body))
        if entry.compressible:
            patch_vary_headers(response, ("Accept-Encoding",))
        response.headers["ETag"] = entry.etag
        response.headers["Cache-Control"] = PUBLIC_CACHE_CONTROL
        response.headers["X-Page-Cache"] = state
        return response

    def private(self, request, response):
        """A response for one visitor only: no shared cache may keep it."""
        if "Cache-Control" not in response and (
            response.cookies
            or any(name in request.COOKIES for name in self.bypass_cookies)
            or getattr(getattr(request, "user", None), "is_authenticated", False)
        ):
            response.headers["Cache-Control"] = "private"
        return response

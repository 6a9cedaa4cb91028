"""The read-only open-data API, ``/api/v1/`` (django-ninja; ADR 0013).

This module holds what every operation shares: the ``NinjaAPI`` itself, errors
as RFC 9457 problem details in the visitor's language, the rate limit per
client, weak ETags with 304s, and keyset paging. The operations live in
``opendata.api_catalog`` and ``opendata.api_reports``; their shapes in
``opendata.schemas``.
"""

import base64
import binascii
import hashlib
import json
import math
import time
from functools import wraps

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError, Throttled, ValidationError
from ninja.openapi.docs import Swagger
from ninja.throttling import BaseThrottle

from catalog.paging import Ordering, decode_cursor, encode_cursor
from pagecache.middleware import etag_matches
from requests_app.throttle import Limit, client_key

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE = "tag:disclosure-portal,2026:problem/{}"
ERROR_STATUSES = (400, 404, 422, 429)


class BadRequest(Exception):
    """A parameter the operation cannot use (a malformed cursor, an unknown slug)."""

    def __init__(self, detail, errors=None, status=400):
        super().__init__(detail)
        self.detail = detail
        self.errors = errors
        self.status = status


# Problem details -----------------------------------------------------------------


def problem(status: int, name: str, title: str, detail: str, errors=None) -> HttpResponse:
    body = {"type": PROBLEM_TYPE.format(name), "title": title, "status": status, "detail": detail}
    if errors is not None:
        body["errors"] = errors
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=status,
        content_type=f"{PROBLEM_CONTENT_TYPE}; charset=utf-8",
    )
    response["Content-Language"] = get_language()
    patch_vary_headers(response, ["Accept-Language"])
    return response


def _validation_errors(errors) -> list[dict]:
    """Pydantic's errors, reduced to the parameter and the message (no input echoed)."""
    return [
        {
            "parameter": ".".join(str(part) for part in error.get("loc", ())[1:]) or None,
            "message": str(error.get("msg", "")),
        }
        for error in errors
    ]


class PortalSwagger(Swagger):
    def get_openapi_url(self, api, path_params):
        return reverse(f"opendata:{api.urls_namespace}:openapi-json", kwargs=path_params)


class PortalAPI(NinjaAPI):
    def get_root_path(self, path_params):
        # Included by ``opendata.urls``, so inside that app's namespace.
        return reverse(f"opendata:{self.urls_namespace}:api-root", kwargs=path_params)

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """Ninja's document, with the errors declared as ``application/problem+json``."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    if int(status) in ERROR_STATUSES and "content" in response:
                        response["content"] = {
                            PROBLEM_CONTENT_TYPE: response["content"]["application/json"]
                        }
        return schema


# The rate limit ----------------------------------------------------------------------


def rate_limit() -> tuple[int, int]:
    """``(requests, seconds)``: how many requests a client may make per window."""
    given = getattr(settings, "OPENDATA_API_RATE_LIMIT", {})
    return given.get("REQUESTS", 120), given.get("SECONDS", 60)


class ClientThrottle(BaseThrottle):
    """A window per client, counted like the request forms' limits
    (``requests_app.throttle.Limit``): the client is its address, hashed with the
    secret key (``REMOTE_ADDR``, which the proxy sets; a forwarded-for header is not
    believed). Windows are aligned to the clock, so ``Retry-After`` is exact."""

    def allow_request(self, request) -> bool:
        limit, seconds = rate_limit()
        now = time.time()
        window = int(now // seconds)
        counter = Limit("opendata-api", max_hits=limit, window=seconds + 1)
        count = counter.hit(f"{seconds}:{window}:{client_key(request)}")
        request.opendata_wait = (window + 1) * seconds - now
        return count <= limit

    def wait(self):
        return None  # set per request, in ``conditional``


api = PortalAPI(
    title="政府信息公开平台开放数据接口 Open data API",
    version="1.0.0",
    description=(
        "Read-only data of the disclosure portal: the catalogue, the four clearances, "
        "published decisions, disclosure guides, annual report figures and the scoreboard. "
        "Lists are paged by keyset cursor (`next`); every response has a weak ETag; "
        "errors are RFC 9457 problem details in Chinese or English (Accept-Language)."
    ),
    urls_namespace="api",
    docs=PortalSwagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
    throttle=[ClientThrottle()],
)


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    return problem(
        422,
        "invalid-parameters",
        _("Invalid parameters"),
        _("One or more parameters are not valid; see “errors”."),
        errors=_validation_errors(exc.errors),
    )


@api.exception_handler(BadRequest)
def _bad_request(request, exc):
    return problem(exc.status, "bad-request", _("Bad request"), str(exc.detail), exc.errors)


@api.exception_handler(Http404)
def _not_found(request, exc):
    detail = str(exc) or _("Nothing is published at this address.")
    return problem(404, "not-found", _("Not found"), detail)


@api.exception_handler(Throttled)
def _throttled(request, exc):
    return problem(
        429,
        "too-many-requests",
        _("Too many requests"),
        _("This client has made too many requests. Try again after the time in Retry-After."),
    )


@api.exception_handler(HttpError)
def _http_error(request, exc):
    return problem(exc.status_code, "http-error", str(exc), str(exc))


# ETags and caching -----------------------------------------------------------------


def conditional(run):
    """Weak ETag from the body of a 200 (and a 304 when ``If-None-Match`` matches);
    ``Retry-After`` on a 429."""

    @wraps(run)
    def wrapper(request, *args, **kwargs):
        response = run(request, *args, **kwargs)
        if response.status_code == 429:
            wait = getattr(request, "opendata_wait", rate_limit()[1])
            response["Retry-After"] = str(max(1, math.ceil(wait)))
            return response
        patch_vary_headers(response, ["Accept-Language"])
        if response.status_code != 200 or request.method not in ("GET", "HEAD"):
            return response
        etag = f'W/"{hashlib.blake2b(response.content, digest_size=12).hexdigest()}"'
        response["ETag"] = etag
        patch_cache_control(response, public=True, max_age=60)
        if etag_matches(request, etag):
            not_modified = HttpResponseNotModified()
            for header in ("ETag", "Cache-Control", "Vary"):
                not_modified[header] = response[header]
            return not_modified
        return response

    return wrapper


api.add_decorator(conditional, mode="view")


# Keyset paging ---------------------------------------------------------------------


def encode(obj, ordering: Ordering) -> str:
    text = encode_cursor(obj, ordering)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode(cursor: str, model, ordering: Ordering):
    """``(value, pk)`` of an opaque cursor; ``BadRequest`` for anything else."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    decoded = decode_cursor(text, model, ordering) if text else None
    if decoded is None:
        raise BadRequest(
            _("The cursor is not valid. Use the “next” URL of a previous page."),
            errors=[{"parameter": "cursor", "message": _("Not a cursor of this list.")}],
        )
    return decoded


def keyset_page(request, queryset, order_by, paging, shape, filter_first=False) -> dict:
    """One page of ``queryset`` in ``order_by`` (a field and the pk) after
    ``paging.cursor``: its ``items`` (each record given to ``shape(request, record)``),
    the ``limit`` and the URL of the ``next`` page (None on the last)."""
    ordering = Ordering.of(order_by)
    if paging.cursor:
        queryset = queryset.filter(
            ordering.beyond(*decode(paging.cursor, queryset.model, ordering))
        )
    ordered = queryset.order_by(*ordering.order_by(filter_first=filter_first))
    rows = list(ordered[: paging.limit + 1])
    next_url = None
    if len(rows) > paging.limit:
        rows = rows[: paging.limit]
        params = request.GET.copy()
        params["cursor"] = encode(rows[-1], ordering)
        next_url = request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
    return {
        "limit": paging.limit,
        "next": next_url,
        "items": [shape(request, row) for row in rows],
    }


def register_operations():
    """Import the operation modules (they decorate ``api``)."""
    from opendata import api_catalog, api_reports  # noqa: F401


register_operations()


def unknown_address(request):
    """An address under ``/api/v1/`` that names no operation."""
    return problem(404, "not-found", _("Not found"), _("The API has no such address."))

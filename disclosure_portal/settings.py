"""Settings for the disclosure portal, configured from the environment.

With nothing set it runs on SQLite under ``var/`` with DEBUG off. Local
development sets ``DJANGO_DEBUG=1`` (the Makefile does). Outside DEBUG the
process refuses to start without ``DJANGO_SECRET_KEY`` and
``DJANGO_ALLOWED_HOSTS``: a production server must never run on a default key
or accept any Host header.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DJANGO_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if DEBUG:
    # Local development only: a fixed, obviously unsafe key and local hosts.
    SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production"  # noqa: S105
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]", "testserver"]
else:
    missing = [
        name
        for name, value in (
            ("DJANGO_SECRET_KEY", SECRET_KEY),
            ("DJANGO_ALLOWED_HOSTS", ALLOWED_HOSTS),
        )
        if not value
    ]
    if missing:
        raise ImproperlyConfigured(
            "Production settings need "
            + " and ".join(missing)
            + " (or set DJANGO_DEBUG=1 for local development)."
        )

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "corsheaders",
    # The open-data API (opendata.api): its Swagger UI templates and static files.
    "ninja",
    "pagecache",
    "catalog",
    "requests_app",
    "reports",
    "opendata",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # CORS for the open-data API (/api/ only, CORS_URLS_REGEX): before anything that
    # may answer a request itself.
    "corsheaders.middleware.CorsMiddleware",
    # HEAD on the API answered as GET without a body (ninja routes GET only).
    "opendata.middleware.HeadAsGetMiddleware",
    # Before everything that reads the session, the locale or the CSRF cookie:
    # a cached public page is answered here.
    "pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "disclosure_portal.urls"
WSGI_APPLICATION = "disclosure_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "disclosure_portal.context_processors.site",
            ],
        },
    },
]

# Widgets in Python where Django's templates would render one include per option.
FORM_RENDERER = "disclosure_portal.form_rendering.FastRenderer"

# SQLite under var/ unless DATABASE_URL points elsewhere (PostgreSQL in production).
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take the lock when their transaction begins, so two concurrent
    # publishers queue up instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # A file, not shared-cache memory, so concurrent tests meet real locking.
    # One file per test process: parallel runs never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns on every request without it
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files (attachments) live outside any URL: they are served only by
# views that check who may see them. MEDIA_URL is therefore never routed.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media-not-served/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Applicants' files (identity proofs, uploads, reply documents): a storage of
    # their own, never under any URL, served only through permission checks.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": os.environ.get("DJANGO_PRIVATE_ROOT", str(VAR_DIR / "private")),
            "base_url": None,
        },
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Security. Behind a TLS-terminating proxy in production.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LOGIN_URL = "admin:login"

MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_EMAIL_BACKEND",
            "django.core.mail.backends.console.EmailBackend"
            if DEBUG
            else "django.core.mail.backends.smtp.EmailBackend",
        ),
        "OPTIONS": {
            "host": os.environ.get("DJANGO_EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("DJANGO_EMAIL_PORT", "25")),
        }
        if not DEBUG
        else {},
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "noreply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Portal admin", addr) for addr in env_list("DJANGO_ADMINS")]

# One local-memory cache per process by default; REDIS_URL shares one between
# processes and servers (rate limits, the page cache and its content versions).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "pagecache.redis.RedisCache",
            "LOCATION": REDIS_URL,
        },
        "pages": {
            "BACKEND": "pagecache.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pages",
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "portal",
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            # Pages are stored compressed (brotli and gzip): about 15 KB each.
            "OPTIONS": {"MAX_ENTRIES": 1000},
        },
    }

# The anonymous page cache (pagecache.middleware): on in production, off in
# development (templates change under a running server) unless PORTAL_PAGE_CACHE=1.
PAGE_CACHE = {
    "ENABLED": env_bool("PORTAL_PAGE_CACHE", not DEBUG),
    "CACHE": "pages",
    "TIMEOUT": 60 * 60,
    "MAX_BYTES": 2 * 1024 * 1024,
    # Never cached: staff, the applicant's own pages (form, receipt, tracking), switches.
    # The API is not kept here: its rate limit must count every request (ADR 0013).
    "EXCLUDE": ("/admin/", "/requests/", "/i18n/", "/preferences/", "/api/", STATIC_URL),
    # The content each part of the site shows (pagecache.versions.NAMESPACES); the
    # first matching prefix wins. Reports and the scoreboard show everything.
    "DEPENDS": (
        ("/reports/", ("catalog", "requests", "reports")),
        # Search finds annual reports too.
        ("/search/", ("catalog", "reports")),
        # The sitemaps list annual reports too.
        ("/sitemap", ("catalog", "reports")),
        ("/", ("catalog",)),
    ),
    # Cookies that change how a page looks: part of the key. The language is too.
    "KEY_COOKIES": ("a11y",),
    # Cookies that make a page personal (the session cookie is always one).
    "BYPASS_COOKIES": ("messages",),
    # The code's fingerprint (release_fingerprint) unless the deploy names it.
    "RELEASE": os.environ.get("PORTAL_RELEASE", ""),
    "FINGERPRINT_DIRS": (
        "catalog",
        "requests_app",
        "reports",
        "opendata",
        "pagecache",
        "disclosure_portal",
        "templates",
        "locale",
    ),
}

# The open-data API (opendata.api, ADR 0013): read-only, open to every origin, and
# limited per client (hashed address) in the default cache.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ("ETag", "Retry-After")
OPENDATA_API_RATE_LIMIT = {
    "REQUESTS": int(os.environ.get("PORTAL_API_RATE_REQUESTS", "120")),
    "SECONDS": 60,
}
# django-ninja: never believe X-Forwarded-For for a client address.
NINJA_NUM_PROXIES = 0

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# What the site says about itself: banner and the footer a government site
# must carry (DOMAIN.md section 8). Each value can be set from the environment.
PORTAL = {
    "SITE_NAME": os.environ.get("PORTAL_SITE_NAME", "辽宁省市场监督管理局政府信息公开平台"),
    "SPONSOR": os.environ.get("PORTAL_SPONSOR", "辽宁省市场监督管理局"),
    "ORGANISER": os.environ.get("PORTAL_ORGANISER", "辽宁省市场监督管理局办公室"),
    "CONTACT_PHONE": os.environ.get("PORTAL_CONTACT_PHONE", "024-23456789"),
    "CONTACT_EMAIL": os.environ.get("PORTAL_CONTACT_EMAIL", "gkb@example.gov.cn"),
    "CONTACT_ADDRESS": os.environ.get("PORTAL_CONTACT_ADDRESS", "沈阳市和平区示例路1号"),
    "SITE_CODE": os.environ.get("PORTAL_SITE_CODE", "2100000001"),
    "ICP_NUMBER": os.environ.get("PORTAL_ICP_NUMBER", "辽ICP备00000000号"),
    "PSB_NUMBER": os.environ.get("PORTAL_PSB_NUMBER", "辽公网安备 21010202000000号"),
    "PSB_LINK": os.environ.get("PORTAL_PSB_LINK", ""),
    "SHOW_PARTY_GOV_MARK": env_bool("PORTAL_SHOW_PARTY_GOV_MARK", True),
    # The registration page the 党政机关 mark links to (issued with the mark).
    "PARTY_GOV_MARK_LINK": os.environ.get("PORTAL_PARTY_GOV_MARK_LINK", ""),
}
# Months a published decision stays in the public lists, per kind, where the
# bureau's rules differ from the defaults in catalog/statutes.py
# (e.g. {"penalty": 60}).
DECISION_PUBLICATION_MONTHS: dict[str, int | None] = {}
CATALOG_PAGE_SIZE = int(os.environ.get("CATALOG_PAGE_SIZE", "20"))
# Rows a list page may skip with OFFSET from either end; deeper pages are read
# by keyset when stepped to (catalog.paging).
CATALOG_MAX_OFFSET = 10_000

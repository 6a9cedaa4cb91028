"""Benchmark the portal's public pages against a Django hello-world (`make bench`).

Starts the portal under gunicorn with production settings (DEBUG off) on a
PostgreSQL database, and a hello-world Django project (``scripts/bench_hello``)
under the same gunicorn settings. For every public page type it runs wrk
against the hello-world and the portal in turn, several rounds, alternating
which goes first, and reports the medians over the rounds of requests/s, p50,
p95 and p99 and of the ratio portal / hello-world measured in the same round.
The machine is shared and noisy: the ratios are the figures to compare.

With ``--modes cached,uncached`` (the default) a second portal instance runs
with ``PORTAL_PAGE_CACHE=0``, the anonymous page cache switched off, and both
are measured against the same hello-world runs.

The script needs only the standard library. It runs Django (URL discovery,
migrate, collectstatic) and gunicorn in subprocesses with the venv's Python,
from the checkout given by ``--portal-dir``, and stops every process it started,
also on Ctrl-C. ``docs/performance.md`` says what it measures and the targets.
"""

import argparse
import concurrent.futures
import contextlib
import datetime
import http.client
import json
import math
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

SCRIPTS_DIR = Path(__file__).resolve().parent
REPO = SCRIPTS_DIR.parent
LUA_SCRIPT = SCRIPTS_DIR / "bench_wrk.lua"
HELLO_APP = "bench_hello.wsgi:application"
PORTAL_APP = "disclosure_portal.wsgi:application"
HOST = "127.0.0.1"
PG_HOST, PG_PORT, PG_USER = "127.0.0.1", "5432", "postgres"

# The site search (/search/), one page per kind of query: (sort, what the query is).
# The words come from the database (discovered()) or are fixed below.
SEARCH_CASES = {
    "site-phrase": "relevance",  # a rare phrase of 4-6 characters of a generated title
    "site-number": "relevance",  # a document number (文号) of a listed entry
    "site-common": "relevance",  # a common two-character word (SEARCH_WORD)
    "site-newest": "newest",  # the same word, newest first
    "site-char": "relevance",  # one character (SEARCH_CHAR): a prefix query
}
SEARCH_CHAR = "食"
RARE_MAX_MATCHES = 20  # a "rare" phrase matches 1 to this many documents
ENGINE_RUNS = 40  # --search-engine: timed calls of engine.search per case

# Page names in the order they are measured; "deep" and "facet" are measured by
# default only on a large database (LARGE_ENTRIES listed entries or more).
PAGE_NAMES = [
    "home",
    "catalog",
    "search",
    "entry",
    "deep",
    "facet",
    "agency",
    "guide",
    "clearances",
    "powers",
    "enforcement",
    "fees",
    "decisions",
    "request",
    "reports",
    "scoreboard",
    "report",
    "combined",
    *SEARCH_CASES,
    # Machine readers: the sitemap index and its deepest catalogue page, the API's
    # first and a deep entries page, a streamed CSV of about EXPORT_ROWS rows.
    "sitemap",
    "sitemap-deep",
    "api-first",
    "api-deep",
    "export",
]
LARGE_ONLY = {"deep", "facet", "api-deep", "export"}
EXPORT_ROWS = 100_000  # the export page exports the year that holds about this many
LARGE_ENTRIES = 100_000
SEARCH_WORD = "食品"  # the catalogue's keyword page, and the common word of the site search
MODES = {"cached": "1", "uncached": "0"}  # mode -> PORTAL_PAGE_CACHE

# Targets (docs/performance.md). Ratios are portal rps / hello-world rps.
CACHED_MIN_RATIO = 0.90  # every cacheable anonymous page, cached mode
UNCACHED_MIN_RATIO = 0.50  # these pages, uncached mode
UNCACHED_RATIO_PAGES = {"catalog", "entry", "guide", "powers", "enforcement", "fees", "decisions"}
MAX_P95_MS = {  # any mode
    "catalog": 100,
    "deep": 100,
    "facet": 100,
    "entry": 100,
    "scoreboard": 200,
    "combined": 1000,
    **dict.fromkeys(SEARCH_CASES, 100),
    "sitemap": 100,
    "sitemap-deep": 1000,
    "api-first": 100,
    "api-deep": 100,
    "export": 10_000,  # 100,000 rows streamed: well inside a worker's 30 s timeout
}
MAX_WORKER_RSS_MB = 150

# Sent with every request, as the TLS-terminating proxy and a browser would.
REQUEST_HEADERS = {
    "X-Forwarded-Proto": "https",
    "Accept": "text/html",
    "Accept-Encoding": "gzip, deflate, br",
    "Accept-Language": "zh-CN,zh;q=0.9",
}


class BenchError(Exception):
    """A condition that stops the benchmark, with a message for the user."""


@dataclass
class Server:
    """A gunicorn master started by the benchmark."""

    name: str
    port: int
    proc: subprocess.Popen
    log: Path

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"


@dataclass
class Target:
    """What a page must reach in one mode: a minimum ratio and/or a maximum p95."""

    min_ratio: float | None = None
    max_p95_ms: float | None = None

    def describe(self) -> str:
        parts = []
        if self.min_ratio is not None:
            parts.append(f"ratio >= {self.min_ratio:.2f}")
        if self.max_p95_ms is not None:
            parts.append(f"p95 < {self.max_p95_ms:g} ms")
        return ", ".join(parts) or "-"

    def met(self, ratio: float, p95_ms: float) -> bool | None:
        if self.min_ratio is None and self.max_p95_ms is None:
            return None
        ratio_ok = self.min_ratio is None or ratio >= self.min_ratio
        p95_ok = self.max_p95_ms is None or p95_ms < self.max_p95_ms
        return ratio_ok and p95_ok


@dataclass
class Row:
    """The medians over the rounds for one page in one mode."""

    page: str
    mode: str
    rps: float
    hello_rps: float
    ratio: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    non2xx: int
    socket_errors: int
    target: Target = field(default_factory=Target)

    @property
    def met(self) -> bool | None:
        if self.rps == 0 and self.target.describe() != "-":
            return False  # no request answered within the run: no latency to speak of
        return self.target.met(self.ratio, self.p95_ms)


# --- command line --------------------------------------------------------------


def parse_args(argv=None) -> argparse.Namespace:
    """The options; see ``--help``."""
    parser = argparse.ArgumentParser(
        prog="scripts/bench",
        description=__doc__.split("\n\n")[0],
        epilog=(
            "examples:\n"
            "  scripts/bench --rounds 1 --duration 2 --pages home,catalog\n"
            "  scripts/bench --markdown docs/performance.md\n"
            "  scripts/bench --portal-dir /tmp/portal-before --modes cached\n"
            "  scripts/bench --database-url postgres://postgres@127.0.0.1:5432/portal_1m\n"
            f"pages: {', '.join(PAGE_NAMES)}"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add = parser.add_argument
    add("--pages", help="comma-separated page names (default: all; deep, facet on large data)")
    add("--modes", default="cached,uncached", help="cached, uncached or both (default: both)")
    add("--rounds", type=int, default=3, help="rounds per page (default: 3)")
    add("--duration", type=int, default=5, help="seconds per wrk run (default: 5)")
    add("--warmup", type=int, default=1, help="seconds of warm-up per page (default: 1)")
    add("--threads", type=int, default=2, help="wrk threads (default: 2)")
    add("--connections", type=int, default=16, help="wrk connections (default: 16)")
    add("--timeout", type=int, default=30, help="wrk request timeout, seconds (default: 30)")
    add("--workers", type=int, default=2, help="gunicorn sync workers (default: 2)")
    add(
        "--redis-url",
        default="redis://127.0.0.1:6379/15",
        help="the shared cache of production (REDIS_URL), emptied before the run; "
        "'none' measures the local-memory default (default: %(default)s)",
    )
    add("--db-name", default="portal_bench", help="local database, made if missing")
    add("--database-url", help="use this database as it is instead of --db-name")
    add("--portal-dir", type=Path, default=REPO, help="checkout to run (default: this one)")
    add("--python", type=Path, default=REPO / ".venv" / "bin" / "python", help="venv Python")
    add("--markdown", type=Path, metavar="FILE", help="append the results to FILE")
    add("--check-only", action="store_true", help="check every page answers 200, then stop")
    add(
        "--search-engine",
        action="store_true",
        help="also time engine.search in one process for the site-* queries (without "
        "HTTP); used instead of the pages when the portal has no /search/ page",
    )
    add("--discover", action="store_true", help=argparse.SUPPRESS)
    add("--time-search", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.mode_list = [mode.strip() for mode in args.modes.split(",") if mode.strip()]
    unknown = [mode for mode in args.mode_list if mode not in MODES]
    if unknown or not args.mode_list:
        parser.error(f"--modes takes cached and/or uncached, not {args.modes!r}")
    if args.pages:
        args.page_list = [page.strip() for page in args.pages.split(",") if page.strip()]
        unknown = [page for page in args.page_list if page not in PAGE_NAMES]
        if unknown:
            parser.error(f"unknown page(s) {', '.join(unknown)}; known: {', '.join(PAGE_NAMES)}")
    else:
        args.page_list = None
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", args.db_name):
        parser.error("--db-name takes lower-case letters, digits and underscores")
    if min(args.rounds, args.duration, args.threads, args.connections, args.workers) < 1:
        parser.error("--rounds, --duration, --threads, --connections and --workers must be >= 1")
    return args


# --- processes -------------------------------------------------------------------


def run(cmd, *, env=None, cwd=None, capture=False, check=True) -> subprocess.CompletedProcess:
    """Run a command (a list, never through a shell) and wait for it."""
    result = subprocess.run(  # noqa: S603 (argument lists built here, no shell)
        [str(part) for part in cmd], env=env, cwd=cwd, capture_output=capture, text=True
    )
    if check and result.returncode != 0:
        detail = (result.stderr or result.stdout or "").strip()[-2000:] if capture else ""
        raise BenchError(
            f"{' '.join(map(str, cmd[:4]))} ... failed ({result.returncode})\n{detail}"
        )
    return result


def tool(name: str) -> str:
    """The absolute path of a program on PATH, or a clear error."""
    path = shutil.which(name)
    if path is None:
        raise BenchError(f"{name} is not installed or not on PATH")
    return path


def ensure_wrk() -> str:
    """The path of wrk, installed with apt-get if it is missing."""
    if shutil.which("wrk"):
        return tool("wrk")
    print("wrk is missing: apt-get install -y wrk", flush=True)
    apt = shutil.which("apt-get")
    if apt is None or os.geteuid() != 0:
        raise BenchError("wrk is missing; install it (apt-get install -y wrk needs root)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if run([apt, "install", "-y", "wrk"], env=env, check=False).returncode != 0:
        run([apt, "update"], env=env, check=False)
        if run([apt, "install", "-y", "wrk"], env=env, check=False).returncode != 0:
            raise BenchError("apt-get install -y wrk failed; install wrk by hand")
    return tool("wrk")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_server(name, app, chdir, env, args, tmp) -> Server:
    """Start gunicorn in its own process group, so it can be stopped as a whole."""
    port = free_port()
    log = Path(tmp) / f"gunicorn-{name}.log"
    cmd = [
        args.python,
        "-m",
        "gunicorn",
        app,
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        args.workers,
        "--worker-class",
        "sync",
        "--chdir",
        chdir,
        "--error-logfile",
        log,
        "--log-level",
        "warning",
    ]
    proc = subprocess.Popen(  # noqa: S603 (fixed argument list, no shell)
        [str(part) for part in cmd],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    return Server(name, port, proc, log)


def wait_ready(server: Server, seconds: float = 60) -> None:
    """Wait until the server answers HTTP at all; fail with its log if it dies."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            break
        with contextlib.suppress(OSError, http.client.HTTPException):
            fetch(server, "/")
            return
        time.sleep(0.3)
    tail = server.log.read_text(errors="replace")[-3000:] if server.log.exists() else ""
    raise BenchError(f"gunicorn ({server.name}) did not start:\n{tail}")


def stop_server(server: Server) -> None:
    """Stop a gunicorn master and its workers (its process group)."""
    if server.proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.proc.pid, sig)
        try:
            server.proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def worker_rss(server: Server) -> list[tuple[int, int]]:
    """(pid, VmRSS in kB) of each child of the gunicorn master."""
    rows = []
    for status in Path("/proc").glob("[0-9]*/status"):
        with contextlib.suppress(OSError):
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
            if int(fields["PPid"]) == server.proc.pid and "VmRSS" in fields:
                rows.append((int(status.parent.name), int(fields["VmRSS"].split()[0])))
    return sorted(rows)


# --- the portal's side -------------------------------------------------------------


def flush_redis(url: str) -> None:
    """Empty the Redis database of ``url`` (redis://host:port/db), so that no page or
    content version of an earlier run, perhaps on another database, is found."""
    match = re.fullmatch(r"redis://([^:/]+)(?::(\d+))?(?:/(\d+))?", url)
    if not match:
        raise BenchError(f"--redis-url takes redis://host:port/db, not {url!r}")
    host, port, db = match.group(1), int(match.group(2) or 6379), match.group(3) or "0"
    try:
        with socket.create_connection((host, port), timeout=5) as sock:
            sock.sendall(f"*2\r\n$6\r\nSELECT\r\n${len(db)}\r\n{db}\r\n".encode())
            sock.sendall(b"*1\r\n$7\r\nFLUSHDB\r\n")
            replies = b""
            while replies.count(b"\r\n") < 2:
                chunk = sock.recv(256)
                if not chunk:
                    break
                replies += chunk
    except OSError as error:
        raise BenchError(
            f"Redis at {host}:{port} is not reachable ({error}); start it or pass --redis-url none"
        ) from error
    if replies.count(b"+OK") < 2:
        raise BenchError(f"Redis did not empty database {db}: {replies!r}")


def portal_env(tmp: str, database_url: str) -> dict:
    """The environment of the portal: production settings, a throw-away var dir."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_DEBUG", "DJANGO_SETTINGS_MODULE", "PYTHONPATH"}
    }
    env.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=f"{HOST},localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_VAR_DIR=str(Path(tmp) / "var"),
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=database_url,
        PORTAL_PAGE_CACHE="1",
        # wrk is one client asking thousands of times a second: the API's limit
        # per client would answer 429 to nearly all of it.
        PORTAL_API_RATE_REQUESTS="100000000",
    )
    return env


def manage(args, env, *command, capture=False) -> subprocess.CompletedProcess:
    """Run ``manage.py`` of the portal checkout."""
    return run([args.python, "manage.py", *command], env=env, cwd=args.portal_dir, capture=capture)


def psql(sql: str, database: str = "postgres") -> str:
    """The output of one SQL statement against the local server, unaligned."""
    cmd = [tool("psql"), "-h", PG_HOST, "-p", PG_PORT, "-U", PG_USER, "-d", database]
    return run([*cmd, "-tAc", sql], capture=True).stdout.strip()


def prepare_database(args, env) -> str:
    """The database URL, migrated and analysed (fresh statistics, as autovacuum keeps
    them in production). With ``--db-name`` the database is made and loaded with the
    demo data if it is missing; ``--database-url`` is used as it is."""
    url = args.database_url or f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{args.db_name}"
    env["DATABASE_URL"] = url
    if args.database_url or database_exists(args.db_name):
        manage(args, env, "migrate", "--noinput", "-v", "0")
    else:
        create_demo_database(args, env)
    run([tool("psql"), url, "-qc", "ANALYZE"])
    return url


def database_exists(name: str) -> bool:
    """Whether the local server has this database (the name is checked by parse_args)."""
    return bool(psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'"))  # noqa: S608


def create_demo_database(args, env) -> None:
    """Create ``--db-name``, migrate it and load the demo data; drop it again on failure."""
    print(f"Creating database {args.db_name} with the demo data ...", flush=True)
    createdb = [tool("createdb"), "-h", PG_HOST, "-p", PG_PORT, "-U", PG_USER]
    run([*createdb, args.db_name])
    try:
        manage(args, env, "migrate", "--noinput", "-v", "0")
        manage(args, env, "load_demo", "-v", "0")
    except BaseException:
        dropdb = [tool("dropdb"), "-h", PG_HOST, "-p", PG_PORT, "-U", PG_USER]
        run([*dropdb, args.db_name], check=False)
        raise


def discover_pages(args, env) -> dict:
    """Ask the portal (a subprocess with its settings) for the URL of each page type."""
    sub_env = {**env, "PYTHONPATH": str(args.portal_dir)}
    out = run(
        [args.python, Path(__file__).resolve(), "--discover"],
        env=sub_env,
        cwd=args.portal_dir,
        capture=True,
    ).stdout
    found = json.loads(out.strip().splitlines()[-1])
    if Path(found["base_dir"]).resolve() != args.portal_dir.resolve():
        raise BenchError(f"the portal ran from {found['base_dir']}, not {args.portal_dir}")
    return found


def machine_reader_pages(listed, count) -> dict[str, str]:
    """The sitemap, API and export pages, found in the data (inside ``discovered``)."""
    from django.db.models import Count
    from django.db.models.functions import ExtractYear
    from django.urls import reverse

    from catalog.paging import Ordering
    from opendata import api, api_catalog, sitemaps

    pages = {"sitemap": reverse("opendata:sitemap_index"), "api-first": "/api/v1/entries"}
    last_pk = listed.order_by("-pk").values_list("pk", flat=True).first() or 1
    # The last full block: the very last holds only what is left over.
    block = max(1, math.ceil(last_pk / sitemaps.EntrySitemap.limit) - 1)
    deep_sitemap = reverse("opendata:sitemap", kwargs={"section": "entries"})
    pages["sitemap-deep"] = f"{deep_sitemap}?p={block}"
    middle = (
        listed.order_by(*api_catalog.ENTRY_ORDER)
        .only("published_at", "pk")[count // 2 : count // 2 + 1]
        .first()
    )
    if middle is not None:
        cursor = api.encode(middle, Ordering.of(api_catalog.ENTRY_ORDER))
        pages["api-deep"] = f"/api/v1/entries?cursor={cursor}"
    years = listed.annotate(year=ExtractYear("date_made")).values("year").annotate(n=Count("pk"))
    year = min(years, key=lambda row: abs(row["n"] - EXPORT_ROWS), default=None)
    if year is not None:
        export = reverse("catalog:entry_export", kwargs={"file_format": "csv"})
        pages["export"] = f"{export}?year={year['year']}"
    return pages


def discovered() -> dict:
    """Runs inside the portal's Python (``--discover``): its page URLs, from the database."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "disclosure_portal.settings")
    django.setup()
    from urllib.parse import quote

    from django.conf import settings
    from django.db.models import Count, F
    from django.urls import NoReverseMatch, reverse

    from catalog.models import Agency, CatalogEntry
    from reports.models import AnnualReport

    listed = CatalogEntry.objects.listed()
    count = listed.count()
    province = Agency.objects.filter(parent__isnull=True).order_by("pk").first()
    pages = {
        "home": reverse("catalog:home"),
        "catalog": reverse("catalog:entry_list"),
        "search": reverse("catalog:entry_list") + "?q=" + quote(SEARCH_WORD),
        "clearances": reverse("catalog:clearances"),
        "powers": reverse("catalog:power_item_list"),
        "enforcement": reverse("catalog:enforcement_list"),
        "fees": reverse("catalog:fee_item_list"),
        "decisions": reverse("catalog:decision_list"),
        "request": reverse("requests_app:new"),
        "reports": reverse("reports:index"),
        "scoreboard": reverse("reports:scoreboard"),
    }
    pages.update(machine_reader_pages(listed, count))
    last_page = max(1, math.ceil(count / settings.CATALOG_PAGE_SIZE))
    pages["deep"] = f"{reverse('catalog:entry_list')}?page={last_page}"
    entry = listed.order_by("-published_at", "-pk").only("index_number").first()
    if entry is not None:
        pages["entry"] = entry.get_absolute_url()
    facet = (
        listed.filter(topic__isnull=False)
        .values("agency__slug", "topic__slug")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    if facet is not None:
        query = f"?agency={facet['agency__slug']}&topic={facet['topic__slug']}"
        pages["facet"] = reverse("catalog:entry_list") + query
    if province is not None:
        pages["agency"] = reverse("catalog:agency_detail", kwargs={"slug": province.slug})
        pages["guide"] = reverse("catalog:agency_guide", kwargs={"slug": province.slug})
    report = (
        AnnualReport.objects.published()
        .select_related("agency")
        .order_by(F("agency__parent_id").asc(nulls_first=True), "-year", "pk")
        .first()
    )
    if report is not None:
        pages["report"] = report.get_absolute_url()
        kwargs = {"slug": province.slug if province else report.agency.slug, "year": report.year}
        pages["combined"] = reverse("reports:combined", kwargs=kwargs)
    queries = search_queries(listed)
    try:
        search_url = reverse("catalog:search")
    except NoReverseMatch:
        search_url = None  # the portal has no search page: --search-engine times them
    if search_url:
        for name, (query, sort) in queries.items():
            pages[name] = f"{search_url}?q={quote(query)}&sort={sort}"
    return {
        "pages": pages,
        "entries": count,
        "search_queries": queries,
        "search_index": search_index_size(),
        "page_size": settings.CATALOG_PAGE_SIZE,
        "debug": settings.DEBUG,
        "base_dir": str(settings.BASE_DIR),
    }


def search_queries(listed) -> dict[str, tuple[str, str]]:
    """{case: (query, sort)} of the site search, the same on every run over the same data.

    The rare phrase is the first window of 5 Han characters (4 if none matches rarely) of
    the titles of the oldest public entry documents, taken in id order, that 1 to
    RARE_MAX_MATCHES documents match; the document number is the newest listed entry's.
    """
    import re as regex

    from django.contrib.auth.models import AnonymousUser

    from catalog.models import SearchDocument
    from catalog.search import engine, text
    from catalog.search.backends import Matches

    anonymous = AnonymousUser()
    found = {}
    titles = SearchDocument.objects.filter(kind="entry", internal=False).order_by("id")
    for width in (5, 4):
        for title in titles.values_list("title", flat=True)[:200]:
            for run in regex.findall(r"[\u4e00-\u9fff]+", title):
                for start in range(len(run) - width + 1):
                    phrase = run[start : start + width]
                    matches = engine.documents(anonymous).filter(Matches(text.parse(phrase)))
                    if (
                        1
                        <= len(matches.values_list("id")[: RARE_MAX_MATCHES + 1])
                        <= (RARE_MAX_MATCHES)
                    ):
                        found["site-phrase"] = (phrase, SEARCH_CASES["site-phrase"])
                        break
                if "site-phrase" in found:
                    break
            if "site-phrase" in found:
                break
        if "site-phrase" in found:
            break
    numbered = listed.exclude(document_number="").order_by("-published_at", "-pk")
    number = numbered.values_list("document_number", flat=True).first()
    if number:
        found["site-number"] = (number, SEARCH_CASES["site-number"])
    found["site-common"] = (SEARCH_WORD, SEARCH_CASES["site-common"])
    found["site-newest"] = (SEARCH_WORD, SEARCH_CASES["site-newest"])
    found["site-char"] = (SEARCH_CHAR, SEARCH_CASES["site-char"])
    return {name: found[name] for name in SEARCH_CASES if name in found}


def search_index_size() -> dict:
    """How many search documents, and the table with its indexes on disk (PostgreSQL)."""
    from django.db import connection

    from catalog.models import SearchDocument

    size = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_size_pretty(pg_total_relation_size('catalog_searchdocument')),"
                " pg_size_pretty(pg_relation_size('searchdocument_full_gin')),"
                " pg_size_pretty(pg_relation_size('searchdocument_head_gin'))"
            )
            size = dict(zip(("total", "full_gin", "head_gin"), cursor.fetchone(), strict=True))
    return {"documents": SearchDocument.objects.count(), "size": size}


def time_search() -> dict:
    """Runs inside the portal's Python (``--time-search``): engine.search per case,
    ENGINE_RUNS calls after two of warm-up, as the search page calls it (anonymous)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "disclosure_portal.settings")
    django.setup()
    from django.contrib.auth.models import AnonymousUser

    from catalog.models import CatalogEntry
    from catalog.search import engine, text

    results = {}
    for name, (query, sort) in search_queries(CatalogEntry.objects.listed()).items():
        parsed = text.parse(query)
        times = []
        for index in range(ENGINE_RUNS + 2):
            started = time.perf_counter()
            found = engine.search(parsed, user=AnonymousUser(), sort=sort)
            if index >= 2:
                times.append((time.perf_counter() - started) * 1000)
        times.sort()
        results[name] = {
            "query": query,
            "sort": sort,
            "total": found.total,
            "capped": found.total_capped,
            "p50_ms": statistics.median(times),
            "p95_ms": times[min(len(times) - 1, math.ceil(0.95 * len(times)) - 1)],
        }
    return results


def engine_timings(args, env, found, names) -> dict | None:
    """engine.search timed in one process (``--time-search``), for the search cases asked
    for: with ``--search-engine``, or when the portal has no search page to measure."""
    wanted = [name for name in SEARCH_CASES if not args.page_list or name in args.page_list]
    if not wanted or not (args.search_engine or not set(wanted) & set(names)):
        return None
    print("Timing engine.search in-process ...", flush=True)
    sub_env = {**env, "PYTHONPATH": str(args.portal_dir)}
    out = run(
        [args.python, Path(__file__).resolve(), "--time-search"],
        env=sub_env,
        cwd=args.portal_dir,
        capture=True,
    ).stdout
    timings = json.loads(out.strip().splitlines()[-1])
    return {name: timings[name] for name in wanted if name in timings}


def engine_lines(timings: dict | None, index: dict) -> list[str]:
    """The search index's size and, when timed, engine.search per case, as table lines."""
    size = index.get("size") or {}
    lines = [
        f"Search index: {index.get('documents', 0):,} documents; table with indexes "
        f"{size.get('total', '?')} (GIN full_vector {size.get('full_gin', '?')}, "
        f"head_vector {size.get('head_gin', '?')})"
    ]
    if timings:
        lines += [
            "",
            f"engine.search in one process, {ENGINE_RUNS} calls per case (no HTTP, no template):",
            "",
            "| case | query | sort | matches | p50 ms | p95 ms | target | met |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for name, t in timings.items():
            total = f"{t['total']:,}" + ("+" if t["capped"] else "")
            met = "yes" if t["p95_ms"] < MAX_P95_MS[name] else "NO"
            lines.append(
                f"| {name} | {t['query']} | {t['sort']} | {total} | {t['p50_ms']:.1f} |"
                f" {t['p95_ms']:.1f} | p95 < {MAX_P95_MS[name]} ms | {met} |"
            )
    return lines


def select_pages(args, found) -> list[str]:
    """The pages to measure, in PAGE_NAMES order."""
    available = found["pages"]
    if args.page_list:
        # Search cases without a search page are timed in-process (engine_timings).
        missing = [p for p in args.page_list if p not in available and p not in SEARCH_CASES]
        if missing:
            raise BenchError(f"no URL found for {', '.join(missing)} (is the data loaded?)")
        return [page for page in PAGE_NAMES if page in args.page_list and page in available]
    large = found["entries"] >= LARGE_ENTRIES
    skipped = [page for page in PAGE_NAMES if page not in available]
    if skipped:
        print(f"No URL found for {', '.join(skipped)}: not measured", flush=True)
    return [page for page in PAGE_NAMES if page in available and (large or page not in LARGE_ONLY)]


# --- HTTP and wrk ------------------------------------------------------------------------


def fetch(server: Server, path: str) -> tuple[int, dict, int]:
    """GET a path, redirects not followed: status, headers (lower-case names), body size."""
    conn = http.client.HTTPConnection(HOST, server.port, timeout=60)
    try:
        conn.request("GET", path, headers=REQUEST_HEADERS)
        response = conn.getresponse()
        body = response.read()
        headers = {name.lower(): value for name, value in response.getheaders()}
        return response.status, headers, len(body)
    finally:
        conn.close()


def check_pages(servers: dict, hello: Server, pages: dict) -> set[str]:
    """Every page answers 200 on every portal server; the pages marked uncacheable.

    A page whose Cache-Control says ``private`` or ``no-store`` (Django's
    ``never_cache`` says both) is exempt from the cached-page target.
    """
    failed, uncacheable = [], set()
    status, _headers, _size = fetch(hello, "/")
    if status != 200:
        failed.append(f"hello-world / answered {status}")
    for mode, server in servers.items():
        for page, path in pages.items():
            status, headers, size = fetch(server, path)
            sent = f"{size / 1024:.1f} kB {headers.get('content-encoding', '')}".strip()
            print(f"  {mode:<9} {status}  {sent:>11}  {page:<12} {path}", flush=True)
            if status != 200:
                where = headers.get("location", "")
                failed.append(f"{mode} {page} {path} answered {status} {where}".rstrip())
            if re.search(r"private|no-store", headers.get("cache-control", "")):
                uncacheable.add(page)
    if failed:
        raise BenchError("pages that do not answer 200:\n  " + "\n  ".join(failed))
    return uncacheable


def wrk_command(wrk: str, args, url: str, seconds: int) -> list[str]:
    """The wrk command line for one run."""
    cmd = [wrk, f"-t{args.threads}", f"-c{args.connections}", f"-d{seconds}s", "--latency"]
    cmd += ["--timeout", f"{args.timeout}s", "-s", str(LUA_SCRIPT)]
    for name, value in REQUEST_HEADERS.items():
        cmd += ["-H", f"{name}: {value}"]
    return [*cmd, url]


def run_wrk(wrk: str, args, url: str, seconds: int) -> dict:
    """One wrk run: the JSON line printed by bench_wrk.lua."""
    out = run(wrk_command(wrk, args, url, seconds), capture=True).stdout
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if not lines:
        raise BenchError(f"wrk printed no result for {url}:\n{out[-2000:]}")
    return json.loads(lines[-1])


DRAIN_PATHS = {"hello": "/"}  # a page the server answers at once when a worker is free
PORTAL_DRAIN_PATH = "/static/css/portal.css"  # served by WhiteNoise inside a worker
QUICK_SECONDS = 0.05


def drain(server: Server, path: str, workers: int, seconds: float = 180) -> None:
    """Wait until every worker has worked off the requests wrk left queued.

    wrk stops after its duration, but a sync worker still answers every request it
    had accepted: after a slow page, the next page's measurement would wait for
    them. Probes as many as there are workers, at the same time, until all come
    back quickly twice in a row.
    """
    deadline = time.monotonic() + seconds
    quick_rounds = 0

    def probe(_index):
        started = time.monotonic()
        fetch(server, path)
        return time.monotonic() - started

    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        while quick_rounds < 2 and time.monotonic() < deadline:
            times = list(pool.map(probe, range(workers)))
            quick_rounds = quick_rounds + 1 if max(times) < QUICK_SECONDS else 0


def round_order(names: list[str], round_index: int) -> list[str]:
    """hello, then the portals on even rounds; the reverse on odd rounds."""
    return names if round_index % 2 == 0 else list(reversed(names))


def measure_page(wrk, args, page, path, hello, servers) -> dict[str, list[tuple[dict, dict]]]:
    """All rounds of one page: per mode, (portal run, hello run of the same round)."""
    targets = {"hello": f"{hello.base_url}/"}
    targets.update({mode: server.base_url + path for mode, server in servers.items()})
    everyone = {"hello": hello, **servers}
    drain_paths = {name: DRAIN_PATHS.get(name, PORTAL_DRAIN_PATH) for name in everyone}
    if args.warmup:
        for name in servers:
            run_wrk(wrk, args, targets[name], args.warmup)
            drain(servers[name], drain_paths[name], args.workers)
    runs = {mode: [] for mode in servers}
    for index in range(args.rounds):
        result = {}
        for name in round_order(list(targets), index):
            result[name] = run_wrk(wrk, args, targets[name], args.duration)
            drain(everyone[name], drain_paths[name], args.workers)
        shown = [f"hello {result['hello']['rps']:.0f}"]
        for mode in servers:
            runs[mode].append((result[mode], result["hello"]))
            ratio = result[mode]["rps"] / result["hello"]["rps"]
            shown.append(f"{mode} {result[mode]['rps']:.0f} ({ratio:.2f})")
        print(f"  {page:<12} round {index + 1}/{args.rounds}: {', '.join(shown)} rps", flush=True)
    return runs


def page_target(page: str, mode: str, uncacheable: set[str]) -> Target:
    """The targets of docs/performance.md that apply to a page in a mode."""
    min_ratio = None
    if mode == "cached" and page not in uncacheable:
        min_ratio = CACHED_MIN_RATIO
    elif mode == "uncached" and page in UNCACHED_RATIO_PAGES:
        min_ratio = UNCACHED_MIN_RATIO
    return Target(min_ratio=min_ratio, max_p95_ms=MAX_P95_MS.get(page))


def summarise(page, mode, runs, target) -> Row:
    """Medians over the rounds; the ratio is the median of the per-round ratios."""

    def median(key, source=0):
        return statistics.median(pair[source][key] for pair in runs)

    return Row(
        page=page,
        mode=mode,
        rps=median("rps"),
        hello_rps=median("rps", 1),
        ratio=statistics.median(portal["rps"] / hello["rps"] for portal, hello in runs),
        p50_ms=median("p50_ms"),
        p95_ms=median("p95_ms"),
        p99_ms=median("p99_ms"),
        non2xx=sum(portal["non2xx"] for portal, _hello in runs),
        socket_errors=sum(portal["socket_errors"] for portal, _hello in runs),
        target=target,
    )


# --- reporting -------------------------------------------------------------------------------

COLUMNS = [
    "page",
    "mode",
    "rps",
    "hello rps",
    "ratio",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "non-2xx",
    "target",
    "met",
]


def row_cells(row: Row) -> list[str]:
    """One result row as text cells, in COLUMNS order."""
    met = {None: "-", True: "yes", False: "NO"}[row.met]
    errors = str(row.non2xx) + (f" (+{row.socket_errors} socket)" if row.socket_errors else "")
    return [
        row.page,
        row.mode,
        f"{row.rps:.0f}",
        f"{row.hello_rps:.0f}",
        f"{row.ratio:.2f}",
        f"{row.p50_ms:.1f}",
        f"{row.p95_ms:.1f}",
        f"{row.p99_ms:.1f}",
        errors,
        row.target.describe(),
        met,
    ]


def plain_table(rows: list[Row]) -> str:
    """The results as aligned text columns."""
    cells = [COLUMNS, *(row_cells(row) for row in rows)]
    widths = [max(len(line[i]) for line in cells) for i in range(len(COLUMNS))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in cells
    )


def markdown_table(rows: list[Row]) -> str:
    """The results as a markdown table."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + " --- |" * len(COLUMNS)]
    lines += ["| " + " | ".join(row_cells(row)) + " |" for row in rows]
    return "\n".join(lines)


def rss_lines(rss: dict[str, list[tuple[int, int]]]) -> list[str]:
    """Worker RSS per server, in MB, with the target."""
    lines = []
    for name, workers in rss.items():
        sizes = ", ".join(f"{kb / 1024:.0f} MB (pid {pid})" for pid, kb in workers) or "none"
        over = [kb for _pid, kb in workers if kb / 1024 >= MAX_WORKER_RSS_MB]
        verdict = "" if name == "hello" else ("  NO" if over else "  ok")
        lines.append(f"{name}: {sizes}{verdict}")
    return lines


def noise_description(hello_rps: list[float]) -> str:
    """How much the hello-world moved over the run: the machine's noise."""
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    median = statistics.median(hello_rps)
    return (
        f"hello-world rps over all {len(hello_rps)} runs: median {median:.0f},"
        f" range {min(hello_rps):.0f}-{max(hello_rps):.0f}; load average at the end {load}"
    )


def git_description(portal_dir: Path) -> str:
    """Short commit of the checkout, with "+ uncommitted changes" when it is dirty."""
    git = shutil.which("git")
    if git is None:
        return "unknown commit"
    head = run([git, "-C", portal_dir, "rev-parse", "--short", "HEAD"], capture=True, check=False)
    if head.returncode != 0:
        return "unknown commit"
    dirty = run([git, "-C", portal_dir, "status", "--porcelain"], capture=True).stdout.strip()
    return head.stdout.strip() + (" + uncommitted changes" if dirty else "")


def machine_description(args, database_url: str) -> str:
    """CPUs, Python, PostgreSQL and wrk versions, load average."""
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    python = run(
        [args.python, "-c", "import platform; print(platform.python_version())"], capture=True
    )
    pg = run([tool("psql"), database_url, "-tAc", "SHOW server_version"], capture=True, check=False)
    wrk = run([tool("wrk"), "--version"], capture=True, check=False)
    wrk_version = (wrk.stdout or wrk.stderr).split()[1] if (wrk.stdout or wrk.stderr) else "?"
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}, "
        f"Python {python.stdout.strip()}, PostgreSQL {pg.stdout.strip().split(' ')[0] or '?'}, "
        f"wrk {wrk_version}, load average at start {load}"
    )


def markdown_section(context: dict, rows: list[Row], rss: dict) -> str:
    """A section for docs/performance.md: date, commit, machine, options, tables."""
    args = context["args"]
    pages = ", ".join(f"{page} `{path}`" for page, path in context["pages"].items())
    rss_text = "\n".join(f"- {line}" for line in rss_lines(rss))
    search = "\n".join(context["search"])
    where = "this checkout" if args.portal_dir == REPO else "a separate checkout (`--portal-dir`)"
    return f"""
### {context["date"]}, commit {context["commit"]}

- Portal: {context["commit"]}, {where}
- Machine: {context["machine"]}
- Options: gunicorn {args.workers} sync workers; `{context["wrk"]}`; rounds per page:
  {args.rounds} of {args.duration} s, hello-world and portal alternating, after {args.warmup} s
  of warm-up; modes {", ".join(args.mode_list)}
- Database: {context["database"]}, {context["entries"]} listed entries
- Shared cache: {context["cache"]}
- Pages: {pages}
- Noise: {context["noise"]}

{markdown_table(rows)}

{search}

Worker RSS after the run (target < {MAX_WORKER_RSS_MB} MB):

{rss_text}
"""


# --- the run -----------------------------------------------------------------------------------


def benchmark(args, tmp: str, stack: contextlib.ExitStack) -> None:
    """Prepare, start the servers, check and measure every page, report."""
    wrk = ensure_wrk()
    if not args.python.exists():
        raise BenchError(f"no Python at {args.python} (run make install, or pass --python)")
    env = portal_env(tmp, "")
    if args.redis_url != "none":
        flush_redis(args.redis_url)
        env["REDIS_URL"] = args.redis_url
    database_url = prepare_database(args, env)
    print("collectstatic ...", flush=True)
    manage(args, env, "collectstatic", "--noinput", "-v", "0")
    found = discover_pages(args, env)
    if found["debug"]:
        raise BenchError("the portal runs with DEBUG on: unset DJANGO_DEBUG")
    names = select_pages(args, found)
    pages = {name: found["pages"][name] for name in names}
    timings = None if args.check_only else engine_timings(args, env, found, names)
    date = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %z")
    context = {
        "args": args,
        "date": date,
        "commit": git_description(args.portal_dir),
        "machine": machine_description(args, database_url),
        "database": database_url.rsplit("/", 1)[-1],
        "entries": found["entries"],
        "pages": pages,
        "search": engine_lines(timings, found.get("search_index", {})),
        "wrk": " ".join(wrk_command("wrk", args, "URL", args.duration)[:5]),
        "cache": "none (local memory in each worker)"
        if args.redis_url == "none"
        else f"Redis, `{args.redis_url}`",
    }

    hello_env = {
        **env,
        "DJANGO_SETTINGS_MODULE": "bench_hello.settings",
        "PYTHONPATH": str(SCRIPTS_DIR),
    }
    hello = start_server("hello", HELLO_APP, SCRIPTS_DIR, hello_env, args, tmp)
    stack.callback(stop_server, hello)
    servers = {}
    for mode in args.mode_list:
        mode_env = {**env, "PORTAL_PAGE_CACHE": MODES[mode]}
        servers[mode] = start_server(mode, PORTAL_APP, args.portal_dir, mode_env, args, tmp)
        stack.callback(stop_server, servers[mode])
    for server in [hello, *servers.values()]:
        wait_ready(server)
    print("Checking every page answers 200:", flush=True)
    uncacheable = check_pages(servers, hello, pages)
    if args.check_only:
        return

    per_run = args.rounds * (1 + len(servers)) * args.duration + len(servers) * args.warmup
    minutes = math.ceil(per_run * len(pages) / 60)
    print(f"Measuring {len(pages)} pages, about {minutes} min", flush=True)
    run_wrk(wrk, args, f"{hello.base_url}/", max(args.warmup, 1))
    rows, hello_rps = [], []
    for page, path in pages.items():
        runs = measure_page(wrk, args, page, path, hello, servers)
        for mode, pairs in runs.items():
            rows.append(summarise(page, mode, pairs, page_target(page, mode, uncacheable)))
        hello_rps += [hello_run["rps"] for _portal, hello_run in next(iter(runs.values()))]
    context["noise"] = noise_description(hello_rps)
    rss = {name: worker_rss(server) for name, server in [*servers.items(), ("hello", hello)]}
    report(args, context, rows, rss)


def report(args, context, rows, rss) -> None:
    """Print the results and append them to ``--markdown FILE``."""
    print()
    print(f"{context['date']}, commit {context['commit']}, {context['database']}")
    print(plain_table(rows))
    print(context["noise"])
    print()
    print("\n".join(context["search"]))
    print("\nWorker RSS after the run:")
    for line in rss_lines(rss):
        print(f"  {line}")
    bad = [row for row in rows if row.non2xx or row.socket_errors]
    if bad:
        print("\nWARNING: errors during the runs of " + ", ".join(r.page for r in bad))
    if args.markdown:
        with args.markdown.open("a", encoding="utf-8") as out:
            out.write(markdown_section(context, rows, rss))
        print(f"\nAppended to {args.markdown}")


def main(argv=None) -> int:
    """Entry point: the benchmark, or (``--discover``) the URL discovery subprocess."""
    args = parse_args(argv)
    if args.discover:
        print(json.dumps(discovered(), ensure_ascii=False))
        return 0
    if args.time_search:
        print(json.dumps(time_search(), ensure_ascii=False))
        return 0
    args.portal_dir = args.portal_dir.resolve()
    if not (args.portal_dir / "manage.py").exists():
        raise SystemExit(f"bench: error: no manage.py in {args.portal_dir}")
    # Ctrl-C, kill and a closed terminal all end in the clean-up below; SIGINT even
    # when a shell started us in the background (which ignores it), SIGHUP not under nohup.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    if signal.getsignal(signal.SIGHUP) is not signal.SIG_IGN:
        signal.signal(signal.SIGHUP, _interrupt)
    try:
        with (
            tempfile.TemporaryDirectory(prefix="portal-bench-") as tmp,
            contextlib.ExitStack() as stack,
        ):
            benchmark(args, tmp, stack)
    except BenchError as error:
        print(f"bench: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("bench: interrupted; servers stopped", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())

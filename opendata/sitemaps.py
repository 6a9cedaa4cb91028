"""The sitemaps (sitemaps.org protocol 0.9) and robots.txt.

``/sitemap.xml`` is an index of one sitemap per kind of page (``SITEMAPS``), each
in pages of at most ``Sitemap.limit`` (50,000) addresses. At a million catalogue
entries nothing here counts the entries or reads past the page asked for:

- a page of a model's sitemap is a block of primary keys (``BlockPaginator``):
  page ``p`` holds the listed rows with ``(p - 1) * limit < pk <= p * limit``,
  one range of the primary key's index, so the last page costs what the first
  does (no OFFSET) and a row stays on its page for ever, whatever is published
  or withdrawn before it;
- the index lists the blocks that hold a listed row, kept per content version
  (``pagecache.versions.memoized``), so it is worked out again after a change,
  not on every request. The small sections give each page's latest lastmod
  from one grouped query; the catalogue's pages are found by one short read of
  the primary key's index per page, without a lastmod (it would take reading a
  million rows); the entries on them carry theirs.

A page is written out without the template engine (``urlset``): 50,000
addresses take some 0.2 s instead of three.

The addresses are absolute, in the request's scheme and host; a site that
redirects every request to https (``SECURE_SSL_REDIRECT``) says https whatever
the request came in by: the page cache does not key on the scheme, and a page
cached from a plain-http request must not hand http addresses to later visitors.
"""

import datetime
import functools
from xml.sax.saxutils import escape

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.contrib.sites.requests import RequestSite
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import F, Max, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import http_date
from django.views.decorators.gzip import gzip_page

from catalog.models import Agency, CatalogEntry, DecisionRecord, FeeItem, IndexCounter, PowerItem
from pagecache.versions import memoized
from reports.models import AnnualReport


def site_root(request) -> str:
    """``https://host``: the scheme and host every address in the sitemaps starts with."""
    scheme = "https" if settings.SECURE_SSL_REDIRECT else request.scheme
    return f"{scheme}://{RequestSite(request).domain}"


def url_maker(name: str, kwarg: str, sample):
    """``reverse(name, kwargs={kwarg: value})`` for 50,000 rows at the cost of one.

    ``reverse`` takes some 30 µs, a second and a half for a page of the sitemap.
    The address is reversed once with ``sample`` and split around it. Only for
    arguments that never need quoting in a URL (primary keys, index numbers).
    """
    before, after = reverse(name, kwargs={kwarg: sample}).split(str(sample))
    return lambda value: f"{before}{value}{after}"


class BlockPaginator:
    """Pages of a queryset by blocks of ``per_page`` primary keys (see the module's docstring).

    Enough of ``django.core.paginator.Paginator`` for a sitemap: ``page(number)``.
    An empty block or a number past the last one is an ``EmptyPage`` (a 404).
    """

    def __init__(self, queryset, per_page: int):
        self.queryset, self.per_page = queryset, per_page

    def validate_number(self, number) -> int:
        try:
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger(str(error)) from None
        if number < 1:
            raise EmptyPage(number)
        return number

    def page(self, number) -> Page:
        number = self.validate_number(number)
        first = (number - 1) * self.per_page
        rows = list(
            self.queryset.filter(pk__gt=first, pk__lte=first + self.per_page).order_by("pk")
        )
        if not rows:
            raise EmptyPage(number)
        return Page(rows, number, self)


class PortalSitemap(Sitemap):
    """A section of the sitemap: its addresses page by page, and the pages for the index."""

    def lastmod(self, item):
        return None

    def index_pages(self) -> list[tuple[int, datetime.datetime | None]]:
        """The pages the index lists: (number, latest lastmod on it, or None)."""
        paginator = Paginator(self.items(), self.limit)
        return [(number, None) for number in paginator.page_range] if paginator.count else []

    def page_urls(self, number) -> list[tuple[str, datetime.datetime | None]]:
        """(path, lastmod) of each address on page ``number``; ``EmptyPage`` if none."""
        page = self.paginator.page(number)
        if not page.object_list:  # a section with nothing in it: an empty urlset is invalid
            raise EmptyPage(number)
        return [(self.location(item), self.lastmod(item)) for item in page.object_list]


class BlockSitemap(PortalSitemap):
    """A model's listed rows, paged by blocks of primary keys.

    ``url_name``: the detail page, reversed with the pk (``url_maker``).
    ``index_lastmod``: whether the index gives each page's latest lastmod, read
    by one grouped query over every listed row. Without it, the index finds the
    pages by stepping from one block's first row to the next (one short read of
    the primary key's index per page), and gives no lastmod.
    """

    url_name = ""
    namespace = "catalog"  # the content version the index's pages are kept under
    fields: tuple[str, ...] = ("updated_at",)  # besides the pk: what location and lastmod read
    lastmod_fields: tuple[str, ...] = ("updated_at",)  # the first that is set is the lastmod
    index_lastmod = True

    def rows(self):
        raise NotImplementedError

    def items(self):
        """Named tuples of the pk and ``fields``: a model instance each would take a
        second for a page of 50,000."""
        return self.rows().values_list("pk", *self.fields, named=True)

    @functools.cached_property
    def _url(self):
        return url_maker(self.url_name, "pk", 987654321)

    def location(self, item):
        return self._url(item.pk)

    def lastmod(self, item):
        return next((value for name in self.lastmod_fields if (value := getattr(item, name))), None)

    @property
    def paginator(self):
        return BlockPaginator(self.items(), self.limit)

    def vary(self):
        """Anything besides the content version the listed rows depend on."""
        return None

    def index_pages(self):
        build = self._pages_with_lastmod if self.index_lastmod else self._pages
        name = f"sitemap-pages-{type(self).__name__}-{self.limit}"
        return memoized(self.namespace, name, build, vary=self.vary())

    def _pages_with_lastmod(self):
        fields = [F(name) for name in self.lastmod_fields]
        pages = (
            self.rows()
            .annotate(block=(F("pk") - 1) / Value(self.limit))
            .values("block")
            .annotate(last=Max(Coalesce(*fields) if len(fields) > 1 else fields[0]))
            .order_by("block")
        )
        return [(row["block"] + 1, row["last"]) for row in pages]

    def _pages(self):
        pages, after = [], 0
        keys = self.rows().order_by("pk").values_list("pk", flat=True)
        while (pk := keys.filter(pk__gt=after).first()) is not None:
            number = (pk - 1) // self.limit + 1
            pages.append((number, None))
            after = number * self.limit
        return pages


class EntrySitemap(BlockSitemap):
    """Catalogue entries: a million of them, so the index gives no lastmod (see above)."""

    fields = ("index_number", "updated_at", "published_at")
    lastmod_fields = ("updated_at", "published_at")
    index_lastmod = False

    def rows(self):
        return CatalogEntry.objects.listed()

    @functools.cached_property
    def _url(self):
        sample = IndexCounter.FORMAT.format(code="Z" * 9, year=0, sequence=0)
        return url_maker("catalog:entry_detail", "index_number", sample)

    def location(self, item):
        return self._url(item.index_number)


class PowerItemSitemap(BlockSitemap):
    url_name = "catalog:power_item_detail"

    def rows(self):
        return PowerItem.objects.listed()


class FeeItemSitemap(BlockSitemap):
    url_name = "catalog:fee_item_detail"

    def rows(self):
        return FeeItem.objects.listed()


class DecisionSitemap(BlockSitemap):
    """Decisions inside their publication period: the list changes at midnight."""

    url_name = "catalog:decision_detail"

    def rows(self):
        return DecisionRecord.objects.listed()

    def vary(self):
        return timezone.localdate()


class ReportSitemap(BlockSitemap):
    namespace = "reports"
    fields = ("year", "updated_at", "agency__slug")

    def rows(self):
        return AnnualReport.objects.published()

    def location(self, item):
        return reverse("reports:detail", kwargs={"slug": item.agency__slug, "year": item.year})


class AgencySitemap(PortalSitemap):
    """Each agency's page and its disclosure guide, where it has one. A few hundred at most."""

    def items(self):
        agencies = Agency.objects.select_related("guide").only("slug", "guide__updated_at")
        items = []
        for agency in agencies.order_by("pk"):
            items.append((agency.get_absolute_url(), None))
            guide = getattr(agency, "guide", None)
            if guide is not None:
                items.append((guide.get_absolute_url(), guide.updated_at))
        return items

    def location(self, item):
        return item[0]

    def lastmod(self, item):
        return item[1]


class StaticSitemap(PortalSitemap):
    """The main pages. Each gathers many records, so they give no lastmod."""

    def items(self):
        return [
            "catalog:home",
            "catalog:entry_list",
            "catalog:clearances",
            "requests_app:new",
            "reports:index",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": StaticSitemap,
    "entries": EntrySitemap,
    "powers": PowerItemSitemap,
    "fees": FeeItemSitemap,
    "decisions": DecisionSitemap,
    "agencies": AgencySitemap,
    "reports": ReportSitemap,
}


@x_robots_tag
def sitemap_index(request):
    """The index: every page of every section that has an address on it."""
    root, listed = site_root(request), []
    for section, sitemap_class in SITEMAPS.items():
        location = root + reverse("opendata:sitemap", kwargs={"section": section})
        for number, lastmod in sitemap_class().index_pages():
            listed.append(
                SitemapIndexItem(location + (f"?p={number}" if number > 1 else ""), lastmod)
            )
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": listed}, content_type="application/xml"
    )


def urlset(root: str, urls) -> str:
    """The sitemap of ``urls`` ((path, lastmod) pairs). Written here rather than by a
    template: the template engine takes two seconds for 50,000 addresses."""
    root = escape(root)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    lines.append('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    for location, lastmod in urls:
        when = f"<lastmod>{lastmod.isoformat(timespec='seconds')}</lastmod>" if lastmod else ""
        lines.append(f"<url><loc>{root}{escape(location)}</loc>{when}</url>")
    lines.append("</urlset>\n")
    return "\n".join(lines)


# A full page of catalogue addresses is about 6 MB of XML, beyond what the page
# cache keeps (and so compresses); compressed here it is a tenth of that.
@gzip_page
@x_robots_tag
def sitemap(request, section):
    """One page (``?p=``) of one section; 404 for a page with nothing on it."""
    if section not in SITEMAPS:
        raise Http404("No such sitemap.")
    try:
        urls = SITEMAPS[section]().page_urls(request.GET.get("p", 1))
    except (EmptyPage, PageNotAnInteger):
        raise Http404("No such page of the sitemap.") from None
    response = HttpResponse(urlset(site_root(request), urls), content_type="application/xml")
    lastmods = [lastmod for _location, lastmod in urls]
    if all(lastmods):
        response.headers["Last-Modified"] = http_date(max(lastmods).timestamp())
    return response


# Crawlers stay out of the staff pages, the applicant's own pages (the receipt,
# tracking and its documents) and the switches; the application form is public.
ROBOTS_DISALLOW = ("/admin/", "/requests/receipt/", "/requests/track/", "/i18n/", "/preferences/")


def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {prefix}" for prefix in ROBOTS_DISALLOW), "Allow: /"]
    lines += ["", f"Sitemap: {site_root(request)}{reverse('opendata:sitemap_index')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


sitemap_urls = [
    path("sitemap.xml", sitemap_index, name="sitemap_index"),
    path("sitemap-<slug:section>.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
]

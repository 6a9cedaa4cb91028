"""The open-data page (开放数据): every feed, the API and the exports, with their terms."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from catalog import feeds, reference
from catalog.models import ClearanceArea, Genre

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Where the terms of reuse live; a bureau may name its own.
DEFAULTS = {
    "LICENCE_NAME": "知识共享署名 4.0 国际许可协议（CC BY 4.0）",
    "LICENCE_URL": "https://creativecommons.org/licenses/by/4.0/deed.zh-hans",
}


def terms() -> dict:
    return {**DEFAULTS, **getattr(settings, "OPEN_DATA", {})}


def _exports(name):
    return {fmt: reverse(f"catalog:{name}", kwargs={"file_format": fmt}) for fmt in ("csv", "xlsx")}


def catalogue(request) -> list[dict]:
    """The data sets of the page, as rows of its tables and as schema.org ``Dataset``s."""
    return [
        {
            "title": _("Government information catalogue"),
            "page": reverse("catalog:entry_list"),
            "feeds": feeds.link_for("entries"),
            "exports": _exports("entry_export"),
            "api": "/api/v1/entries",
        },
        {
            "title": _("Power items"),
            "page": reverse("catalog:power_item_list"),
            "feeds": None,
            "exports": _exports("power_item_export"),
            "api": "/api/v1/power-items",
        },
        {
            "title": _("Fee items"),
            "page": reverse("catalog:fee_item_list"),
            "feeds": None,
            "exports": _exports("fee_item_export"),
            "api": "/api/v1/fee-items",
        },
        {
            "title": _("Published decisions"),
            "page": reverse("catalog:decision_list"),
            "feeds": feeds.link_for("decisions"),
            "exports": _exports("decision_export"),
            "api": "/api/v1/decisions",
        },
    ]


def structured(request, datasets, licence) -> dict:
    absolute = request.build_absolute_uri
    return {
        "@context": "https://schema.org",
        "@type": "DataCatalog",
        "name": settings.PORTAL["SITE_NAME"],
        "url": absolute(reverse("opendata:index")),
        "inLanguage": "zh-CN",
        "license": licence,
        "dataset": [
            {
                "@type": "Dataset",
                "name": data["title"],
                "url": absolute(data["page"]),
                "license": licence,
                "isAccessibleForFree": True,
                "distribution": [
                    {
                        "@type": "DataDownload",
                        "encodingFormat": "text/csv",
                        "contentUrl": absolute(data["exports"]["csv"]),
                    },
                    {
                        "@type": "DataDownload",
                        "encodingFormat": XLSX,
                        "contentUrl": absolute(data["exports"]["xlsx"]),
                    },
                    {
                        "@type": "DataDownload",
                        "encodingFormat": "application/json",
                        "contentUrl": absolute(data["api"]),
                    },
                ],
            }
            for data in datasets
        ],
    }


def index(request):
    datasets = catalogue(request)
    licence = terms()
    return render(
        request,
        "opendata/index.html",
        {
            "datasets": datasets,
            "licence": licence,
            "agency_feeds": [
                (agency, feeds.link_for("agency", agency)) for agency in reference.agencies()
            ],
            "topic_feeds": [
                (topic, feeds.link_for("topic", topic)) for topic in reference.topics()
            ],
            "genre_feeds": [
                (label, feeds.link_for("genre", value)) for value, label in Genre.choices
            ],
            "clearance_feeds": [
                (label, feeds.link_for("clearance", value))
                for value, label in ClearanceArea.choices
            ],
            "structured_data": structured(request, datasets, licence["LICENCE_URL"]),
            "breadcrumbs": [(_("Home"), reverse("catalog:home")), (_("Open data"), None)],
        },
    )

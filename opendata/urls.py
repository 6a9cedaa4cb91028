"""Machine readers' addresses; each module adds its own patterns here."""

from django.urls import path, re_path

from opendata import views
from opendata.api import api, unknown_address
from opendata.sitemaps import sitemap_urls

app_name = "opendata"

urlpatterns = [
    path("open-data/", views.index, name="index"),
    # The open-data API (ADR 0013); an address under it that names nothing is a
    # problem+json 404 too.
    path("api/v1/", api.urls),
    re_path(r"^api/v1/", unknown_address),
]

urlpatterns += sitemap_urls

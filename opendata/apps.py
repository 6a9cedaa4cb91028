from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    """Machine readers: sitemaps, robots.txt, the read-only JSON API, the open-data page.

    At the top of the apps: it reads catalog, requests_app (aggregate figures
    only, through reports) and reports; nothing imports it.
    """

    name = "opendata"
    verbose_name = _("Open data")

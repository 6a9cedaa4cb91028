from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsAppConfig(AppConfig):
    name = "requests_app"
    verbose_name = _("Disclosure on request")

    def ready(self):
        from pagecache.versions import watch_app
        from requests_app import signals  # noqa: F401 - connects the calendar receivers

        # Requests reach public pages only as figures (scoreboard, statistics, reports).
        watch_app(self, "requests")

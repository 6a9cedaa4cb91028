from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Annual reports")

    def ready(self):
        from catalog.search import register
        from pagecache.versions import watch_app
        from reports.search import SOURCE

        watch_app(self, "reports")
        # Published reports are found by the site search.
        register(SOURCE)

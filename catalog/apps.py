from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = _("Disclosure catalogue")

    def ready(self):
        from django.db.models.signals import post_migrate

        from catalog.summaries import sync
        from pagecache.versions import watch_app

        # The summary tables' triggers and time zone, after every migrate.
        post_migrate.connect(sync, sender=self, dispatch_uid="catalog.summaries")

        # Everything the public pages show; the review trail, the numbering
        # counters and staff memberships are never shown.
        watch_app(self, "catalog", exclude=["ReviewEvent", "IndexCounter", "StaffMembership"])

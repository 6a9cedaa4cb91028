from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = _("Disclosure catalogue")

    def ready(self):
        from django.db.models.signals import post_migrate

        from catalog.search import index as search_index
        from catalog.search import schema as search_schema
        from catalog.summaries import sync
        from pagecache.versions import watch_app

        # The summary tables' triggers and time zone, after every migrate.
        post_migrate.connect(sync, sender=self, dispatch_uid="catalog.summaries")
        # The search index's full-text columns or table and their triggers, likewise;
        # documents follow every write of the records they show.
        post_migrate.connect(search_schema.sync, sender=self, dispatch_uid="catalog.search")
        search_index.connect_signals()

        # Everything the public pages show; the review trail, the numbering
        # counters and staff memberships are never shown.
        watch_app(
            self,
            "catalog",
            exclude=["ReviewEvent", "IndexCounter", "StaffMembership", "SearchDocument"],
        )

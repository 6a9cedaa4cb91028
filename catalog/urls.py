from django.urls import path, re_path

from catalog.models import IndexCounter
from catalog.views import entries, pages, sections

app_name = "catalog"

INDEX = rf"(?P<index_number>{IndexCounter.PATTERN})"

urlpatterns = [
    path("", pages.home, name="home"),
    path("preferences/display/", pages.display_preferences, name="display_preferences"),
    path("agencies/", pages.agency_list, name="agency_list"),
    path("agencies/<slug:slug>/", pages.agency_detail, name="agency_detail"),
    path("agencies/<slug:slug>/guide/", pages.agency_guide, name="agency_guide"),
    path("catalog/", entries.entry_list, name="entry_list"),
    path("clearances/", sections.clearances, name="clearances"),
    path("reports/", sections.reports, name="reports"),
    re_path(rf"^catalog/{INDEX}/$", entries.entry_detail, name="entry_detail"),
    re_path(
        rf"^catalog/{INDEX}/attachments/(?P<pk>\d+)/$",
        entries.attachment_download,
        name="attachment_download",
    ),
]

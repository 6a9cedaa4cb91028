from django.urls import include, path, re_path

from catalog.models import IndexCounter
from catalog.views import clearances, decisions, entries, exports, pages, powers, search

app_name = "catalog"

INDEX = rf"(?P<index_number>{IndexCounter.PATTERN})"

urlpatterns = [
    path("", pages.home, name="home"),
    path("preferences/display/", pages.display_preferences, name="display_preferences"),
    path("search/", search.search, name="search"),
    path("agencies/", pages.agency_list, name="agency_list"),
    path("agencies/<slug:slug>/", pages.agency_detail, name="agency_detail"),
    path("agencies/<slug:slug>/guide/", pages.agency_guide, name="agency_guide"),
    path("catalog/", entries.entry_list, name="entry_list"),
    re_path(rf"^catalog/{INDEX}/$", entries.entry_detail, name="entry_detail"),
    re_path(
        rf"^catalog/{INDEX}/attachments/(?P<pk>\d+)/$",
        entries.attachment_download,
        name="attachment_download",
    ),
    # The four clearances (四清理四公开).
    path("clearances/", clearances.overview, name="clearances"),
    path(
        "clearances/agencies/<slug:slug>/",
        clearances.agency_overview,
        name="clearances_agency",
    ),
    path("clearances/powers/", powers.power_item_list, name="power_item_list"),
    path(
        "clearances/enforcement/",
        powers.power_item_list,
        {"area": "enforcement"},
        name="enforcement_list",
    ),
    path(
        "clearances/approvals/",
        powers.power_item_list,
        {"area": "approval"},
        name="approval_list",
    ),
    path("clearances/powers/<int:pk>/", powers.power_item_detail, name="power_item_detail"),
    path("clearances/fees/", powers.fee_item_list, name="fee_item_list"),
    path("clearances/fees/<int:pk>/", powers.fee_item_detail, name="fee_item_detail"),
    path("clearances/decisions/", decisions.decision_list, name="decision_list"),
    path("clearances/decisions/<int:pk>/", decisions.decision_detail, name="decision_detail"),
    path("feeds/", include("catalog.feed_urls")),
    # CSV and Excel downloads of the lists above (catalog.views.exports).
    *exports.urlpatterns,
]

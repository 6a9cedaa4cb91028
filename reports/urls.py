from django.urls import path, register_converter

from reports import scoreboard_views, views


class ExportFormatConverter:
    """The file types the tables export to: ``xlsx`` or ``csv``."""

    regex = "xlsx|csv"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ExportFormatConverter, "export_format")

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("scoreboard/", scoreboard_views.scoreboard, name="scoreboard"),
    path("statistics/", scoreboard_views.statistics, name="statistics"),
    path("<slug:slug>/<int:year>/", views.detail, name="detail"),
    path("<slug:slug>/<int:year>/export.<export_format:fmt>", views.export, name="export"),
    path("<slug:slug>/<int:year>/summary/", views.combined, name="combined"),
    path(
        "<slug:slug>/<int:year>/summary/export.<export_format:fmt>",
        views.combined_export,
        name="combined_export",
    ),
]

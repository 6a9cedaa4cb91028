from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Government information disclosure: staff")
admin.site.site_title = _("Disclosure portal staff")
admin.site.index_title = _("Work")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("requests/", include("requests_app.urls")),
    path("reports/", include("reports.urls")),
    path("", include("catalog.urls")),
]

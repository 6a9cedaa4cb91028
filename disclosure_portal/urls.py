from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

admin.site.site_header = _("Government information disclosure: staff")
admin.site.site_title = _("Disclosure portal staff")
admin.site.index_title = _("Work")

urlpatterns = [
    path("admin/", admin.site.urls),
    # The language switch in every page's header posts without a CSRF token, so
    # that public pages carry no token and no CSRF cookie and can be cached and
    # shared. Forging it can only change a visitor's language (ADR 0009).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("requests/", include("requests_app.urls")),
    path("reports/", include("reports.urls")),
    path("", include("opendata.urls")),
    path("", include("catalog.urls")),
]

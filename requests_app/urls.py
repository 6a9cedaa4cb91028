from django.urls import path

from requests_app import views

app_name = "requests_app"

urlpatterns = [
    path("new/", views.new_request, name="new"),
    path("receipt/", views.receipt, name="receipt"),
    path("track/", views.track, name="track"),
    path("track/documents/<int:pk>/", views.track_document, name="track_document"),
]

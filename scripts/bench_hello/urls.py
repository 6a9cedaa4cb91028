"""One page: a short HTML hello."""

from django.http import HttpResponse
from django.urls import path

PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hello</title>'
    "</head><body><p>Hello, world.</p></body></html>"
)


def hello(request):
    return HttpResponse(PAGE)


urlpatterns = [path("", hello)]

"""Placeholder: published decisions (being written)."""

from django.http import Http404


def decision_list(request):
    raise Http404


def decision_detail(request, pk):
    raise Http404

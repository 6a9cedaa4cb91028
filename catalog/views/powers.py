"""Placeholder: the power catalogue and fee pages (being written)."""

from django.http import Http404


def power_item_list(request, area=None):
    raise Http404


def power_item_detail(request, pk):
    raise Http404


def fee_item_list(request):
    raise Http404


def fee_item_detail(request, pk):
    raise Http404

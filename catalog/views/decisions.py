"""Published decisions (结果公示): the list with facets, and a decision.

Every lookup of a shown decision starts from ``DecisionRecord.objects.listed()``
(published and still in its publication period). A draft or a decision in
review answers 404 like an id that was never given out; a withdrawn decision
answers 410 with its number only; a decision whose publication period has
ended answers 410 saying on which day it left public display, without its
party, facts or content. A natural person's name and identity number are
shown only through the masked properties (``public_party_name`` and
``public_party_code``), never in full, in a title or in a URL.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from catalog import statutes
from catalog.decision_filters import DecisionFilter
from catalog.models import DecisionRecord, ReviewStatus

# The fields the 410 page may read: nothing about the party, the facts or the decision.
GONE_FIELDS = ("pk", "number", "kind", "minor", "decided_on", "status")


def decision_crumbs(*tail):
    return [
        (_("Home"), reverse("catalog:home")),
        (_("Four clearances"), reverse("catalog:clearances")),
        (_("Published decisions"), reverse("catalog:decision_list") if tail else None),
        *tail,
    ]


def decision_list(request):
    listed = DecisionRecord.objects.listed().with_list_data()
    filterset = DecisionFilter(request.GET or None, queryset=listed, request=request)
    page_obj = Paginator(filterset.qs, settings.CATALOG_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "catalog/clearances/decision_list.html",
        {
            "filterset": filterset,
            "form": filterset.form,
            "active_filters": filterset.active_filters(),
            "power": filterset.selected_power(),
            "page_obj": page_obj,
            "breadcrumbs": decision_crumbs(),
        },
    )


def decision_detail(request, pk):
    decision = (
        DecisionRecord.objects.listed()
        .select_related("agency", "power_item__agency")
        .filter(pk=pk)
        .first()
    )
    if decision is None:
        return _decision_gone(request, pk)
    return render(
        request,
        "catalog/clearances/decision_detail.html",
        {
            "decision": decision,
            "remedy": {
                "reconsideration_days": statutes.RECONSIDERATION_DAYS,
                "litigation_months": statutes.LITIGATION_MONTHS,
            },
            "breadcrumbs": decision_crumbs((decision.number, None)),
        },
    )


def _decision_gone(request, pk):
    """410 for a withdrawn decision or one past its publication period; 404 otherwise."""
    gone = DecisionRecord.objects.only(*GONE_FIELDS).filter(pk=pk).first()
    if gone is None or gone.status not in (ReviewStatus.PUBLISHED, ReviewStatus.WITHDRAWN):
        raise Http404(_("There is no such published decision."))
    return render(
        request,
        "catalog/clearances/decision_gone.html",
        {
            "decision": gone,
            "withdrawn": gone.status == ReviewStatus.WITHDRAWN,
            "breadcrumbs": decision_crumbs((gone.number, None)),
        },
        status=410,
    )

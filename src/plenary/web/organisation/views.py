"""The organisation's pages, for logged-in members: the tree, units, affiliates, bodies."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from plenary.web.organisation import selectors
from plenary.web.organisation.models import Affiliate, AffiliateType, Body, Unit


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    national, regions = selectors.organisation_tree()
    return render(
        request,
        "organisation/tree.html",
        {
            "nav": "organisation",
            "national": national,
            "regions": regions,
            "national_bodies": selectors.bodies_with_seats(
                Body.objects.filter(unit__kind=Unit.Kind.NATIONAL)
            ),
        },
    )


@login_required
def unit(request: HttpRequest, slug: str) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.select_related("parent__parent"), slug=slug)
    context: dict[str, object] = {
        "nav": "organisation",
        "unit": unit,
        "children": selectors.units_with_active_counts().filter(parent=unit).order_by("name"),
        "bodies": selectors.bodies_with_seats(unit.bodies.all()),
        "affiliates": selectors.affiliate_rows(unit.affiliates.all()),
    }
    if unit.kind == Unit.Kind.BRANCH:
        context["active_members"], context["delegates"] = selectors.branch_delegates(unit)
    return render(request, "organisation/unit.html", context)


@login_required
def affiliates(request: HttpRequest) -> HttpResponse:
    wanted = request.GET.get("type", "")
    queryset = Affiliate.objects.all()
    if wanted in AffiliateType.values:
        queryset = queryset.filter(affiliate_type=wanted)
    return render(
        request,
        "organisation/affiliates.html",
        {
            "nav": "organisation",
            "rows": selectors.affiliate_rows(queryset),
            "types": AffiliateType.choices,
            "wanted": wanted,
        },
    )


@login_required
def affiliate(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.affiliate_rows(Affiliate.objects.filter(pk=pk))
    if not row:
        raise Http404("No such affiliate")
    return render(
        request,
        "organisation/affiliate.html",
        {
            "nav": "organisation",
            "row": row[0],
            "sub_affiliates": selectors.affiliate_rows(row[0].affiliate.sub_affiliates.all()),
        },
    )


@login_required
def body(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_object_or_404(selectors.bodies_with_seats(), slug=slug)
    return render(request, "organisation/body.html", {"nav": "organisation", "body": body})

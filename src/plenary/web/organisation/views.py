"""The organisation's pages, for logged-in members: the tree, units, affiliates, bodies."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from plenary.web.audit.log import request_actor
from plenary.web.core.actions import show_errors
from plenary.web.core.permissions import (
    login_required,
    object_permission_required,
    permission_required,
    require,
)
from plenary.web.organisation import selectors, services
from plenary.web.organisation.forms import AffiliateForm, SeatAddForm, SeatEndForm
from plenary.web.organisation.models import Affiliate, AffiliateType, Body, BodySeat, Unit


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
        # Names only: the unit page shows no fees or delegates, so none are worked out.
        "affiliates": unit.affiliates.all(),
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


SEATS_REFUSED = "Only the body's secretary or the site admin can change its seats."


@login_required
def body(request: HttpRequest, slug: str) -> HttpResponse:
    """Every member may see a body and its seats; those who manage it may also add seats."""
    body = get_object_or_404(selectors.bodies_with_seats(), slug=slug)
    can_manage = request.user.has_perm("organisation.manage_seats", body)
    form = SeatAddForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        require(request.user, "organisation.manage_seats", body, message=SEATS_REFUSED)
    if form is not None and form.is_valid():
        try:
            seat = services.body_seat_add(
                actor=request.user,
                body=body,
                member=form.cleaned_data["membership_number"],
                office=form.cleaned_data["office"],
                co_opted=form.cleaned_data["co_opted"],
                starts_on=form.cleaned_data["starts_on"],
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{seat.member.name} now has a seat on {body.name}.")
            return redirect(body)
    return render(
        request,
        "organisation/body.html",
        {"nav": "organisation", "body": body, "form": form},
    )


@object_permission_required("organisation.manage_seats")
@require_POST
def seat_end(request: HttpRequest, slug: str, seat_id: int) -> HttpResponse:
    seat = get_object_or_404(
        BodySeat.objects.select_related("body__unit", "member"), pk=seat_id, body__slug=slug
    )
    require(request.user, "organisation.manage_seats", seat.body, message=SEATS_REFUSED)
    form = SeatEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the date the term ends.")
        return redirect(seat.body)
    try:
        services.body_seat_end(actor=request.user, seat=seat, ends_on=form.cleaned_data["ends_on"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"{seat.member.name}'s term on {seat.body.name} ends on {seat.ends_on}."
        )
    return redirect(seat.body)


@permission_required(
    "organisation.manage_affiliates",
    "Only the national secretary, membership secretary or treasurer can do this.",
)
def affiliate_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    instance = get_object_or_404(Affiliate, pk=pk) if pk else None
    form = AffiliateForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        affiliate = services.affiliate_save(
            affiliate=form.save(commit=False), actor=request_actor(request)
        )
        messages.success(request, f"{affiliate.name} is saved.")
        return redirect(affiliate)
    return render(
        request,
        "organisation/affiliate_form.html",
        {"nav": "organisation", "form": form, "affiliate": instance},
    )

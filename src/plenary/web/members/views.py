"""The membership roll, for the officers who keep it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from plenary.web.core.pagination import paginate
from plenary.web.members import selectors
from plenary.web.members.models import Member
from plenary.web.organisation import roles

PAGE_SIZE = 50


@login_required
def member_list(request: HttpRequest) -> HttpResponse:
    branches = roles.roll_branches(request.user).order_by("name")
    if not branches.exists():
        raise PermissionDenied("Only officers who keep a membership roll can see it.")
    filters = {
        "text": request.GET.get("q", "").strip(),
        "branch_slug": request.GET.get("branch", ""),
        "status": request.GET.get("status", ""),
    }
    members = selectors.search_members(request.user, **filters)
    return render(
        request,
        "members/list.html",
        {
            "nav": "members",
            "branches": branches,
            "statuses": Member.Status.choices,
            "filters": filters,
            **paginate(request, members, PAGE_SIZE),
            "keeps_national_roll": roles.keeps_national_roll(request.user),
        },
    )


@login_required
def member_detail(request: HttpRequest, number: str) -> HttpResponse:
    member = get_object_or_404(
        Member.objects.select_related("branch__parent"), membership_number=number
    )
    is_self = member.user_id == request.user.pk
    if not is_self and not roles.can_see_roll_of(request.user, member.branch):
        raise PermissionDenied("Only the member and the officers who keep their roll can see this.")
    seats = member.body_seats.current().select_related("body")
    return render(
        request,
        "members/detail.html",
        {"nav": "members", "member": member, "seats": seats, "is_self": is_self},
    )

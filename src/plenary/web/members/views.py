"""The membership roll, for the officers who keep it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from plenary.web.core.pagination import paginate
from plenary.web.core.permissions import object_permission_required, permission_required, require
from plenary.web.members import selectors
from plenary.web.members.models import Member
from plenary.web.members.permissions import roll_branches

PAGE_SIZE = 50


@permission_required("members.see_roll", "Only officers who keep a membership roll can see it.")
def member_list(request: HttpRequest) -> HttpResponse:
    branches = roll_branches(request.user).order_by("name")
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
        },
    )


@object_permission_required("members.see_member")
def member_detail(request: HttpRequest, number: str) -> HttpResponse:
    member = get_object_or_404(
        Member.objects.select_related("branch__parent"), membership_number=number
    )
    require(
        request.user,
        "members.see_member",
        member,
        message="Only the member and the officers who keep their roll can see this.",
    )
    is_self = member.user_id == request.user.pk
    seats = member.body_seats.current().select_related("body")
    return render(
        request,
        "members/detail.html",
        {"nav": "members", "member": member, "seats": seats, "is_self": is_self},
    )

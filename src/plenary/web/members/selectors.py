"""Reads of the membership roll, always limited to what the reader may see."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from plenary.web.members.models import Member
from plenary.web.members.permissions import roll_branches
from plenary.web.organisation.roles import AnyUser


def visible_members(user: AnyUser) -> QuerySet[Member]:
    return Member.objects.filter(branch__in=roll_branches(user)).select_related("branch")


def search_members(
    user: AnyUser, *, text: str = "", branch_slug: str = "", status: str = ""
) -> QuerySet[Member]:
    members = visible_members(user)
    if text:
        members = members.filter(
            Q(name__icontains=text) | Q(membership_number__iexact=text) | Q(email__iexact=text)
        )
    if branch_slug:
        members = members.filter(branch__slug=branch_slug)
    if status in Member.Status.values:
        members = members.filter(status=status)
    return members.order_by("name", "membership_number")

"""A member's standing: one answer to "may this member do this?", the same in Python for one
member and as a queryset filter for many."""

from __future__ import annotations

from datetime import date

import pytest
from django.db.models import Q

from plenary.web.members import standing
from plenary.web.members.models import Member
from plenary.web.members.standing import Restriction, Right, Withheld
from plenary.web.organisation.models import Unit
from tests.web import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def members() -> list[Member]:
    branch = f.make_unit("Northtown", Unit.Kind.BRANCH)
    return [
        f.make_member(f"{status.label} member", branch, status=status) for status in Member.Status
    ]


def test_an_active_member_holds_every_right(members):
    active = next(m for m in members if m.status == Member.Status.ACTIVE)
    assert standing.standing_of(active).in_good_standing
    assert all(standing.may(active, right) for right in Right)


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (Member.Status.LAPSED, "the membership has lapsed"),
        (Member.Status.SUSPENDED, "the membership is suspended"),
        (Member.Status.EXPELLED, "the member has been expelled"),
    ],
)
def test_a_member_not_active_holds_no_right_and_is_told_why(members, status, reason):
    member = next(m for m in members if m.status == status)
    found = standing.standing_of(member, date(2026, 12, 4))
    assert not found.in_good_standing
    for right in Right:
        assert found.why_not(right) == Withheld(right, reason, None)


@pytest.mark.parametrize("right", list(Right))
def test_the_python_answer_and_the_queryset_agree(members, right):
    by_query = set(standing.members_with(right).values_list("pk", flat=True))
    by_python = {m.pk for m in members if standing.may(m, right)}
    assert by_query == by_python


def test_counts_of_members_and_sign_up_ask_whether_the_membership_is_current(members):
    current = {m.pk for m in members if standing.is_current_member(m)}
    assert set(standing.current_members().values_list("pk", flat=True)) == current
    assert len(current) == 1


def test_a_capability_can_withhold_one_right_until_a_date(members):
    """How casework's sanctions will feed standing: a restriction answers both forms."""
    active = next(m for m in members if m.status == Member.Status.ACTIVE)
    barred = {active.pk}
    until = date(2027, 3, 1)

    def withheld(member: Member, on: date) -> list[Withheld]:
        if member.pk in barred and on < until:
            return [
                Withheld(Right.HOLD_OFFICE, "barred from office by a complaint's outcome", until)
            ]
        return []

    def allowed(right: Right, on: date, prefix: str) -> Q:
        if right != Right.HOLD_OFFICE or on >= until:
            return Q()
        return ~Q(**{f"{prefix}__pk__in" if prefix else "pk__in": barred})

    restriction = Restriction("test-sanction", withheld, allowed)
    standing.add_restriction(restriction)
    try:
        today = date(2026, 12, 4)
        found = standing.standing_of(active, today)
        assert found.may(Right.VOTE)
        assert found.why_not(Right.HOLD_OFFICE).until == until
        assert not standing.members_with(Right.HOLD_OFFICE, today).filter(pk=active.pk).exists()
        assert standing.members_with(Right.VOTE, today).filter(pk=active.pk).exists()
        assert standing.may(active, Right.HOLD_OFFICE, until)
    finally:
        standing._restrictions.remove(restriction)

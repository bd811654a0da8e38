"""The members app's answers to what the organisation asks of the roll (organisation/roll.py)."""

from __future__ import annotations

from datetime import date

from django.db.models import Model

from plenary.web.members import standing
from plenary.web.members.models import Member
from plenary.web.organisation.roll import Roll


def member_by_number(number: str) -> Member | None:
    return Member.objects.filter(membership_number=number).first()


def seat_refusal(member: Model, on: date) -> str | None:
    assert isinstance(member, Member)
    if not standing.is_current_member(member):
        return f"{member.name} is not an active member."
    withheld = standing.standing_of(member, on).why_not(standing.Right.HOLD_OFFICE)
    if withheld is None:
        return None
    until = f" until {withheld.until:%-d %B %Y}" if withheld.until else ""
    return f"{member.name} may not hold office{until}: {withheld.reason}."


ROLL = Roll(
    member_by_number=member_by_number,
    seat_refusal=seat_refusal,
    current_members_q=standing.current_members_q,
)

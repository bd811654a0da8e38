"""A member's standing: which rights of membership they hold on a date and, for each right
withheld, why and until when.

Every capability asks here (voting, nominations, seats on bodies, sign-up, and the coming
motions and casework) and none reads a member's status itself. The answer comes from a list
of restrictions: today the membership status; casework's sanctions will add theirs with
`add_restriction`. Each restriction answers twice, once in Python for one member and once as
a queryset filter for many, and tests/web/members/test_standing.py checks the two agree.

Two questions, kept apart on purpose:
- `is_current_member` / `current_members`: is this person a member at all (their status is
  active)? Counts of members (delegate entitlements) and sign-up ask this.
- `standing_of(...).may(right)` / `members_with(right)`: may they do this? A current member
  can still have a right withheld (a sanction that bars them from office, say)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.db.models import Q, QuerySet
from django.utils import timezone

from plenary.web.members.models import Member


class Right(StrEnum):
    VOTE = "vote"
    NOMINATE = "nominate"  # take part in nominating, e.g. sign a nomination
    BE_NOMINATED = "be nominated"
    MOTIONS = "sign or submit motions"
    HOLD_OFFICE = "hold office"


@dataclass(frozen=True)
class Withheld:
    right: Right
    reason: str  # says why, to the member or an officer: "the membership has lapsed"
    until: date | None = None  # None: until the reason itself changes (a renewal, an appeal)


@dataclass(frozen=True)
class Standing:
    member: Member
    on: date
    withheld: Mapping[Right, Withheld]

    def may(self, right: Right) -> bool:
        return right not in self.withheld

    def why_not(self, right: Right) -> Withheld | None:
        return self.withheld.get(right)

    @property
    def in_good_standing(self) -> bool:
        """Holds every right of membership."""
        return not self.withheld


@dataclass(frozen=True)
class Restriction:
    """One source of withheld rights. `withheld` answers for one member; `allowed` is the
    filter (over a relation path to members, "" for Member itself) keeping those to whom it
    leaves the right."""

    name: str
    withheld: Callable[[Member, date], Iterable[Withheld]]
    allowed: Callable[[Right, date, str], Q]


_STATUS_REASONS = {
    Member.Status.LAPSED: "the membership has lapsed",
    Member.Status.SUSPENDED: "the membership is suspended",
    Member.Status.EXPELLED: "the member has been expelled",
}


def _field(prefix: str, name: str) -> str:
    return f"{prefix}__{name}" if prefix else name


def current_members_q(prefix: str = "") -> Q:
    """Members whose membership is current (status active), as a filter over `prefix`."""
    return Q(**{_field(prefix, "status"): Member.Status.ACTIVE})


def is_current_member(member: Member) -> bool:
    return member.status == Member.Status.ACTIVE


def current_members() -> QuerySet[Member]:
    return Member.objects.filter(current_members_q())


def _status_withheld(member: Member, on: date) -> Iterable[Withheld]:
    if is_current_member(member):
        return []
    reason = _STATUS_REASONS.get(Member.Status(member.status), "the membership is not active")
    return [Withheld(right, reason) for right in Right]


def _status_allowed(right: Right, on: date, prefix: str) -> Q:
    return current_members_q(prefix)


_restrictions: list[Restriction] = [Restriction("status", _status_withheld, _status_allowed)]


def add_restriction(restriction: Restriction) -> None:
    """For a capability that withholds rights (casework's sanctions); once per name."""
    if all(existing.name != restriction.name for existing in _restrictions):
        _restrictions.append(restriction)


def standing_of(member: Member, on: date | None = None) -> Standing:
    day = on or timezone.localdate()
    withheld: dict[Right, Withheld] = {}
    for restriction in _restrictions:
        for item in restriction.withheld(member, day):
            withheld.setdefault(item.right, item)
    return Standing(member=member, on=day, withheld=withheld)


def may(member: Member, right: Right, on: date | None = None) -> bool:
    return standing_of(member, on).may(right)


def members_with_q(right: Right, on: date | None = None, prefix: str = "") -> Q:
    """The filter, over a relation path to members, that keeps those holding the right."""
    day = on or timezone.localdate()
    condition = Q()
    for restriction in _restrictions:
        condition &= restriction.allowed(right, day, prefix)
    return condition


def members_with(right: Right, on: date | None = None) -> QuerySet[Member]:
    """Every member who holds the right on that day: the queryset form of `may`."""
    return Member.objects.filter(members_with_q(right, on))

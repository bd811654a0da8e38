"""The seat primitives: who holds which office on which body, and when.

Every permission in the web apps is built from these (each app's `permissions.py` says what an
office lets its holder do); nothing here decides a right itself. A user's current seats are
read once per request (cached on the user object) and every question is answered from them."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.db.models import QuerySet

from plenary.web.organisation.models import Body, BodySeat, Office, Unit

# Any user object, logged in or not: the user model lives in a higher app (accounts).
AnyUser = Any

BRANCH_OFFICER_OFFICES = frozenset(
    {
        Office.CHAIR,
        Office.CO_CHAIR,
        Office.VICE_CHAIR,
        Office.SECRETARY,
        Office.ASSISTANT_SECRETARY,
        Office.TREASURER,
        Office.MEMBERSHIP_SECRETARY,
    }
)
_CACHE = "_plenary_current_seats"
_SCOPE_CACHE = "_plenary_office_scopes"


def current_seats(user: AnyUser) -> list[BodySeat]:
    """Every seat the user's member holds today, offices and ordinary seats alike."""
    if not user.is_authenticated:
        return []
    if not hasattr(user, _CACHE):
        seats = BodySeat.objects.current().filter(member__user=user).select_related("body__unit")
        setattr(user, _CACHE, list(seats))
    return list(getattr(user, _CACHE))


def forget_seats(user: AnyUser) -> None:
    """Drop the request's cached seats and scopes: after an appointment the actor made (to
    themselves, perhaps), the rest of the request asks the database again."""
    for name in (_CACHE, _SCOPE_CACHE):
        if hasattr(user, name):
            delattr(user, name)


def office_seats(user: AnyUser, offices: Collection[str]) -> list[BodySeat]:
    """The user's current seats that hold one of these offices; a co-opted seat holds none."""
    return [seat for seat in current_seats(user) if seat.office in offices and not seat.co_opted]


def is_site_admin(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


def holds_office(user: AnyUser, offices: Collection[str]) -> bool:
    """Holds one of these offices on any body."""
    return bool(office_seats(user, offices))


def holds_national_office(user: AnyUser, offices: Collection[str]) -> bool:
    """Holds one of these offices on a body of the national unit."""
    return any(seat.body.unit.kind == Unit.Kind.NATIONAL for seat in office_seats(user, offices))


def branches_with_office(
    user: AnyUser, offices: Collection[str] = BRANCH_OFFICER_OFFICES
) -> set[int]:
    """The ids of the branches on whose committee the user holds one of these offices."""
    return {
        seat.body.unit_id
        for seat in office_seats(user, offices)
        if seat.body.kind == Body.Kind.BRANCH_COMMITTEE
    }


def officer_branches(user: AnyUser) -> QuerySet[Unit]:
    """The branches the user is an officer of."""
    return Unit.objects.filter(id__in=branches_with_office(user))


def is_branch_officer(user: AnyUser, branch: Unit) -> bool:
    return branch.id in branches_with_office(user)


def holds_office_in_unit(user: AnyUser, unit: Unit) -> bool:
    """Holds an office (not co-opted) on any body of that unit."""
    return any(
        seat.office and not seat.co_opted and seat.body.unit_id == unit.id
        for seat in current_seats(user)
    )


def units_within(unit_ids: Collection[int]) -> set[int]:
    """These units and every unit below them: the business a body of one of these units owns
    (a national body's reaches every region and branch; a branch's, the branch alone)."""
    found = set(unit_ids)
    frontier = set(unit_ids)
    while frontier:
        frontier = set(Unit.objects.filter(parent_id__in=frontier).values_list("id", flat=True))
        frontier -= found
        found |= frontier
    return found


def office_scope(
    user: AnyUser, offices: Collection[str], body_kinds: Collection[str] | None = None
) -> set[int]:
    """The ids of the units whose business these offices give the user: an office counts
    only on the bodies of the kinds given (any kind when None), and only for the unit of the
    body it is held on and the units below it. Cached per request, like the seats."""
    key = (frozenset(offices), frozenset(body_kinds) if body_kinds is not None else None)
    cache: dict[object, set[int]] = getattr(user, _SCOPE_CACHE, None) or {}
    if key not in cache:
        seats = office_seats(user, offices)
        roots = {
            seat.body.unit_id
            for seat in seats
            if body_kinds is None or seat.body.kind in body_kinds
        }
        cache[key] = units_within(roots) if roots else set()
        if user.is_authenticated:
            setattr(user, _SCOPE_CACHE, cache)
    return set(cache[key])


def sits_on_body_of_kind(user: AnyUser, kind: str) -> bool:
    """Has any seat (an office or not) on a body of this kind."""
    return any(seat.body.kind == kind for seat in current_seats(user))

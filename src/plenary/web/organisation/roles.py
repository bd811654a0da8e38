"""Who may do what: roles derive from the offices and seats a member holds on bodies.

Every permission question in the web apps is answered here, so one rule has one place.
A user's current seats are read once per request (cached on the user object) and every
question is answered from that list."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from plenary.web.accounts.models import User
from plenary.web.organisation.models import Body, BodySeat, Office, Unit

AnyUser = User | AnonymousUser

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
ROLL_KEEPING_OFFICES = frozenset({Office.SECRETARY, Office.MEMBERSHIP_SECRETARY})
_CACHE = "_plenary_current_seats"


def current_seats(user: AnyUser) -> list[BodySeat]:
    if not user.is_authenticated:
        return []
    if not hasattr(user, _CACHE):
        seats = BodySeat.objects.current().filter(member__user=user).select_related("body__unit")
        setattr(user, _CACHE, list(seats))
    return getattr(user, _CACHE)


def _officer_seats(user: AnyUser, offices: frozenset[str]) -> list[BodySeat]:
    return [seat for seat in current_seats(user) if seat.office in offices and not seat.co_opted]


def is_site_admin(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


def officer_branches(user: AnyUser) -> QuerySet[Unit]:
    """Branches whose roll this user keeps as a branch officer."""
    ids = {
        seat.body.unit_id
        for seat in _officer_seats(user, BRANCH_OFFICER_OFFICES)
        if seat.body.kind == Body.Kind.BRANCH_COMMITTEE
    }
    return Unit.objects.filter(id__in=ids)


def is_branch_officer(user: AnyUser, branch: Unit) -> bool:
    return any(
        seat.body.kind == Body.Kind.BRANCH_COMMITTEE and seat.body.unit_id == branch.id
        for seat in _officer_seats(user, BRANCH_OFFICER_OFFICES)
    )


def keeps_national_roll(user: AnyUser) -> bool:
    """National secretary or membership secretary: may see, import and export the whole roll."""
    return is_site_admin(user) or any(
        seat.body.unit.kind == Unit.Kind.NATIONAL
        for seat in _officer_seats(user, ROLL_KEEPING_OFFICES)
    )


def can_see_roll_of(user: AnyUser, branch: Unit) -> bool:
    return keeps_national_roll(user) or is_branch_officer(user, branch)


def roll_branches(user: AnyUser) -> QuerySet[Unit]:
    """The branches whose members this user may list and export."""
    if keeps_national_roll(user):
        return Unit.objects.filter(kind=Unit.Kind.BRANCH)
    return officer_branches(user)


def is_returning_officer(user: AnyUser) -> bool:
    return is_site_admin(user) or bool(_officer_seats(user, frozenset({Office.RETURNING_OFFICER})))


def is_cac_member(user: AnyUser) -> bool:
    return any(seat.body.kind == Body.Kind.CAC for seat in current_seats(user))


def is_complaints_officer(user: AnyUser) -> bool:
    return bool(_officer_seats(user, frozenset({Office.COMPLAINTS_OFFICER})))


def needs_two_factor(user: AnyUser) -> bool:
    """Anyone who holds an office, sits on a body, or administers the site."""
    if not user.is_authenticated:
        return False
    return bool(user.is_staff or user.is_superuser or current_seats(user))


def can_manage_body(user: AnyUser, body: Body) -> bool:
    """Who appoints and ends seats: the site admin; the national secretary for national and
    regional bodies; a branch's chair or secretary for its own committee."""
    if is_site_admin(user):
        return True
    secretaries = _officer_seats(user, frozenset({Office.SECRETARY, Office.CHAIR, Office.CO_CHAIR}))
    if body.unit.kind == Unit.Kind.BRANCH:
        return any(seat.body.unit_id == body.unit_id for seat in secretaries)
    return any(
        seat.body.unit.kind == Unit.Kind.NATIONAL and seat.office == Office.SECRETARY
        for seat in secretaries
    )


def can_manage_affiliates(user: AnyUser) -> bool:
    """National secretary, membership and affiliations secretary, or treasurer."""
    offices = frozenset({Office.SECRETARY, Office.MEMBERSHIP_SECRETARY, Office.TREASURER})
    return is_site_admin(user) or any(
        seat.body.unit.kind == Unit.Kind.NATIONAL for seat in _officer_seats(user, offices)
    )


# --- Elections -------------------------------------------------------------------------------


def is_region_officer(user: AnyUser, region: Unit) -> bool:
    """Holds an office (not co-opted) on a body of that region: may act for the region."""
    return any(
        seat.office and not seat.co_opted and seat.body.unit_id == region.id
        for seat in current_seats(user)
    )


def can_download_election_roll(user: AnyUser) -> bool:
    """The frozen electoral roll is personal data: returning officers and national roll keepers."""
    return is_returning_officer(user) or keeps_national_roll(user)

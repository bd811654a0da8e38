"""Who may do what: roles derive from the offices and seats a member holds on bodies.

Every permission question in the web apps is answered here, so one rule has one place."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from plenary.web.accounts.models import User
from plenary.web.organisation.models import Body, BodySeat, Office, Unit

AnyUser = User | AnonymousUser

BRANCH_OFFICER_OFFICES = frozenset(
    {
        Office.CHAIR, Office.CO_CHAIR, Office.VICE_CHAIR, Office.SECRETARY,
        Office.ASSISTANT_SECRETARY, Office.TREASURER, Office.MEMBERSHIP_SECRETARY,
    }
)
ROLL_KEEPING_OFFICES = frozenset({Office.SECRETARY, Office.MEMBERSHIP_SECRETARY})


def current_seats(user: AnyUser) -> QuerySet[BodySeat]:
    if not user.is_authenticated or not hasattr(user, "member"):
        return BodySeat.objects.none()
    return BodySeat.objects.current().filter(member__user=user).select_related("body__unit")


def is_site_admin(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


def is_branch_officer(user: AnyUser, branch: Unit) -> bool:
    return current_seats(user).filter(
        body__kind=Body.Kind.BRANCH_COMMITTEE,
        body__unit=branch,
        office__in=BRANCH_OFFICER_OFFICES,
        co_opted=False,
    ).exists()


def officer_branches(user: AnyUser) -> QuerySet[Unit]:
    """Branches whose roll this user keeps as a branch officer."""
    seats = current_seats(user).filter(
        body__kind=Body.Kind.BRANCH_COMMITTEE, office__in=BRANCH_OFFICER_OFFICES, co_opted=False
    )
    return Unit.objects.filter(bodies__seats__in=seats).distinct()


def keeps_national_roll(user: AnyUser) -> bool:
    """National secretary or membership secretary: may see, import and export the whole roll."""
    if is_site_admin(user):
        return True
    return current_seats(user).filter(
        body__unit__kind=Unit.Kind.NATIONAL, office__in=ROLL_KEEPING_OFFICES, co_opted=False
    ).exists()


def can_see_roll_of(user: AnyUser, branch: Unit) -> bool:
    return keeps_national_roll(user) or is_branch_officer(user, branch)


def roll_branches(user: AnyUser) -> QuerySet[Unit]:
    """The branches whose members this user may list and export."""
    if keeps_national_roll(user):
        return Unit.objects.filter(kind=Unit.Kind.BRANCH)
    return officer_branches(user)


def is_returning_officer(user: AnyUser) -> bool:
    return is_site_admin(user) or current_seats(user).filter(
        office=Office.RETURNING_OFFICER
    ).exists()


def is_cac_member(user: AnyUser) -> bool:
    return current_seats(user).filter(body__kind=Body.Kind.CAC).exists()


def is_complaints_officer(user: AnyUser) -> bool:
    return current_seats(user).filter(office=Office.COMPLAINTS_OFFICER).exists()


def needs_two_factor(user: AnyUser) -> bool:
    """Anyone who holds an office, sits on a body, or administers the site."""
    if not user.is_authenticated:
        return False
    return bool(user.is_staff or user.is_superuser or current_seats(user).exists())


# --- Elections -------------------------------------------------------------------------------


def is_region_officer(user: AnyUser, region: Unit) -> bool:
    """Holds an office (not co-opted) on a body of that region: may act for the region."""
    return current_seats(user).filter(
        body__unit=region, co_opted=False
    ).exclude(office="").exists()


def can_download_election_roll(user: AnyUser) -> bool:
    """The frozen electoral roll is personal data: returning officers and national roll keepers."""
    return is_returning_officer(user) or keeps_national_roll(user)

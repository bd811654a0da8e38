"""Who may change the organisation (its bodies' seats, its affiliates), who may appoint to
which office, who runs which elections, and who may read the audit log (which the audit app,
below this one, leaves to the organisation to decide).

An office gives rights over the business of the body it is held on, and no further: the unit
of that body and the units below it (`roles.office_scope`). Election administration belongs
to elections committees: a returning officer's seat counts only there, so a returning officer
on a branch's elections committee runs that branch's elections and no one else's.

A branch's elections are owned by its committee (docs/decisions/0020-branch-elections.md):
the branch committee's chair, co-chair or secretary, who appoint its seats, may hold an
election for the branch and appoint the branch's returning officer on the branch's elections
committee; from then on the returning officer runs it."""

from __future__ import annotations

from typing import Any

import rules

from plenary.web.organisation import roles
from plenary.web.organisation.models import Body, Office, Unit
from plenary.web.organisation.roles import AnyUser

AFFILIATION_OFFICES = frozenset({Office.SECRETARY, Office.MEMBERSHIP_SECRETARY, Office.TREASURER})
SEAT_APPOINTING_OFFICES = frozenset({Office.SECRETARY, Office.CHAIR, Office.CO_CHAIR})


@rules.predicate
def is_site_admin(user: AnyUser) -> bool:
    return roles.is_site_admin(user)


RETURNING_OFFICE = frozenset({Office.RETURNING_OFFICER})
ELECTION_BODIES = frozenset({Body.Kind.ELECTIONS})


def election_scope(user: AnyUser) -> set[int]:
    """The units whose elections this user runs as a returning officer (not the site admin,
    who runs every election: ask `runs_elections_of`)."""
    return roles.office_scope(user, RETURNING_OFFICE, ELECTION_BODIES)


@rules.predicate
def is_returning_officer(user: AnyUser) -> bool:
    """Runs some elections: a returning officer on an elections committee, or the site admin."""
    return roles.is_site_admin(user) or bool(election_scope(user))


@rules.predicate
def runs_elections_of(user: AnyUser, unit: Unit) -> bool:
    """Runs the elections held by this unit."""
    return roles.is_site_admin(user) or unit.id in election_scope(user)


@rules.predicate
def is_national_returning_officer(user: AnyUser) -> bool:
    """A returning officer on a national elections committee (or the site admin)."""
    if roles.is_site_admin(user):
        return True
    scope = election_scope(user)  # from the request's cached seats: no query for most users
    if not scope:
        return False
    national = Unit.objects.filter(kind=Unit.Kind.NATIONAL).values_list("id", flat=True).first()
    return national is not None and national in scope


@rules.predicate
def manages_body(user: AnyUser, body: Body | None) -> bool:
    """Who appoints and ends seats: the site admin; the national secretary for national and
    regional bodies; a branch's chair or secretary for its own committee."""
    if roles.is_site_admin(user):
        return True
    if body is None:
        return False
    seats = roles.office_seats(user, SEAT_APPOINTING_OFFICES)
    if body.unit.kind == Unit.Kind.BRANCH:
        # The branch committee owns the branch's bodies (its elections committee too): an
        # office on another of the branch's bodies appoints nothing.
        return body.unit_id in managed_branches(user)
    return any(
        seat.body.unit.kind == Unit.Kind.NATIONAL and seat.office == Office.SECRETARY
        for seat in seats
    )


def managed_branches(user: AnyUser) -> set[int]:
    """The branches whose committee this user chairs or is secretary of: the branches whose
    bodies they appoint to and whose elections they may hold (not the site admin's: every
    branch, ask `manages_branch`)."""
    return roles.branches_with_office(user, SEAT_APPOINTING_OFFICES)


@rules.predicate
def manages_branch(user: AnyUser, unit: Unit | None) -> bool:
    """Chairs or is secretary of this branch's committee (or is the site admin)."""
    if unit is None or unit.kind != Unit.Kind.BRANCH:
        return False
    return roles.is_site_admin(user) or unit.id in managed_branches(user)


@rules.predicate
def manages_some_branch(user: AnyUser) -> bool:
    return bool(managed_branches(user))


@rules.predicate
def holds_elections_of(user: AnyUser, unit: Unit) -> bool:
    """May set up an election held by this unit: its returning officers (and those above),
    and, for a branch, the branch committee that owns the branch's elections."""
    return runs_elections_of(user, unit) or manages_branch(user, unit)


@rules.predicate
def manages_affiliates(user: AnyUser) -> bool:
    """The national secretary, membership and affiliations secretary, or treasurer."""
    return roles.is_site_admin(user) or roles.holds_national_office(user, AFFILIATION_OFFICES)


SELF_APPOINTMENT = (
    "You cannot appoint yourself to an office: another officer of the body, or the site "
    "admin, makes that appointment."
)


def appointment_refusal(
    user: AnyUser, body: Body, office: str, member: Any = None
) -> dict[str, str]:
    """Who may appoint to a body, in one place: why this user may not give `member` a seat
    with this office (blank: an ordinary seat) on this body, by form field, or nothing when
    they may. Nobody but the site admin gives an office to themselves: a branch secretary
    naming themselves the branch's returning officer would run its elections unchecked.
    Which offices a body of a kind can have at all is the seat's invariant (BodySeat.clean)."""
    if not manages_body(user, body):
        return {"__all__": "Only the body's secretary or the site admin can change its seats."}
    is_self = member is not None and user.is_authenticated and member.user_id == user.pk
    if office and is_self and not roles.is_site_admin(user):
        return {"member": SELF_APPOINTMENT}
    # Which offices a body of each kind may have is the seat's own rule (BodySeat.clean), so
    # the site admin's forms keep it too.
    return {}


rules.add_perm("organisation.manage_seats", manages_body)
rules.add_perm("organisation.manage_affiliates", manages_affiliates)
# The log records the whole organisation's administration, so reading it is national business.
rules.add_perm("audit.read_log", is_national_returning_officer)

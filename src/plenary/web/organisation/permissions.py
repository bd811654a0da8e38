"""Who may change the organisation: its bodies' seats and its affiliates; and who may read
the audit log, which the audit app (below this one) leaves to the organisation to decide."""

from __future__ import annotations

import rules

from plenary.web.organisation import roles
from plenary.web.organisation.models import Body, Office, Unit
from plenary.web.organisation.roles import AnyUser

AFFILIATION_OFFICES = frozenset({Office.SECRETARY, Office.MEMBERSHIP_SECRETARY, Office.TREASURER})
SEAT_APPOINTING_OFFICES = frozenset({Office.SECRETARY, Office.CHAIR, Office.CO_CHAIR})


@rules.predicate
def is_site_admin(user: AnyUser) -> bool:
    return roles.is_site_admin(user)


@rules.predicate
def is_returning_officer(user: AnyUser) -> bool:
    """Holds the returning officer's office on any body (the site admin acts as one too)."""
    return roles.is_site_admin(user) or roles.holds_office(user, {Office.RETURNING_OFFICER})


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
        return any(seat.body.unit_id == body.unit_id for seat in seats)
    return any(
        seat.body.unit.kind == Unit.Kind.NATIONAL and seat.office == Office.SECRETARY
        for seat in seats
    )


@rules.predicate
def manages_affiliates(user: AnyUser) -> bool:
    """The national secretary, membership and affiliations secretary, or treasurer."""
    return roles.is_site_admin(user) or roles.holds_national_office(user, AFFILIATION_OFFICES)


rules.add_perm("organisation.manage_seats", manages_body)
rules.add_perm("organisation.manage_affiliates", manages_affiliates)
rules.add_perm("audit.read_log", is_returning_officer)

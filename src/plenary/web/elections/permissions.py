"""Who may administer elections, record nominations for a body, answer a candidacy, vote, and
download a frozen roll."""

from __future__ import annotations

import rules

from plenary.web.core.permissions import permission_required
from plenary.web.elections import selectors
from plenary.web.elections.models import Section
from plenary.web.members.permissions import keeps_national_roll
from plenary.web.organisation import roles
from plenary.web.organisation.models import Affiliate, Unit
from plenary.web.organisation.permissions import is_returning_officer
from plenary.web.organisation.roles import AnyUser

NominatingBody = Unit | Affiliate


@rules.predicate
def records_nominations_for(user: AnyUser, body: NominatingBody) -> bool:
    """The returning officer for any body; a branch's officers for their branch; an officer
    of any of a region's bodies for the region. Affiliates' nominations reach the returning
    officer, who records them."""
    if is_returning_officer(user):
        return True
    if isinstance(body, Affiliate):
        return False
    if body.kind == Unit.Kind.BRANCH:
        return roles.is_branch_officer(user, body)
    if body.kind == Unit.Kind.REGION:
        return roles.holds_office_in_unit(user, body)
    return False


@rules.predicate
def nominates_in(user: AnyUser, section: Section) -> bool:
    """Records nominations for at least one body that may nominate in this section."""
    return bool(selectors.nominating_bodies_for(user, section))


@rules.predicate
def is_a_member(user: AnyUser) -> bool:
    """The account is linked to a member on the roll (whether that member may vote in a
    given ballot is the voting service's question, from their standing and the electorate)."""
    return bool(user.is_authenticated and getattr(user, "member", None) is not None)


@rules.predicate
def is_the_candidate(user: AnyUser, candidate: object) -> bool:
    member = getattr(candidate, "member", None)
    return bool(user.is_authenticated and member is not None and member.user_id == user.pk)


rules.add_perm("elections.administer", is_returning_officer)
rules.add_perm("elections.download_roll", is_returning_officer | keeps_national_roll)
rules.add_perm("elections.record_nominations", records_nominations_for)
rules.add_perm("elections.nominate_in", nominates_in)
# Rules, not permissions: a site admin is not a candidate, and an account without a member
# may not vote, whatever its other rights.
rules.add_rule("elections.answer_candidacy", is_the_candidate)
rules.add_rule("elections.vote", is_a_member)

RO_ONLY = "Only a returning officer can do this."
returning_officer_required = permission_required("elections.administer", RO_ONLY)

"""Who may administer elections, record nominations for a body, answer a candidacy, vote, and
download a frozen roll."""

from __future__ import annotations

import rules

from plenary.web.core.permissions import object_permission_required, permission_required
from plenary.web.elections import selectors
from plenary.web.elections.models import (
    BallotFileAccess,
    Election,
    MemberNomination,
    Nomination,
    Section,
)
from plenary.web.members.permissions import keeps_national_roll
from plenary.web.members.standing import is_current_member
from plenary.web.organisation import roles
from plenary.web.organisation.models import Affiliate, Unit
from plenary.web.organisation.permissions import (
    is_returning_officer,
    manages_some_branch,
    runs_elections_of,
)
from plenary.web.organisation.roles import AnyUser

NominatingBody = Unit | Affiliate


@rules.predicate
def administers(user: AnyUser, election: Election | None) -> bool:
    """Runs this election: a returning officer whose elections committee's unit holds it (or
    a unit above), or the site admin."""
    return election is not None and runs_elections_of(user, election.unit)


def records_nominations_for(user: AnyUser, section: Section, body: NominatingBody) -> bool:
    """The election's returning officer for any body; a branch's officers for their branch;
    an officer of any of a region's bodies for the region. Affiliates' nominations reach the
    returning officer, who records them."""
    if administers(user, section.election):
        return True
    if isinstance(body, Affiliate):
        return False
    if body.kind == Unit.Kind.BRANCH:
        return roles.is_branch_officer(user, body)
    if body.kind == Unit.Kind.REGION:
        return roles.holds_office_in_unit(user, body)
    return False


@rules.predicate
def withdraws_nomination(user: AnyUser, nomination: Nomination) -> bool:
    return records_nominations_for(user, nomination.candidate.section, nomination.body)


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


def is_scrutineer(user: AnyUser, section: Section) -> bool:
    """A scrutineer of a section: a returning officer of its election, or a candidate on its
    ballot paper (the people with a stake in checking the count; no separate list is kept)."""
    if administers(user, section.election):
        return True
    member = getattr(user, "member", None) if user.is_authenticated else None
    if member is None:
        return False
    on_paper = section.candidates.filter(member=member)
    if section.ballot_paper is not None:
        on_paper = on_paper.filter(pk__in=section.ballot_paper)
    return on_paper.exists()


@rules.predicate
def downloads_ballots(user: AnyUser, section: Section) -> bool:
    """May download the section's anonymised ballots (BLT), as its election allows: everyone,
    members (and the returning officer), or the scrutineers. Publication is the view's check."""
    access = section.election.ballot_file_access
    if access == BallotFileAccess.EVERYONE:
        return True
    if access == BallotFileAccess.MEMBERS:
        # A current member: a suspended or expelled one is on the roll but not a member now.
        member = getattr(user, "member", None) if user.is_authenticated else None
        current = member is not None and is_current_member(member)
        return current or administers(user, section.election)
    return is_scrutineer(user, section)


@rules.predicate
def is_the_seconder(user: AnyUser, nomination: MemberNomination) -> bool:
    seconder = getattr(nomination, "seconder", None)
    return bool(user.is_authenticated and seconder is not None and seconder.user_id == user.pk)


# A returning officer, for the units they run; a branch committee's chair or secretary, for
# their branch (the service checks the unit: organisation.permissions.holds_elections_of).
rules.add_perm("elections.create", is_returning_officer | manages_some_branch)
rules.add_perm("elections.administer", administers)
rules.add_perm("elections.download_roll", administers | keeps_national_roll)
rules.add_perm("elections.withdraw_nomination", withdraws_nomination)
rules.add_perm("elections.nominate_in", nominates_in)
rules.add_perm("elections.download_ballots", downloads_ballots)
# Rules, not permissions: a site admin is not a candidate, and an account without a member
# may not vote, whatever its other rights.
rules.add_rule("elections.answer_candidacy", is_the_candidate)
# A member proposes (their standing and the electorate are the service's questions) and the
# member named as seconder answers; neither is an office's right, so the site admin has none.
rules.add_rule("elections.propose_nomination", is_a_member)
rules.add_rule("elections.second_nomination", is_the_seconder)
rules.add_rule("elections.vote", is_a_member)

RO_ONLY = (
    "Only a returning officer, or a branch committee's chair or secretary for their branch, "
    "can set up an election."
)
# The view then looks its election up with selectors.administered_election_or_404.
administers_election = object_permission_required("elections.administer")
creates_elections = permission_required("elections.create", RO_ONLY)

"""The lifecycles of a candidacy, of a body's nomination and of a members' nomination
(docs/lifecycles.md).

A candidacy starts *nominated*; the nominee accepts or declines, and may change their mind,
until nominations close. A nominee who has no login, or accepts on paper or by email, has
their acceptance recorded by the election's returning officer (`accept_on_behalf`), with the
date it was received and how, before nominations close. (*Withdrawn* is how the count
treats a candidate whose candidacy was changed outside the site after the ballot paper was
fixed; no transition of the site leads there.) A nomination stands until the body that
made it withdraws it, while nominations are open; a withdrawn nomination is deleted, its
withdrawal recorded. A members'
nomination is *proposed* by one member and waits for the seconder they named, who seconds
it (from then it counts, and the nominee has a candidacy) or refuses it, while nominations
are open."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.db.models import Q
from django.utils import timezone

from plenary.web.audit.log import Actor
from plenary.web.elections import selectors
from plenary.web.elections.models import (
    Candidate,
    Election,
    MemberNomination,
    Nomination,
    Phase,
)
from plenary.web.elections.permissions import administers, records_nominations_for
from plenary.web.lifecycles.lifecycle import Context, Lifecycle, Transition
from plenary.web.members import standing
from plenary.web.members.models import Member
from plenary.web.members.standing import Right

NOMINATIONS_NOT_OPEN = "Nominations are not open: {when}."
MAY_NOT_RECORD = "You may not record nominations for {body}."
DECISION_CLOSED = "Nominations have closed: accepting or declining is no longer possible."
NOT_YOUR_CANDIDACY = "This is not your candidacy."
ONLY_THE_RETURNING_OFFICER = (
    "Only the election's returning officer can record an acceptance received on paper or by email."
)
RECEIVED_IN_FUTURE = "The acceptance cannot have been received in the future."
RECEIVED_UNKNOWN = "Say when the acceptance was received and how."

# How an acceptance made outside the site reached the returning officer.
RECEIVED_BY = {
    "paper": "on paper (a signed form or letter)",
    "email": "by email",
}


def _when(moment: datetime | None) -> str:
    if moment is None:
        return "at a time not yet set"
    return timezone.localtime(moment).strftime("%-d %B %Y at %H:%M")


def nominations_not_open(election: Election, at: datetime) -> str | None:
    """Why nominations cannot be made or withdrawn at `at`, or None while they are open."""
    phase = election.phase(at)
    if phase == Phase.NOMINATIONS:
        return None
    if phase in (Phase.DRAFT, Phase.ANNOUNCED):
        when = "they open " + _when(election.nominations_open_at)
    else:
        when = "they closed " + _when(election.nominations_close_at)
    return NOMINATIONS_NOT_OPEN.format(when=when)


# --- A candidacy -------------------------------------------------------------------------


def is_the_nominee(candidate: Candidate, actor: Actor, context: Context) -> str | None:
    if isinstance(actor, str) or actor is None or actor.pk is None:
        return NOT_YOUR_CANDIDACY
    if candidate.member.user_id != actor.pk:
        return NOT_YOUR_CANDIDACY
    return None


def before_nominations_close(candidate: Candidate, actor: Actor, context: Context) -> str | None:
    if candidate.section.election.phase(context.at) not in (Phase.ANNOUNCED, Phase.NOMINATIONS):
        return DECISION_CLOSED
    return None


def is_the_returning_officer(candidate: Candidate, actor: Actor, context: Context) -> str | None:
    if (
        isinstance(actor, str)
        or actor is None
        or not administers(actor, candidate.section.election)
    ):
        return ONLY_THE_RETURNING_OFFICER
    return None


def received_in_writing(candidate: Candidate, actor: Actor, context: Context) -> str | None:
    """The service passes `received_on` (a date) and `received_by` (a key of RECEIVED_BY)."""
    received_on = context.data.get("received_on")
    if not isinstance(received_on, date) or context.data.get("received_by") not in RECEIVED_BY:
        return RECEIVED_UNKNOWN
    if received_on > timezone.localdate(context.at):
        return RECEIVED_IN_FUTURE
    return None


def _stamp_accepted(candidate: Candidate, context: Context) -> Iterable[str]:
    candidate.accepted_at = context.at
    return ["accepted_at"]


def _clear_accepted(candidate: Candidate, context: Context) -> Iterable[str]:
    candidate.accepted_at = None
    return ["accepted_at"]


Status = Candidate.Status
# Saving the same decision again is allowed, as it always was (the form offers both choices
# whatever the current one), and is recorded again.
DECIDING = {Status.NOMINATED, Status.ACCEPTED, Status.DECLINED}

CANDIDACY: Lifecycle[Candidate] = Lifecycle(
    "candidacy",
    model=Candidate,
    states=Status,
    field="status",
    noun="candidacy",
    transitions=[
        Transition(
            "accept",
            source=DECIDING,
            target=Status.ACCEPTED,
            guards=[is_the_nominee, before_nominations_close],
            effect=_stamp_accepted,
            audit_action="candidate.accept",
        ),
        Transition(
            "decline",
            source=DECIDING,
            target=Status.DECLINED,
            guards=[is_the_nominee, before_nominations_close],
            effect=_clear_accepted,
            audit_action="candidate.decline",
        ),
        # The nominee accepted outside the site (on paper, by email); the returning officer
        # records it. The date received and the means go into the record's note and the
        # audit entry's details (services.candidate_accept_on_behalf).
        Transition(
            "accept_on_behalf",
            source={Status.NOMINATED, Status.DECLINED},
            target=Status.ACCEPTED,
            guards=[is_the_returning_officer, before_nominations_close, received_in_writing],
            effect=_stamp_accepted,
            audit_action="candidate.accept_on_behalf",
            label="Record an acceptance received on paper or by email",
        ),
    ],
    audit_target=lambda c: c.section.election,
    audit_details=lambda c: {"section": c.section_id, "candidate": c.member.membership_number},
)


# --- A nomination ------------------------------------------------------------------------

STANDING, WITHDRAWN = "standing", "withdrawn"


def nominations_are_open(nomination: Nomination, actor: Actor, context: Context) -> str | None:
    return nominations_not_open(nomination.candidate.section.election, context.at)


def records_for_the_body(nomination: Nomination, actor: Actor, context: Context) -> str | None:
    body = nomination.body
    if (
        isinstance(actor, str)
        or actor is None
        or not records_nominations_for(actor, nomination.candidate.section, body)
    ):
        return MAY_NOT_RECORD.format(body=body.name)
    return None


NOMINATION: Lifecycle[Nomination] = Lifecycle(
    "nomination",
    model=Nomination,
    states=(STANDING, WITHDRAWN),
    field=None,  # a nomination stands while it exists
    initial=STANDING,
    transitions=[
        Transition(
            "withdraw",
            source={STANDING},
            target=WITHDRAWN,
            guards=[nominations_are_open, records_for_the_body],
            ends=True,
            audit_action="nomination.withdraw",
        )
    ],
    audit_target=lambda n: n.candidate.section.election,
)


# --- A members' nomination ---------------------------------------------------------------

NOT_YOUR_SECONDING = "You were not named as the seconder of this nomination."
MAY_NOT_NOMINATE = (
    "{name} may not take part in nominating in this election: they must be a member of its "
    "electorate in good standing."
)
MAY_NOT_BE_NOMINATED = (
    "{name} may not be nominated: they are not an active member of the electorate."
)
TOO_MANY_SIGNED = (
    "{name} has already proposed or seconded {limit} nomination{s} in this section, as many "
    "as a member may."
)


def may_nominate_problem(election: Election, member: Member) -> str | None:
    """Why this member may not propose or second in the election, or None."""
    if not standing.may(member, Right.NOMINATE) or not selectors.is_in_electorate(election, member):
        return MAY_NOT_NOMINATE.format(name=member.name)
    return None


def may_be_nominated_problem(election: Election, member: Member) -> str | None:
    if not standing.may(member, Right.BE_NOMINATED) or not selectors.is_in_electorate(
        election, member
    ):
        return MAY_NOT_BE_NOMINATED.format(name=member.name)
    return None


def signed_by(section_id: int, member: Member) -> int:
    """The members' nominations in the section this member has signed: proposed (and not
    refused by the seconder), or seconded. Being named as a seconder signs nothing until the
    member seconds: otherwise anyone could use up a member's nomination by naming them."""
    proposed = Q(proposer=member) & ~Q(status=MemberNomination.Status.REFUSED)
    seconded = Q(seconder=member, status=MemberNomination.Status.SECONDED)
    return (
        MemberNomination.objects.filter(section_id=section_id).filter(proposed | seconded).count()
    )


def is_the_seconder(nomination: MemberNomination, actor: Actor, context: Context) -> str | None:
    if isinstance(actor, str) or actor is None or actor.pk is None:
        return NOT_YOUR_SECONDING
    if nomination.seconder.user_id != actor.pk:
        return NOT_YOUR_SECONDING
    return None


def member_nominations_are_open(
    nomination: MemberNomination, actor: Actor, context: Context
) -> str | None:
    return nominations_not_open(nomination.section.election, context.at)


def seconder_may_nominate(
    nomination: MemberNomination, actor: Actor, context: Context
) -> str | None:
    election = nomination.section.election
    return may_nominate_problem(election, nomination.seconder) or may_be_nominated_problem(
        election, nomination.nominee
    )


def seconder_within_limit(
    nomination: MemberNomination, actor: Actor, context: Context
) -> str | None:
    # This nomination is among those the seconder has signed (it is proposed, not refused).
    limit = nomination.section.nominations_per_body
    if signed_by(nomination.section_id, nomination.seconder) > limit:
        return TOO_MANY_SIGNED.format(
            name=nomination.seconder.name, limit=limit, s="" if limit == 1 else "s"
        )
    return None


def _count_it(nomination: MemberNomination, context: Context) -> Iterable[str]:
    candidate, _ = Candidate.objects.get_or_create(
        section=nomination.section, member=nomination.nominee
    )
    nomination.candidate = candidate
    nomination.seconded_at = context.at
    return ["candidate", "seconded_at"]


MemberStatus = MemberNomination.Status

MEMBER_NOMINATION: Lifecycle[MemberNomination] = Lifecycle(
    "member_nomination",
    model=MemberNomination,
    states=MemberStatus,
    field="status",
    noun="nomination",
    transitions=[
        Transition(
            "second",
            source={MemberStatus.PROPOSED},
            target=MemberStatus.SECONDED,
            guards=[
                is_the_seconder,
                member_nominations_are_open,
                seconder_may_nominate,
                seconder_within_limit,
            ],
            effect=_count_it,
            audit_action="nomination.second",
        ),
        Transition(
            "refuse",
            source={MemberStatus.PROPOSED},
            target=MemberStatus.REFUSED,
            guards=[is_the_seconder, member_nominations_are_open],
            audit_action="nomination.refuse_second",
            label="Refuse",
        ),
    ],
    audit_target=lambda n: f"election:{n.section.election.slug}",
    audit_details=lambda n: {
        "section": n.section_id,
        "nominee": n.nominee.membership_number,
        "proposer": n.proposer.membership_number,
        "seconder": n.seconder.membership_number,
    },
)

"""Casting a secret ballot: who may vote, the ballot box, receipts.

The web pages and the JSON API both call these services; each checks the phase by the
server clock and the voter's eligibility itself. A vote is ONE transaction that writes a
`VoteRecord` (that the member voted) and a `CastBallot` (how, with no link back). The
unique constraint on `VoteRecord` is what refuses a second vote, also when two submissions
race: the loser's insert fails and becomes `AlreadyVoted`.

Votes are not written to the audit log: the vote record is the record, and an audit entry
with a time next to it would be a timestamp the ballot box deliberately does not have.
"""

from __future__ import annotations

import functools
import secrets
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from plenary.web.core.sql import JoinedSelect, insert_rows
from plenary.web.elections import selectors
from plenary.web.elections.models import (
    CastBallot,
    Election,
    Elector,
    Phase,
    Section,
    VoteRecord,
)
from plenary.web.elections.setup import services as setup
from plenary.web.members import standing
from plenary.web.members.models import Member
from plenary.web.members.standing import Right

# Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
TRACKER_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TRACKER_GROUPS = 4
TRACKER_GROUP_LENGTH = 4  # 16 characters: 80 random bits
CHOICES = ("yes", "no", "abstain")


class VotingError(Exception):
    """A vote that cannot be taken; the message is meant for the voter."""


class AlreadyVoted(VotingError):
    pass


class BallotNotOpen(VotingError):
    """The ballot has not opened yet."""


class BallotClosed(VotingError):
    """The ballot has closed (or the result is published)."""


class NotEligible(VotingError):
    pass


class InvalidBallot(VotingError):
    """The ranking or choice is malformed; the message says what is wrong."""


ALREADY_VOTED = "You have already voted on this ballot."
NOT_OPEN = "This ballot is not open yet."
CLOSED = "This ballot has closed."
ROLL_NOT_READY = "The roll of electors is not ready ({}): tell the returning officer."
NOT_ON_ROLL = "You are not on the roll of electors for this election."
NOT_ACTIVE = "Only members in good standing may vote; your membership is not active."
EMPTY_RANKING = "Number at least one candidate."
REPEATED_CANDIDATE = "Candidate {} is ranked more than once."
UNKNOWN_CANDIDATE = "Candidate {} is not on this ballot paper."
CHOICE_ON_RANKED = "This is a ranked ballot: send a ranking, not a yes/no choice."
RANKING_ON_REFERENDUM = "This is a yes/no ballot: send a choice, not a ranking."
BAD_CHOICE = "The choice must be yes, no or abstain."


# --- eligibility -----------------------------------------------------------------------


def _ensure_roll(election: Election, now: datetime) -> None:
    """The roll of electors is frozen, at the latest, when the first voter arrives."""
    try:
        setup.election_freeze_roll_if_due(election=election, now=now)
    except ValidationError as exc:  # e.g. no roll date: nobody can be found on the roll
        raise BallotNotOpen(ROLL_NOT_READY.format("; ".join(exc.messages))) from exc


def _ensure_ready(section: Section, now: datetime) -> None:
    """An open ballot has a frozen roll and a fixed ballot paper; the first voter fixes what
    nobody fixed before. Cheap when both are done: it reads only what the section carries."""
    _ensure_roll(section.election, now)
    setup.section_fix_ballot_paper(section=section, now=now)


def check_ballot_open(section: Section, now: datetime) -> None:
    phase = section.election.phase(now)
    if phase == Phase.BALLOT:
        return
    if phase in (Phase.BALLOT_CLOSED, Phase.PUBLISHED):
        raise BallotClosed(CLOSED)
    raise BallotNotOpen(NOT_OPEN)


@functools.cache
def _elector_lookup() -> JoinedSelect:
    # Asked on every vote: written once, not built per call (core/sql.py).
    return JoinedSelect({"e": Elector}, "FROM {e} WHERE e.election_id = %s AND e.member_id = %s")


def check_eligible(section: Section, member: Member) -> None:
    """On the frozen roll and active now. (Whether they already voted is the constraint's job.)"""
    if _elector_lookup().fetch_one([section.election_id, member.pk]) is None:
        raise NotEligible(NOT_ON_ROLL)
    if not standing.may(member, Right.VOTE):
        raise NotEligible(NOT_ACTIVE)


def ballot_problem(
    *, section: Section, member: Member, now: datetime | None = None
) -> VotingError | None:
    """Why this member cannot vote on this section now, or None if they can (for pages that
    must say so before the voter fills in the ballot paper)."""
    now = now or timezone.now()
    try:
        check_ballot_open(section, now)
        _ensure_ready(section, now)
        check_eligible(section, member)
    except VotingError as problem:
        return problem
    return AlreadyVoted(ALREADY_VOTED) if has_voted(section, member) else None


# --- the ballot paper ------------------------------------------------------------------


def ballot_paper(section: Section) -> list[int]:
    """Candidate ids in ballot-paper order (provisional until the paper is fixed)."""
    if section.ballot_paper is not None:
        return list(section.ballot_paper)
    return [c.id for c in selectors.ballot_candidates(section)]


def validate_ranking(
    section: Section, ranking: list[int] | None, choice: str | None
) -> tuple[list[int], str]:
    """The ranking or choice as it will be stored; `InvalidBallot` says what is wrong."""
    if section.is_referendum:
        if ranking:
            raise InvalidBallot(RANKING_ON_REFERENDUM)
        if choice not in CHOICES:
            raise InvalidBallot(BAD_CHOICE)
        return [], choice
    if choice:
        raise InvalidBallot(CHOICE_ON_RANKED)
    if not ranking:
        raise InvalidBallot(EMPTY_RANKING)
    on_paper = set(ballot_paper(section))
    seen: set[int] = set()
    for candidate in ranking:
        if (
            isinstance(candidate, bool)
            or not isinstance(candidate, int)
            or candidate not in on_paper
        ):
            raise InvalidBallot(UNKNOWN_CANDIDATE.format(candidate))
        if candidate in seen:
            raise InvalidBallot(REPEATED_CANDIDATE.format(candidate))
        seen.add(candidate)
    return list(ranking), ""


# --- casting ---------------------------------------------------------------------------


def new_tracker() -> str:
    """A random receipt code such as ``7KQ2-M0ZD-9XH4-PT3B``."""
    chars = "".join(
        secrets.choice(TRACKER_ALPHABET) for _ in range(TRACKER_GROUPS * TRACKER_GROUP_LENGTH)
    )
    step = TRACKER_GROUP_LENGTH
    return "-".join(chars[i : i + step] for i in range(0, len(chars), step))


def normalise_tracker(code: str) -> str:
    """A code as typed (any case, spaces, letters mistaken for digits) in canonical form."""
    chars = "".join(ch for ch in code.upper() if ch.isalnum())
    chars = chars.translate(str.maketrans("OIL", "011"))
    if len(chars) != TRACKER_GROUPS * TRACKER_GROUP_LENGTH:
        return ""
    step = TRACKER_GROUP_LENGTH
    return "-".join(chars[i : i + step] for i in range(0, len(chars), step))


def ballot_cast(
    *,
    section: Section,
    member: Member,
    ranking: list[int] | None = None,
    choice: str | None = None,
    now: datetime | None = None,
) -> str:
    """Put the member's ballot in the box and return its receipt (tracker) code.

    Raises `BallotNotOpen`, `BallotClosed`, `NotEligible`, `AlreadyVoted` or
    `InvalidBallot`, each with a message for the voter."""
    now = now or timezone.now()
    check_ballot_open(section, now)
    _ensure_ready(section, now)
    check_eligible(section, member)
    ranking, choice = validate_ranking(section, ranking, choice)
    # No "has voted?" query first: the unique constraint answers a second vote anyway, and
    # asking first would cost every accepted vote a query to spare the rare refused one.
    # The vote record and the ballot are written together or not at all, by SQL written once
    # (core/sql.py). When that fails, either the member has voted (perhaps a moment ago) or,
    # 80 random bits notwithstanding, the tracker code was taken: then try a new code.
    for _attempt in range(5):
        tracker = new_tracker()
        try:
            insert_rows(
                (VoteRecord, {"section_id": section.pk, "member_id": member.pk}),
                (
                    CastBallot,
                    {
                        "section_id": section.pk,
                        "ranking": ranking,
                        "choice": choice,
                        "tracker": tracker,
                    },
                ),
            )
            return tracker
        except IntegrityError as exc:
            if has_voted(section, member):
                raise AlreadyVoted(ALREADY_VOTED) from exc
            if not CastBallot.objects.filter(tracker=tracker).exists():
                raise
    raise RuntimeError("could not draw an unused tracker code")


def has_voted(section: Section, member: Member) -> bool:
    return VoteRecord.objects.filter(section=section, member=member).exists()


# --- reading ---------------------------------------------------------------------------


def receipt_lookup(code: str) -> bool:
    """Whether a ballot with this tracker code is in a ballot box; nothing more."""
    tracker = normalise_tracker(code)
    return bool(tracker) and CastBallot.objects.filter(tracker=tracker).exists()


@dataclass(frozen=True)
class BallotStatus:
    """A section of an election as one member sees it."""

    section: Section
    voted: bool
    open: bool


def member_ballots(
    *, election: Election, member: Member, now: datetime | None = None
) -> list[BallotStatus]:
    """Each section of the election, whether the member has voted on it and whether it is open."""
    now = now or timezone.now()
    is_open = election.phase(now) == Phase.BALLOT
    voted = set(
        VoteRecord.objects.filter(section__election=election, member=member).values_list(
            "section_id", flat=True
        )
    )
    return [BallotStatus(s, s.id in voted, is_open) for s in election.sections.all()]


def ballots_open_to(member: Member, now: datetime | None = None) -> list[Section]:
    """Sections whose ballot is open now, on which this member may vote and has not yet voted."""
    now = now or timezone.now()
    if not standing.may(member, Right.VOTE):
        return []
    sections: list[Section] = []
    elections = Election.objects.filter(
        announced_at__isnull=False,
        published_at__isnull=True,
        ballot_open_at__lte=now,
        ballot_close_at__gt=now,
    )
    for election in elections:
        try:
            _ensure_roll(election, now)
        except BallotNotOpen:
            continue  # no roll yet, so nobody is on it
        if Elector.objects.filter(election=election, member=member).exists():
            for section in election.sections.exclude(vote_records__member=member):
                section.election = election
                setup.section_fix_ballot_paper(section=section, now=now)
                sections.append(section)
    return sections

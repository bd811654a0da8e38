"""Ballots, votes, receipts and results. Each endpoint authorises, calls one service or
selector of plenary.web.elections, and shapes the answer; the rules live there."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Router
from ninja.errors import HttpError

from plenary.web.api.schemas import (
    BallotOut,
    CandidateOut,
    ElectionOut,
    Message,
    ReceiptCheckOut,
    ReceiptOut,
    ResultOut,
    VoteIn,
)
from plenary.web.core.permissions import allowed, public
from plenary.web.elections import selectors
from plenary.web.elections.counts import services as counts
from plenary.web.elections.models import Election, Phase, Section
from plenary.web.elections.voting import services as voting
from plenary.web.members.models import Member

router = Router(tags=["ballots"])

NO_MEMBERSHIP = "Your account is not linked to a membership record, so you cannot vote."
NOT_PUBLISHED = "No result has been published for this ballot."

ERRORS = {401: Message, 404: Message, 422: Message}
PUBLIC_ERRORS = {404: Message, 422: Message}


def _member_of(request: HttpRequest) -> Member | None:
    """The member the authenticated account belongs to, when the "elections.vote" rule (the
    one the voting pages declare) admits it."""
    user = request.auth  # type: ignore[attr-defined]  # ninja sets it once authenticated
    if not allowed(user, "elections.vote"):
        return None
    member: Member = user.member
    return member


def _election_out(election: Election) -> ElectionOut:
    return ElectionOut(
        slug=election.slug, title=election.title, ballot_closes_at=election.ballot_close_at
    )


def _ballot_out(section: Section) -> BallotOut:
    return BallotOut(
        id=section.pk,
        election=_election_out(section.election),
        name=section.name,
        seats=section.seats,
        method=section.method,
        question=section.question,
        candidates=[
            CandidateOut(id=candidate.pk, name=candidate.member.name)
            for candidate in selectors.ballot_candidates(section)
        ],
    )


def _announced_section(pk: int) -> Section:
    """A ballot of an announced election; drafts do not exist as far as the API says."""
    section = selectors.announced_section(pk)
    if section is None:
        raise Http404
    return section


@router.get("/ballots/", response={200: list[BallotOut], **ERRORS}, summary="Ballots open to you")
def ballots_list(request: HttpRequest) -> list[BallotOut]:
    """The ballots open now on which you may vote and have not yet voted."""
    member = _member_of(request)
    if member is None:
        return []
    return [_ballot_out(section) for section in voting.ballots_open_to(member)]


@router.post(
    "/ballots/{int:ballot_id}/vote",
    response={200: ReceiptOut, 400: Message, 403: Message, 409: Message, **ERRORS},
    summary="Cast your vote",
)
def ballot_vote(request: HttpRequest, ballot_id: int, vote: VoteIn) -> ReceiptOut:
    """Send `ranking` (candidate ids, most preferred first) for a ranked ballot, or `choice`
    for a yes/no ballot. The answer is your receipt: a tracker code, shown only now."""
    section = _announced_section(ballot_id)
    member = _member_of(request)
    if member is None:
        raise HttpError(403, NO_MEMBERSHIP)
    receipt = voting.ballot_cast(
        section=section, member=member, ranking=vote.ranking, choice=vote.choice
    )
    return ReceiptOut(receipt=receipt)


@router.get(
    "/receipts/{code}",
    response={200: ReceiptCheckOut, **PUBLIC_ERRORS},
    auth=None,
    summary="Check a receipt",
)
@public
def receipt_check(request: HttpRequest, code: str) -> ReceiptCheckOut:
    """Whether the ballot with this tracker code is in the ballot box (and nothing else).
    Public, like the receipt check page: the code says nothing about who voted."""
    return ReceiptCheckOut(
        receipt=voting.normalise_tracker(code) or code, in_box=voting.receipt_lookup(code)
    )


@router.get(
    "/ballots/{int:ballot_id}/result",
    response={200: ResultOut, **PUBLIC_ERRORS},
    auth=None,
    summary="Result",
)
@public
def ballot_result(request: HttpRequest, ballot_id: int) -> ResultOut:
    """The published count sheet of a ballot; 404 until the result is published. Public, like
    the result page."""
    section = _announced_section(ballot_id)
    run = counts.section_count(section) if section.election.phase() == Phase.PUBLISHED else None
    published_at = section.election.published_at  # set once the phase is PUBLISHED
    if run is None or run.sheet is None or published_at is None:
        raise Http404(NOT_PUBLISHED)
    return ResultOut(
        ballot=section.pk,
        election=_election_out(section.election),
        name=section.name,
        published_at=published_at,
        ballots_counted=run.ballots_counted,
        seed=run.seed,
        sheet=run.sheet,
    )

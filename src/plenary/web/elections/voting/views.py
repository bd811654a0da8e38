"""Voting pages: the ballots open to me, the ballot paper, review, receipt, receipt check.

The ballot paper posts to itself with an `action`: "review" validates and shows the ranking
back; "change" returns to the paper with the numbers kept; "cast" validates the numbers
AGAIN (nothing from the review page is trusted) and calls `voting.ballot_cast`. The receipt
is rendered in the response to that post and stored nowhere on the server (not even in the
session), so no server-side record pairs a voter with a tracker code."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from plenary.web.core.permissions import login_required, public, rule_required
from plenary.web.elections import selectors
from plenary.web.elections.models import Section
from plenary.web.elections.selectors import visible_election_or_404, visible_section_or_404
from plenary.web.elections.voting import services as voting
from plenary.web.elections.voting.forms import ChoiceBallotForm, RankedBallotForm, ReceiptCheckForm
from plenary.web.members.models import Member

NOT_A_MEMBER = "Only members on the roll can vote; this account is not linked to a member."


def _member(request: HttpRequest) -> Member:
    """The voter: the views that call this declare "elections.vote", so there is one."""
    member: Member = request.user.member  # type: ignore[union-attr]
    return member


member_required = rule_required("elections.vote", NOT_A_MEMBER)


@login_required
def my_ballots(request: HttpRequest) -> HttpResponse:
    member = getattr(request.user, "member", None)
    sections = voting.ballots_open_to(member) if member else []
    return render(
        request,
        "elections/voting/my_ballots.html",
        {"sections": sections, "member": member, "nav": "ballots"},
    )


@member_required
def election_voting(request: HttpRequest, slug: str) -> HttpResponse:
    election = visible_election_or_404(request.user, slug)
    ballots = voting.member_ballots(election=election, member=_member(request))
    return render(
        request, "elections/voting/election.html", {"election": election, "ballots": ballots}
    )


@never_cache
@member_required
@require_http_methods(["GET", "POST"])
def ballot(request: HttpRequest, slug: str, section_id: int) -> HttpResponse:
    section, member = visible_section_or_404(request.user, slug, section_id), _member(request)
    problem = voting.ballot_problem(section=section, member=member)
    if problem is not None:
        return _unavailable(request, section, problem)
    form = _ballot_form(request, section)
    action = request.POST.get("action", "")
    if request.method == "GET" or action == "change" or not form.is_valid():
        return _paper(request, section, form)
    if action != "cast":
        return render(request, "elections/voting/review.html", _context(section, form))
    ranking = getattr(form, "ranking", None) or None
    try:
        tracker = voting.ballot_cast(
            section=section, member=member, ranking=ranking, choice=form.cleaned_data.get("choice")
        )
    except voting.InvalidBallot as invalid:
        form.add_error(None, str(invalid))
        return _paper(request, section, form)
    except voting.VotingError as refused:
        return _unavailable(request, section, refused)
    return render(
        request, "elections/voting/receipt.html", {"section": section, "tracker": tracker}
    )


def _ballot_form(request: HttpRequest, section: Section) -> RankedBallotForm | ChoiceBallotForm:
    data = request.POST if request.method == "POST" else None
    if request.POST.get("action") == "change":
        # Back from the review: show the numbers again, without judging them yet.
        data, initial = None, request.POST.dict()
    else:
        initial = None
    if section.is_referendum:
        return ChoiceBallotForm(data, initial=initial, question=section.question)
    candidates = selectors.ballot_candidates(section)
    return RankedBallotForm(data, initial=initial, candidates=candidates)


def _context(section: Section, form: RankedBallotForm | ChoiceBallotForm) -> dict[str, object]:
    return {"section": section, "election": section.election, "form": form}


def _paper(
    request: HttpRequest, section: Section, form: RankedBallotForm | ChoiceBallotForm
) -> HttpResponse:
    return render(request, "elections/voting/ballot.html", _context(section, form))


def _unavailable(
    request: HttpRequest, section: Section, problem: voting.VotingError
) -> HttpResponse:
    status = 403 if isinstance(problem, voting.NotEligible) else 409
    return render(
        request,
        "elections/voting/unavailable.html",
        {"section": section, "election": section.election, "problem": str(problem)},
        status=status,
    )


@public
@require_http_methods(["GET", "POST"])
def receipt_check(request: HttpRequest) -> HttpResponse:
    """Public. A POST, so tracker codes stay out of addresses, histories and access logs."""
    form = ReceiptCheckForm(request.POST or None)
    found = None
    if request.method == "POST" and form.is_valid():
        found = voting.receipt_lookup(form.cleaned_data["code"])
    return render(request, "elections/voting/receipt_check.html", {"form": form, "found": found})

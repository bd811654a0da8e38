"""What awaits a member in elections, on their home page (core/navigation.py's home panels):
ballots they can cast now, nominations waiting for their answer, and results published since
their last visit.

Reading only, with one exception: the "results seen" marker (`ResultsSeen`), which keeps
the DAY of the user's latest home-page visit, never a time. Nothing here freezes a roll,
fixes a ballot paper or writes anything about a vote; the ballot page the member follows
does what the voting code needs.

Which results are new: those published on or after the day of the member's visit before
today's. Days, not times, are all the marker knows, so a result published later on the day
of that visit is still new at the next one: a result stays on the home page on its day of
publication and up to the end of the member's first visit day after it, and is never
missed. A member's first visit shows the results of the last `FIRST_VISIT_DAYS` days."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from plenary.web.elections import selectors
from plenary.web.elections.models import (
    Candidate,
    Election,
    Phase,
    ResultsSeen,
    Section,
    VoteRecord,
)
from plenary.web.members import standing
from plenary.web.members.models import Member
from plenary.web.members.standing import Right

FIRST_VISIT_DAYS = 30
ANSWERABLE = (Phase.ANNOUNCED, Phase.NOMINATIONS)  # as the candidacy's lifecycle allows


@dataclass(frozen=True)
class OpenBallot:
    """An election whose ballot is open, and its sections the member has not yet voted on."""

    election: Election
    sections: list[Section]


def ballots_awaiting(member: Member, now: datetime | None = None) -> list[OpenBallot]:
    """Elections whose ballot is open now, in which the member may vote, with the sections
    they have not voted on yet (an election fully voted is left out).

    Reads only: the frozen roll decides where it is frozen, the live rule where nobody has
    frozen it yet (the ballot page freezes it when the member arrives)."""
    now = now or timezone.now()
    if not standing.may(member, Right.VOTE):
        return []
    elections = Election.objects.filter(
        announced_at__isnull=False,
        published_at__isnull=True,
        ballot_open_at__lte=now,
        ballot_close_at__gt=now,
    ).order_by("ballot_close_at", "title")
    voted = set(
        VoteRecord.objects.filter(member=member, section__election__in=elections).values_list(
            "section_id", flat=True
        )
    )
    awaiting = []
    for election in elections:
        if not selectors.is_in_electorate(election, member):
            continue
        sections = [s for s in election.sections.all() if s.pk not in voted]
        for section in sections:
            section.election = election
        if sections:
            awaiting.append(OpenBallot(election, sections))
    return awaiting


def nominations_to_answer(user: Any, now: datetime | None = None) -> list[Candidate]:
    """The user's nominations not yet accepted or declined, while they still can answer."""
    now = now or timezone.now()
    waiting = selectors.candidacies_of(user).filter(status=Candidate.Status.NOMINATED)
    return [c for c in waiting if c.section.election.phase(now) in ANSWERABLE]


def _today(now: datetime) -> date:
    return now.astimezone(UTC).date()


def results_new_since(user: Any, now: datetime | None = None) -> date:
    """The day from which results are new to the user, moving their marker on to today (at
    most one small write a day: nothing when the marker already says today)."""
    today = _today(now or timezone.now())
    seen = ResultsSeen.objects.filter(user=user).first()
    if seen is None:
        since = today - timedelta(days=FIRST_VISIT_DAYS)
        ResultsSeen.objects.create(user=user, seen_on=today, new_since=since)
        return since
    if seen.seen_on < today:
        seen.new_since, seen.seen_on = seen.seen_on, today
        seen.save(update_fields=["new_since", "seen_on"])
    return seen.new_since


def new_results(member: Member, since: date) -> list[Election]:
    """Published results, since the day given, of elections the member was an elector or a
    candidate in."""
    start = datetime.combine(since, time.min, tzinfo=UTC)
    return list(
        Election.objects.filter(published_at__gte=start)
        .filter(Q(electors__member=member) | Q(sections__candidates__member=member))
        .distinct()
        .order_by("-published_at", "title")
    )


def awaiting_panel(request: HttpRequest) -> Mapping[str, Any] | None:
    """The home panel: left out when nothing awaits the member."""
    member = getattr(request.user, "member", None)
    if member is None:
        return None
    now = timezone.now()
    ballots = ballots_awaiting(member, now)
    nominations = nominations_to_answer(request.user, now)
    results = new_results(member, results_new_since(request.user, now))
    if not (ballots or nominations or results):
        return None
    return {"ballots": ballots, "nominations": nominations, "results": results}

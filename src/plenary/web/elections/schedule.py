"""An election's deadlines as scheduled work (core/scheduling.py). Nothing a member sees
waits for these jobs: the phase is always worked out from the timeline, and the first voter
or the count does any step nobody did. The jobs do those steps on time, and one thing only
a job can do promptly: shuffle the ballot box the moment voting ends.

- at the ballot's opening: freeze the roll of electors and fix every ballot paper;
- a minute after the close: rewrite each section's box in random order (counts.box_shuffle),
  so that, on PostgreSQL, the table's order stops following the order of voting as soon as
  voting is over rather than when the returning officer starts the count. The minute lets a
  vote that passed the closing check just before the close finish first."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError

from plenary.web.core.scheduling import register_job, schedule
from plenary.web.elections.models import Election, Phase

BALLOT_OPENS = "elections.ballot_opens"
BALLOT_CLOSED = "elections.ballot_closed"
SETTLE = timedelta(minutes=1)


def _key(election: Election) -> str:
    return f"election:{election.pk}"


def schedule_deadlines(election: Election) -> None:
    """Schedule the jobs of an announced election's timeline (again, when it changes: a job
    for a time no longer in the timeline finds nothing to do)."""
    if election.announced_at is None:
        return
    if election.ballot_open_at is not None:
        schedule(BALLOT_OPENS, _key(election), election.ballot_open_at)
    if election.ballot_close_at is not None:
        schedule(BALLOT_CLOSED, _key(election), election.ballot_close_at + SETTLE)


def _election(key: str) -> Election | None:
    kind, _, pk = key.partition(":")
    if kind != "election" or not pk.isdigit():
        return None
    return Election.objects.filter(pk=int(pk)).first()


def ballot_opens(key: str, due_at: datetime) -> None:
    from plenary.web.elections.setup import services as setup

    election = _election(key)
    if election is None or election.ballot_open_at != due_at or election.phase() != Phase.BALLOT:
        return  # moved, or no longer open: the new time has its own job
    try:
        setup.election_freeze_roll_if_due(election=election, now=due_at)
    except ValidationError:
        return  # no roll date: the ballot page tells the voters why they cannot vote
    for section in election.sections.all():
        section.election = election
        setup.section_fix_ballot_paper(section=section, now=due_at)


def ballot_closed(key: str, due_at: datetime) -> None:
    from plenary.web.elections.counts import services as counts

    election = _election(key)
    if election is None or election.ballot_close_at is None:
        return
    if election.ballot_close_at + SETTLE != due_at or election.phase() != Phase.BALLOT_CLOSED:
        return
    for section in election.sections.filter(counts__isnull=True):
        counts.box_shuffle(section=section)


def register() -> None:
    register_job(BALLOT_OPENS, ballot_opens)
    register_job(BALLOT_CLOSED, ballot_closed)

"""Demo elections for the voting part (a builder for `plenary demo`, see docs/demo.md):

- "Steering committee 2026": the ballot is open now (for a week), a ranked STV section and
  a yes/no question; the demo member login has not voted, so it can try the ballot paper.
- "National executive 2026": voted on last month by about two hundred members whose
  rankings are drawn at random (fixed seed), closed, counted for real by the services the
  returning officer uses, and published.
- "Disputes panel 2026": its ballot closed yesterday, voted on by forty members; the box
  waits for the returning officer to close it and count (the confirmation, the count page).
- "Regional organisers 2027": a draft the returning officer is still setting up, which only
  they see, with what stops it being announced.

Rows are found by their slugs, so running the demo again adds nothing."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone

from plenary.web.core.demo import LOGIN_NUMBERS, RETURNING_OFFICER, Demo, rng_for
from plenary.web.elections.counts import services as counts
from plenary.web.elections.models import (
    BallotFileAccess,
    BallotList,
    Candidate,
    Election,
    Method,
    NominatingKind,
    Nomination,
    Section,
)
from plenary.web.elections.voting import services as voting
from plenary.web.members.models import Member
from plenary.web.members.standing import Right
from plenary.web.members.standing import may as member_may

OPEN_SLUG = "steering-committee-2026"
PUBLISHED_SLUG = "national-executive-2026"
CLOSED_SLUG = "disputes-panel-2026"
DRAFT_SLUG = "regional-organisers-2027"
PUBLISHED_VOTERS = 200
CLOSED_VOTERS = 40
DAY = timedelta(days=1)


def build_voting_elections(demo: Demo) -> Demo:
    if not Election.objects.filter(slug=OPEN_SLUG).exists():
        _open_election(demo)
        demo.count_created("elections")
    if not Election.objects.filter(slug=PUBLISHED_SLUG).exists():
        _published_election(demo)
        demo.count_created("elections")
    if not Election.objects.filter(slug=CLOSED_SLUG).exists():
        _closed_election(demo)
        demo.count_created("elections")
    if not Election.objects.filter(slug=DRAFT_SLUG).exists():
        _draft_election(demo)
        demo.count_created("elections")
    return demo


def _at(demo: Demo, days: int, hour: int = 12) -> datetime:
    """Noon (or `hour`) `days` from the demo's today, in the organisation's time zone."""
    day = demo.today + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _election(demo: Demo, slug: str, title: str, start: int, **fields: Any) -> Election:
    """An announced election whose timeline starts `start` days from today."""
    assert demo.national is not None
    return Election.objects.create(
        title=title,
        slug=slug,
        unit=demo.national,
        roll_date=demo.today + timedelta(days=start),
        description="A demo election: the candidates and the votes are made up.",
        announced_at=_at(demo, start - 7),
        nominations_open_at=_at(demo, start),
        nominations_close_at=_at(demo, start + 14),
        ballot_open_at=_at(demo, start + 15),
        ballot_close_at=_at(demo, start + 29),
        **fields,
    )


def _candidates(demo: Demo, section: Section, count: int, topic: str) -> list[Candidate]:
    """`count` active members (no demo login among them) standing, each nominated by their
    own branch and accepting."""
    rng = rng_for(topic)
    pool = sorted(
        (
            m
            for m in demo.members.values()
            if member_may(m, Right.BE_NOMINATED) and m.membership_number not in LOGIN_NUMBERS
        ),
        key=lambda m: m.membership_number,
    )
    opened = section.election.nominations_open_at
    assert opened is not None  # _election sets the whole timeline
    standing = []
    for member in rng.sample(pool, count):
        candidate = Candidate.objects.create(
            section=section,
            member=member,
            status=Candidate.Status.ACCEPTED,
            accepted_at=opened + DAY,
            statement=f"{member.name} will speak up for {member.branch.name} and every branch.",
        )
        Nomination.objects.create(
            candidate=candidate,
            unit=member.branch,
            meeting_date=timezone.localdate(opened + 2 * DAY),
        )
        standing.append(candidate)
    return standing


def _section(election: Election, name: str, **fields: object) -> Section:
    return Section.objects.create(
        election=election,
        name=name,
        nominating_kinds=[NominatingKind.BRANCH],
        threshold=1,
        nominations_per_body=2,
        **fields,
    )


def _open_election(demo: Demo) -> None:
    election = _election(demo, OPEN_SLUG, "Steering committee 2026", start=-16)
    committee = _section(election, "Steering committee", seats=3, method=Method.SCOTTISH)
    _candidates(demo, committee, 6, "elections-open-candidates")
    _section(
        election,
        "Monthly meetings",
        position=1,
        method=Method.REFERENDUM,
        question="Should every branch hold a members' meeting at least once a month?",
    )


def _published_election(demo: Demo) -> None:
    # The open demo election keeps the defaults (receipt check only, the BLT for scrutineers);
    # this one shows the other end: the ballot list published, the BLT for everyone.
    election = _election(
        demo,
        PUBLISHED_SLUG,
        "National executive 2026",
        start=-60,
        ballot_list=BallotList.PUBLISHED,
        ballot_file_access=BallotFileAccess.EVERYONE,
    )
    executive = _section(election, "National executive", seats=5, method=Method.SCOTTISH)
    treasurer = _section(election, "Treasurer", position=1, seats=1, method=Method.IRV)
    executive_candidates = _candidates(demo, executive, 9, "elections-published-executive")
    treasurer_candidates = _candidates(demo, treasurer, 3, "elections-published-treasurer")
    assert election.ballot_open_at is not None and election.ballot_close_at is not None
    voting_day = election.ballot_open_at + 3 * DAY
    voters = _voters(demo, election, PUBLISHED_VOTERS)
    for section, standing in ((executive, executive_candidates), (treasurer, treasurer_candidates)):
        rng = rng_for(f"elections-ballots-{section.name}")
        appeal = {c.id: rng.uniform(0.3, 3.0) for c in standing}
        for member in voters:
            voting.ballot_cast(
                section=section, member=member, ranking=_ranking(rng, appeal), now=voting_day
            )
    officer = demo.login_member(RETURNING_OFFICER).user
    closed = election.ballot_close_at + timedelta(hours=1)
    for run in counts.election_count_start(election=election, actor=officer, now=closed):
        counts.count_run_execute(run_id=run.pk)  # count now; the queued task then finds it done
    counts.election_publish(election=election, actor=officer, now=closed + DAY)


def _closed_election(demo: Demo) -> None:
    election = _election(demo, CLOSED_SLUG, "Disputes panel 2026", start=-30)
    panel = _section(election, "Disputes panel", seats=2, method=Method.SCOTTISH)
    standing = _candidates(demo, panel, 4, "elections-closed-candidates")
    assert election.ballot_open_at is not None
    rng = rng_for("elections-closed-ballots")
    appeal = {c.id: rng.uniform(0.3, 3.0) for c in standing}
    voting_day = election.ballot_open_at + 2 * DAY
    for member in _voters(demo, election, CLOSED_VOTERS, topic="elections-closed-voters"):
        voting.ballot_cast(
            section=panel, member=member, ranking=_ranking(rng, appeal), now=voting_day
        )


def _draft_election(demo: Demo) -> None:
    assert demo.national is not None
    election = Election.objects.create(
        title="Regional organisers 2027",
        slug=DRAFT_SLUG,
        unit=demo.national,
        description="A demo draft: the returning officer has not set its timeline yet.",
    )
    _section(election, "Regional organisers", seats=4, method=Method.SCOTTISH)


def _voters(
    demo: Demo, election: Election, count: int, topic: str = "elections-published-voters"
) -> list[Member]:
    """Members on the election's roll (active, joined by the roll date)."""
    rng = rng_for(topic)
    roll_date = election.roll_date
    assert roll_date is not None  # _election sets it
    active = sorted(
        (
            m
            for m in demo.members.values()
            if member_may(m, Right.VOTE) and m.joined_on <= roll_date
        ),
        key=lambda m: m.membership_number,
    )
    return rng.sample(active, min(count, len(active)))


def _ranking(rng: random.Random, appeal: dict[int, float]) -> list[int]:
    """Candidates drawn one by one in proportion to their appeal; most voters stop early."""
    left = dict(appeal)
    ranking: list[int] = []
    length = rng.choice([1, 2, 2, 3, 3, 4, 5, len(appeal)])
    while left and len(ranking) < length:
        pick = rng.choices(list(left), weights=list(left.values()))[0]
        ranking.append(pick)
        del left[pick]
    return ranking

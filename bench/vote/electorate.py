"""Setting up the benchmark election fast, and checking the ballot box afterwards.

Import only after django.setup(). Members, accounts and tokens are bulk-inserted (10,000 of
each in a few seconds); the roll is frozen and the count run by the elections services."""

from __future__ import annotations

import hashlib
import random
import secrets
from dataclasses import dataclass
from datetime import timedelta

from bench.vote.load import Voter
from bench.vote.stats import popularity, ranking
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from plenary.web.accounts.models import User
from plenary.web.accounts.token_services import TOKEN_PREFIX, api_token_user, token_uses
from plenary.web.accounts.tokens import ApiToken
from plenary.web.elections.counts import services as counts
from plenary.web.elections.models import (
    BallotFileAccess,
    Candidate,
    CastBallot,
    CountRun,
    Election,
    Method,
    Section,
    VoteRecord,
)
from plenary.web.elections.setup import services as setup
from plenary.web.members.models import Member
from plenary.web.organisation.models import Unit

BATCH = 2000
BRANCHES = 20


@dataclass
class BenchElection:
    election: Election
    section: Section
    officer: User
    voters: list[Voter]


def _token_hash(raw: str) -> str:
    # As accounts.token_services stores them; `create_election` checks one token against it.
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def create_election(*, voters: int, candidates: int, seats: int, seed: int) -> BenchElection:
    """An announced election whose ballot opened a minute ago, one Scottish STV section,
    `voters` active members each with an account and an API token, the roll frozen."""
    rng = random.Random(seed)
    now = timezone.now()
    national = Unit.objects.create(kind=Unit.Kind.NATIONAL, name="Bench national", slug="bench")
    region = Unit.objects.create(
        kind=Unit.Kind.REGION, name="Bench region", slug="bench-region", parent=national
    )
    branches = Unit.objects.bulk_create(
        Unit(kind=Unit.Kind.BRANCH, name=f"Branch {b:02d}", slug=f"bench-branch-{b}", parent=region)
        for b in range(BRANCHES)
    )
    password = make_password(None)  # no password login: the benchmark uses tokens only
    users = User.objects.bulk_create(
        (
            User(email=f"voter{n:05d}@bench.invalid", name=f"Voter {n:05d}", password=password)
            for n in range(voters)
        ),
        batch_size=BATCH,
    )
    Member.objects.bulk_create(
        (
            Member(
                membership_number=f"B{n:06d}",
                name=f"Voter {n:05d}",
                branch=branches[n % BRANCHES],
                joined_on=now.date() - timedelta(days=30),
                user=user,
            )
            for n, user in enumerate(users)
        ),
        batch_size=BATCH,
    )
    raws = [TOKEN_PREFIX + secrets.token_urlsafe(32) for _ in users]
    ApiToken.objects.bulk_create(
        (
            ApiToken(
                user=user,
                name="bench",
                prefix=raw[: len(TOKEN_PREFIX) + 6],
                token_hash=_token_hash(raw),
            )
            for user, raw in zip(users, raws, strict=True)
        ),
        batch_size=BATCH,
    )
    if api_token_user(raw=raws[0]) != users[0]:
        raise SystemExit("the bench's tokens do not match accounts.token_services: fix _token_hash")
    token_uses.flush()  # now, while the database is up, not at exit
    officer = User.objects.create(
        email="officer@bench.invalid", name="Returning officer", password=password
    )
    election = Election.objects.create(
        title="Bench election",
        slug="bench-election",
        unit=national,
        announced_at=now - timedelta(hours=3),
        nominations_open_at=now - timedelta(hours=2),
        nominations_close_at=now - timedelta(hours=1),
        ballot_open_at=now - timedelta(minutes=1),
        ballot_close_at=now + timedelta(hours=2),
        roll_date=timezone.localdate(now),
        # The harness downloads the BLT anonymously from the result page to recount it.
        ballot_file_access=BallotFileAccess.EVERYONE,
        created_by=officer,
    )
    section = Section.objects.create(
        election=election,
        name="National executive",
        seats=seats,
        method=Method.SCOTTISH,
        threshold=0,
    )
    members = list(Member.objects.order_by("membership_number")[:candidates])
    Candidate.objects.bulk_create(
        Candidate(section=section, member=m, status=Candidate.Status.ACCEPTED, accepted_at=now)
        for m in members
    )
    setup.election_freeze_roll(election=election, actor=officer)
    ids = list(section.candidates.values_list("id", flat=True))
    weights = popularity(ids, rng)
    ballots = [Voter(raw, ranking(weights, rng)) for raw in raws]
    rng.shuffle(ballots)
    return BenchElection(election, section, officer, ballots)


@dataclass
class BoxCheck:
    ballots: int
    vote_records: int
    members_twice: int
    receipts_missing: int
    receipts_unknown: int

    @property
    def consistent(self) -> bool:
        return self.ballots == self.vote_records and self.members_twice == 0


def check_box(section: Section, receipts: list[str]) -> BoxCheck:
    """Ballots in the box against vote records and the receipts the voters hold."""
    trackers = set(CastBallot.objects.filter(section=section).values_list("tracker", flat=True))
    twice = (
        VoteRecord.objects.filter(section=section)
        .values("member")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    held = set(receipts)
    return BoxCheck(
        ballots=len(trackers),
        vote_records=VoteRecord.objects.filter(section=section).count(),
        members_twice=twice,
        receipts_missing=len(held - trackers),
        receipts_unknown=len(trackers - held),
    )


def close_and_count(bench: BenchElection) -> CountRun:
    """Move the close into the past (the bench only: an officer cannot), close the box and
    queue the count with the service, then return the queued run."""
    now = timezone.now()
    with transaction.atomic():
        Election.objects.filter(pk=bench.election.pk).update(
            ballot_close_at=now - timedelta(seconds=1)
        )
    bench.election.refresh_from_db()
    (run,) = counts.election_count_start(election=bench.election, actor=bench.officer)
    return run


def publish(bench: BenchElection) -> None:
    bench.election.refresh_from_db()
    counts.election_publish(election=bench.election, actor=bench.officer)

"""Elections for the voting tests, built directly from the models (with threshold 0, an
accepted candidate is on the ballot paper without nominations)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from plenary.web.elections.models import Candidate, Election, Method, Section
from plenary.web.members.models import Member, SelfIdentification
from plenary.web.organisation.models import Body, Office, Unit
from tests.web import factories as f

HOUR = timedelta(hours=1)


def make_election(
    unit: Unit, *, slug: str = "exec-2026", ballot_open: bool = True, **fields: Any
) -> Election:
    """An announced election whose ballot is open now (or closed an hour ago); `fields` are
    further Election fields (e.g. ballot_list)."""
    now = timezone.now()
    opens = now - HOUR if ballot_open else now - 3 * HOUR
    return Election.objects.create(
        title="National executive 2026",
        slug=slug,
        unit=unit,
        announced_at=now - 10 * HOUR,
        nominations_open_at=now - 9 * HOUR,
        nominations_close_at=now - 5 * HOUR,
        ballot_open_at=opens,
        ballot_close_at=opens + 2 * HOUR,
        roll_date=timezone.localdate(now),
        **fields,
    )


def make_section(
    election: Election,
    name: str = "Steering committee",
    *,
    seats: int = 1,
    method: str = Method.SCOTTISH,
    **fields: object,
) -> Section:
    return Section.objects.create(
        election=election, name=name, seats=seats, method=method, threshold=0, **fields
    )


def make_candidates(section: Section, branch: Unit, *names: str) -> list[Candidate]:
    return [
        Candidate.objects.create(
            section=section, member=f.make_member(name, branch), status=Candidate.Status.ACCEPTED
        )
        for name in names
    ]


def identify(member: Member, **categories: bool) -> SelfIdentification:
    return SelfIdentification.objects.create(
        member=member, consent_given_at=timezone.now(), **categories
    )


def close_ballot(election: Election) -> datetime:
    """Move the timeline back so the ballot closed a minute ago; returns now."""
    now = timezone.now()
    election.ballot_open_at = now - 2 * HOUR
    election.ballot_close_at = now - timedelta(minutes=1)
    election.save(update_fields=["ballot_open_at", "ballot_close_at"])
    return now


def make_returning_officer(unit: Unit):  # type: ignore[no-untyped-def]
    member = f.make_member_with_login("Rita Returning", _branch(unit))
    body = f.make_body("Elections committee", Body.Kind.ELECTIONS, unit)
    f.give_seat(member, body, Office.RETURNING_OFFICER)
    f.enable_totp(member.user)
    return member.user


def _branch(unit: Unit) -> Unit:
    return Unit.objects.filter(kind=Unit.Kind.BRANCH).first() or unit


# Fixtures shared by the voting tests (imported by name into each test module).


@pytest.fixture
def election(tree):  # type: ignore[no-untyped-def]
    """An election whose ballot is open now."""
    return make_election(tree["national"])


@pytest.fixture
def section(election, tree):  # type: ignore[no-untyped-def]
    """Two seats; Ann Able, Ben Bold and Cat Cole on the ballot paper, in that order."""
    section = make_section(election, seats=2)
    make_candidates(section, tree["northtown"], "Ann Able", "Ben Bold", "Cat Cole")
    return section

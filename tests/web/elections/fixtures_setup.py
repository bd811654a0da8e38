"""Fixtures and builders for the election setup and nomination tests. Test modules import the
fixtures they use by name (they are not in a conftest, to keep clear of the voting tests').

Services take `now`, so rules about the clock are tested at chosen moments; pages use the
server clock, so elections built for page tests have timelines around the real time."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from plenary.web.accounts.models import User
from plenary.web.elections.models import Election, Section
from plenary.web.elections.setup import services as setup
from plenary.web.organisation.models import Body, Office, Unit
from tests.web import factories as f

SECTION_DEFAULTS: dict[str, object] = {
    "name": "Branch representatives",
    "position": 1,
    "seats": 3,
    "method": "scottish",
    "question": "",
    "reserved_category": "",
    "reserved_seats": 0,
    "minimum_women": 0,
    "nominating_kinds": ["branch"],
    "nominations_per_body": 2,
    "gender_balanced_nominations": False,
    "threshold": 2,
}


def make_returning_officer(tree: dict[str, Unit]) -> User:
    """Rita, the returning officer (a seat on the national elections committee)."""
    member = f.make_member_with_login("Rita Reed", tree["southtown"])
    committee = f.make_body("Elections committee", Body.Kind.ELECTIONS, tree["national"])
    f.give_seat(member, committee, Office.RETURNING_OFFICER)
    f.enable_totp(member.user)
    return member.user


@pytest.fixture
def ro(tree) -> User:  # type: ignore[no-untyped-def]
    return make_returning_officer(tree)


def timeline_around(now: datetime) -> dict[str, datetime]:
    """Nominations opened a day before `now` and close in a week; the ballot follows."""
    return {
        "nominations_open_at": now - timedelta(days=1),
        "nominations_close_at": now + timedelta(days=7),
        "ballot_open_at": now + timedelta(days=8),
        "ballot_close_at": now + timedelta(days=15),
    }


def build_election(
    tree: dict[str, Unit],
    ro: User,
    *,
    now: datetime | None = None,
    announce: bool = True,
    electorate: list[Unit] | None = None,
    slug: str = "exec-2026",
    **section_fields: object,
) -> tuple[Election, Section]:
    """An election with one section whose nominations are open at `now` (default: the real
    clock), built through the services as a returning officer would."""
    now = now or timezone.now()
    election = setup.election_create(
        actor=ro,
        title="National executive 2026",
        slug=slug,
        unit=tree["national"],
        electorate_units=electorate or [],
        roll_date=date(2025, 12, 31),
    )
    section = setup.section_create(
        actor=ro, election=election, now=now, **{**SECTION_DEFAULTS, **section_fields}
    )
    setup.election_set_timeline(actor=ro, election=election, now=now, **timeline_around(now))
    if announce:
        setup.election_announce(actor=ro, election=election, now=now - timedelta(days=2))
    election.refresh_from_db()
    section.refresh_from_db()
    return election, section

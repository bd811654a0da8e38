"""What the demo builders share: the fixed seed, the demo password, the stable keys of the
demo logins, and the `Demo` record that each builder reads and adds to."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from plenary.web.members.models import Member
from plenary.web.organisation.models import Affiliate, Body, Unit

SEED = 20260501
# Documented in docs/demo.md. Only ever set on accounts at the reserved example domains,
# and the command refuses to run on a database holding real members or users.
DEMO_PASSWORD = "plenary-demo"
DEMO_URL = "http://127.0.0.1:8000/"
MEMBER_COUNT = 600
MEMBERSHIP_NUMBER_PREFIX = "D"


def membership_number(index: int) -> str:
    """D000001, D000002, ...: the demo's stable key for a member."""
    return f"{MEMBERSHIP_NUMBER_PREFIX}{index:06d}"


@dataclass(frozen=True)
class LoginRole:
    role: str
    email: str
    membership_number: str | None  # None: a login that is not a member (the site admin)


# One login per role. Each role's member is seated by build_bodies so that roles.py
# derives the role; the ordinary member holds no seat at all.
MEMBER = LoginRole("Member", "member@example.org", membership_number(1))
BRANCH_SECRETARY = LoginRole("Branch secretary", "secretary@example.org", membership_number(2))
RETURNING_OFFICER = LoginRole(
    "Returning officer", "returning-officer@example.org", membership_number(3)
)
CAC_MEMBER = LoginRole(
    "Conference arrangements committee member", "cac@example.org", membership_number(4)
)
COMPLAINTS_OFFICER = LoginRole("Complaints officer", "complaints@example.org", membership_number(5))
MEMBERSHIP_SECRETARY = LoginRole(
    "National membership secretary (keeps the roll)", "roll@example.org", membership_number(6)
)
SITE_ADMIN = LoginRole("Site admin", "admin@example.org", None)

LOGIN_ROLES: tuple[LoginRole, ...] = (
    MEMBER,
    BRANCH_SECRETARY,
    RETURNING_OFFICER,
    CAC_MEMBER,
    COMPLAINTS_OFFICER,
    MEMBERSHIP_SECRETARY,
    SITE_ADMIN,
)
LOGIN_NUMBERS = frozenset(role.membership_number for role in LOGIN_ROLES if role.membership_number)


def rng_for(topic: str) -> random.Random:
    """A generator per builder, so adding draws in one builder never shifts another's data."""
    return random.Random(f"{SEED}:{topic}")


@dataclass
class Demo:
    """The demo organisation as built so far. Builders take it, add their part, return it;
    a later capability's builder (elections, motions) finds everything it needs here."""

    today: date
    national: Unit | None = None
    regions: dict[str, Unit] = field(default_factory=dict)  # by slug
    branches: dict[str, Unit] = field(default_factory=dict)  # by slug
    affiliates: dict[str, Affiliate] = field(default_factory=dict)  # by name
    members: dict[str, Member] = field(default_factory=dict)  # by membership number
    bodies: dict[str, Body] = field(default_factory=dict)  # by slug
    created: dict[str, int] = field(default_factory=dict)  # what this run added, by kind

    def count_created(self, kind: str, number: int = 1) -> None:
        if number:
            self.created[kind] = self.created.get(kind, 0) + number

    def login_member(self, role: LoginRole) -> Member:
        assert role.membership_number is not None, f"{role.role} is not a member"
        return self.members[role.membership_number]

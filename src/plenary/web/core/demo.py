"""The demo organisation loaded by `plenary demo` (docs/demo.md): what its builders share,
and the registries the apps fill in their `AppConfig.ready`.

Each app that owns demo rows writes builders in its own `demo.py`: a function that takes
the `Demo` built so far, adds its rows (only those still missing, found by stable keys:
slugs, membership numbers D000001..., emails) and returns it. The app registers each
builder with `register(builder, order=...)`, and a check for what on a database is not
demo data with `register_real_data_check(...)`. Nothing here imports another app, so the
`Demo` record holds the other apps' rows loosely typed.

The builders run in ascending `order`, whatever order the apps are loaded in; each may
use what the ones before it built:

    10 build_organisation             organisation
    20 build_tree                     organisation
    30 build_affiliates               organisation
    40 build_members                  members
    50 build_bodies                   members (bodies seat members)
    60 build_logins                   accounts
    70 build_election_in_nominations  elections
    75 build_branch_election          elections
    80 build_voting_elections         elections
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

SEED = 20260501
# Documented in docs/demo.md. Only ever set on accounts at the reserved example domains,
# and the command refuses to run on a database holding real members or users.
DEMO_PASSWORD = "plenary-demo"
# Where the demo is served unless told otherwise: the address `plenary serve` defaults to.
DEMO_ADDRESS = "127.0.0.1:8000"
MEMBERSHIP_NUMBER_PREFIX = "D"
DEMO_NUMBER_PATTERN = rf"^{MEMBERSHIP_NUMBER_PREFIX}[0-9]{{6}}$"
# Reserved by RFC 2606 for documentation: no real person can receive mail there.
RESERVED_DOMAINS = ("example.org", "example.com", "example.net")


def demo_url(address: str = DEMO_ADDRESS) -> str:
    """The address to open in a browser for a site served on `address` (HOST:PORT, as
    `plenary serve` takes it; an IPv6 host in brackets). A wildcard host (0.0.0.0, [::])
    is served on every interface, so the printout names this machine's loopback."""
    host, sep, port = address.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"the address must be HOST:PORT, e.g. 127.0.0.1:8000, not {address!r}")
    if host == "0.0.0.0":
        host = "127.0.0.1"
    elif host == "[::]":
        host = "[::1]"
    return f"http://{host}:{port}/"


def membership_number(index: int) -> str:
    """D000001, D000002, ...: the demo's stable key for a member."""
    return f"{MEMBERSHIP_NUMBER_PREFIX}{index:06d}"


def rng_for(topic: str) -> random.Random:
    """A generator per builder, so adding draws in one builder never shifts another's data."""
    return random.Random(f"{SEED}:{topic}")


def at_reserved_domain(field: str = "email") -> Q:
    """Rows whose `field` is an address at one of the reserved example domains."""
    condition = Q()
    for domain in RESERVED_DOMAINS:
        condition |= Q(**{f"{field}__iendswith": f"@{domain}"})
    return condition


# The demo logins


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


# The record the builders pass along


@dataclass
class Demo:
    """The demo organisation as built so far. Builders take it, add their part, return it;
    a later capability's builder (motions, meetings) finds everything it needs here.

    The rows are those of the apps above core (organisation's units, affiliates and bodies,
    members' members), so they are typed loosely here; each app's builders know their types."""

    today: date
    national: Any = None  # the national Unit
    regions: dict[str, Any] = field(default_factory=dict)  # Units by slug
    branches: dict[str, Any] = field(default_factory=dict)  # Units by slug
    affiliates: dict[str, Any] = field(default_factory=dict)  # Affiliates by name
    members: dict[str, Any] = field(default_factory=dict)  # Members by membership number
    bodies: dict[str, Any] = field(default_factory=dict)  # Bodies by slug
    created: dict[str, int] = field(default_factory=dict)  # what this run added, by kind

    def count_created(self, kind: str, number: int = 1) -> None:
        if number:
            self.created[kind] = self.created.get(kind, 0) + number

    def login_member(self, role: LoginRole) -> Any:
        """The Member that `role` logs in as (built by build_members)."""
        assert role.membership_number is not None, f"{role.role} is not a member"
        return self.members[role.membership_number]


# The builders

Builder = Callable[[Demo], Demo]

_BUILDERS: dict[int, Builder] = {}


def _name(function: Callable[..., object]) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def register(builder: Builder, *, order: int) -> None:
    """Add `builder` to the demo, to run at `order` (see the table above). Registering the
    same builder again is harmless; two builders at one order are a mistake."""
    existing = _BUILDERS.get(order)
    if existing is not None and _name(existing) != _name(builder):
        raise ImproperlyConfigured(
            f"Demo builders {_name(existing)} and {_name(builder)} both registered at {order}."
        )
    _BUILDERS[order] = builder


def builders() -> list[Builder]:
    """The registered builders, in the order they run."""
    return [_BUILDERS[order] for order in sorted(_BUILDERS)]


def build_demo(today: date | None = None) -> Demo:
    """Load whatever part of the demo organisation is missing, all or nothing."""
    demo = Demo(today=today or timezone.localdate())
    with transaction.atomic():
        for builder in builders():
            demo = builder(demo)
    return demo


# Keeping the demo out of real installations (docs/decisions/0004-demo-data.md).
#
# The demo makes a superuser and officers with a published password. So it runs only on a
# database that holds nothing but demo data. Each app that holds people registers a check
# counting its rows that are not demo data (members: not a demo number, or a real email;
# accounts: a user whose address is not at a reserved example domain). Anything found
# means real people are on this database, and the command refuses unless told --force.


@dataclass(frozen=True)
class RealDataCheck:
    order: int
    found: str  # what the rows counted are, e.g. "member(s) that are not demo members"
    count: Callable[[], int]


_CHECKS: dict[str, RealDataCheck] = {}


def register_real_data_check(found: str, count: Callable[[], int], *, order: int) -> None:
    """Count `found` (rows that are not demo data) with `count` before the demo loads;
    checks are reported in ascending `order`."""
    _CHECKS[found] = RealDataCheck(order=order, found=found, count=count)


@dataclass(frozen=True)
class RealData:
    found: tuple[tuple[str, int], ...]  # (what, how many), only those found

    def __bool__(self) -> bool:
        return bool(self.found)

    def describe(self) -> str:
        return " and ".join(f"{number} {what}" for what, number in self.found)


def real_data() -> RealData:
    """What on this database is not demo data."""
    checks = sorted(_CHECKS.values(), key=lambda check: check.order)
    counted = ((check.found, check.count()) for check in checks)
    return RealData(found=tuple((what, number) for what, number in counted if number))


def refusal(found: RealData) -> str:
    return (
        f"Refusing to load the demo organisation: this database holds {found.describe()}.\n"
        "The demo creates a site admin and officers whose password is published, so it only "
        "runs on an empty or demo-only database.\n"
        "Use a fresh database (e.g. DATABASE_URL=sqlite:///var/demo.sqlite3), or, if you "
        "really mean to mix demo data into this one, run `plenary demo --force`."
    )

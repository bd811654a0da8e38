"""The demo organisation loaded by `plenary demo` (docs/demo.md).

Each part is a small builder: a function that takes the `Demo` built so far, adds its own
rows (only those still missing, found by stable keys: slugs, membership numbers D000001...,
emails) and returns it. A later capability adds its demo data the same way: write a
`build_<thing>(demo: Demo) -> Demo` beside its app and append it to BUILDERS."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.db import transaction
from django.utils import timezone

from plenary.web.demo.affiliates import build_affiliates
from plenary.web.demo.bodies import build_bodies
from plenary.web.demo.context import DEMO_PASSWORD, DEMO_URL, LOGIN_ROLES, Demo, LoginRole
from plenary.web.demo.election_nominations import build_election_in_nominations
from plenary.web.demo.logins import build_logins
from plenary.web.demo.members import build_members
from plenary.web.demo.safety import RealData, real_data, refusal
from plenary.web.demo.tree import build_organisation, build_tree
from plenary.web.elections.demo import build_voting_elections

Builder = Callable[[Demo], Demo]

# In order: each may use what the ones before it built.
BUILDERS: list[Builder] = [
    build_organisation,
    build_tree,
    build_affiliates,
    build_members,
    build_bodies,
    build_logins,
    build_election_in_nominations,
    build_voting_elections,
]

__all__ = [
    "BUILDERS",
    "DEMO_PASSWORD",
    "DEMO_URL",
    "LOGIN_ROLES",
    "Demo",
    "LoginRole",
    "RealData",
    "build_demo",
    "real_data",
    "refusal",
]


def build_demo(today: date | None = None) -> Demo:
    """Load whatever part of the demo organisation is missing, all or nothing."""
    demo = Demo(today=today or timezone.localdate())
    with transaction.atomic():
        for builder in BUILDERS:
            demo = builder(demo)
    return demo

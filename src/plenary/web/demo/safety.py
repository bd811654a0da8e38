"""Keeping the demo out of real installations (docs/decisions/0004-demo-data.md).

The demo makes a superuser and officers with a published password. So it runs only on a
database that holds nothing but demo data: every member has a demo membership number
(D and six digits) and no email address, or one at a reserved example domain; every user
account has such an address. Anything else means real people are on this database, and
the command refuses unless told --force."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from plenary.web.accounts.models import User
from plenary.web.demo.context import MEMBERSHIP_NUMBER_PREFIX
from plenary.web.demo.people import RESERVED_DOMAINS
from plenary.web.members.models import Member

DEMO_NUMBER_PATTERN = rf"^{MEMBERSHIP_NUMBER_PREFIX}[0-9]{{6}}$"


def at_reserved_domain(field: str = "email") -> Q:
    condition = Q()
    for domain in RESERVED_DOMAINS:
        condition |= Q(**{f"{field}__iendswith": f"@{domain}"})
    return condition


@dataclass(frozen=True)
class RealData:
    members: int
    users: int

    def __bool__(self) -> bool:
        return bool(self.members or self.users)

    def describe(self) -> str:
        found = []
        if self.members:
            found.append(f"{self.members} member(s) that are not demo members")
        if self.users:
            found.append(f"{self.users} user account(s) that are not demo logins")
        return " and ".join(found)


def real_data() -> RealData:
    """What on this database is not demo data."""
    demo_members = Q(membership_number__regex=DEMO_NUMBER_PATTERN) & (
        Q(email="") | at_reserved_domain()
    )
    return RealData(
        members=Member.objects.exclude(demo_members).count(),
        users=User.objects.exclude(at_reserved_domain()).count(),
    )


def refusal(found: RealData) -> str:
    return (
        f"Refusing to load the demo organisation: this database holds {found.describe()}.\n"
        "The demo creates a site admin and officers whose password is published, so it only "
        "runs on an empty or demo-only database.\n"
        "Use a fresh database (e.g. DATABASE_URL=sqlite:///var/demo.sqlite3), or, if you "
        "really mean to mix demo data into this one, run `plenary demo --force`."
    )

"""Test data built the way the application builds it, with sensible defaults."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.utils import timezone

from plenary.web.accounts.models import User
from plenary.web.members.models import Member
from plenary.web.organisation.models import Body, BodySeat, Unit

_numbers = itertools.count(1)


def make_unit(name: str, kind: str, parent: Unit | None = None) -> Unit:
    slug = name.lower().replace(" ", "-")
    return Unit.objects.create(name=name, kind=kind, parent=parent, slug=slug)


def make_member(
    name: str,
    branch: Unit,
    *,
    email: str | None = None,
    status: str = Member.Status.ACTIVE,
    user: User | None = None,
) -> Member:
    number = next(_numbers)
    return Member.objects.create(
        membership_number=f"T{number:06d}",
        name=name,
        email=email if email is not None else f"{name.split()[0].lower()}{number}@example.org",
        branch=branch,
        status=status,
        joined_on=date(2020, 1, 1),
        paid_until=timezone.localdate() + timedelta(days=200),
        user=user,
    )


def make_user(
    email: str, *, password: str = "correct horse battery staple", **fields: object
) -> User:
    user = User.objects.create_user(email=email, password=password, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def make_member_with_login(name: str, branch: Unit, **fields: object) -> Member:
    member = make_member(name, branch, **fields)  # type: ignore[arg-type]
    member.user = make_user(member.email, name=name)
    member.save(update_fields=["user"])
    return member


def make_body(name: str, kind: str, unit: Unit) -> Body:
    return Body.objects.create(name=name, kind=kind, unit=unit, slug=name.lower().replace(" ", "-"))


def give_seat(member: Member, body: Body, office: str = "", *, co_opted: bool = False) -> BodySeat:
    return BodySeat.objects.create(
        member=member, body=body, office=office, co_opted=co_opted, starts_on=date(2024, 1, 1)
    )


def enable_totp(user: User) -> Authenticator:
    """Mark the user as having an authenticator app, as allauth records one."""
    return Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )

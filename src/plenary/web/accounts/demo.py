"""The accounts' part of the demo (docs/demo.md), registered in apps.py.

One login per role, each with the documented demo password and a verified email address
(allauth will not let an unverified address log in). Every login but the site admin is a
member on the demo roll, seated by build_bodies so that roles.py gives it its role. And the
check that keeps the demo off a database with real user accounts."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from plenary.web.accounts.models import User
from plenary.web.core.demo import (
    DEMO_PASSWORD,
    LOGIN_ROLES,
    SITE_ADMIN,
    Demo,
    LoginRole,
    at_reserved_domain,
)

SITE_ADMIN_NAME = "Demo Site Admin"


def _new_user(role: LoginRole, demo: Demo, password_hash: str) -> User:
    member = demo.login_member(role) if role.membership_number else None
    is_admin = role is SITE_ADMIN
    return User.objects.create(
        email=role.email,
        name=member.name if member else SITE_ADMIN_NAME,
        password=password_hash,
        is_staff=is_admin,
        is_superuser=is_admin,
    )


def _link_member(role: LoginRole, user: User, demo: Demo) -> None:
    if role.membership_number is None:
        return
    member = demo.login_member(role)
    if member.user_id is None:
        member.user = user
        member.save(update_fields=["user"])


def build_logins(demo: Demo) -> Demo:
    emails = [role.email for role in LOGIN_ROLES]
    users = {user.email: user for user in User.objects.filter(email__in=emails)}
    # One hash for every new login, and none when all exist: the password is public anyway,
    # and the production hasher is deliberately slow.
    password_hash = make_password(DEMO_PASSWORD) if len(users) < len(LOGIN_ROLES) else ""
    for role in LOGIN_ROLES:
        user = users.get(role.email)
        if user is None:
            user = _new_user(role, demo, password_hash)
            demo.count_created("logins")
        EmailAddress.objects.get_or_create(
            user=user, email=role.email, defaults={"verified": True, "primary": True}
        )
        _link_member(role, user, demo)
    return demo


def real_users() -> int:
    """User accounts that are not demo logins (any address outside the reserved example
    domains): `plenary demo` refuses to run beside them (core.demo.real_data)."""
    return User.objects.exclude(at_reserved_domain()).count()

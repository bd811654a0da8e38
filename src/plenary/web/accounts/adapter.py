"""Sign-up is for members: an account can be created only with an email address that is on
the membership roll for exactly one active member, and the account is linked to that member.
Failed logins are throttled by client and account, never locking the member out
(login_throttle)."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.http import HttpRequest

from plenary.web.accounts import login_throttle
from plenary.web.members.models import Member
from plenary.web.members.standing import current_members

NOT_ON_ROLL = (
    "This email address is not on the membership roll for an active member. Use the address "
    "your branch has for you, or ask your branch secretary to update it."
)
SHARED_EMAIL = (
    "More than one member uses this email address, so it cannot identify you. Ask your branch "
    "secretary to give your membership record an address of your own."
)


def member_for_signup(email: str) -> Member:
    matches = list(current_members().filter(email__iexact=email, user__isnull=True)[:2])
    if not matches:
        raise forms.ValidationError(NOT_ON_ROLL)
    if len(matches) > 1:
        raise forms.ValidationError(SHARED_EMAIL)
    return matches[0]


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email: str) -> str:
        email = super().clean_email(email)
        request = getattr(self, "request", None)
        if (
            request is not None
            and request.resolver_match
            and request.resolver_match.url_name == "account_signup"
        ):
            member_for_signup(email)
        return email

    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        user = super().save_user(request, user, form, commit=False)
        member = member_for_signup(user.email)
        user.name = member.name
        if commit:
            user.save()
            member.user = user
            member.save(update_fields=["user"])
        return user

    def authenticate(self, request: HttpRequest, **credentials: Any) -> Any:
        """Check a password under the login throttle (allauth's own per-account limit, which
        anyone could use to lock a member out, is switched off in settings)."""
        login = str(credentials.get("email") or credentials.get("username") or "")
        attempt = login_throttle.begin(self.get_client_ip(request), login)
        if attempt is None:
            raise self.validation_error("too_many_login_attempts")
        user = super().authenticate(request, **credentials)
        if user is not None:
            attempt.succeeded()
        return user

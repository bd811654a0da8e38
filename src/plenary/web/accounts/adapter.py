"""allauth's adapter. Sign-up is plenary's own (accounts/signup.py, routed ahead of allauth's
view): allauth never creates an account, so one can exist only linked to a member. Failed
logins are throttled by client and account, never locking the member out (login_throttle).
Emails come from the organisation: its name heads every subject, not the host and port."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.encoding import force_str

from plenary.web.accounts import login_throttle
from plenary.web.organisation.models import Organisation


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        raise PermissionDenied("Accounts are made only through a member's sign-up link.")

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

    def format_email_subject(self, subject: str) -> str:
        return f"[{Organisation.current().name}] {force_str(subject)}"

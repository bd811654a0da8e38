"""allauth's adapter. Sign-up is plenary's own (accounts/signup.py, routed ahead of allauth's
view): allauth never creates an account, so one can exist only linked to a member."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        raise PermissionDenied("Accounts are made only through a member's sign-up link.")

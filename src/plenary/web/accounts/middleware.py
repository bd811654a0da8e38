"""Officers must use two-factor authentication: anyone who holds an office or sits on a body
is sent to set up an authenticator app before they can use the rest of the site."""

from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from plenary.web.accounts.permissions import needs_two_factor

# Pages an officer may still reach while setting up two-factor authentication.
EXEMPT_PREFIXES = ("/accounts/", "/static/", "/healthz")


class OfficerTwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._must_set_up_two_factor(request):
            messages.warning(
                request,
                "Because you hold an office, you need two-factor authentication. "
                "Set up an authenticator app to continue.",
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def _must_set_up_two_factor(self, request: HttpRequest) -> bool:
        if settings.PLENARY_OFFICER_MFA == "off":
            return False
        if request.path.startswith(EXEMPT_PREFIXES) or not request.user.is_authenticated:
            return False
        # Seats first: they are read once per request anyway (navigation asks for them), so
        # a member who holds no office costs no query for an authenticator here.
        if not needs_two_factor(request.user):
            return False
        return not Authenticator.objects.filter(
            user=request.user, type=Authenticator.Type.TOTP
        ).exists()

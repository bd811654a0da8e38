"""Officers must use two-factor authentication: anyone who holds an office or sits on a body
is sent to set up an authenticator app before they can use the rest of the site."""

from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import get_script_prefix, reverse

from plenary.web.accounts.permissions import needs_two_factor

# Pages an officer may still reach while setting up two-factor authentication, as paths
# within the site (request.path_info): the same whether the site is served at / or under a
# sub-path (SCRIPT_NAME / FORCE_SCRIPT_NAME), which request.path would include.
EXEMPT_PREFIXES = ("/accounts/", "/static/", "/healthz")
SET_UP_PAGE = "mfa_activate_totp"


def path_info_of(url_name: str) -> str:
    """The path within the site of a named page: reverse() gives it with the deployment's
    script prefix in front, which path_info does not have."""
    return "/" + reverse(url_name).removeprefix(get_script_prefix())


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
            return redirect(SET_UP_PAGE)
        return self.get_response(request)

    def _must_set_up_two_factor(self, request: HttpRequest) -> bool:
        if settings.PLENARY_OFFICER_MFA == "off":
            return False
        if not request.user.is_authenticated:
            return False
        path = request.path_info
        # The set-up page is exempt by name, so the redirect can never lead back here.
        if path.startswith(EXEMPT_PREFIXES) or path == path_info_of(SET_UP_PAGE):
            return False
        # Seats first: they are read once per request anyway (navigation asks for them), so
        # a member who holds no office costs no query for an authenticator here.
        if not needs_two_factor(request.user):
            return False
        return not Authenticator.objects.filter(
            user=request.user, type=Authenticator.Type.TOTP
        ).exists()

"""Who is calling: a personal token (`Authorization: Bearer <token>`) or the browser session.

A session is a cookie the browser sends by itself, so unsafe methods need the CSRF token too
(as every form on the site does); a bearer token is sent deliberately and needs none."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from plenary.web.accounts.models import User
from plenary.web.accounts.token_services import api_token_user

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
CSRF_FAILED = (
    "CSRF check failed: a request made with the session cookie must send the CSRF token "
    "(X-CSRFToken header). Scripts should use a personal token instead."
)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_token_user(raw=token.strip())
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The logged-in user of the browser session. Unlike ninja's own session auth it checks
    CSRF only for a logged-in user, so a caller with no credentials gets 401, not 403."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=False)

    def authenticate(self, request: HttpRequest, key: Any) -> User | None:
        user = request.user
        if not user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise HttpError(403, CSRF_FAILED)
        return user

"""The request a view for signed-in users receives, for type annotations."""

from __future__ import annotations

from django.http import HttpRequest

from plenary.web.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """What a view behind `login_required` (or a decorator built on it) is given: its user is
    signed in, so a `User` and never `AnonymousUser`. Only an annotation: Django still passes
    its own request object, and nothing ever makes one of these."""

    user: User

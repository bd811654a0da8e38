from __future__ import annotations

from django.http import HttpRequest

from plenary.web.organisation.models import Organisation


def organisation(request: HttpRequest) -> dict[str, object]:
    return {"organisation": Organisation.current()}


def navigation(request: HttpRequest) -> dict[str, object]:
    from plenary.web.organisation.roles import is_returning_officer, roll_branches

    user = request.user
    return {
        "can_see_roll": user.is_authenticated and roll_branches(user).exists(),
        "can_see_audit": is_returning_officer(user),
    }

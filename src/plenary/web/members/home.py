"""The membership panels on a member's home page: their own record, and the rolls they keep."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest

from plenary.web.members.permissions import roll_branches


def membership_panel(request: HttpRequest) -> Mapping[str, Any]:
    return {"member": getattr(request.user, "member", None)}


def roll_panel(request: HttpRequest) -> Mapping[str, Any] | None:
    branches = list(roll_branches(request.user))
    return {"roll_branches": branches} if branches else None

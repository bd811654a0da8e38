"""The organisation's panels on a member's home page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest

from plenary.web.organisation import roles


def seats_panel(request: HttpRequest) -> Mapping[str, Any] | None:
    seats = roles.current_seats(request.user)
    return {"seats": seats} if seats else None


def browse_panel(request: HttpRequest) -> Mapping[str, Any]:
    return {}

from __future__ import annotations

from django.http import HttpRequest

from plenary.web.core.navigation import nav_items_for


def navigation(request: HttpRequest) -> dict[str, object]:
    return {"nav_items": nav_items_for(request.user)}

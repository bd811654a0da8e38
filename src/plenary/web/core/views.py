from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from plenary.web.core.navigation import home_panels_for
from plenary.web.core.permissions import public


@public
def home(request: HttpRequest) -> HttpResponse:
    """A visitor's welcome and log-in; a member's own page, made of the apps' home panels."""
    context: dict[str, object] = {}
    if request.user.is_authenticated:
        context = {
            "member": getattr(request.user, "member", None),
            "panels": home_panels_for(request),
        }
    return render(request, "core/home.html", context)


@public
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and uptime checks: the app answers and the database responds."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})

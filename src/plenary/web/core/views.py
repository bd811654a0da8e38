from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from plenary.web.organisation import roles


def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    context: dict[str, object] = {}
    if user.is_authenticated:
        member = getattr(user, "member", None)
        context = {
            "member": member,
            "seats": roles.current_seats(user),
            "roll_branches": roles.roll_branches(user),
        }
    return render(request, "core/home.html", context)


def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and uptime checks: the app answers and the database responds."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from plenary.web.organisation import roles


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "accounts/profile.html",
        {
            "nav": "account",
            "member": getattr(user, "member", None),
            "has_totp": Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists(),
            "needs_two_factor": roles.needs_two_factor(user),
        },
    )

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from plenary.web.accounts.forms import SelfIdentificationForm
from plenary.web.accounts.http import AuthenticatedRequest
from plenary.web.accounts.permissions import needs_two_factor
from plenary.web.core.permissions import login_required
from plenary.web.members.models import SelfIdentification
from plenary.web.members.services import self_identification_save


@login_required
def profile(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "accounts/profile.html",
        {
            "nav": "account",
            "member": getattr(user, "member", None),
            "has_totp": Authenticator.objects.filter(
                user=user, type=Authenticator.Type.TOTP
            ).exists(),
            "needs_two_factor": needs_two_factor(user),
            "api_tokens": user.api_tokens.filter(revoked_at__isnull=True),
        },
    )


@login_required
def self_identification(request: HttpRequest) -> HttpResponse:
    member = getattr(request.user, "member", None)
    if member is None:
        messages.error(request, "Your account is not linked to a membership record.")
        return redirect("accounts:profile")
    existing = SelfIdentification.objects.filter(member=member).first()
    form = SelfIdentificationForm(
        request.POST or None, instance=existing, initial={"consent": existing is not None}
    )
    if request.method == "POST" and form.is_valid():
        answers = {field: form.cleaned_data[field] for field in SelfIdentificationForm.Meta.fields}
        stored = self_identification_save(
            member=member, consent=form.cleaned_data["consent"], **answers
        )
        messages.success(
            request, "Your answers are saved." if stored else "Nothing is stored about you."
        )
        return redirect("accounts:profile")
    return render(request, "accounts/self_identification.html", {"nav": "account", "form": form})

"""Personal API tokens on the account page: make one (shown once) and revoke one."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from plenary.web.accounts.http import AuthenticatedRequest
from plenary.web.accounts.token_services import TokenError, api_token_create, api_token_revoke
from plenary.web.accounts.tokens import ApiToken
from plenary.web.core.permissions import login_required


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        max_length=100, label="Token name", help_text="What it is for, e.g. “my voting script”."
    )


@never_cache
@login_required
def token_create(request: AuthenticatedRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = api_token_create(
                user=request.user, name=form.cleaned_data["name"], actor=request.user
            )
        except TokenError as error:
            form.add_error("name", str(error))
        else:
            # Rendered, not redirected: the secret exists only in this one response.
            context = {"nav": "account", "token": token, "raw": raw}
            return render(request, "accounts/token_created.html", context)
    return render(request, "accounts/token_create.html", {"nav": "account", "form": form})


@require_POST
@login_required
def token_revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    api_token_revoke(token=token, actor=request.user)
    messages.success(request, f"The token “{token.name}” is revoked; it no longer works.")
    return redirect("accounts:profile")

"""Sign-up pages (accounts/signup.py). The request page answers every address alike and
only queues the work; the link from the email leads to a page that sets the password."""

from __future__ import annotations

from allauth.account.adapter import get_adapter
from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import get_script_prefix

from plenary.web.accounts import signup as service
from plenary.web.accounts import tasks
from plenary.web.accounts.forms import SignupRequestForm
from plenary.web.accounts.models import User
from plenary.web.core.permissions import public


@public
def signup(request: HttpRequest) -> HttpResponse:
    """Ask for the address and queue the answer. Nothing here reads the roll or the accounts,
    so a member's address and a stranger's get the same response, as fast."""
    form = SignupRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        limited = ratelimit.consume_or_429(request, action="signup", key=email.lower())
        if limited is not None:
            return limited
        tasks.send_signup_mail.enqueue(
            email=email, site_root=request.build_absolute_uri(get_script_prefix())
        )
        return redirect("account_signup_sent")
    return render(request, "accounts/signup/request.html", {"form": form})


@public
def signup_sent(request: HttpRequest) -> HttpResponse:
    hours = service.LINK_MAX_AGE.total_seconds() // 3600
    return render(request, "accounts/signup/sent.html", {"max_age_hours": int(hours)})


@public
def signup_link(request: HttpRequest, token: str) -> HttpResponse:
    try:
        holder = service.member_for_link(token)
    except service.LinkRefused as refused:
        return _refused(request, refused)
    form = SetPasswordForm(User(email=holder.email, name=holder.member.name), request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = service.create_account(token, form.cleaned_data["new_password1"])
        except service.LinkRefused as refused:
            return _refused(request, refused)
        get_adapter(request).login(request, user)
        messages.success(request, "Your account is ready, and linked to your membership.")
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(
        request,
        "accounts/signup/set_password.html",
        {"form": form, "name": holder.member.name, "email": holder.email},
    )


def _refused(request: HttpRequest, refused: service.LinkRefused) -> HttpResponse:
    return render(request, "accounts/signup/refused.html", {"reason": str(refused)}, status=400)

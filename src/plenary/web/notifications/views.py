"""A member's notifications page, their preferences, and the unsubscribe link's page."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import get_script_prefix, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from plenary.web.accounts.http import AuthenticatedRequest
from plenary.web.core.actions import NOT_DONE, submitted
from plenary.web.core.pagination import paginate
from plenary.web.core.permissions import login_required, public
from plenary.web.notifications import email, services
from plenary.web.notifications.forms import PreferencesForm
from plenary.web.notifications.kinds import all_kinds
from plenary.web.notifications.selectors import notifications_of

PAGE_SIZE = 25


@login_required
def notification_list(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "notifications/list.html",
        {"nav": "notifications", **paginate(request, notifications_of(request.user), PAGE_SIZE)},
    )


def _back_to_list(request: HttpRequest) -> HttpResponse:
    page = request.POST.get("page", "")
    target = reverse("notifications:list")
    return redirect(f"{target}?page={page}" if page.isdigit() else target)


@login_required
@require_POST
def mark_read(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    if not services.notification_mark_read(user=request.user, notification_id=pk):
        raise Http404
    return _back_to_list(request)


@login_required
@require_POST
def mark_all_read(request: AuthenticatedRequest) -> HttpResponse:
    marked = services.notifications_mark_all_read(user=request.user)
    messages.success(request, f"Marked {marked} notification{'s' if marked != 1 else ''} read.")
    return _back_to_list(request)


@login_required
def notification_open(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Follow a notification's link, marking it read on the way."""
    notification = notifications_of(request.user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    services.notification_mark_read(user=request.user, notification_id=pk)
    target = get_script_prefix() + notification.url.removeprefix("/")
    if notification.url.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("notifications:list")


@login_required
def preferences(request: AuthenticatedRequest) -> HttpResponse:
    kinds = all_kinds()
    current = services.preferences_of(request.user, kinds)
    form = PreferencesForm(request.POST or None, kinds=kinds, current=current)
    done = submitted(
        request,
        form,
        lambda data: services.preferences_save(user=request.user, choices=data),
        success="Your notification choices are saved.",
    )
    if done is not NOT_DONE:
        return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {
            "nav": "notifications",
            "form": form,
            "statutory": [kind for kind in kinds if kind.statutory],
        },
    )


# CSRF-exempt: the signed token is the proof, and a mail client's RFC 8058 one-click POST has
# no CSRF token.
@csrf_exempt
@public
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm; POST (the confirm button, or a mail client's one-click request)
    turns the link's kinds off. No login: the signed token names the account."""
    try:
        user_id, keys = email.read_unsubscribe_token(token)
    except email.BadToken:
        return render(request, "notifications/unsubscribe_bad.html", status=400)
    kinds = [kind for kind in services.unsubscribe_kinds(keys) if kind.can_be_turned_off]
    if request.method == "POST":
        try:
            services.unsubscribe(token)
        except email.BadToken:
            return render(request, "notifications/unsubscribe_bad.html", status=400)
        return render(request, "notifications/unsubscribed.html", {"kinds": kinds})
    return render(request, "notifications/unsubscribe.html", {"kinds": kinds, "token": token})

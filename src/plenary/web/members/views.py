"""The membership roll, for the officers who keep it: the list, a member's record, editing
it, decisions on standing, and the page where an old address stops an email change."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import get_script_prefix
from django.utils import timezone

from plenary.web.audit.log import request_actor
from plenary.web.core.pagination import paginate
from plenary.web.core.permissions import (
    allowed,
    object_permission_required,
    permission_required,
    public,
    require,
)
from plenary.web.members import roll_email, selectors, services
from plenary.web.members.forms import MarksInvalidFields, MemberEditForm, StandingForm
from plenary.web.members.models import Member
from plenary.web.members.permissions import roll_branches
from plenary.web.organisation.models import Organisation

PAGE_SIZE = 50
# Longer searches find nothing more, and SQLite refuses a LIKE pattern past about 50,000.
SEARCH_MAX = 200
EDIT_REFUSED = "Only the officers who keep this member's roll can edit their record."
STANDING_REFUSED = "Only a national roll keeper records suspensions, expulsions and reinstatements."


@permission_required("members.see_roll", "Only officers who keep a membership roll can see it.")
def member_list(request: HttpRequest) -> HttpResponse:
    branches = roll_branches(request.user).order_by("name")
    filters = {
        "text": request.GET.get("q", "").strip()[:SEARCH_MAX],
        "branch_slug": request.GET.get("branch", ""),
        "status": request.GET.get("status", ""),
    }
    members = selectors.search_members(request.user, **filters)
    return render(
        request,
        "members/list.html",
        {
            "nav": "members",
            "branches": branches,
            "statuses": Member.Status.choices,
            "filters": filters,
            **paginate(request, members, PAGE_SIZE),
        },
    )


@object_permission_required("members.see_member")
def member_detail(request: HttpRequest, number: str) -> HttpResponse:
    member = get_object_or_404(
        Member.objects.select_related("branch__parent"), membership_number=number
    )
    if not allowed(request.user, "members.see_member", member):
        # Not 403: that would tell anyone which membership numbers exist.
        raise Http404("No such member.")
    is_self = member.user_id == request.user.pk
    seats = member.body_seats.current().select_related("body")
    keeps_roll = request.user.has_perm("members.edit_member", member)
    return render(
        request,
        "members/detail.html",
        {
            "nav": "members",
            "member": member,
            "seats": seats,
            "is_self": is_self,
            "can_edit": keeps_roll,
            "can_set_standing": request.user.has_perm("members.set_standing", member),
            "decision": member.status_decisions.first() if keeps_roll else None,
            "signup_held_until": roll_email.signup_held_until(member) if keeps_roll else None,
        },
    )


def _show_errors(form: MarksInvalidFields, error: ValidationError) -> None:
    for name, problems in error.message_dict.items():
        if name not in form.errors:
            form.add_error(name if name in form.fields else None, problems)
    form.mark_invalid()


def _visible_member_or_404(request: HttpRequest, number: str) -> Member:
    """The member, if this user may see their record; 404 alike for a number they may not see
    and one nobody has, so no page tells which membership numbers exist."""
    member = Member.objects.select_related("branch").filter(membership_number=number).first()
    if member is None or not allowed(request.user, "members.see_member", member):
        raise Http404("No such member.")
    return member


@object_permission_required("members.edit_member")
def member_edit(request: HttpRequest, number: str) -> HttpResponse:
    member = _visible_member_or_404(request, number)
    require(request.user, "members.edit_member", member, message=EDIT_REFUSED)
    form = MemberEditForm(
        request.POST if request.method == "POST" else None,
        member=member,
        branches=roll_branches(request.user),
        branch_label=Organisation.current().branch_label,
    )
    if request.method == "POST" and not form.is_valid():
        # Show the service's refusals of the fields the form accepted, all at once.
        problems = services.member_update_problems(
            request_actor(request), member, form.cleaned_data
        )
        _show_errors(form, ValidationError(problems))
    elif request.method == "POST":
        try:
            result = services.member_update(
                request_actor(request),
                member,
                site_root=request.build_absolute_uri(get_script_prefix()),
                **form.cleaned_data,
            )
        except ValidationError as error:
            _show_errors(form, error)
        else:
            _report_update(request, result)
            return redirect(result.member)
    return render(
        request,
        "members/edit.html",
        {"nav": "members", "member": member, "form": form, "hold_hours": roll_email.HOLD_HOURS},
    )


def _report_update(request: HttpRequest, result: services.MemberUpdate) -> None:
    if not result.changed:
        messages.info(request, "Nothing was changed.")
        return
    labels = {"joined_on": "joining date", "paid_until": "subscription paid until"}
    changed = ", ".join(labels.get(name, name) for name in result.changed)
    text = f"Saved the record of {result.member.name}: {changed}."
    if result.email_changed:
        opens = roll_email.signup_held_until(result.member)
        if opens is not None and not result.member.user_id:
            text += (
                " The old address has been told of the change, and sign-up through the new "
                f"one opens on {timezone.localtime(opens):%-d %B %Y at %H:%M}."
            )
    messages.success(request, text)
    for warning in result.warnings:
        messages.warning(request, warning)


@object_permission_required("members.set_standing")
def member_standing(request: HttpRequest, number: str) -> HttpResponse:
    member = _visible_member_or_404(request, number)
    require(request.user, "members.set_standing", member, message=STANDING_REFUSED)
    form = StandingForm(
        request.POST if request.method == "POST" else None, initial={"status": member.status}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.member_set_standing(
                actor=request_actor(request),
                member=member,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            _show_errors(form, error)
        else:
            member.refresh_from_db()
            messages.success(
                request, f"Recorded: {member.name} is now {member.get_status_display().lower()}."
            )
            return redirect(member)
    return render(
        request,
        "members/standing.html",
        {
            "nav": "members",
            "member": member,
            "form": form,
            "decisions": member.status_decisions.select_related("decided_by"),
        },
    )


@public
def stop_email_change(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the mail to the old address. Opening it changes nothing (mail scanners
    follow links); the button puts the old address back."""
    try:
        member, old = roll_email.member_for_stop_link(token)
        if request.method == "POST":
            roll_email.stop_email_change(token)
            return render(
                request, "members/stop_email_change_done.html", {"name": member.name, "old": old}
            )
    except roll_email.StopRefused as refused:
        return render(
            request, "members/stop_email_change_refused.html", {"reason": str(refused)}, status=400
        )
    return render(
        request,
        "members/stop_email_change.html",
        {"name": member.name, "old": old, "hold_hours": roll_email.HOLD_HOURS},
    )

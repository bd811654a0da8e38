"""The audit log page, for returning officers and site admins."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from plenary.web.audit.selectors import audit_entries
from plenary.web.core.pagination import paginate
from plenary.web.organisation import roles

PAGE_SIZE = 50


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    if not roles.is_returning_officer(request.user):
        raise PermissionDenied("Only returning officers and site admins can read the audit log.")
    target = request.GET.get("target", "").strip()
    return render(
        request,
        "audit/log.html",
        {
            "nav": "audit",
            "target": target,
            **paginate(request, audit_entries(target=target), PAGE_SIZE),
        },
    )

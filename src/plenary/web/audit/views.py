"""The audit log page, for returning officers and site admins."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from plenary.web.audit.selectors import audit_entries
from plenary.web.core.pagination import paginate
from plenary.web.core.permissions import permission_required

PAGE_SIZE = 50
TARGET_MAX = 200  # the longest target an entry can have (AuditEntry.target)


@permission_required(
    "audit.read_log", "Only returning officers and site admins can read the audit log."
)
def audit_log(request: HttpRequest) -> HttpResponse:
    target = request.GET.get("target", "").strip()[:TARGET_MAX]
    return render(
        request,
        "audit/log.html",
        {
            "nav": "audit",
            "target": target,
            **paginate(request, audit_entries(reader=request.user, target=target), PAGE_SIZE),
        },
    )

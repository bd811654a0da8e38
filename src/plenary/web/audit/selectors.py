from __future__ import annotations

from django.db.models import QuerySet

from plenary.web.audit.models import AuditEntry


def audit_entries(*, target: str = "") -> QuerySet[AuditEntry]:
    """Newest first. A target filter matches that target and everything under it
    ("election:exec-2026" also finds "election:exec-2026/section:3")."""
    entries = AuditEntry.objects.order_by("-sequence")
    if target:
        entries = entries.filter(target__startswith=target)
    return entries

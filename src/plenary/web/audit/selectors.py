from __future__ import annotations

from django.db.models import Q, QuerySet

from plenary.web.audit.models import AuditEntry


def audit_entries(*, target: str = "") -> QuerySet[AuditEntry]:
    """Newest first. A target filter matches that target and anything named under it with a
    slash ("election:exec-2026" also finds "election:exec-2026/section:3", not "election:exec")."""
    entries = AuditEntry.objects.order_by("-sequence")
    if target:
        entries = entries.filter(Q(target=target) | Q(target__startswith=target.rstrip("/") + "/"))
    return entries

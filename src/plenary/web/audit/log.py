"""STAND-IN written by the elections-setup helper so its services can be tested before the
elections-api branch (which owns plenary.web.audit) lands: same signature,
`audit_record(*, actor, action, target, **details)`. Replace with elections-api's version."""

from __future__ import annotations

import hashlib
import json

from django.db import transaction
from django.utils import timezone

from plenary.web.audit.models import AuditEntry

GENESIS = "0" * 64


@transaction.atomic
def audit_record(*, actor: object, action: str, target: str, **details: object) -> AuditEntry:
    last = AuditEntry.objects.select_for_update().order_by("-sequence").first()
    previous = last.entry_hash if last else GENESIS
    at = timezone.now()
    label = getattr(actor, "email", "") or "system"
    payload = json.dumps(
        [at.isoformat(), label, action, target, details, previous], sort_keys=True, default=str
    )
    return AuditEntry.objects.create(
        at=at, actor=actor if getattr(actor, "pk", None) else None, actor_label=label,
        action=action, target=target, details=json.loads(json.dumps(details, default=str)),
        previous_hash=previous, entry_hash=hashlib.sha256(payload.encode()).hexdigest(),
    )

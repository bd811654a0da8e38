"""Stand-in for the audit service being built on branch `elections-api` (same signature);
the voting branch needs it to run its tests. When both branches meet, keep elections-api's."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from plenary.web.accounts.models import User
from plenary.web.audit.models import AuditEntry


def audit_record(
    *, actor: User | str | None, action: str, target: str, **details: Any
) -> AuditEntry:
    with transaction.atomic():
        last = AuditEntry.objects.order_by("-sequence").values_list("entry_hash", flat=True).first()
        previous = last or "0" * 64
        label = "system" if actor is None else actor if isinstance(actor, str) else actor.email
        plain = json.loads(json.dumps(details, cls=DjangoJSONEncoder))
        at = timezone.now()
        content = json.dumps(
            [at.isoformat(), label, action, target, plain, previous], sort_keys=True, default=str
        )
        return AuditEntry.objects.create(
            at=at,
            actor=actor if isinstance(actor, User) else None,
            actor_label=label,
            action=action,
            target=target,
            details=plain,
            previous_hash=previous,
            entry_hash=hashlib.sha256(content.encode()).hexdigest(),
        )

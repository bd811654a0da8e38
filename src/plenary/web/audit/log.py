"""Writing and checking the hash-chained audit log.

`audit_record` is called by services inside their own transaction, so an action and its log
entry commit or roll back together. Appends are serialised (a table lock on PostgreSQL; on
SQLite the IMMEDIATE transaction already holds the one write lock), so two concurrent appends
cannot both chain onto the same previous entry; the unique constraint on `previous_hash` is
the last guard if anything ever bypasses the lock.

The hash of an entry is sha256 over a canonical JSON document of its content (time, actor
label, action, target, details) and the previous entry's hash. The sequence number is not
hashed: the chain itself fixes the order."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from plenary.web.audit.models import GENESIS_HASH, AuditEntry

# A user account (the user model lives in accounts, above this app), a command's own
# description, or None for the system.
Actor = AbstractBaseUser | str | None
SYSTEM_ACTOR = "system"


def actor_label_of(actor: Actor) -> str:
    """The actor as recorded: a user's name and email (kept even if the account goes), a
    command's own description, or "system"."""
    if actor is None:
        return SYSTEM_ACTOR
    if isinstance(actor, str):
        return actor
    name, email = getattr(actor, "name", ""), getattr(actor, "email", "")
    return f"{name} <{email}>" if name else email


def _plain_json(details: dict[str, Any]) -> dict[str, Any]:
    """Details as they will read back from the database (dates as ISO strings, etc.), so the
    hash computed now is the hash recomputed later."""
    return json.loads(json.dumps(details, cls=DjangoJSONEncoder))


def entry_hash_of(entry: AuditEntry) -> str:
    """The hash of an entry's content and of its previous hash (never of its own hash)."""
    content = {
        "at": entry.at.astimezone(UTC).isoformat(),
        "actor": entry.actor_label,
        "action": entry.action,
        "target": entry.target,
        "details": entry.details,
        "previous_hash": entry.previous_hash,
    }
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _lock_for_append() -> None:
    # SHARE ROW EXCLUSIVE conflicts with itself and with INSERT, so a second appender waits
    # until the first commits and then reads the new last entry. (Locking only the last row
    # would not do: after the wait, PostgreSQL returns that same, no longer last, row.)
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(AuditEntry._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")


def audit_record(*, actor: Actor, action: str, target: str, **details: Any) -> AuditEntry:
    """Append one entry. Call it inside the transaction of the action it records."""
    with transaction.atomic():
        _lock_for_append()
        last = AuditEntry.objects.order_by("-sequence").values_list("entry_hash", flat=True).first()
        entry = AuditEntry(
            at=timezone.now(),
            # The stubs type the foreign key as accounts' User, which this app (below
            # accounts) knows only as AbstractBaseUser (decision 0008).
            actor=actor if isinstance(actor, AbstractBaseUser) else None,  # type: ignore[misc]
            actor_label=actor_label_of(actor),
            action=action,
            target=target,
            details=_plain_json(details),
            previous_hash=last or GENESIS_HASH,
        )
        entry.entry_hash = entry_hash_of(entry)
        entry.save()
    return entry


@dataclass(frozen=True)
class VerifyReport:
    count: int
    head_hash: str
    broken_sequence: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_sequence is None


def _entries() -> Iterator[AuditEntry]:
    return AuditEntry.objects.order_by("sequence").iterator(chunk_size=2000)


def audit_verify() -> VerifyReport:
    """Recompute the chain from the first entry; stop at the first entry that does not fit."""
    expected_previous = GENESIS_HASH
    count = 0
    for entry in _entries():
        if entry.previous_hash != expected_previous:
            return VerifyReport(
                count=count,
                head_hash=expected_previous,
                broken_sequence=entry.sequence,
                reason="its previous hash is not the hash of the entry before it "
                "(an entry was deleted, inserted or reordered)",
            )
        if entry_hash_of(entry) != entry.entry_hash:
            return VerifyReport(
                count=count,
                head_hash=expected_previous,
                broken_sequence=entry.sequence,
                reason="its content does not match its hash (the entry was changed)",
            )
        expected_previous = entry.entry_hash
        count += 1
    return VerifyReport(count=count, head_hash=expected_previous)

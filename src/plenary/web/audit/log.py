"""Writing and checking the hash-chained audit log.

`audit_record` is called by services inside their own transaction, so an action and its log
entry commit or roll back together. Appends are serialised (a table lock on PostgreSQL; on
SQLite the IMMEDIATE transaction already holds the one write lock), so two concurrent appends
cannot both chain onto the same previous entry; the unique constraint on `previous_hash` is
the last guard if anything ever bypasses the lock.

The hash of an entry is sha256 over a canonical JSON document of its content (time, actor
account and label, action, target, details, hash version) and the previous entry's hash.
Entries written before the account was hashed keep hash version 1 and verify by that formula.
The sequence number is not hashed: the chain itself fixes the order.

The chain alone cannot show that entries were deleted from its end, so `signed_head` signs
the head (count, last sequence, head hash) with the audit key; the operator keeps that line
elsewhere and `audit_verify(head=...)` checks the log still holds it."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import Model
from django.http import HttpRequest
from django.utils import timezone

from plenary.web.audit.models import GENESIS_HASH, HASH_VERSION, AuditEntry

# A user account (the user model lives in accounts, above this app), a command's own
# description, or None for the system.
Actor = AbstractBaseUser | str | None
SYSTEM_ACTOR = "system"


def request_actor(request: HttpRequest) -> AbstractBaseUser:
    """The signed-in user making a request, as the actor of what it does. For views behind a
    permission decorator (and the site admin), which let only signed-in users through; an
    anonymous request that got this far is refused rather than logged as nobody."""
    user = request.user
    if not isinstance(user, AbstractBaseUser):
        raise PermissionDenied("Sign in first.")
    return user


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
    """The hash of an entry's content and of its previous hash (never of its own hash), by
    the formula of the entry's hash version."""
    content: dict[str, Any] = {
        "at": entry.at.astimezone(UTC).isoformat(),
        "actor": entry.actor_label,
        "action": entry.action,
        "target": entry.target,
        "details": entry.details,
        "previous_hash": entry.previous_hash,
    }
    if entry.hash_version == 1:
        pass  # the first format: the account was not hashed
    elif entry.hash_version == 2:
        content["actor_account"] = entry.actor_account
        content["version"] = 2
    else:
        raise ValueError(f"unknown audit hash version {entry.hash_version!r}")
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# The key of the one advisory lock appenders take ("plenary!" in ASCII: any constant will do,
# so long as nothing else in the database uses it).
APPEND_LOCK = 0x706C656E61727921


def _lock_for_append() -> None:
    # A transaction-level advisory lock: a second appender waits until the first commits and
    # then reads the new last entry, while readers, and every other table, are not held up as
    # they were by a table lock. (Locking only the last row would not do: after the wait,
    # PostgreSQL returns that same, no longer last, row.)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [APPEND_LOCK])


def audit_target(obj: Model | str) -> str:
    """The one name an object has in the audit log: its model's `audit_target` when it
    defines one (an election is "election:<slug>"), else "<model name>:<pk>" ("section:12",
    "user:5"). A string is a name already ("roll")."""
    if isinstance(obj, str):
        return obj
    named = getattr(obj, "audit_target", None)
    if isinstance(named, str):
        return named
    return f"{obj._meta.model_name}:{obj.pk}"


def audit_record(*, actor: Actor, action: str, target: Model | str, **details: Any) -> AuditEntry:
    """Append one entry. Call it inside the transaction of the action it records. The target
    is the object acted on (named by `audit_target`), or a name for something that is not a
    row ("roll")."""
    with transaction.atomic():
        _lock_for_append()
        last = AuditEntry.objects.order_by("-sequence").values_list("entry_hash", flat=True).first()
        account = actor if isinstance(actor, AbstractBaseUser) else None
        entry = AuditEntry(
            at=timezone.now(),
            # The stubs type the foreign key as accounts' User, which this app (below
            # accounts) knows only as AbstractBaseUser (decision 0008).
            actor=account,  # type: ignore[misc]
            actor_account=account.pk if account is not None else None,
            actor_label=actor_label_of(actor),
            action=action,
            target=audit_target(target),
            details=_plain_json(details),
            previous_hash=last or GENESIS_HASH,
            hash_version=HASH_VERSION,
        )
        entry.entry_hash = entry_hash_of(entry)
        entry.save()
    return entry


@dataclass(frozen=True)
class SignedHead:
    """The log's head as the operator keeps it: how many entries, the last one's sequence
    number and hash, and an HMAC over those three with the audit key."""

    count: int
    sequence: int
    head_hash: str
    signature: str

    def line(self) -> str:
        return (
            f"count={self.count} sequence={self.sequence} head={self.head_hash} "
            f"signature={self.signature}"
        )


class BadHead(ValueError):
    """A head line that cannot be read, or whose signature is not this installation's."""


def _audit_key() -> bytes:
    """PLENARY_AUDIT_KEY; unset, a key derived from SECRET_KEY with a salt of its own (so the
    key signing heads is never the key Django signs cookies with)."""
    if key := getattr(settings, "PLENARY_AUDIT_KEY", None):
        return key.encode("utf-8")
    return hmac.new(
        settings.SECRET_KEY.encode("utf-8"), b"plenary.web.audit.head-key", hashlib.sha256
    ).digest()


def _head_signature(count: int, sequence: int, head_hash: str) -> str:
    message = f"plenary audit head\ncount={count}\nsequence={sequence}\nhead={head_hash}"
    return hmac.new(_audit_key(), message.encode("utf-8"), hashlib.sha256).hexdigest()


_HEAD_LINE = re.compile(
    r"count=(?P<count>\d+) sequence=(?P<sequence>\d+) head=(?P<head>[0-9a-f]{64}) "
    r"signature=(?P<signature>[0-9a-f]{64})"
)


def parse_signed_head(line: str) -> SignedHead:
    """The head from a line `plenary audit head` printed; BadHead if it cannot be read or its
    signature does not match (changed, or made with another key)."""
    match = _HEAD_LINE.fullmatch(line.strip())
    if match is None:
        raise BadHead(
            "the head must be one line as `plenary audit head` prints it: "
            "count=N sequence=N head=<64 hex> signature=<64 hex>"
        )
    head = SignedHead(
        count=int(match["count"]),
        sequence=int(match["sequence"]),
        head_hash=match["head"],
        signature=match["signature"],
    )
    expected = _head_signature(head.count, head.sequence, head.head_hash)
    if not hmac.compare_digest(expected, head.signature):
        raise BadHead(
            "the head's signature is not valid: the line was changed, or it was signed with "
            "another audit key (PLENARY_AUDIT_KEY, or SECRET_KEY when that is unset)"
        )
    return head


@dataclass(frozen=True)
class VerifyReport:
    count: int
    head_hash: str
    last_sequence: int = 0
    broken_sequence: int | None = None
    reason: str = ""
    # Set when a kept head was checked and the log no longer holds it.
    head_problem: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_sequence is None and not self.head_problem


def signed_head(report: VerifyReport) -> SignedHead:
    """The signed head of a verified log."""
    if not report.ok:
        raise ValueError("only an intact log's head is signed")
    return SignedHead(
        count=report.count,
        sequence=report.last_sequence,
        head_hash=report.head_hash,
        signature=_head_signature(report.count, report.last_sequence, report.head_hash),
    )


def _entries() -> Iterator[AuditEntry]:
    return AuditEntry.objects.order_by("sequence").iterator(chunk_size=2000)


def _entry_problem(entry: AuditEntry, expected_previous: str, newest_version: int) -> str:
    if entry.previous_hash != expected_previous:
        return (
            "its previous hash is not the hash of the entry before it "
            "(an entry was deleted, inserted or reordered)"
        )
    if entry.hash_version < newest_version:
        return (
            f"it claims hash version {entry.hash_version} after an entry of version "
            f"{newest_version} (versions never go back)"
        )
    try:
        if entry_hash_of(entry) != entry.entry_hash:
            return "its content does not match its hash (the entry was changed)"
    except ValueError as error:
        return str(error)
    if entry.hash_version >= 2 and entry.actor_id not in (None, entry.actor_account):
        return "its account link is not the account its hash covers (the link was changed)"
    return ""


def _head_problem(head: SignedHead, *, found: bool, count: int, last_sequence: int) -> str:
    if found:
        return ""
    kept = f"the head you kept (count={head.count} sequence={head.sequence})"
    if head.count == 0:
        return f"{kept} is not the head of an empty log"
    if count < head.count:
        return (
            f"{kept} is not in the log: it has only {count} entries now, ending at "
            f"#{last_sequence}. Entries were deleted from its end (or the log was rewritten)."
        )
    return (
        f"{kept} is not in the log: its entry number {head.count} is not entry "
        f"#{head.sequence} with head {head.head_hash[:12]}... The log was rewritten, or "
        "entries were deleted."
    )


def audit_verify(*, head: SignedHead | None = None) -> VerifyReport:
    """Recompute the chain from the first entry; stop at the first entry that does not fit.
    Given a signed head the operator kept, also check the log still holds it: its entry number
    `head.count` is entry #`head.sequence` with hash `head.head_hash`."""
    expected_previous = GENESIS_HASH
    count = last_sequence = 0
    newest_version = 1
    # The empty log's head is the genesis hash at sequence 0.
    head_found = head is not None and (head.count, head.sequence, head.head_hash) == (
        0,
        0,
        GENESIS_HASH,
    )
    for entry in _entries():
        if problem := _entry_problem(entry, expected_previous, newest_version):
            return VerifyReport(
                count=count,
                head_hash=expected_previous,
                last_sequence=last_sequence,
                broken_sequence=entry.sequence,
                reason=problem,
            )
        expected_previous = entry.entry_hash
        newest_version = entry.hash_version
        last_sequence = entry.sequence
        count += 1
        if head is not None and count == head.count:
            head_found = entry.sequence == head.sequence and entry.entry_hash == head.head_hash
    problem = ""
    if head is not None:
        problem = _head_problem(head, found=head_found, count=count, last_sequence=last_sequence)
    return VerifyReport(
        count=count, head_hash=expected_previous, last_sequence=last_sequence, head_problem=problem
    )

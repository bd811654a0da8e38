"""Reads of the audit log, limited to the entries the reader may read.

Reading the log at all is the permission "audit.read_log" (organisation/permissions.py).
Which of its entries a reader sees is a rule of the entries' target: an app whose records
are confidential (a complaint, say) registers, for its kind of target, which of them a reader
may see, and the log shows those entries to that reader only; targets of a kind with no rule
are seen by everyone who may read the log. (Entries about a confidential record hold only its
reference and dates: what is confidential stays in the record, behind its own permission.)"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet

from plenary.web.audit.models import AuditEntry

# Given the reader, the entries of one kind of target they may read, as a filter on AuditEntry.
TargetRule = Callable[[Any], Q]
_target_rules: dict[str, TargetRule] = {}


def register_target_rule(kind: str, rule: TargetRule) -> None:
    """For targets named "<kind>:...": which of their entries a reader may read."""
    _target_rules[kind] = rule


def _of_kind(kind: str) -> Q:
    return Q(target__startswith=f"{kind}:")


def readable_by(user: Any) -> Q:
    """The entries this reader may read (of those who may read the log at all)."""
    condition = Q()
    for kind in _target_rules:
        condition &= ~_of_kind(kind)
    for kind, rule in _target_rules.items():
        condition |= _of_kind(kind) & rule(user)
    return condition


def audit_entries(*, reader: Any = None, target: str = "") -> QuerySet[AuditEntry]:
    """Newest first, those the reader may read (all, for None: the command line). A target
    filter matches that target and anything named under it with a slash ("election:exec-2026"
    also finds "election:exec-2026/section:3", not "election:exec")."""
    entries = AuditEntry.objects.order_by("-sequence")
    if reader is not None and _target_rules:
        entries = entries.filter(readable_by(reader))
    if target:
        entries = entries.filter(Q(target=target) | Q(target__startswith=target.rstrip("/") + "/"))
    return entries

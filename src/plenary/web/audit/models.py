"""An append-only, hash-chained log of administrative actions. Each entry's hash covers its
own content and the previous entry's hash, so changing, deleting or reordering any entry
breaks every hash after it; `plenary audit verify` recomputes the chain.

Entries are written only by `plenary.web.audit.log.audit_record`. The model refuses to
change or delete a saved entry; on PostgreSQL a trigger refuses it in the database too."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models

GENESIS_HASH = "0" * 64


class AuditLogIsAppendOnly(Exception):
    """Raised on any attempt to change or delete an audit entry."""


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditLogIsAppendOnly("Audit entries cannot be changed.")

    def delete(self) -> NoReturn:
        raise AuditLogIsAppendOnly("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    sequence = models.BigAutoField(primary_key=True)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=254, help_text="Who acted, as recorded at the time.")
    action = models.CharField(max_length=64)
    target = models.CharField(
        max_length=200, help_text='What was acted on, e.g. "election:exec-2026".'
    )
    details = models.JSONField(default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["sequence"]
        verbose_name_plural = "audit entries"
        constraints = [
            # Two entries chained onto the same predecessor would fork the chain.
            models.UniqueConstraint(
                fields=["previous_hash"], name="audit_entry_previous_hash_unique"
            )
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.target}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditLogIsAppendOnly("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditLogIsAppendOnly("Audit entries cannot be deleted.")

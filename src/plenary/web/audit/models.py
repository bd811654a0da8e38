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
# How an entry's hash is computed (plenary.web.audit.log.entry_hash_of): 1 covered the actor's
# label only; 2 also covers the actor's account and the version itself. Entries keep the
# version they were written with, and each verifies by its own formula.
HASH_VERSION = 2


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
    actor_account = models.BigIntegerField(
        null=True,
        blank=True,
        help_text="The acting user account's id, as recorded at the time (hashed from version "
        "2; kept when the account is deleted and the link above is cleared).",
    )
    actor_label = models.CharField(max_length=254, help_text="Who acted, as recorded at the time.")
    action = models.CharField(max_length=64)
    target = models.CharField(
        max_length=200, help_text='What was acted on, e.g. "election:exec-2026".'
    )
    details = models.JSONField(default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)
    hash_version = models.PositiveSmallIntegerField(
        help_text="Which formula the hash was computed with (1: before the account was hashed)."
    )

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

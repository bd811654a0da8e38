"""An append-only, hash-chained log of administrative actions. Each entry's hash covers its
own content and the previous entry's hash, so changing, deleting or reordering any entry
breaks every hash after it; `plenary audit verify` recomputes the chain."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    sequence = models.BigAutoField(primary_key=True)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=254, help_text="Who acted, as recorded at the time.")
    action = models.CharField(max_length=64)
    target = models.CharField(max_length=200, help_text='What was acted on, e.g. "election:exec-2026".')
    details = models.JSONField(default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["sequence"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.target}"

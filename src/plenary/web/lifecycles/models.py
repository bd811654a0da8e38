"""One row per transition an object went through: which lifecycle, which transition, from
and to which state, when, by whom, with the actor's note. Written only by
`plenary.web.lifecycles.lifecycle.Lifecycle.apply`, in the transaction of the change itself,
beside the audit entry of the same action.

The object is named generically (content type and id) and without a foreign key, so a row
outlives the object it records (a withdrawn nomination is deleted; its withdrawal stays)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class TransitionRecordIsAppendOnly(Exception):
    """Raised on any attempt to change a saved transition record."""


class TransitionRecord(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    lifecycle = models.CharField(max_length=64)
    transition = models.CharField(max_length=64)
    from_state = models.CharField(max_length=64)
    to_state = models.CharField(max_length=64)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=254, help_text="Who acted, as recorded at the time.")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "at"], name="lifecycles_object_at")
        ]

    def __str__(self) -> str:
        return f"{self.lifecycle}.{self.transition}: {self.from_state} → {self.to_state}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise TransitionRecordIsAppendOnly("Transition records cannot be changed.")
        super().save(*args, **kwargs)

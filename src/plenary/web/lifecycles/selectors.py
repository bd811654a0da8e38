"""Reading the transitions an object went through."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from plenary.web.lifecycles.models import TransitionRecord


def history(obj: models.Model, lifecycle: str | None = None) -> QuerySet[TransitionRecord]:
    """The object's transitions, oldest first (optionally of one lifecycle only)."""
    return history_of(type(obj), obj.pk, lifecycle)


def history_of(
    model: type[models.Model], pk: int, lifecycle: str | None = None
) -> QuerySet[TransitionRecord]:
    """The transitions of the object of `model` with this primary key, which may since have
    been deleted (Django clears a deleted object's own `pk`, so keep the number)."""
    records = TransitionRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=pk
    )
    if lifecycle is not None:
        records = records.filter(lifecycle=lifecycle)
    return records.select_related("actor").order_by("at", "pk")

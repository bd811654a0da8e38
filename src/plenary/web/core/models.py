"""core's one table: the scheduled jobs of core/scheduling.py."""

from __future__ import annotations

from django.db import models


class ScheduledJob(models.Model):
    """One piece of time-driven work: a kind (registered by the app that owns it), the key of
    the object it concerns, and when it is due. (kind, key, due_at) is unique, so scheduling
    the same work twice makes one job, and the state changes from pending to running in one
    conditional UPDATE, so two workers never both run it."""

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"

    kind = models.CharField(max_length=64)
    key = models.CharField(max_length=200, help_text='The object concerned, e.g. "election:12".')
    due_at = models.DateTimeField()
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # When a worker claimed it: running for long means its worker died (core/stale_work.py).
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "key", "due_at"], name="scheduled_job_unique")
        ]
        indexes = [models.Index(fields=["state", "due_at"], name="scheduled_job_due")]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} at {self.due_at:%Y-%m-%d %H:%M} ({self.state})"

"""Notifications and members' choices of how each kind is emailed.

A `Notification` is written per recipient by `services.notify`, with its message already
rendered (what the member is shown is what was sent). Its email goes through `email_status`:

    queued ─► sending ─► sent
      ▲          │
      └─ retry ◄─┴─► failed (after MAX_ATTEMPTS, or an address the server refuses)
    digest ─► sending ─► sent      (the daily digest)
    none                           (not emailed: turned off, or the account has no address)
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from plenary.web.notifications.kinds import Delivery


class EmailStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Being sent"
    DIGEST = "digest", "Waiting for the daily digest"
    SENT = "sent", "Sent"
    FAILED = "failed", "Could not be sent"
    NONE = "none", "Not emailed"


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now)
    subject = models.CharField(max_length=300)
    text = models.TextField()
    html = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)  # a path on this site, or blank
    # What the notification is about, if anything (an election, a candidacy).
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    about = GenericForeignKey("content_type", "object_id")
    # Read or not, and no time: the page needs no more.
    is_read = models.BooleanField(default=False)

    email_status = models.CharField(
        max_length=16, choices=EmailStatus.choices, default=EmailStatus.QUEUED
    )
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_next_attempt_at = models.DateTimeField(null=True, blank=True)
    email_claim = models.CharField(max_length=32, blank=True)  # which run is sending it
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    email_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="notification_user_newest"),
            models.Index(fields=["email_status", "email_next_attempt_at"], name="notification_due"),
            models.Index(fields=["kind", "content_type", "object_id"], name="notification_about"),
        ]

    def __str__(self) -> str:
        return self.subject


class Preference(models.Model):
    """A member's choice for one kind; without a row the kind's default applies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=100)
    delivery = models.CharField(max_length=16, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} {self.delivery}"

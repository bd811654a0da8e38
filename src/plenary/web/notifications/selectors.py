"""Reads of the notifications app."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import QuerySet

from plenary.web.notifications.models import Notification


def notifications_of(user: AbstractBaseUser) -> QuerySet[Notification]:
    """The user's own notifications, newest first."""
    return Notification.objects.filter(user_id=user.pk).order_by("-created_at", "-pk")


def unread_count(user: AbstractBaseUser) -> int:
    return Notification.objects.filter(user_id=user.pk, is_read=False).count()

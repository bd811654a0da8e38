"""A user's last login is kept to the day, like a token's last use (core/sessions.py), so a
copy of the database cannot say that a member logged in at the minute a ballot was cast."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import user_logged_in
from django.contrib.auth.models import update_last_login
from django.utils import timezone

from plenary.web.core.sessions import start_of_day


def record_login_day(sender: Any, user: Any, **kwargs: Any) -> None:
    day = start_of_day(timezone.now())
    if user.last_login != day:
        user.last_login = day
        user.save(update_fields=["last_login"])


def keep_last_login_to_the_day() -> None:
    """Replace Django's receiver, which writes the exact time of every login."""
    user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
    user_logged_in.connect(record_login_day, dispatch_uid="plenary_record_login_day")

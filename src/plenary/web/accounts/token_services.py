"""Making, using and revoking personal API tokens. Making and revoking are logged."""

from __future__ import annotations

import atexit
import functools
import hashlib
import logging
import secrets
import threading
from datetime import timedelta
from typing import cast

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from plenary.web.accounts.models import User
from plenary.web.accounts.tokens import ApiToken
from plenary.web.audit.log import Actor, audit_record
from plenary.web.core.sessions import start_of_day
from plenary.web.core.sql import JoinedSelect
from plenary.web.members.models import Member

logger = logging.getLogger(__name__)

TOKEN_PREFIX = "plenary_"
# "Last used" is kept to the day (core/sessions.py, start_of_day), so it never dates a vote
# cast with the token; uses are written together, at most FLUSH_DELAY after the first.
FLUSH_DELAY = timedelta(minutes=1)


class TokenError(Exception):
    pass


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def api_token_create(*, user: User, name: str, actor: Actor) -> tuple[ApiToken, str]:
    """Make a token; returns it with the secret, which is never available again."""
    name = name.strip()
    if not name:
        raise TokenError("Give the token a name, so you can tell your tokens apart.")
    if not user.is_active:
        raise TokenError("This account is not active.")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name[:100], prefix=raw[: len(TOKEN_PREFIX) + 6], token_hash=_hash(raw)
        )
        audit_record(
            actor=actor,
            action="api_token.create",
            target=user,
            token=token.pk,
            name=token.name,
        )
    return token, raw


def api_token_revoke(*, token: ApiToken, actor: Actor) -> None:
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is not None:
            return
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor,
            action="api_token.revoke",
            target=token.user,
            token=token.pk,
            name=token.name,
        )


@functools.cache
def _token_lookup() -> JoinedSelect:
    # Every API call by a script starts here, so the query is written once rather than built
    # by the ORM on every call (see core/sql.py). The member comes in the same query: the
    # API asks for it on every vote.
    return JoinedSelect(
        {"t": ApiToken, "u": User, "m": Member},
        "FROM {t} JOIN {u} ON u.id = t.user_id LEFT JOIN {m} ON m.user_id = u.id"
        " WHERE t.token_hash = %s AND t.revoked_at IS NULL AND u.is_active = %s",
    )


def api_token_user(*, raw: str) -> User | None:
    """The active user a presented token belongs to, or None; notes when it was used."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    found = _token_lookup().fetch_one([_hash(raw), True])
    if found is None:
        return None
    # The aliases name the models in _token_lookup; only the member's may be missing.
    token = cast(ApiToken, found["t"])
    user = cast(User, found["u"])
    member = cast(Member | None, found["m"])
    if member is not None:
        user.member = member  # as select_related would: no second query for it
    if token.last_used_at is None or token.last_used_at < start_of_day(timezone.now()):
        token_uses.note(token.pk)
    return user


class TokenUses:
    """Uses of tokens noted in memory and written to `last_used_at` (the day, not the time)
    together, at most `FLUSH_DELAY` after the first of them.

    Writing on the request itself would add a statement and a commit to every scripted vote
    (each voter's token is new, so each first use would write), while "last used" is only
    kept to the day. A background timer writes what was noted, one UPDATE for all
    of it; a process that is killed loses at most that last minute of notes, never a vote."""

    def __init__(self, delay: timedelta = FLUSH_DELAY) -> None:
        self.delay = delay
        self._lock = threading.Lock()
        self._pending: set[int] = set()
        self._timer: threading.Timer | None = None

    def note(self, token_id: int) -> None:
        with self._lock:
            self._pending.add(token_id)
            if self._timer is None:
                self._timer = threading.Timer(self.delay.total_seconds(), self._flush_in_thread)
                self._timer.daemon = True
                self._timer.start()

    def flush(self) -> int:
        """Write what was noted (today's date, as midnight UTC); returns how many tokens
        were written."""
        with self._lock:
            pending, self._pending = self._pending, set()
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
        if pending:
            ApiToken.objects.filter(pk__in=pending).update(
                last_used_at=start_of_day(timezone.now())
            )
        return len(pending)

    def flush_quietly(self) -> None:
        """`flush` for the timer and for process exit, where nobody could handle an error:
        "last used" is not worth a crash, so a database that cannot be written is logged."""
        try:
            self.flush()
        except DatabaseError as exc:
            logger.warning("could not record when API tokens were last used: %s", exc)

    def _flush_in_thread(self) -> None:
        try:
            self.flush_quietly()
        finally:
            connection.close()  # the timer's thread had a connection of its own


token_uses = TokenUses()
atexit.register(token_uses.flush_quietly)

"""Making, using and revoking personal API tokens. Making and revoking are logged."""

from __future__ import annotations

import functools
import hashlib
import secrets
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone

from plenary.web.accounts.models import User
from plenary.web.accounts.tokens import ApiToken
from plenary.web.audit.log import Actor, audit_record
from plenary.web.core.sql import JoinedSelect
from plenary.web.members.models import Member

TOKEN_PREFIX = "plenary_"
# Recording every use would write on every request; a minute is precise enough to show.
LAST_USED_RESOLUTION = timedelta(minutes=1)


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
            target=f"user:{user.pk}",
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
            target=f"user:{token.user_id}",
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
    token, user, member = found["t"], found["u"], found["m"]
    if member is not None:
        user.member = member  # as select_related would: no second query for it
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        _note_use(token.pk, now)
    return user


def _note_use(token_id: int, now: datetime) -> None:
    # Hand-written for the reason given at `_token_lookup`.
    table = connection.ops.quote_name(ApiToken._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last_used_at = %s WHERE id = %s",
            [connection.ops.adapt_datetimefield_value(now), token_id],
        )

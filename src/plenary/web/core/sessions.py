"""The session store: Django's database sessions, kept so that a copy of the database cannot
date a member's visit (docs/elections-threat-model.md, "Timing").

Django's own store writes, in every session row, an expiry of exactly the moment of the last
save plus the session's age, and data signed with a timestamp of that moment (readable by
anyone with the row: it is signed, not encrypted), including allauth's record of when the
member logged in. So a dump taken during a ballot could tell when a member logged in to vote.
Here the expiry is rounded up to the next midnight (UTC) and the data is encrypted
(AES-GCM, a key derived from SECRET_KEY), with no time in the clear."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core.serializers.json import DjangoJSONEncoder

logger = logging.getLogger("django.security.SuspiciousSession")
NONCE_BYTES = 12
DAY = timedelta(days=1)


def _key() -> bytes:
    return hashlib.sha256(b"plenary.sessions:" + settings.SECRET_KEY.encode()).digest()


def start_of_day(moment: datetime) -> datetime:
    """Midnight (UTC) on the moment's day: how precisely plenary keeps the times of a member's
    visits (last login, a token's last use), so none of them dates a vote."""
    return moment.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def next_midnight(moment: datetime) -> datetime:
    """The first midnight (UTC) at or after the moment."""
    midnight = start_of_day(moment)
    return midnight if midnight == moment else midnight + DAY


class SessionStore(DatabaseSessionStore):
    def encode(self, session_dict: dict[str, Any]) -> str:
        plain = json.dumps(session_dict, cls=DjangoJSONEncoder, separators=(",", ":")).encode()
        nonce = os.urandom(NONCE_BYTES)
        sealed = AESGCM(_key()).encrypt(nonce, plain, self.key_salt.encode())
        return base64.urlsafe_b64encode(nonce + sealed).decode("ascii")

    def decode(self, session_data: bytes | str) -> dict[str, Any]:
        try:
            data = session_data if isinstance(session_data, bytes) else session_data.encode()
            raw = base64.urlsafe_b64decode(data)
            plain = AESGCM(_key()).decrypt(
                raw[:NONCE_BYTES], raw[NONCE_BYTES:], self.key_salt.encode()
            )
            found = json.loads(plain)
        except InvalidTag:
            logger.warning("Session data corrupted")
            return {}
        except (ValueError, TypeError, UnicodeError):
            return {}  # a session from before this store, or garbage: start afresh
        return found if isinstance(found, dict) else {}

    def create_model_instance(self, data: dict[str, Any]) -> Any:
        instance = super().create_model_instance(data)
        instance.expire_date = next_midnight(instance.expire_date)
        return instance

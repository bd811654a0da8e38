"""Reading a signed, expiring link (a sign-up link, an email-change stop link): one place for
the expired / forged distinction, so each link says which to the person holding it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core import signing


class LinkRefused(Exception):
    """A link that cannot be used; `str(error)` says why, to the person holding it."""


def read_signed_link(
    token: str, *, salt: str, max_age: timedelta, expired: str, forged: str
) -> dict[str, Any]:
    """The link's data (a dict), or LinkRefused with `expired` or `forged` as its reason."""
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkRefused(expired) from error
    except signing.BadSignature as error:
        raise LinkRefused(forged) from error
    if not isinstance(data, dict):
        raise LinkRefused(forged)
    return data

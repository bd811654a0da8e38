"""Nothing kept about a member's visits dates a vote: the last login and a token's last use
are kept to the day, and a session row holds an expiry rounded to midnight and encrypted data
with no time in the clear (issue 10, item 8; docs/elections-threat-model.md)."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest
from django.contrib.sessions.models import Session
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from plenary.web.core.sessions import SessionStore, next_midnight, start_of_day
from tests.web import factories as f

pytestmark = pytest.mark.django_db
PASSWORD = "a long enough password"


def _log_in(client, user):
    user.set_password(PASSWORD)
    user.save()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302


def test_the_last_login_is_kept_to_the_day(client, tree):
    user = f.make_member_with_login("Vera Voter", tree["northtown"]).user
    _log_in(client, user)
    user.refresh_from_db()
    assert user.last_login == start_of_day(timezone.now())


def test_a_session_row_holds_neither_the_time_nor_readable_data(client, tree):
    user = f.make_member_with_login("Vera Voter", tree["northtown"]).user
    _log_in(client, user)
    row = Session.objects.get()
    assert row.expire_date == next_midnight(row.expire_date)
    assert row.expire_date.astimezone(UTC).time() == datetime.min.time()
    raw = base64.urlsafe_b64decode(row.session_data)
    assert b"_auth_user_id" not in raw and b"account_authentication" not in raw
    with pytest.raises(signing.BadSignature):
        signing.loads(row.session_data, salt="django.contrib.sessions.SessionStore")
    # ... and the site still knows who is logged in.
    assert SessionStore(row.session_key).load()["_auth_user_id"] == str(user.pk)
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_a_tampered_session_is_an_empty_one(tree):
    store = SessionStore()
    store["answer"] = 42
    store.save()
    row = Session.objects.get(session_key=store.session_key)
    data = bytearray(base64.urlsafe_b64decode(row.session_data))
    data[-1] ^= 1
    assert store.decode(base64.urlsafe_b64encode(bytes(data)).decode()) == {}
    assert store.decode("not even base64 !") == {}


def test_midnight_rounding():
    assert next_midnight(datetime(2026, 12, 4, 0, 0, tzinfo=UTC)) == datetime(
        2026, 12, 4, tzinfo=UTC
    )
    assert next_midnight(datetime(2026, 12, 4, 0, 0, 1, tzinfo=UTC)) == datetime(
        2026, 12, 5, tzinfo=UTC
    )

"""Personal API tokens: made on the account page or by `plenary token`, shown once, stored
hashed, revocable, with the time they were last used."""

from __future__ import annotations

import hashlib
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from plenary.web.accounts.token_services import (
    TokenError,
    TokenUses,
    api_token_create,
    api_token_user,
    token_uses,
)
from plenary.web.accounts.tokens import ApiToken
from plenary.web.audit.log import audit_verify
from plenary.web.audit.models import AuditEntry
from plenary.web.core.sessions import start_of_day
from tests.web import factories as f


def test_a_member_creates_a_named_token_shown_once_and_stored_hashed(client, bob):
    client.force_login(bob)
    response = client.post(reverse("accounts:token_create"), {"name": "voting script"})
    assert response.status_code == 200
    raw = response.context["raw"]
    assert raw.startswith("plenary_") and raw in response.content.decode()
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    token = ApiToken.objects.get(user=bob)
    assert token.name == "voting script"
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in {token.name, token.prefix, token.token_hash}
    account = client.get(reverse("accounts:profile")).content.decode()
    assert "voting script" in account and raw not in account


def test_a_token_needs_a_name_and_the_error_shows_beside_the_field(client, bob):
    client.force_login(bob)
    response = client.post(reverse("accounts:token_create"), {"name": ""})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_making_and_revoking_a_token_is_audited(client, bob):
    client.force_login(bob)
    client.post(reverse("accounts:token_create"), {"name": "script"})
    token = ApiToken.objects.get(user=bob)
    response = client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert list(AuditEntry.objects.values_list("action", flat=True)) == [
        "api_token.create",
        "api_token.revoke",
    ]
    assert audit_verify().ok


def test_a_revoked_token_no_longer_authenticates(bob):
    token, raw = api_token_create(user=bob, name="script", actor=bob)
    assert api_token_user(raw=raw) == bob
    from plenary.web.accounts.token_services import api_token_revoke

    api_token_revoke(token=token, actor=bob)
    assert api_token_user(raw=raw) is None


def test_using_a_token_records_when_it_was_last_used(bob):
    token, raw = api_token_create(user=bob, name="script", actor=bob)
    assert token.last_used_at is None
    api_token_user(raw=raw)
    assert token_uses.flush() == 1
    token.refresh_from_db()
    # Kept to the day, so the time of a vote cast with the token is not recorded.
    assert token.last_used_at == start_of_day(timezone.now())


def test_uses_are_written_together_each_once(bob):
    uses = TokenUses(delay=timedelta(hours=1))
    tokens = [api_token_create(user=bob, name=f"script {n}", actor=bob)[0] for n in range(3)]
    for token in tokens:
        uses.note(token.pk)
    uses.note(tokens[0].pk)
    assert uses.flush() == 3  # each once, in one write
    assert ApiToken.objects.filter(last_used_at__isnull=False).count() == 3


@pytest.mark.django_db(transaction=True)
def test_the_timer_writes_the_uses_without_a_request(tree):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's test database is one in-memory connection; threads need PostgreSQL")
    user = f.make_user("script@example.org")
    token, _ = api_token_create(user=user, name="script", actor=user)
    uses = TokenUses(delay=timedelta(milliseconds=50))
    uses.note(token.pk)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        token.refresh_from_db()
        if token.last_used_at is not None:
            break
        time.sleep(0.05)
    assert token.last_used_at is not None
    assert uses.flush() == 0  # the timer took them


def test_a_use_on_the_same_day_is_not_noted_again(bob):
    token, raw = api_token_create(user=bob, name="script", actor=bob)
    api_token_user(raw=raw)
    token_uses.flush()
    api_token_user(raw=raw)
    assert token_uses.flush() == 0
    yesterday = start_of_day(timezone.now()) - timedelta(days=1)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=yesterday)
    api_token_user(raw=raw)
    assert token_uses.flush() == 1


def test_a_token_brings_its_member_without_another_query(bob, django_assert_num_queries):
    _, raw = api_token_create(user=bob, name="script", actor=bob)
    api_token_user(raw=raw)  # the first use also records it
    with django_assert_num_queries(1):
        user = api_token_user(raw=raw)
        assert user.member == bob.member and user.member.name == bob.member.name


def test_a_token_of_a_user_without_a_membership_record_authenticates_without_one(db):
    staff = f.make_user("staff@example.org")
    _, raw = api_token_create(user=staff, name="script", actor=staff)
    user = api_token_user(raw=raw)
    assert user == staff and getattr(user, "member", None) is None


def test_unknown_and_malformed_tokens_do_not_authenticate(bob):
    api_token_create(user=bob, name="script", actor=bob)
    assert api_token_user(raw="plenary_not-a-real-token") is None
    assert api_token_user(raw="") is None


def test_a_member_cannot_revoke_someone_elses_token(client, bob, dave):
    token, _raw = api_token_create(user=dave, name="dave's", actor=dave)
    client.force_login(bob)
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoking_needs_a_post(client, bob):
    token, _raw = api_token_create(user=bob, name="script", actor=bob)
    client.force_login(bob)
    assert client.get(reverse("accounts:token_revoke", args=[token.pk])).status_code == 405


def test_a_blank_name_is_refused_by_the_service(bob):
    with pytest.raises(TokenError):
        api_token_create(user=bob, name="   ", actor=bob)


def test_the_token_command_prints_a_working_token_for_a_member(bob):
    out = StringIO()
    call_command("token", bob.member.membership_number, "--name", "cron", stdout=out)
    raw = out.getvalue().strip()
    assert api_token_user(raw=raw) == bob
    assert ApiToken.objects.get(user=bob).name == "cron"
    entry = AuditEntry.objects.get(action="api_token.create")
    assert entry.actor_label == "plenary token (command line)"


def test_the_token_command_refuses_an_unknown_membership_number(db):
    with pytest.raises(CommandError, match="No member has membership number 'X999'"):
        call_command("token", "X999")


def test_the_token_command_refuses_a_member_without_an_account(tree):
    member = f.make_member("Nora Noaccount", tree["northtown"])
    with pytest.raises(CommandError, match="has no user account"):
        call_command("token", member.membership_number)
    assert not ApiToken.objects.exists()

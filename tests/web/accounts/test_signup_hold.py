"""Sign-up through an address an officer put on the roll waits 72 hours, while the old address
can stop the change (docs/decisions/0021-roll-editing.md)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from plenary.web.accounts import signup
from plenary.web.accounts.models import User
from plenary.web.members import roll_email
from plenary.web.members.models import Member
from plenary.web.members.services import member_update
from tests.web import factories as f

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase 42"
STOP_LINK = re.compile(r"http://testserver(/members/roll-email/stop/[^/\s]+/)")


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


@pytest.fixture
def erin(tree):
    return f.make_member("Erin Evans", tree["northtown"], email="erin@example.org")


def ask(client, email):
    return client.post(reverse("account_signup"), {"email": email})


def hours_ago(member: Member, hours: float) -> None:
    """Move the member's email change `hours` further into the past."""
    member.refresh_from_db()
    assert member.email_changed_at is not None
    Member.objects.filter(pk=member.pk).update(
        email_changed_at=member.email_changed_at - timedelta(hours=hours)
    )


def test_sign_up_through_a_changed_address_is_held_for_72_hours(client, alice, erin):
    member_update(alice, erin, email="taken.over@example.org")
    ask(client, "taken.over@example.org")
    [held] = mail.outbox
    assert held.to == ["taken.over@example.org"]
    assert "/accounts/signup/link/" not in held.body  # no link while held
    assert "72 hours" in held.body and "Ask again after" in held.body
    assert not User.objects.filter(email="taken.over@example.org").exists()


def test_after_72_hours_the_link_is_sent(client, alice, erin):
    member_update(alice, erin, email="new.erin@example.org")
    hours_ago(erin, 72.1)
    ask(client, "new.erin@example.org")
    [message] = mail.outbox
    assert "/accounts/signup/link/" in message.body


def test_a_link_is_refused_while_the_address_is_held(client, alice, erin):
    """Even a link made some other way (before the rule, or signed by hand) is held."""
    member_update(alice, erin, email="new.erin@example.org")
    hours_ago(erin, 71)
    path = reverse("account_signup_link", args=[signup.make_token(erin)])
    response = client.get(path)
    assert response.status_code == 400 and "waits 72 hours" in response.content.decode()
    response = client.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert (
        response.status_code == 400
        and not User.objects.filter(email__startswith="new.erin").exists()
    )
    hours_ago(erin, 2)  # 73 hours since the change: the same link now works
    response = client.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 302
    assert User.objects.filter(email="new.erin@example.org").exists()


def test_the_old_address_stops_the_sign_up(client, alice, erin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        member_update(alice, erin, email="officer@example.org", site_root="http://testserver/")
    [notice] = mail.outbox
    assert notice.to == ["erin@example.org"]
    match = STOP_LINK.search(notice.body)
    assert match
    client.post(match.group(1))
    erin.refresh_from_db()
    assert erin.email == "erin@example.org"
    assert roll_email.signup_held_until(erin) is None
    mail.outbox.clear()
    ask(client, "officer@example.org")
    assert mail.outbox == []  # the address is no member's any more
    ask(client, "erin@example.org")
    [link] = mail.outbox  # and the member's own address signs up at once
    assert link.to == ["erin@example.org"] and "/accounts/signup/link/" in link.body

"""Sign-up without telling anyone whether an address is on the roll
(docs/decisions/0012-signup-without-enumeration.md)."""

from __future__ import annotations

import re
import time

import pytest
from allauth.account.models import EmailAddress
from django.core import mail, signing
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django_tasks_db.models import DBTaskResult

from plenary.web.accounts import signup, views_signup
from plenary.web.accounts.models import User
from tests.web import factories as f

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase 42"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
LINK = re.compile(r"http://testserver(/accounts/signup/link/[^/\s]+/)")


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()  # allauth counts sign-up requests per client in the cache


def ask(client, email):
    return client.post(reverse("account_signup"), {"email": email})


def link_in(message) -> str:
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1)


def set_password(client, path, password=PASSWORD):
    return client.post(path, {"new_password1": password, "new_password2": password})


def without_csrf(content: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", content)


# The request: the same answer, and only queued work, whatever the address.


def test_the_sign_up_page_is_plenarys_and_asks_only_for_the_address(client):
    assert resolve(reverse("account_signup")).func is views_signup.signup
    page = client.get(reverse("account_signup")).content.decode()
    assert 'name="email"' in page and 'type="password"' not in page


@override_settings(TASKS=DATABASE_TASKS)
def test_a_members_address_and_a_strangers_get_the_same_answer_and_only_queue_work(tree, bob):
    f.make_member("Erin Evans", tree["northtown"], email="erin@example.org")
    answers, queries = [], []
    # A member's address, a stranger's, and one that already has an account.
    for email in ["erin@example.org", "stranger@example.org", bob.email]:
        client = Client()
        client.get(reverse("account_signup"))
        with CaptureQueriesContext(connection) as captured:
            response = ask(client, email)
        queries.append(captured.captured_queries)
        sent_page = client.get(response["Location"])
        answers.append(
            (response.status_code, response["Location"], response.content, response.cookies.keys())
        )
        answers[-1] += (sent_page.status_code, without_csrf(sent_page.content))
        assert mail.outbox == []  # nothing is sent from the web process
        queued = DBTaskResult.objects.get()  # exactly one task, waiting for the worker
        assert queued.task_path == "plenary.web.accounts.tasks.send_signup_mail"
        assert queued.status == "READY" and queued.args_kwargs["kwargs"]["email"] == email
        queued.delete()
    assert answers[0] == answers[1] == answers[2]
    assert answers[0][0] == 302 and answers[0][1] == reverse("account_signup_sent")
    assert "If this address belongs to an active member" in answers[0][-1].decode()
    # The same work: as many queries, and none reads the roll or the accounts.
    assert len(queries[0]) == len(queries[1]) == len(queries[2])
    for query in queries[0] + queries[1] + queries[2]:
        assert "members_member" not in query["sql"] and "accounts_user" not in query["sql"]


def test_a_malformed_address_is_refused_on_the_form_and_nothing_is_queued(client):
    response = ask(client, "not an address")
    assert (
        response.status_code == 200 and "Enter a valid email address" in response.content.decode()
    )
    assert mail.outbox == []


# The worker: who gets what.


def test_the_member_gets_a_link_that_creates_their_linked_account_once(client, tree):
    member = f.make_member("Erin Evans", tree["northtown"], email="erin@example.org")
    response = ask(client, "Erin@Example.org")  # the immediate backend runs the task here
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["erin@example.org"]
    path = link_in(mail.outbox[0])
    assert not User.objects.exists()  # nothing is made until the link is used

    page = client.get(path)
    assert page.status_code == 200 and "Welcome, Erin Evans" in page.content.decode()
    response = set_password(client, path)
    assert response.status_code == 302
    user = User.objects.get(email="erin@example.org")
    member.refresh_from_db()
    assert member.user == user and user.name == "Erin Evans" and user.check_password(PASSWORD)
    assert EmailAddress.objects.get(user=user).verified  # the link reached the address
    assert client.get(reverse("accounts:profile")).status_code == 200  # and logged in

    client.logout()
    again = client.get(path)
    assert again.status_code == 400 and signup.SPENT in again.content.decode()
    assert set_password(client, path, "another long passphrase 99").status_code == 400
    assert User.objects.count() == 1


def test_a_stranger_gets_nothing(client, tree):
    ask(client, "stranger@example.org")
    assert mail.outbox == [] and not User.objects.exists()


@pytest.mark.parametrize("status", ["lapsed", "suspended", "expelled"])
def test_a_member_who_is_not_current_gets_nothing(client, tree, status):
    f.make_member("Lapsed Larry", tree["northtown"], email="larry@example.org", status=status)
    ask(client, "larry@example.org")
    assert mail.outbox == []


def test_an_address_shared_by_two_members_is_told_it_cannot_identify_either(client, tree):
    f.make_member("Pat One", tree["northtown"], email="family@example.org")
    f.make_member("Sam Two", tree["northtown"], email="family@example.org")
    ask(client, "family@example.org")
    assert len(mail.outbox) == 1 and "More than one member record" in mail.outbox[0].body
    assert not LINK.search(mail.outbox[0].body)


def test_an_address_with_an_account_is_reminded_and_offered_a_reset(client, bob):
    ask(client, bob.email)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [bob.email]
    body = mail.outbox[0].body
    assert "already has an account" in body and reverse("account_reset_password") in body
    assert not LINK.search(body)


# The link: expires, refuses forgeries, and follows the roll.


def test_the_link_expires(client, tree, monkeypatch):
    f.make_member("Erin Evans", tree["northtown"], email="erin@example.org")
    sent_at = time.time() - signup.LINK_MAX_AGE.total_seconds() - 60
    with monkeypatch.context() as past:  # the link was signed a day and a minute ago
        past.setattr(
            signing.TimestampSigner, "timestamp", lambda _: signing.b62_encode(int(sent_at))
        )
        ask(client, "erin@example.org")
    path = link_in(mail.outbox[0])
    response = client.get(path)
    assert response.status_code == 400 and signup.EXPIRED in response.content.decode()
    assert set_password(client, path).status_code == 400
    assert not User.objects.exists()


def test_a_forged_or_tampered_link_is_refused_with_a_clear_page(client, tree):
    erin = f.make_member("Erin Evans", tree["northtown"], email="erin@example.org")
    f.make_member("Mallory Moss", tree["northtown"], email="mallory@example.org")
    ask(client, "erin@example.org")
    token = link_in(mail.outbox[0]).split("/")[-2]
    value, timestamp, signature = token.rsplit(":", 2)
    tampered = [
        "made-up",
        f"{value}:{timestamp}:{signature[:-2]}xx",
        f"{value[:-2]}xx:{timestamp}:{signature}",
    ]
    for bad in tampered:
        path = reverse("account_signup_link", kwargs={"token": bad})
        response = client.get(path)
        assert response.status_code == 400
        page = response.content.decode()
        assert signup.FORGED in page and reverse("account_signup") in page
        assert set_password(client, path).status_code == 400
    assert not User.objects.exists()
    erin.refresh_from_db()
    assert erin.user is None


def test_a_link_stops_working_if_the_member_changes_address_or_lapses(client, tree):
    member = f.make_member("Erin Evans", tree["northtown"], email="erin@example.org")
    ask(client, "erin@example.org")
    path = link_in(mail.outbox[0])
    member.email = "erin.new@example.org"
    member.save()
    assert signup.SPENT in client.get(path).content.decode()
    member.email, member.status = "erin@example.org", "lapsed"
    member.save()
    assert signup.SPENT in client.get(path).content.decode()


def test_a_weak_password_is_refused_and_the_link_still_works(client, tree):
    f.make_member("Erin Evans", tree["northtown"], email="erin@example.org")
    ask(client, "erin@example.org")
    path = link_in(mail.outbox[0])
    response = set_password(client, path, "password")
    assert response.status_code == 200 and "too common" in response.content.decode()
    assert set_password(client, path).status_code == 302


def test_allauths_own_sign_up_never_makes_an_account(rf):
    from allauth.account.adapter import get_adapter
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        get_adapter(rf.get("/")).save_user(rf.get("/"), User(email="x@example.org"), None)


def test_nobody_can_make_the_site_mail_one_address_over_and_over(client, db):
    """Three requests an hour for one address, whoever sends them; the fourth is refused."""
    for _ in range(3):
        assert ask(client, "someone@example.org").status_code == 302
    assert ask(client, "Someone@Example.org").status_code == 429
    assert ask(client, "someone-else@example.org").status_code == 302

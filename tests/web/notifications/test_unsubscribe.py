"""The unsubscribe link: signed, no login, a confirm page on GET, and RFC 8058's one-click
POST; it turns off only what can be turned off."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from plenary.web.notifications.email import (
    BadToken,
    read_unsubscribe_token,
    unsubscribe_token,
)
from plenary.web.notifications.services import preferences_of
from tests.web import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(db):
    return f.make_user("uma@example.org")


def _url(token: str) -> str:
    return reverse("notifications:unsubscribe", kwargs={"token": token})


def test_a_token_names_its_user_and_kinds_and_cannot_be_forged(member):
    token = unsubscribe_token(member.pk, ["test.news", "test.news", "test.quiet"])
    assert read_unsubscribe_token(token) == (member.pk, ["test.news", "test.quiet"])
    with pytest.raises(BadToken):
        read_unsubscribe_token(token[:-2] + "xx")
    other = unsubscribe_token(member.pk + 1, ["test.news"])
    with pytest.raises(BadToken):
        read_unsubscribe_token(token.split(":")[0] + ":" + other.split(":", 1)[1])


def test_the_link_asks_first_and_a_get_changes_nothing(client, member):
    page = client.get(_url(unsubscribe_token(member.pk, ["test.news"])))
    assert page.status_code == 200
    assert "News of the test" in page.content.decode()
    assert preferences_of(member)["test.news"] == "immediate"


def test_confirming_turns_the_kind_off_without_logging_in(member):
    client = Client(enforce_csrf_checks=True)
    page = client.post(_url(unsubscribe_token(member.pk, ["test.news"])))
    assert page.status_code == 200 and "no longer be emailed" in page.content.decode()
    assert preferences_of(member)["test.news"] == "off"


def test_a_mail_clients_one_click_post_works(member):
    client = Client(enforce_csrf_checks=True)
    page = client.post(
        _url(unsubscribe_token(member.pk, ["test.urgent"])),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert page.status_code == 200
    assert preferences_of(member)["test.urgent"] == "off"


def test_a_link_cannot_turn_off_a_statutory_notice(client, member):
    client.post(_url(unsubscribe_token(member.pk, ["test.notice", "test.news"])))
    chosen = preferences_of(member)
    assert (chosen["test.notice"], chosen["test.news"]) == ("immediate", "off")


def test_a_bad_link_is_refused(client, member):
    token = unsubscribe_token(member.pk, ["test.news"])
    for bad in (token[:-3] + "abc", "nonsense"):
        assert client.get(_url(bad)).status_code == 400
        assert client.post(_url(bad)).status_code == 400
    assert preferences_of(member)["test.news"] == "immediate"
    member.delete()
    assert client.post(_url(token)).status_code == 400

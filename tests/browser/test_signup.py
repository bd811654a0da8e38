from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.web import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long and unusual passphrase 42"


def test_a_member_asks_for_a_link_and_sets_a_password(page, tree):
    f.make_member("Erin Evans", tree["northtown"], email="erin@example.org")
    page.goto("/")
    page.get_by_role("link", name="create an account").click()
    page.get_by_label("Email address").fill("erin@example.org")
    page.get_by_role("button", name="Email me a link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")

    # The tests run tasks at once (test_settings), so the mail is already in the outbox.
    (message,) = mail.outbox
    link = re.search(r"https?://[^/\s]+(/accounts/signup/link/\S+/)", message.body).group(1)
    page.goto(link)
    expect(page.get_by_text("Welcome, Erin Evans")).to_be_visible()
    page.get_by_label("New password (required)", exact=True).fill(PASSWORD)
    page.get_by_label("New password confirmation (required)", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_text("Your account is ready")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome, Erin Evans")

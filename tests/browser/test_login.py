from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_member_logs_in_and_sees_their_membership(page, bob):
    log_in(page, bob.email)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome, Bob Baker")
    expect(page.get_by_text("Northtown")).to_be_visible()


def test_a_wrong_password_is_refused_beside_the_form(page, bob):
    log_in(page, bob.email, password="not the password")
    expect(
        page.get_by_text("The email address and/or password you specified are not correct.")
    ).to_be_visible()
    assert page.url.endswith("/accounts/login/")

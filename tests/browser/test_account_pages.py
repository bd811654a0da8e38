"""The login page in the site's own layout, reached and used by keyboard alone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.keyboard import PASSWORD, press_enter_and_wait, tab_to

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_login_page_is_in_the_site_layout_and_tabs_through_to_log_in(page, bob):
    page.goto("/accounts/login/")
    assert page.evaluate("document.documentElement.lang") == "en-GB"
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    tab_to(page, "input[name=login]")
    page.keyboard.type(bob.email)
    tab_to(page, "input[name=password]")
    page.keyboard.type(PASSWORD)
    tab_to(page, "main form button[type=submit]")
    expect(page.locator("main form button[type=submit]")).to_have_text("Log in")
    box = page.locator("main button[type=submit]").bounding_box()
    assert box and box["width"] >= 24 and box["height"] >= 24
    checkbox = page.locator("input[name=remember]").bounding_box()
    assert checkbox and checkbox["width"] >= 24 and checkbox["height"] >= 24
    press_enter_and_wait(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome, Bob Baker")

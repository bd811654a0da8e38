from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_member_browses_from_the_tree_to_a_branch_and_its_committee(page, alice, bob):
    log_in(page, bob.email)
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Organisation", exact=True
    ).click()
    expect(page.get_by_role("heading", name="North Region")).to_be_visible()
    page.get_by_role("link", name="Northtown").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Northtown")
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_contain_text("North Region")
    page.get_by_role("link", name="Northtown committee").click()
    expect(page.get_by_role("cell", name="Alice Archer")).to_be_visible()
    expect(page.get_by_role("cell", name="Secretary")).to_be_visible()


def test_the_tree_can_be_reached_with_the_keyboard_alone(page, bob):
    log_in(page, bob.email)
    page.keyboard.press("Tab")  # the skip link comes first
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    link = page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Organisation", exact=True
    )
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/organisation/")
    expect(page.get_by_role("heading", name="South Region")).to_be_visible()

"""A member votes with the keyboard alone (Tab, typing, Enter; no mouse) and checks the receipt."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from plenary.web.elections.models import CastBallot
from tests.browser.keyboard import log_in_by_keyboard, tab_to
from tests.web.elections.voting_helpers import make_candidates, make_election, make_section

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_member_votes_with_the_keyboard_alone_and_checks_the_receipt(page, tree, bob):
    section = make_section(make_election(tree["national"]), "Steering committee", seats=2)
    ann, ben, cat = make_candidates(section, tree["northtown"], "Ann Able", "Ben Bold", "Cat Cole")
    log_in_by_keyboard(page, bob.email)
    page.goto(f"/elections/{section.election.slug}/ballot/{section.pk}/")
    expect(
        page.get_by_role("group", name="Number the candidates in order of preference")
    ).to_be_visible()

    # A slip first: the same number twice is caught beside the boxes and in a summary.
    tab_to(page, f"input[name=pref_{ann.id}]")
    page.keyboard.type("1")
    page.keyboard.press("Tab")
    page.keyboard.type("1")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("You gave 1 to more than one candidate")
    expect(page.get_by_label("Ben Bold")).to_have_attribute("aria-invalid", "true")

    # Correct it: Cat first, Ann second, Ben left blank.
    tab_to(page, f"input[name=pref_{ann.id}]")
    page.keyboard.press("Control+a")
    page.keyboard.type("2")
    page.keyboard.press("Tab")
    page.keyboard.press("Control+a")
    page.keyboard.press("Backspace")
    page.keyboard.press("Tab")
    page.keyboard.type("1")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your vote: Steering committee")
    expect(page.locator("ol.ranking li")).to_have_text(["Cat Cole", "Ann Able"])
    tab_to(page, "button[value=cast]")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Your vote is cast")
    code = page.locator("#tracker").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", code)
    assert CastBallot.objects.get(tracker=code).ranking == [cat.id, ann.id]

    page.goto("/elections/receipts/")
    tab_to(page, "input[name=code]")
    page.keyboard.type(code.lower())
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("is in the ballot box")

"""With the keyboard alone: the Northtown secretary sets up her branch's election, naming
another member its returning officer (nobody appoints themselves), who then gives it its
first section, which starts with the branch defaults (members nominate, a threshold of one)
(issue 11, item 4)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from plenary.web.elections.models import Election
from plenary.web.organisation.selectors import returning_officer_seat
from tests.browser.keyboard import press_enter_and_wait, tab_to, type_into
from tests.browser.test_elections_setup import log_in_with_code
from tests.web import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_branch_secretary_sets_up_a_branch_election_by_keyboard(page, tree, alice, bob):
    f.enable_totp(bob)  # he is to hold an office
    log_in_with_code(page, alice.email)
    page.goto("/elections/")
    tab_to(page, "a[href='/elections/new/']")
    press_enter_and_wait(page)

    type_into(page, "input[name=title]", "Northtown officers 2030")
    type_into(page, "input[name=slug]", "northtown-2030")
    tab_to(page, "select[name=unit]")
    page.keyboard.type("Northtown")
    type_into(page, "input[name=returning_officer]", bob.member.membership_number)
    press_enter_and_wait(page)
    assert returning_officer_seat(tree["northtown"]).member == bob.member

    # Bob, the returning officer she named, runs it from here.
    page.context.clear_cookies()
    log_in_with_code(page, bob.email)
    page.goto("/elections/northtown-2030/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Northtown officers 2030")

    tab_to(page, "a[href$='/sections/new/']")
    press_enter_and_wait(page)
    expect(page.locator("input[name=threshold]")).to_have_value("1")
    expect(page.locator("input[name=nominating_kinds][value=members]")).to_be_checked()
    expect(page.locator("input[name=nominating_kinds][value=branch]")).not_to_be_checked()
    type_into(page, "input[name=name]", "Branch chair")
    press_enter_and_wait(page)
    expect(page.get_by_role("heading", name="Branch chair")).to_be_visible()
    expect(page.get_by_text("members (a proposer and a seconder)")).to_be_visible()
    section = Election.objects.get(slug="northtown-2030").sections.get()
    assert section.threshold == 1 and section.nominating_kinds == ["members"]
    assert [u.slug for u in section.election.electorate_units.all()] == ["northtown"]

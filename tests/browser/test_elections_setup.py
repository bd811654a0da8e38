"""With the keyboard alone (Tab, typing, Space, Enter; no mouse): the returning officer creates
an election with a section, sets its timeline and announces it; when nominations open, the
Northtown secretary records her branch's nomination and it shows on the public tally."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from plenary.web.accounts.models import User
from plenary.web.elections.models import Election, Nomination
from tests.browser.conftest import current_totp_code
from tests.browser.keyboard import log_in_by_keyboard, press_enter_and_wait, tab_to, type_into
from tests.web import factories as f
from tests.web.elections.fixtures_setup import build_election, make_returning_officer

pytestmark = pytest.mark.django_db(transaction=True)


def log_in_with_code(page, email: str) -> None:  # type: ignore[no-untyped-def]
    """Email and password, then the authenticator app's code, as an officer logs in."""
    log_in_by_keyboard(page, email)
    type_into(page, "input[name=code]", current_totp_code(User.objects.get(email=email)))
    press_enter_and_wait(page)


@pytest.fixture
def ro(tree):  # type: ignore[no-untyped-def]
    return make_returning_officer(tree)


def test_an_election_is_set_up_announced_and_nominated_for_by_keyboard(
    page, tree, alice, bob, ro, monkeypatch
):
    log_in_with_code(page, ro.email)
    page.goto("/elections/")
    tab_to(page, "a[href='/elections/new/']")
    press_enter_and_wait(page)

    type_into(page, "input[name=title]", "Steering committee 2030")
    type_into(page, "input[name=slug]", "steering-2030")
    tab_to(page, "select[name=unit]")
    page.keyboard.type("Alliance National")
    type_into(page, "input[name=roll_date]", "2025-12-31")
    press_enter_and_wait(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Steering committee 2030")

    # A section: two seats, nominated by branches, threshold one body.
    tab_to(page, "a[href$='/sections/new/']")
    press_enter_and_wait(page)
    type_into(page, "input[name=name]", "Committee members")
    tab_to(page, "input[name=seats]")
    page.keyboard.press("Control+a")
    page.keyboard.type("2")
    tab_to(page, "input[name=threshold]")
    page.keyboard.press("Control+a")
    page.keyboard.type("1")
    press_enter_and_wait(page)
    expect(page.get_by_role("heading", name="Committee members")).to_be_visible()

    # The timeline: nominations open tomorrow, in the organisation's time zone.
    opens = timezone.localtime() + timedelta(days=1)
    moments = [opens + timedelta(days=d) for d in (0, 7, 8, 15)]
    tab_to(page, "a[href$='/timeline/']")
    press_enter_and_wait(page)
    for name, moment in zip(
        ["nominations_open_at", "nominations_close_at", "ballot_open_at", "ballot_close_at"],
        moments,
        strict=True,
    ):
        type_into(page, f"input[name={name}]", moment.strftime("%Y-%m-%d %H:%M"))
    press_enter_and_wait(page)
    expect(page.get_by_text("Timeline saved.")).to_be_visible()

    tab_to(page, "form[action$='/announce/'] button")
    press_enter_and_wait(page)
    expect(page.get_by_text("The election is announced")).to_be_visible()
    assert Election.objects.get(slug="steering-2030").announced_at is not None

    # A day and an hour pass: the server clock now has nominations open.
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(days=1, hours=1))

    page.context.clear_cookies()
    log_in_with_code(page, alice.email)
    page.goto("/elections/steering-2030/")
    tab_to(page, "a[href$='/nominate/']")
    press_enter_and_wait(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Record nominations: Committee members"
    )
    # Her branch is her only body, so it is already chosen; the meeting date defaults to today.
    type_into(page, "input[name=nominee_1]", bob.member.membership_number)
    press_enter_and_wait(page)
    expect(page.get_by_text("Nomination recorded: Bob Baker.")).to_be_visible()
    nomination = Nomination.objects.get()
    assert nomination.unit == tree["northtown"] and nomination.recorded_by == alice

    page.context.clear_cookies()
    page.goto("/elections/steering-2030/tally/")
    row = page.get_by_role("row", name="Bob Baker")
    expect(row).to_contain_text("Northtown")
    expect(row).to_contain_text("reached")


def test_a_rule_broken_by_keyboard_is_announced_beside_the_field(page, tree, alice, ro):
    _, section = build_election(tree, ro)
    log_in_with_code(page, alice.email)
    page.goto(f"/elections/{section.election.slug}/sections/{section.pk}/nominate/")
    lapsed = f.make_member("Lapsed Lee", tree["northtown"], status="lapsed")
    type_into(page, "input[name=nominee_1]", lapsed.membership_number)
    press_enter_and_wait(page)
    expect(page.get_by_role("alert")).to_contain_text(
        "Lapsed Lee is not an active member of this election's electorate."
    )
    field = page.locator(".field-error", has=page.locator("input[name=nominee_1]"))
    expect(field).to_contain_text("is not an active member")

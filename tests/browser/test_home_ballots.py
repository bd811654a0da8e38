"""A member finds their ballot from the home page; the result page fits a 390 px phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from plenary.web.elections.counts import services as counts
from plenary.web.elections.voting import services as voting
from tests.browser.conftest import log_in
from tests.web import factories as f
from tests.web.elections.voting_helpers import (
    close_ballot,
    make_candidates,
    make_election,
    make_returning_officer,
    make_section,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_member_logs_in_sees_the_ballot_on_the_home_page_and_follows_it(page, tree, bob):
    section = make_section(make_election(tree["national"]), "Steering committee", seats=2)
    make_candidates(section, tree["northtown"], "Ann Able", "Ben Bold")
    log_in(page, bob.email)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome, Bob Baker")
    waiting = page.get_by_role("region", name="Waiting for you")
    expect(waiting).to_be_visible()
    waiting.get_by_role("link", name="Vote: National executive 2026, Steering committee").click()
    expect(
        page.get_by_role("group", name="Number the candidates in order of preference")
    ).to_be_visible()
    # "Your ballots" is in the navigation, whatever page the member is on.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Your ballots").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your ballots")
    listed = page.get_by_role("link", name="National executive 2026: Steering committee")
    expect(listed).to_be_visible()


def test_the_result_page_fits_a_390_pixel_wide_screen(page, tree):
    election = make_election(tree["national"])
    section = make_section(election, "National executive committee members", seats=2)
    names = ["Annabel Ashworth-Fotheringham", "Benedict Bartholomew-Smythe", "Catherine Cole"]
    candidates = make_candidates(section, tree["northtown"], *names)
    ids = [c.id for c in candidates]
    referendum = make_section(
        election, "Rule change", method="referendum", position=1, question="Adopt rule 12?"
    )
    rankings = [ids, ids[::-1], ids[1:], [ids[2], ids[0]], ids[:1]]
    voters = [f.make_member(f"Voter {i}", tree["northtown"]) for i in range(len(rankings))]
    # All on the roll before the first vote freezes it.
    for voter, ranking in zip(voters, rankings, strict=True):
        voting.ballot_cast(section=section, member=voter, ranking=ranking)
    for voter, choice in zip(voters, ["yes", "yes", "no"], strict=False):
        voting.ballot_cast(section=referendum, member=voter, choice=choice)
    officer = make_returning_officer(tree["national"])
    close_ballot(election)
    counts.election_count_start(election=election, actor=officer)
    counts.election_publish(election=election, actor=officer)

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/elections/{election.slug}/result/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Result: {election.title}")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the result page is {width} px wide at a 390 px viewport"

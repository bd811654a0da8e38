"""With JavaScript switched off, the returning officer closes the box and counts, then
publishes, each through its confirmation page (issue 11, item 5); the published result links
only what the election publishes (item 9: by default no ballot list, the BLT for scrutineers)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from plenary.web.elections.models import CountRun, Election
from plenary.web.elections.voting import services as voting
from tests.browser.conftest import log_in_as_officer
from tests.web import factories as f
from tests.web.elections.voting_helpers import (
    close_ballot,
    make_candidates,
    make_election,
    make_returning_officer,
    make_section,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def no_script_page(browser, live_server):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_the_officer_counts_and_publishes_through_confirmations_without_javascript(
    no_script_page, tree
):
    page = no_script_page
    officer = make_returning_officer(tree["national"])
    election = make_election(tree["national"])
    section = make_section(election, "Steering committee")
    ann, _ = make_candidates(section, tree["northtown"], "Ann Able", "Ben Bold")
    voters = [f.make_member(f"Voter {i}", tree["northtown"]) for i in range(3)]
    for voter in voters:
        voting.ballot_cast(section=section, member=voter, ranking=[ann.id])
    close_ballot(election)

    log_in_as_officer(page, officer)
    page.goto(f"/elections/{election.slug}/count/")
    page.get_by_role("link", name="Close the ballot box and count").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Close the ballot box and count: National executive 2026?"
    )
    expect(page.get_by_role("heading", name="What cannot be undone")).to_be_visible()
    assert not CountRun.objects.exists()
    page.get_by_role("button", name="Close the ballot box and count").click()
    expect(page.get_by_text("The ballot box is closed and the count has started.")).to_be_visible()
    expect(page.get_by_role("link", name="Close the ballot box and count")).to_have_count(0)

    page.get_by_role("link", name="Publish the result").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Publish the result of National executive 2026?"
    )
    expect(page.get_by_text("A published result cannot be withdrawn or changed")).to_be_visible()
    assert Election.objects.get(pk=election.pk).published_at is None
    # Going back does nothing.
    page.get_by_role("link", name="Back to the count, without publishing").click()
    assert Election.objects.get(pk=election.pk).published_at is None
    page.get_by_role("link", name="Publish the result").click()
    page.get_by_role("button", name="Publish the result").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Result: National executive 2026")
    assert Election.objects.get(pk=election.pk).published_at is not None
    expect(page.get_by_text("does not publish its ballot list")).to_be_visible()
    expect(page.get_by_role("link", name="Ballot list with tracker codes (CSV)")).to_have_count(0)
    # The officer is a scrutineer: the BLT is linked for them.
    expect(page.get_by_role("link", name="Anonymised ballots (BLT", exact=False)).to_be_visible()

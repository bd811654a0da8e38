"""With the keyboard alone: a nominee without a login has sent a signed acceptance form; the
returning officer finds her among the nominees who have not accepted on the election page,
records the acceptance with the date it was received and how, and she reaches the ballot."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from plenary.web.audit.models import AuditEntry
from plenary.web.elections.models import Candidate
from plenary.web.elections.nominations import services as nominations
from tests.browser.keyboard import press_enter_and_wait, tab_to, type_into
from tests.browser.test_elections_setup import log_in_with_code
from tests.web import factories as f
from tests.web.elections.fixtures_setup import build_election, make_returning_officer

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def ro(tree):  # type: ignore[no-untyped-def]
    return make_returning_officer(tree)


def test_the_returning_officer_records_a_paper_acceptance_by_keyboard(page, tree, alice, ro):
    election, section = build_election(tree, ro, threshold=1, seats=2)
    nia = f.make_member("Nia Nologin", tree["northtown"], email="")
    nominations.nominations_record(
        actor=alice,
        section=section,
        body=tree["northtown"],
        nominees=[nia],
        meeting_date=timezone.localdate() - timedelta(days=1),
    )

    log_in_with_code(page, ro.email)
    page.goto(election.get_absolute_url())
    expect(page.get_by_role("heading", name="Nominees who have not accepted")).to_be_visible()
    expect(page.get_by_text("So far, fewer candidates than seats")).to_be_visible()
    tab_to(page, "a[href$='/accept-on-behalf/']")
    press_enter_and_wait(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Record an acceptance: Nia Nologin")

    # How it was received: the radio group, chosen with the arrow keys and Space.
    tab_to(page, "input[name=received_by]")
    page.keyboard.press("Space")
    received = timezone.localdate() - timedelta(days=1)
    type_into(page, "input[name=received_on]", received.isoformat())
    type_into(page, "input[name=note]", "Signed form handed in at the branch meeting")
    press_enter_and_wait(page)

    expect(page.get_by_text("Acceptance by Nia Nologin recorded.")).to_be_visible()
    expect(page.get_by_text("Every nominee has accepted or declined.")).to_be_visible()
    expect(page.get_by_role("heading", name="Nia Nologin")).to_be_visible()  # on the ballot

    candidate = Candidate.objects.get(member=nia)
    assert candidate.status == Candidate.Status.ACCEPTED
    entry = AuditEntry.objects.get(action="candidate.accept_on_behalf")
    assert entry.details["received_on"] == received.isoformat()
    assert entry.details["received_by"] == "paper"

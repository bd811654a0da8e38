"""Acceptance on paper: the returning officer records an acceptance a nominee made outside the
site (a signed form, an email), with the date it was received and how, audited, before
nominations close; sees who has not accepted; and is warned of sections with fewer
candidates than seats."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from plenary.web.audit.models import AuditEntry
from plenary.web.elections import selectors
from plenary.web.elections.models import Candidate
from plenary.web.elections.nominations import services as nominations
from plenary.web.elections.nominations.lifecycles import (
    CANDIDACY,
    DECISION_CLOSED,
    ONLY_THE_RETURNING_OFFICER,
    RECEIVED_IN_FUTURE,
    RECEIVED_UNKNOWN,
)
from plenary.web.lifecycles.models import TransitionRecord
from plenary.web.lifecycles.selectors import history
from tests.web import factories as f
from tests.web.elections.fixtures_setup import build_election

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
RECEIVED = date(2026, 3, 1)


def _nominate(alice, tree, section, *members, now=NOW):  # type: ignore[no-untyped-def]
    nominations.nominations_record(
        actor=alice,
        section=section,
        body=tree["northtown"],
        nominees=list(members),
        meeting_date=timezone.localdate(now) - timedelta(days=3),
        now=now,
    )
    return [Candidate.objects.get(section=section, member=m) for m in members]


@pytest.fixture
def section(tree, ro):  # type: ignore[no-untyped-def]
    return build_election(tree, ro, now=NOW)[1]


@pytest.fixture
def nia(alice, tree, section):  # type: ignore[no-untyped-def]
    """A nominee without a login (and without an email address)."""
    member = f.make_member("Nia Nologin", tree["northtown"])
    return _nominate(alice, tree, section, member)[0]


def _accept(actor, candidate, **kwargs):  # type: ignore[no-untyped-def]
    return nominations.candidate_accept_on_behalf(
        actor=actor,
        candidate=candidate,
        **{"received_on": RECEIVED, "received_by": "paper", "now": NOW, **kwargs},
    )


def test_the_returning_officer_records_a_paper_acceptance_dated_and_audited(ro, nia):
    _accept(ro, nia, note="Signed form handed in at the branch meeting.")
    nia.refresh_from_db()
    assert nia.status == Candidate.Status.ACCEPTED and nia.accepted_at == NOW
    (record,) = history(nia)
    assert (record.transition, record.from_state, record.to_state, record.actor, record.at) == (
        "accept_on_behalf",
        "nominated",
        "accepted",
        ro,
        NOW,
    )
    assert record.note == (
        "Acceptance received on paper (a signed form or letter) on 1 March 2026. "
        "Signed form handed in at the branch meeting."
    )
    (entry,) = AuditEntry.objects.filter(action="candidate.accept_on_behalf")
    assert entry.actor == ro and entry.target == "election:exec-2026"
    assert entry.details["received_on"] == "2026-03-01"
    assert entry.details["received_by"] == "paper"
    assert entry.details["candidate"] == nia.member.membership_number
    assert entry.details["transition"] == {"from": "nominated", "to": "accepted"}


def test_an_email_acceptance_overrides_an_earlier_decline(ro, bob, alice, tree, section):
    (candidate,) = _nominate(alice, tree, section, bob.member)
    nominations.candidate_decide(actor=bob, candidate=candidate, accept=False, now=NOW)
    _accept(ro, candidate, received_by="email")
    candidate.refresh_from_db()
    assert candidate.status == Candidate.Status.ACCEPTED
    assert history(candidate).last().note == "Acceptance received by email on 1 March 2026."


@pytest.mark.parametrize(
    ("who", "kwargs", "reason"),
    [
        ("alice", {}, ONLY_THE_RETURNING_OFFICER),  # a branch officer, not the RO
        ("bob", {}, ONLY_THE_RETURNING_OFFICER),
        ("ro", {"now": NOW + timedelta(days=8)}, DECISION_CLOSED),  # nominations closed
        ("ro", {"received_on": date(2026, 3, 3)}, RECEIVED_IN_FUTURE),
        ("ro", {"received_by": "pigeon"}, RECEIVED_UNKNOWN),
    ],
)
def test_a_refused_acceptance_on_behalf_records_nothing(request, nia, who, kwargs, reason):  # type: ignore[no-untyped-def]
    actor = request.getfixturevalue(who)
    with pytest.raises(ValidationError) as refused:
        _accept(actor, nia, **kwargs)
    assert refused.value.messages == [reason]
    nia.refresh_from_db()
    assert nia.status == Candidate.Status.NOMINATED
    assert not TransitionRecord.objects.exists()
    assert not AuditEntry.objects.filter(action="candidate.accept_on_behalf").exists()


def test_a_returning_officer_of_another_unit_may_not(tree, nia):
    from plenary.web.organisation.models import Body, Office

    member = f.make_member_with_login("Rob Regional", tree["southtown"])
    committee = f.make_body("South elections", Body.Kind.ELECTIONS, tree["south"])
    f.give_seat(member, committee, Office.RETURNING_OFFICER)
    assert CANDIDACY.refusal(nia, "accept_on_behalf", member.user, at=NOW, data={}) == (
        ONLY_THE_RETURNING_OFFICER
    )


def test_an_accepted_candidacy_is_not_accepted_again_on_behalf(ro, nia):
    _accept(ro, nia)
    with pytest.raises(ValidationError, match="state is “Accepted nomination”"):
        _accept(ro, nia)


def test_not_yet_accepted_lists_only_the_undecided(ro, alice, bob, tree, section, nia):
    (bobs,) = _nominate(alice, tree, section, bob.member)
    assert selectors.not_yet_accepted(section) == [bobs, nia]
    nominations.candidate_decide(actor=bob, candidate=bobs, accept=False, now=NOW)
    _accept(ro, nia)
    assert selectors.not_yet_accepted(section) == []


# --- pages ---------------------------------------------------------------------------------


@pytest.fixture
def live(tree, ro, alice):  # type: ignore[no-untyped-def]
    """An election with nominations open now; Nia (no login) nominated by Northtown."""
    election, section = build_election(tree, ro, threshold=1, seats=3)
    nia = _nominate(
        alice, tree, section, f.make_member("Nia Nologin", tree["northtown"]), now=timezone.now()
    )[0]
    return election, section, nia


def _url(election, candidate):  # type: ignore[no-untyped-def]
    return reverse("elections:accept_on_behalf", args=[election.slug, candidate.pk])


def test_the_election_page_shows_the_ro_who_has_not_accepted(client, ro, bob, live):
    election, section, nia = live
    client.force_login(ro)
    page = client.get(election.get_absolute_url()).content.decode()
    assert 'id="acceptances"' in page and "Nia Nologin" in page and "no login" in page
    assert _url(election, nia) in page
    # Fewer candidates than seats, while there is still time.
    assert "So far, fewer candidates than seats" in page
    assert "0 candidates on the ballot for 3 seats" in page
    client.force_login(bob)
    page = client.get(election.get_absolute_url()).content.decode()
    assert 'id="acceptances"' not in page and "fewer candidates than seats" not in page


def test_the_ro_records_an_acceptance_from_the_page(client, ro, live):
    election, section, nia = live
    client.force_login(ro)
    form = client.get(_url(election, nia)).content.decode()
    assert "Record the acceptance" in form and "None: only you can record" in form
    today = timezone.localdate()
    response = client.post(
        _url(election, nia),
        {"received_by": "email", "received_on": today.isoformat(), "note": "From nia@example"},
        follow=True,
    )
    page = response.content.decode()
    assert "Acceptance by Nia Nologin recorded." in page
    assert "Every nominee has accepted or declined." in page
    assert "1 candidate on the ballot for 3 seats" in page
    nia.refresh_from_db()
    assert nia.status == Candidate.Status.ACCEPTED
    assert "received by email" in client.get(_url(election, nia)).content.decode()


def test_a_future_date_is_refused_beside_the_form(client, ro, live):
    election, section, nia = live
    client.force_login(ro)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(
        _url(election, nia), {"received_by": "paper", "received_on": tomorrow.isoformat()}
    )
    assert response.status_code == 200
    assert RECEIVED_IN_FUTURE in response.content.decode()
    nia.refresh_from_db()
    assert nia.status == Candidate.Status.NOMINATED


def test_only_the_returning_officer_reaches_the_page(client, alice, bob, live):
    election, section, nia = live
    for user in (alice, bob):
        client.force_login(user)
        assert client.get(_url(election, nia)).status_code == 403
        assert client.post(_url(election, nia), {}).status_code == 403

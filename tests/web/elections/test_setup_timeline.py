"""The timeline: entered in the organisation's time zone, kept in order, and, once the
election is announced, only ever moved forward; announcing checks the election is complete."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plenary.web.audit.models import AuditEntry
from plenary.web.elections.models import Election, Phase
from plenary.web.elections.setup import services as setup
from tests.web.elections.fixtures_setup import build_election, timeline_around

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def test_times_are_entered_in_the_organisations_time_zone(client, ro, tree, settings):
    assert settings.TIME_ZONE == "Europe/London"
    election, _ = build_election(tree, ro, announce=False)
    client.force_login(ro)
    response = client.post(
        reverse("elections:timeline", args=[election.slug]),
        {
            "nominations_open_at": "2030-07-01T09:00",
            "nominations_close_at": "2030-07-15T17:00",
            "ballot_open_at": "2030-07-20T09:00",
            "ballot_close_at": "2030-08-01T12:00",
        },
    )
    assert response.status_code == 302
    election.refresh_from_db()
    # British Summer Time: 09:00 in London is 08:00 UTC.
    assert election.nominations_open_at == datetime(2030, 7, 1, 8, 0, tzinfo=UTC)
    page = client.get(election.get_absolute_url()).content.decode()
    assert "1 July 2030, 09:00" in page and "Europe/London" in page


@pytest.mark.parametrize(
    ("moved", "field", "words"),
    [
        ({"nominations_close_at": NOW + timedelta(days=1)}, "nominations_close_at", "after"),
        ({"ballot_open_at": NOW + timedelta(days=2)}, "ballot_open_at", "at or after"),
        ({"ballot_close_at": NOW + timedelta(days=8)}, "ballot_close_at", "after"),
    ],
)
def test_the_dates_must_be_in_order(ro, tree, moved, field, words):
    election, _ = build_election(tree, ro, announce=False, now=NOW)
    moments = {**timeline_around(NOW + timedelta(days=2)), **moved}
    with pytest.raises(ValidationError) as raised:
        setup.election_set_timeline(actor=ro, election=election, now=NOW, **moments)
    assert words in raised.value.message_dict[field][0]


def test_the_ballot_may_open_the_moment_nominations_close(ro, tree):
    election, _ = build_election(tree, ro, announce=False, now=NOW)
    moments = timeline_around(NOW + timedelta(days=2))
    moments["ballot_open_at"] = moments["nominations_close_at"]
    setup.election_set_timeline(actor=ro, election=election, now=NOW, **moments)
    election.refresh_from_db()
    assert election.ballot_open_at == election.nominations_close_at


def test_after_announcement_a_date_that_has_passed_cannot_be_moved(ro, tree):
    election, _ = build_election(tree, ro, now=NOW)  # nominations opened a day before NOW
    moments = {**timeline_around(NOW), "nominations_open_at": NOW - timedelta(hours=2)}
    with pytest.raises(ValidationError) as raised:
        setup.election_set_timeline(actor=ro, election=election, now=NOW, **moments)
    assert "already passed" in raised.value.message_dict["nominations_open_at"][0]


def test_after_announcement_a_future_date_cannot_be_moved_into_the_past(ro, tree):
    election, _ = build_election(tree, ro, now=NOW)
    moments = {**timeline_around(NOW), "nominations_close_at": NOW - timedelta(minutes=1)}
    with pytest.raises(ValidationError) as raised:
        setup.election_set_timeline(actor=ro, election=election, now=NOW, **moments)
    assert "only be moved to the future" in raised.value.message_dict["nominations_close_at"][0]


def test_after_announcement_a_future_date_can_be_extended_and_it_is_audited(ro, tree):
    election, _ = build_election(tree, ro, now=NOW)
    later = NOW + timedelta(days=7, hours=12)
    moments = {**timeline_around(NOW), "nominations_close_at": later}
    setup.election_set_timeline(actor=ro, election=election, now=NOW, **moments)
    election.refresh_from_db()
    assert election.nominations_close_at == later
    entry = AuditEntry.objects.filter(action="election.timeline").last()
    assert entry.details == {"nominations_close_at": later.isoformat()}


def test_announcing_needs_a_full_timeline_sections_and_a_roll_date(ro, tree):
    election = setup.election_create(actor=ro, title="Empty", slug="empty", unit=tree["national"])
    with pytest.raises(ValidationError) as raised:
        setup.election_announce(actor=ro, election=election, now=NOW)
    problems = " ".join(raised.value.messages)
    assert "Set the whole timeline" in problems and "at least one section" in problems
    assert "roll date" in problems
    assert Election.objects.get(pk=election.pk).announced_at is None


def test_announcing_after_nominations_should_have_opened_is_refused(ro, tree):
    election, _ = build_election(tree, ro, announce=False, now=NOW)
    with pytest.raises(ValidationError, match="Nominations must open after the announcement"):
        setup.election_announce(actor=ro, election=election, now=NOW)


def test_announcing_publishes_the_election_and_the_server_clock_decides_the_phase(ro, tree):
    election, _ = build_election(tree, ro, announce=False, now=NOW)
    setup.election_announce(actor=ro, election=election, now=NOW - timedelta(days=2))
    election.refresh_from_db()
    assert election.phase(NOW - timedelta(days=2)) == Phase.ANNOUNCED
    assert election.phase(NOW) == Phase.NOMINATIONS
    assert election.phase(NOW + timedelta(days=7)) == Phase.NOMINATIONS_CLOSED
    assert AuditEntry.objects.filter(
        action="election.announce", target="election:exec-2026"
    ).exists()
    with pytest.raises(ValidationError, match="already been announced"):
        setup.election_announce(actor=ro, election=election, now=NOW)


def test_the_announce_button_works_from_the_election_page(client, ro, tree):
    election, _ = build_election(tree, ro, announce=False)
    # Move nominations into the future so the real clock allows announcing.
    setup.election_set_timeline(
        actor=ro,
        election=election,
        **timeline_around(election.nominations_open_at + timedelta(days=3)),
    )
    client.force_login(ro)
    page = client.get(election.get_absolute_url()).content.decode()
    assert "Announce the election" in page
    response = client.post(reverse("elections:announce", args=[election.slug]), follow=True)
    assert "The election is announced" in response.content.decode()
    election.refresh_from_db()
    assert election.announced_at is not None


def test_bob_cannot_announce_or_set_the_timeline(client, bob, ro, tree):
    election, _ = build_election(tree, ro, announce=False)
    client.force_login(bob)  # a draft he cannot see: 404, so its name does not leak
    assert client.post(reverse("elections:announce", args=[election.slug])).status_code == 404
    assert client.get(reverse("elections:timeline", args=[election.slug])).status_code == 404
    election.refresh_from_db()
    assert election.announced_at is None


def test_saving_the_timeline_page_unchanged_after_nominations_opened_is_accepted(client, ro, tree):
    election, _ = build_election(tree, ro)  # dates with seconds, the first already passed
    client.force_login(ro)
    url = reverse("elections:timeline", args=[election.slug])
    shown = client.get(url).context["form"]
    data = {name: shown[name].value() for name in setup.TIMELINE_FIELDS}
    data = {name: shown.fields[name].widget.format_value(value) for name, value in data.items()}
    response = client.post(url, data)
    assert response.status_code == 302
    stored = Election.objects.get(pk=election.pk)
    assert stored.nominations_open_at == election.nominations_open_at  # kept to the second

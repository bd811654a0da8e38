"""Creating, listing, seeing and changing elections: who may, and what changes when."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from plenary.web.audit.models import AuditEntry
from plenary.web.elections.models import Election
from plenary.web.elections.setup import services as setup
from plenary.web.elections.setup.forms import ElectionForm
from plenary.web.organisation.models import Organisation, Unit
from tests.web import factories as f
from tests.web.elections.fixtures_setup import build_election

pytestmark = pytest.mark.django_db


def _form(tree, **overrides):  # type: ignore[no-untyped-def]
    return {
        "title": "North regional committee",
        "slug": "north-2026",
        "description": "Two seats.",
        "unit": tree["north"].pk,
        "electorate_units": [tree["north"].pk],
        "roll_date": "2026-01-31",
        **overrides,
    }


def test_a_returning_officer_creates_a_draft_election_and_the_audit_log_records_it(
    client, ro, tree
):
    client.force_login(ro)
    response = client.post(reverse("elections:create"), _form(tree))
    election = Election.objects.get(slug="north-2026")
    assert response.status_code == 302 and response["Location"] == election.get_absolute_url()
    assert election.unit == tree["north"] and list(election.electorate_units.all()) == [
        tree["north"]
    ]
    assert election.roll_date == date(2026, 1, 31) and election.announced_at is None
    entry = AuditEntry.objects.get(action="election.create")
    assert entry.actor == ro and entry.target == "election:north-2026"
    assert entry.details["electorate"] == ["north-region"]


def test_bob_cannot_open_or_post_the_new_election_page(client, bob, tree):
    client.force_login(bob)
    assert client.get(reverse("elections:create")).status_code == 403
    assert client.post(reverse("elections:create"), _form(tree)).status_code == 403
    assert not Election.objects.exists()


def test_a_branch_secretary_cannot_create_a_regional_election(client, alice, tree):
    # Their branch's elections are theirs to hold (test_branch_elections.py); no one else's.
    client.force_login(alice)
    response = client.post(reverse("elections:create"), _form(tree))
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    assert not Election.objects.exists()


def test_a_slug_the_site_uses_for_its_own_pages_is_refused_beside_the_field(client, ro, tree):
    client.force_login(ro)
    response = client.post(reverse("elections:create"), _form(tree, slug="candidacies"))
    assert response.status_code == 200
    assert "is used by the site" in str(response.context["form"].errors["slug"])


def test_members_see_announced_elections_but_not_drafts(client, bob, ro, tree):
    build_election(tree, ro, slug="announced")
    build_election(tree, ro, slug="draft", announce=False)
    client.force_login(bob)
    page = client.get(reverse("elections:list")).content.decode()
    assert "/elections/announced/" in page and "/elections/draft/" not in page
    assert client.get(reverse("elections:detail", args=["draft"])).status_code == 404


def test_the_returning_officer_sees_drafts_in_the_list(client, ro, tree):
    build_election(tree, ro, slug="draft", announce=False)
    client.force_login(ro)
    page = client.get(reverse("elections:list")).content.decode()
    assert "/elections/draft/" in page and "Draft" in page


def test_the_election_list_needs_a_login(client):
    response = client.get(reverse("elections:list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_announced_election_page_is_public_even_logged_out(client, ro, tree):
    build_election(tree, ro)
    page = client.get(reverse("elections:detail", args=["exec-2026"]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Nominations open" in body and "Branch representatives" in body
    assert "Returning officer" not in body  # no officer controls for the public


def test_the_holding_unit_is_fixed_once_the_election_is_announced(ro, tree):
    election, _ = build_election(tree, ro)
    with pytest.raises(ValidationError) as raised:
        setup.election_update(
            actor=ro,
            election=election,
            title="New title",
            description="",
            unit=tree["north"],
            electorate_units=[],
            roll_date=election.roll_date,
        )
    assert "holding unit cannot change" in str(raised.value.message_dict["unit"])


def test_the_electorate_is_fixed_once_the_roll_is_frozen(ro, tree):
    election, _ = build_election(tree, ro)
    setup.election_freeze_roll(actor=ro, election=election)
    with pytest.raises(ValidationError) as raised:
        setup.election_update(
            actor=ro,
            election=election,
            title=election.title,
            description="",
            unit=election.unit,
            electorate_units=[tree["north"]],
            roll_date=date(2026, 2, 1),
        )
    errors = raised.value.message_dict
    assert (
        "roll is frozen" in errors["electorate_units"][0]
        and "roll is frozen" in errors["roll_date"][0]
    )


def test_editing_the_title_is_audited_with_what_changed(client, ro, tree):
    election, _ = build_election(tree, ro)
    client.force_login(ro)
    response = client.post(
        reverse("elections:edit", args=[election.slug]),
        {
            "title": "Executive, 2026",
            "description": "",
            "unit": tree["national"].pk,
            "roll_date": "2025-12-31",
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(action="election.update").get()
    assert entry.details == {"title": "Executive, 2026"}


def test_bob_cannot_edit_an_election(client, bob, ro, tree):
    election, _ = build_election(tree, ro)
    client.force_login(bob)
    response = client.post(reverse("elections:edit", args=[election.slug]), {"title": "Mine"})
    assert response.status_code == 403
    election.refresh_from_db()
    assert election.title == "National executive 2026"


def test_a_short_name_already_in_use_is_refused_beside_the_field(client, ro, tree):
    build_election(tree, ro, slug="north-2026", announce=False)
    client.force_login(ro)
    response = client.post(reverse("elections:create"), _form(tree))
    assert response.context["form"].errors["slug"] == [
        "Another election already uses this short name."
    ]
    assert Election.objects.count() == 1


def test_the_election_page_leads_to_the_ballot_while_it_is_open(client, bob, ro, tree, monkeypatch):
    election, _ = build_election(tree, ro)
    client.force_login(bob)
    assert "/voting/" not in client.get(election.get_absolute_url()).content.decode()
    during_ballot = election.ballot_open_at + timedelta(hours=1)
    monkeypatch.setattr(timezone, "now", lambda: during_ballot)
    page = client.get(election.get_absolute_url()).content.decode()
    assert reverse("elections:voting", args=[election.slug]) in page


def test_the_unit_choices_read_the_organisations_labels_once_per_field(
    tree, django_assert_num_queries
):
    for n in range(5):
        f.make_unit(f"Extra branch {n}", Unit.Kind.BRANCH, tree["north"])
    Organisation.current()  # made on first use; here it exists, as on a live site
    form = ElectionForm()
    # Per field: its units, then the organisation's labels once, however many units.
    with django_assert_num_queries(4):
        html = str(form["unit"]) + str(form["electorate_units"])
    assert "Extra branch 4 (branch)" in html

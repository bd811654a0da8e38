"""Branch elections are the branch committee's (issue 11, item 4; decision 0020): its chair
or secretary holds an election for the branch and names the branch's returning officer, on
the branch's elections committee, who then runs it. Sections default by the election's scope."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plenary.web.elections.models import Election, NominatingKind, Section
from plenary.web.elections.setup import services as setup
from plenary.web.organisation.models import Body, BodySeat, Office
from plenary.web.organisation.permissions import manages_body
from plenary.web.organisation.selectors import returning_officer_seat
from tests.web import factories as f
from tests.web.elections.fixtures_setup import SECTION_DEFAULTS, build_election

pytestmark = pytest.mark.django_db


def _form(tree, **overrides):  # type: ignore[no-untyped-def]
    return {
        "title": "Northtown officers 2026",
        "slug": "northtown-2026",
        "unit": tree["northtown"].pk,
        "electorate_units": [tree["northtown"].pk],
        **overrides,
    }


def test_the_branch_secretary_holds_elections_for_their_branch_alone(client, alice, tree):
    client.force_login(alice)
    form = client.get(reverse("elections:create")).context["form"]
    assert list(form.fields["unit"].queryset) == [tree["northtown"]]
    # The returning officer field starts empty: she names someone other than herself.
    assert not form["returning_officer"].value()


def test_a_branch_secretary_cannot_name_herself_the_returning_officer(client, alice, tree):
    """Nobody appoints themselves to an office (organisation/permissions.py): the secretary
    who set up the election would otherwise also run it unchecked."""
    client.force_login(alice)
    number = alice.member.membership_number
    response = client.post(reverse("elections:create"), _form(tree, returning_officer=number))
    assert response.status_code == 200
    errors = str(response.context["form"].errors["returning_officer"])
    assert "cannot appoint yourself" in errors
    assert not Election.objects.exists()
    assert not BodySeat.objects.filter(office=Office.RETURNING_OFFICER).exists()


def test_a_branch_secretary_who_names_another_member_hands_the_election_to_them(
    client, alice, bob, tree
):
    f.enable_totp(bob)  # he will hold an office
    client.force_login(alice)
    number = bob.member.membership_number
    response = client.post(reverse("elections:create"), _form(tree, returning_officer=number))
    assert response.status_code == 302 and response["Location"] == reverse("elections:list")
    assert returning_officer_seat(tree["northtown"]).member == bob.member
    election = Election.objects.get(slug="northtown-2026")
    # A draft is its returning officer's until announced.
    assert client.get(reverse("elections:edit", args=[election.slug])).status_code == 404
    client.force_login(bob)
    assert client.get(reverse("elections:edit", args=[election.slug])).status_code == 200


def test_a_branch_with_no_returning_officer_must_name_one(client, alice, tree):
    client.force_login(alice)
    response = client.post(reverse("elections:create"), _form(tree, returning_officer=""))
    assert response.status_code == 200
    assert "has no returning officer" in str(response.context["form"].errors["returning_officer"])
    assert not Election.objects.exists() and not Body.objects.filter(kind="elections").exists()


def test_a_branch_with_a_returning_officer_keeps_them(client, alice, bob, tree):
    setup.election_create(
        actor=alice,
        title="First",
        slug="first",
        unit=tree["northtown"],
        returning_officer=bob.member,
    )
    client.force_login(alice)
    # Left blank, the field names no one: Bob stays.
    response = client.post(reverse("elections:create"), _form(tree, returning_officer=""))
    assert response.status_code == 302
    assert returning_officer_seat(tree["northtown"]).member == bob.member
    # Naming someone else while Bob holds the office is refused: end his term first.
    dora = f.make_member("Dora Dale", tree["northtown"])
    response = client.post(
        reverse("elections:create"),
        _form(tree, slug="third", returning_officer=dora.membership_number),
    )
    assert "already has a returning officer" in str(
        response.context["form"].errors["returning_officer"]
    )


def test_a_branch_secretary_cannot_hold_another_branch_or_a_national_election(alice, tree, ro):
    for unit in (tree["southtown"], tree["north"], tree["national"]):
        with pytest.raises(ValidationError) as refused:
            setup.election_create(
                actor=alice, title="X", slug=f"x-{unit.slug}", unit=unit, returning_officer=None
            )
        assert "unit" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        setup.election_create(
            actor=ro, title="X", slug="x", unit=tree["north"], returning_officer=alice.member
        )
    # Only a branch's election names its returning officer on the form.
    assert "returning_officer" in refused.value.error_dict


def test_a_branch_secretary_cannot_touch_a_national_election(client, alice, tree, ro):
    national, _ = build_election(tree, ro)
    draft, _ = build_election(tree, ro, announce=False, slug="national-draft")
    client.force_login(alice)
    assert client.get(reverse("elections:edit", args=[national.slug])).status_code == 403
    assert client.get(reverse("elections:timeline", args=[national.slug])).status_code == 403
    assert client.get(reverse("elections:edit", args=[draft.slug])).status_code == 404


def test_the_branch_secretary_of_another_branch_cannot_run_this_branch_election(
    client, alice, bob, tree
):
    election = setup.election_create(
        actor=alice,
        title="Northtown officers",
        slug="nt",
        unit=tree["northtown"],
        returning_officer=bob.member,
    )
    sam = f.make_member_with_login("Sam South", tree["southtown"])
    committee = f.make_body("Southtown committee", Body.Kind.BRANCH_COMMITTEE, tree["southtown"])
    f.give_seat(sam, committee, Office.SECRETARY)
    f.enable_totp(sam.user)
    client.force_login(sam.user)
    assert client.get(reverse("elections:edit", args=[election.slug])).status_code == 404
    with pytest.raises(ValidationError):
        setup.election_create(
            actor=sam.user, title="X", slug="x", unit=tree["northtown"], returning_officer=None
        )


def test_only_the_branch_committee_appoints_to_the_branch_bodies(alice, tree):
    """An office on another of the branch's bodies (the elections committee's chair) gives
    no say over the branch's seats: the branch committee owns them."""
    committee = f.make_body("Northtown elections", Body.Kind.ELECTIONS, tree["northtown"])
    branch_committee = Body.objects.get(unit=tree["northtown"], kind=Body.Kind.BRANCH_COMMITTEE)
    chair = f.make_member_with_login("Chas Chair", tree["northtown"])
    f.give_seat(chair, committee, Office.CHAIR)
    assert not manages_body(chair.user, branch_committee)
    assert not manages_body(chair.user, committee)
    assert manages_body(alice, committee) and manages_body(alice, branch_committee)


# --- Defaults follow the scope -------------------------------------------------------------


def test_a_branch_election_section_defaults_to_members_nominating_and_a_threshold_of_one(
    client, alice, bob, tree
):
    election = setup.election_create(
        actor=alice, title="NT", slug="nt", unit=tree["northtown"], returning_officer=bob.member
    )
    f.enable_totp(bob)
    assert setup.section_defaults(election) == {
        "nominating_kinds": [NominatingKind.MEMBERS],
        "threshold": 1,
        "nominations_per_body": 1,
    }
    client.force_login(bob)  # the returning officer she named
    form = client.get(reverse("elections:section_create", args=[election.slug])).context["form"]
    assert form["threshold"].value() == 1
    assert form["nominating_kinds"].value() == ["members"]
    # A section created without them takes them too.
    fields = {
        k: v
        for k, v in SECTION_DEFAULTS.items()
        if k not in {"nominating_kinds", "threshold", "nominations_per_body"}
    }
    section = setup.section_create(actor=bob, election=election, **fields)
    assert section.threshold == 1 and section.nominating_kinds == ["members"]


def test_a_one_branch_electorate_is_a_branch_scope_and_national_defaults_stay(tree, ro):
    national = setup.election_create(actor=ro, title="NE", slug="ne", unit=tree["national"])
    assert setup.section_defaults(national)["threshold"] == 5
    assert setup.section_defaults(national)["nominating_kinds"] == ["branch"]
    one_branch = setup.election_create(
        actor=ro,
        title="By-election",
        slug="by",
        unit=tree["north"],
        electorate_units=[tree["northtown"]],
        roll_date=date(2026, 1, 31),
    )
    assert setup.section_defaults(one_branch)["threshold"] == 1
    # A region of one branch is one branch's members too.
    region = setup.election_create(
        actor=ro, title="North", slug="north", unit=tree["north"], electorate_units=[tree["north"]]
    )
    assert setup.is_branch_scoped(region)
    assert Section._meta.get_field("threshold").get_default() == 5

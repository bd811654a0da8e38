"""A returning officer runs the elections of their elections committee's unit and the units
below it, and no others (issue 10, item 1)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plenary.web.elections.setup import services as setup
from plenary.web.organisation.models import Body, Office
from tests.web import factories as f
from tests.web.elections.fixtures_setup import build_election

pytestmark = pytest.mark.django_db


@pytest.fixture
def branch_ro(tree):
    """Returning officer of Northtown's own elections committee."""
    member = f.make_member_with_login("Nell Northtown", tree["northtown"])
    committee = f.make_body("Northtown elections committee", Body.Kind.ELECTIONS, tree["northtown"])
    f.give_seat(member, committee, Office.RETURNING_OFFICER)
    f.enable_totp(member.user)
    return member.user


def test_a_branch_returning_officer_runs_only_the_branch_elections(client, tree, ro, branch_ro):
    national, _ = build_election(tree, ro)  # announced: every member may see it
    draft, _ = build_election(tree, ro, announce=False, slug="draft-2026")
    client.force_login(branch_ro)
    assert client.get(reverse("elections:edit", args=[national.slug])).status_code == 403
    assert client.get(reverse("elections:count", args=[national.slug])).status_code == 403
    assert client.get(reverse("elections:roll_csv", args=[national.slug])).status_code == 403
    # A national draft does not exist for the branch's returning officer.
    assert client.get(reverse("elections:edit", args=[draft.slug])).status_code == 404
    assert client.get(reverse("elections:detail", args=[draft.slug])).status_code == 404
    # The national audit log is national business.
    assert client.get(reverse("audit:log")).status_code == 403


def test_a_branch_returning_officer_creates_and_manages_a_branch_election(client, tree, branch_ro):
    client.force_login(branch_ro)
    form = client.get(reverse("elections:create")).context["form"]
    assert list(form.fields["unit"].queryset) == [tree["northtown"]]
    election = setup.election_create(
        actor=branch_ro, title="Branch officers", slug="nt-2026", unit=tree["northtown"]
    )
    assert client.get(reverse("elections:edit", args=[election.slug])).status_code == 200
    page = client.get(reverse("elections:detail", args=[election.slug])).content.decode()
    assert "Branch officers" in page


def test_a_branch_returning_officer_cannot_hold_an_election_for_the_whole_organisation(
    client, tree, branch_ro
):
    client.force_login(branch_ro)
    response = client.post(
        reverse("elections:create"),
        {"title": "National executive", "slug": "ne-2026", "unit": tree["national"].pk},
    )
    assert response.status_code == 200
    assert 'id="id_unit_error"' in response.content.decode()
    with pytest.raises(ValidationError):
        setup.election_create(
            actor=branch_ro, title="National executive", slug="ne-2026", unit=tree["national"]
        )


def test_the_national_returning_officer_runs_every_election(client, tree, ro, branch_ro):
    branch_election = setup.election_create(
        actor=branch_ro, title="Branch officers", slug="nt-2026", unit=tree["northtown"]
    )
    client.force_login(ro)
    assert client.get(reverse("elections:edit", args=[branch_election.slug])).status_code == 200
    assert client.get(reverse("audit:log")).status_code == 200

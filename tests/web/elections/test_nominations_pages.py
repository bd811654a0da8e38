"""The nomination pages: a branch secretary records and withdraws her branch's nominations;
rule failures show beside the field; others cannot reach the page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from plenary.web.elections.models import Nomination
from tests.web import factories as f
from tests.web.elections.fixtures_setup import build_election
from tests.web.elections.voting_helpers import identify

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(tree, ro):  # type: ignore[no-untyped-def]
    return build_election(tree, ro, gender_balanced_nominations=True)[1]


def _url(section) -> str:  # type: ignore[no-untyped-def]
    return reverse("elections:nominate", args=[section.election.slug, section.pk])


def _form(tree, *numbers: str, meeting=None):  # type: ignore[no-untyped-def]
    data = {
        "body": f"unit:{tree['northtown'].pk}",
        "meeting_date": (meeting or timezone.localdate()).isoformat(),
    }
    for i, number in enumerate(numbers, 1):
        data[f"nominee_{i}"] = number
    return data


def test_alice_records_a_gender_balanced_pair_from_the_page(client, alice, tree, section):
    wendy, mo = (
        f.make_member("Wendy Woman", tree["northtown"]),
        f.make_member("Mo Man", tree["southtown"]),
    )
    identify(wendy, counts_as_woman=True)
    identify(mo, counts_as_woman=False)
    client.force_login(alice)
    page = client.get(_url(section)).content.decode()
    assert "Membership number of nominee 2" in page and "Northtown (branch)" in page
    response = client.post(
        _url(section), _form(tree, wendy.membership_number, mo.membership_number), follow=True
    )
    assert "Nomination recorded: Wendy Woman, Mo Man." in response.content.decode()
    assert Nomination.objects.filter(unit=tree["northtown"]).count() == 2


def test_an_unbalanced_pair_is_refused_beside_the_nominee_field(client, alice, tree, section):
    mo, max_ = (
        f.make_member("Mo Man", tree["southtown"]),
        f.make_member("Max Man", tree["northtown"]),
    )
    identify(mo, counts_as_woman=False)
    client.force_login(alice)
    response = client.post(_url(section), _form(tree, mo.membership_number, max_.membership_number))
    errors = response.context["form"].errors["nominee_1"]
    assert "must be gender-balanced" in errors[0] and "Max Man has not self-identified" in errors[0]
    assert not Nomination.objects.exists()


def test_an_unknown_membership_number_is_refused_beside_its_field(client, alice, tree, section):
    client.force_login(alice)
    response = client.post(_url(section), _form(tree, "NOPE123"))
    assert response.context["form"].errors["nominee_1"] == [
        "No member has the membership number NOPE123."
    ]


def test_every_error_of_a_submission_comes_at_once(client, alice, tree, section):
    # An unknown number, a lapsed member and a future meeting date: one answer names all three
    # (the form's own mistake no longer hides the rules the rest breaks).
    lapsed = f.make_member("Lee Lapsed", tree["northtown"], status="lapsed")
    client.force_login(alice)
    data = {
        **_form(tree, "NOPE123", lapsed.membership_number),
        "meeting_date": (timezone.localdate() + timedelta(days=2)).isoformat(),
    }
    response = client.post(_url(section), data)
    errors = response.context["form"].errors
    assert errors["nominee_1"] == [
        "No member has the membership number NOPE123.",
        "Lee Lapsed is not an active member of this election's electorate.",
    ]
    assert errors["meeting_date"] == ["The meeting date cannot be in the future."]
    page = response.content.decode()
    assert "There are problems with what you entered" in page
    assert not Nomination.objects.exists()


def test_a_valid_form_gets_every_rule_it_breaks_at_once(client, alice, tree, section):
    lapsed = f.make_member("Lee Lapsed", tree["northtown"], status="lapsed")
    client.force_login(alice)
    response = client.post(
        _url(section),
        {
            **_form(tree, lapsed.membership_number, lapsed.membership_number),
            "meeting_date": (timezone.localdate() + timedelta(days=2)).isoformat(),
        },
    )
    errors = response.context["form"].errors
    assert errors["meeting_date"] == ["The meeting date cannot be in the future."]
    assert list(errors["nominee_1"])[:2] == [
        "Lee Lapsed is not an active member of this election's electorate.",
        "Lee Lapsed is named twice.",
    ]


def test_a_future_meeting_date_is_refused_beside_its_field(client, alice, tree, section):
    mo = f.make_member("Mo Man", tree["southtown"])
    client.force_login(alice)
    response = client.post(
        _url(section),
        _form(tree, mo.membership_number, meeting=timezone.localdate() + timedelta(days=2)),
    )
    assert response.context["form"].errors["meeting_date"] == [
        "The meeting date cannot be in the future."
    ]


def test_alice_cannot_post_a_nomination_for_another_branch(client, alice, tree, section):
    mo = f.make_member("Mo Man", tree["southtown"])
    client.force_login(alice)
    data = {**_form(tree, mo.membership_number), "body": f"unit:{tree['southtown'].pk}"}
    response = client.post(_url(section), data)
    assert "Select a valid choice" in response.context["form"].errors["body"][0]
    assert not Nomination.objects.exists()


def test_bob_cannot_open_the_nomination_page(client, bob, section):
    client.force_login(bob)
    assert client.get(_url(section)).status_code == 403


def test_the_nomination_page_needs_a_login(client, section):
    response = client.get(_url(section))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_election_page_offers_alice_the_nomination_link_and_bob_nothing(
    client, alice, bob, section
):
    client.force_login(alice)
    assert (
        "Record nominations for Branch representatives"
        in client.get(section.election.get_absolute_url()).content.decode()
    )
    client.force_login(bob)
    assert (
        "Record nominations" not in client.get(section.election.get_absolute_url()).content.decode()
    )


def test_alice_withdraws_her_branchs_nomination_from_the_page(client, alice, tree, section):
    mo = f.make_member("Mo Man", tree["southtown"])
    client.force_login(alice)
    client.post(_url(section), _form(tree, mo.membership_number))
    nomination = Nomination.objects.get()
    url = reverse("elections:nomination_withdraw", args=[nomination.pk])
    confirm = client.get(url).content.decode()
    assert "Withdraw Northtown&#x27;s nomination of Mo Man?" in confirm
    assert "their candidacy is removed" in confirm and "cannot be brought back" in confirm
    refused = client.post(url)  # an old one-click form: refused, nothing done
    assert refused.status_code == 400 and Nomination.objects.exists()
    response = client.post(url, {"confirm": "yes"}, follow=True)
    assert "Nomination of Mo Man withdrawn." in response.content.decode()
    assert not Nomination.objects.exists()


def test_bob_cannot_withdraw_a_nomination(client, alice, bob, tree, section):
    mo = f.make_member("Mo Man", tree["southtown"])
    client.force_login(alice)
    client.post(_url(section), _form(tree, mo.membership_number))
    client.force_login(bob)
    nomination = Nomination.objects.get()
    url = reverse("elections:nomination_withdraw", args=[nomination.pk])
    assert client.get(url).status_code == 403  # not even the confirmation page
    assert client.post(url, {"confirm": "yes"}).status_code == 403
    assert Nomination.objects.exists()


def test_no_withdrawal_to_confirm_once_nominations_close(client, alice, tree, section, monkeypatch):
    mo = f.make_member("Mo Man", tree["southtown"])
    client.force_login(alice)
    client.post(_url(section), _form(tree, mo.membership_number))
    nomination = Nomination.objects.get()
    after_close = section.election.nominations_close_at + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: after_close)
    url = reverse("elections:nomination_withdraw", args=[nomination.pk])
    for response in (
        client.get(url, follow=True),
        client.post(url, {"confirm": "yes"}, follow=True),
    ):
        assert response.redirect_chain[-1][0] == _url(section)
        assert "Nominations are not open: they closed" in response.content.decode()
    assert Nomination.objects.exists()


def test_the_page_refuses_nominations_once_the_server_clock_passes_the_close(
    client, alice, tree, section, monkeypatch
):
    mo = f.make_member("Mo Man", tree["southtown"])
    client.force_login(alice)
    after_close = section.election.nominations_close_at + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: after_close)
    response = client.post(_url(section), _form(tree, mo.membership_number))
    assert "Nominations are not open: they closed" in " ".join(
        response.context["form"].non_field_errors()
    )
    assert not Nomination.objects.exists()


def test_the_form_offers_only_the_places_the_branch_has_left(client, alice, tree, section):
    wendy = f.make_member("Wendy Woman", tree["northtown"])
    identify(wendy, counts_as_woman=True)
    client.force_login(alice)
    client.post(_url(section), _form(tree, wendy.membership_number))
    page = client.get(_url(section)).content.decode()
    assert "Membership number of nominee 1" in page
    assert "Membership number of nominee 2" not in page
    mo = f.make_member("Mo Man", tree["southtown"])
    client.post(_url(section), _form(tree, mo.membership_number))
    page = client.get(_url(section)).content.decode()
    assert "Northtown has made all 2 of its nominations in this section." in page
    assert "Membership number of nominee 1" not in page

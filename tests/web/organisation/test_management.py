from datetime import date

import pytest
from django.urls import reverse

from plenary.web.organisation.models import Affiliate, AffiliateType, Body, BodySeat, Office
from tests.web import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee(alice):
    return Body.objects.get(slug="northtown-committee")


def test_a_branch_secretary_appoints_a_treasurer_to_her_committee(client, alice, bob, committee):
    client.force_login(alice)
    response = client.post(
        committee.get_absolute_url(),
        {
            "membership_number": bob.member.membership_number,
            "office": Office.TREASURER,
            "starts_on": "2026-01-10",
        },
    )
    assert response.status_code == 302
    seat = BodySeat.objects.get(member=bob.member, body=committee)
    assert seat.office == Office.TREASURER and seat.starts_on == date(2026, 1, 10)


def test_an_unknown_membership_number_is_shown_beside_the_field(client, alice, committee):
    client.force_login(alice)
    response = client.post(
        committee.get_absolute_url(), {"membership_number": "NOPE", "starts_on": "2026-01-10"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_membership_number_error"' in page and "No member has the number NOPE." in page


def test_an_office_already_held_cannot_be_given_twice(client, alice, bob, committee):
    client.force_login(alice)
    response = client.post(
        committee.get_absolute_url(),
        {
            "membership_number": bob.member.membership_number,
            "office": Office.SECRETARY,
            "starts_on": "2026-01-10",
        },
    )
    assert "Someone already holds this office" in response.content.decode()
    assert not BodySeat.objects.filter(member=bob.member).exists()


def test_an_inactive_member_cannot_be_given_a_seat(client, alice, tree, committee):
    lapsed = f.make_member("Lapsed Lou", tree["northtown"], status="lapsed")
    client.force_login(alice)
    response = client.post(
        committee.get_absolute_url(),
        {"membership_number": lapsed.membership_number, "starts_on": "2026-01-10"},
    )
    assert "is not an active member" in response.content.decode()


def test_an_ordinary_member_cannot_change_a_committee(client, bob, committee):
    client.force_login(bob)
    page = client.get(committee.get_absolute_url()).content.decode()
    assert "Add a member or officer" not in page
    response = client.post(
        committee.get_absolute_url(), {"membership_number": bob.member.membership_number}
    )
    assert response.status_code == 403


def test_a_branch_secretary_cannot_change_another_branchs_committee(client, alice, tree):
    other = f.make_body("Southtown committee", Body.Kind.BRANCH_COMMITTEE, tree["southtown"])
    client.force_login(alice)
    assert client.post(other.get_absolute_url(), {"membership_number": "x"}).status_code == 403


def test_ending_a_term_removes_the_seat_and_its_rights(client, alice, bob, committee):
    seat = f.give_seat(bob.member, committee, Office.TREASURER)
    client.force_login(alice)
    response = client.post(
        reverse("organisation:seat_end", args=[committee.slug, seat.pk]), {"ends_on": "2025-12-31"}
    )
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.ends_on == date(2025, 12, 31)
    assert bob.member.body_seats.current().count() == 0


def test_a_term_cannot_end_before_it_starts(client, alice, bob, committee):
    seat = f.give_seat(bob.member, committee, Office.TREASURER)
    client.force_login(alice)
    client.post(
        reverse("organisation:seat_end", args=[committee.slug, seat.pk]), {"ends_on": "2020-01-01"}
    )
    seat.refresh_from_db()
    assert seat.ends_on is None


def test_the_membership_secretary_records_an_affiliate_and_its_payment(client, carol):
    client.force_login(carol)
    response = client.post(
        reverse("organisation:affiliate_new"),
        {
            "name": "Climate Action Group",
            "affiliate_type": AffiliateType.LOCAL_GROUP,
            "declared_members": "25",
            "affiliated_on": "2026-03-01",
            "paid_until": "2027-02-28",
        },
    )
    assert response.status_code == 302
    affiliate = Affiliate.objects.get(name="Climate Action Group")
    assert affiliate.paid_until == date(2027, 2, 28)


def test_affiliate_rules_are_shown_beside_the_field(client, carol):
    client.force_login(carol)
    response = client.post(
        reverse("organisation:affiliate_new"),
        {
            "name": "Too Small",
            "affiliate_type": AffiliateType.LOCAL_GROUP,
            "declared_members": "4",
            "affiliated_on": "2026-03-01",
        },
    )
    assert "at least 10 signed-up supporters" in response.content.decode()
    assert not Affiliate.objects.filter(name="Too Small").exists()


def test_members_cannot_edit_affiliates(client, bob):
    client.force_login(bob)
    assert client.get(reverse("organisation:affiliate_new")).status_code == 403

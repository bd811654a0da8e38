import pytest
from django.urls import reverse

from plenary.web.organisation.models import Body, Office
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def test_an_officer_without_an_authenticator_is_sent_to_set_one_up(client, tree):
    member = f.make_member_with_login("Olive Officer", tree["northtown"])
    committee = f.make_body("Northtown committee", Body.Kind.BRANCH_COMMITTEE, tree["northtown"])
    f.give_seat(member, committee, Office.TREASURER)
    client.force_login(member.user)
    response = client.get(reverse("organisation:tree"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    # The set-up page stays reachable (allauth first asks for the password again).
    setup = client.get(reverse("mfa_activate_totp"), follow=True)
    assert setup.status_code == 200
    assert setup.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))


def test_an_officer_with_an_authenticator_uses_the_site(client, alice):
    assert client.force_login(alice) is None
    assert client.get(reverse("organisation:tree")).status_code == 200


def test_an_ordinary_member_needs_no_second_factor(client, bob):
    client.force_login(bob)
    assert client.get(reverse("organisation:tree")).status_code == 200


def test_a_site_admin_needs_a_second_factor(client, tree):
    user = f.make_user("root@example.org", is_staff=True, is_superuser=True)
    client.force_login(user)
    assert client.get(reverse("core:home"))["Location"] == reverse("mfa_activate_totp")


def test_a_finished_term_of_office_no_longer_needs_a_second_factor(client, tree):
    from datetime import date

    member = f.make_member_with_login("Former Chair", tree["northtown"])
    committee = f.make_body("Northtown committee", Body.Kind.BRANCH_COMMITTEE, tree["northtown"])
    seat = f.give_seat(member, committee, Office.CHAIR)
    seat.ends_on = date(2024, 6, 30)
    seat.save()
    client.force_login(member.user)
    assert client.get(reverse("organisation:tree")).status_code == 200


def test_the_demo_switch_turns_enforcement_off(client, tree, settings):
    settings.PLENARY_OFFICER_MFA = "off"
    member = f.make_member_with_login("Demo Officer", tree["northtown"])
    committee = f.make_body("Northtown committee", Body.Kind.BRANCH_COMMITTEE, tree["northtown"])
    f.give_seat(member, committee, Office.CHAIR)
    client.force_login(member.user)
    assert client.get(reverse("organisation:tree")).status_code == 200


@pytest.fixture
def under_a_sub_path():
    """The site served at /plenary/: the requests carry SCRIPT_NAME, and reverse() adds the
    prefix as Django's WSGI handler sets it (the test client does not). The prefix is put
    back afterwards, so reverse() in later tests gives plain paths."""
    from django.urls import set_script_prefix

    set_script_prefix("/plenary/")
    yield "/plenary"
    set_script_prefix("/")


def test_under_a_sub_path_the_officer_reaches_the_set_up_page_without_a_loop(
    client, tree, under_a_sub_path
):
    member = f.make_member_with_login("Sub Path Officer", tree["northtown"])
    committee = f.make_body("Northtown committee", Body.Kind.BRANCH_COMMITTEE, tree["northtown"])
    f.give_seat(member, committee, Office.SECRETARY)
    client.force_login(member.user)
    response = client.get("/organisation/", SCRIPT_NAME=under_a_sub_path)
    assert response.status_code == 302
    set_up = response["Location"]
    assert set_up.startswith(f"{under_a_sub_path}/accounts/")
    # The browser asks for the set-up page under the sub-path: it must not be sent there again.
    again = client.get(set_up.removeprefix(under_a_sub_path), SCRIPT_NAME=under_a_sub_path)
    assert again.status_code in (200, 302)
    assert again.get("Location") != set_up
    assert "/accounts/reauthenticate/" in again["Location"]
    # Pages outside the exempt ones are still held back under the sub-path.
    assert client.get("/elections/", SCRIPT_NAME=under_a_sub_path)["Location"] == set_up

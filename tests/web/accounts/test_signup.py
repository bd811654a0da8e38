import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from plenary.web.accounts.adapter import NOT_ON_ROLL, SHARED_EMAIL
from plenary.web.accounts.models import User
from tests.web import factories as f

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase 42"


def sign_up(client, email):
    return client.post(
        reverse("account_signup"), {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )


def test_a_member_on_the_roll_can_create_an_account_linked_to_their_record(client, tree):
    member = f.make_member("Erin Evans", tree["northtown"], email="erin@example.org")
    response = sign_up(client, "Erin@Example.org")
    assert response.status_code == 302
    user = User.objects.get(email="erin@example.org")
    member.refresh_from_db()
    assert member.user == user and user.name == "Erin Evans"
    assert len(mail.outbox) == 1 and "erin@example.org" in mail.outbox[0].to


def test_an_address_not_on_the_roll_cannot_sign_up(client, tree):
    response = sign_up(client, "stranger@example.org")
    assert response.status_code == 200
    assert NOT_ON_ROLL in response.content.decode()
    assert not User.objects.exists()


def test_a_lapsed_member_cannot_sign_up(client, tree):
    f.make_member("Lapsed Larry", tree["northtown"], email="larry@example.org", status="lapsed")
    assert NOT_ON_ROLL in sign_up(client, "larry@example.org").content.decode()


def test_an_address_shared_by_two_members_cannot_identify_either(client, tree):
    f.make_member("Pat One", tree["northtown"], email="family@example.org")
    f.make_member("Sam Two", tree["northtown"], email="family@example.org")
    assert SHARED_EMAIL in sign_up(client, "family@example.org").content.decode()


def test_login_needs_a_verified_email(client, tree):
    member = f.make_member("Vera Unverified", tree["northtown"], email="vera@example.org")
    sign_up(client, member.email)
    client.logout()
    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    assert "confirm-email" in response["Location"] or "verification" in response["Location"]
    assert not EmailAddress.objects.get(email=member.email).verified

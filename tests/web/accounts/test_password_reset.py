import re

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_member_resets_a_forgotten_password_by_email(client, bob):
    client.post(reverse("account_reset_password"), {"email": bob.email})
    assert len(mail.outbox) == 1
    link = re.search(
        r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mail.outbox[0].body
    ).group(1)
    form_page = client.get(link, follow=True)
    new_password = "a brand new passphrase 77"
    client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"password1": new_password, "password2": new_password},
    )
    bob.refresh_from_db()
    assert bob.check_password(new_password)


def test_a_reset_for_an_unknown_address_looks_the_same_to_the_requester(client, bob):
    known = client.post(reverse("account_reset_password"), {"email": bob.email})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]

"""Alice, Northtown's secretary, corrects a member's record on the site: a bad field is
explained beside it, and the saved change of email is told to the old address."""

from __future__ import annotations

import pytest
from django.core import mail
from playwright.sync_api import expect

from plenary.web.audit.models import AuditEntry
from tests.browser.conftest import log_in_as_officer

pytestmark = pytest.mark.django_db(transaction=True)


def test_alice_corrects_a_members_record(page, alice, bob):
    old_email = bob.member.email
    log_in_as_officer(page, alice)
    page.goto(bob.member.get_absolute_url())
    page.get_by_role("link", name="Edit this record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit the record of Bob Baker")

    page.get_by_label("Name").fill("")
    page.get_by_label("Email").fill("robert@example")
    page.get_by_role("button", name="Save the record").click()
    expect(page.get_by_role("alert")).to_contain_text("problems with what you entered")
    expect(page.locator("#id_email_errors")).to_contain_text("Enter a valid email address")
    expect(page.get_by_label("Email")).to_have_attribute("aria-invalid", "true")

    page.get_by_label("Name").fill("Robert Baker")
    page.get_by_label("Email").fill("robert@example.org")
    page.get_by_label("Status").select_option("lapsed")
    page.get_by_role("button", name="Save the record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Robert Baker")
    expect(page.locator(".messages")).to_contain_text("Saved the record of Robert Baker")

    bob.member.refresh_from_db()
    bob.refresh_from_db()
    assert bob.member.email == "robert@example.org" and bob.member.status == "lapsed"
    assert bob.email == old_email  # the login is Bob's own
    assert [message.to for message in mail.outbox] == [[old_email]]
    entry = AuditEntry.objects.get(action="members.edit")
    assert entry.details == {"fields": ["email", "name", "status"]}

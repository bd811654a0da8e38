"""notify(): a row per recipient, a message from the kind's templates, and an email sent once
the caller's transaction commits, as the member chose (statutory notices always)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from plenary.web.notifications.models import EmailStatus, Notification, Preference
from plenary.web.notifications.services import (
    notifications_send,
    notify,
    preference_set,
    preferences_of,
)
from tests.web import factories as f
from tests.web.notifications.conftest import context

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(db):
    return f.make_user("nell@example.org", name="Nell Nolan")


def test_notify_stores_one_notification_per_recipient_and_emails_after_commit(
    member, django_capture_on_commit_callbacks
):
    other = f.make_user("owen@example.org", name="Owen Oak")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        made = notify("test.news", [member, other, member], context(), url="/elections/")
        assert mail.outbox == []  # nothing leaves before the transaction commits
    assert len(callbacks) == 1
    assert {n.user for n in made} == {member, other}
    assert sorted(m.to[0] for m in mail.outbox) == ["nell@example.org", "owen@example.org"]
    assert set(Notification.objects.values_list("email_status", flat=True)) == {EmailStatus.SENT}
    row = Notification.objects.get(user=member)
    assert row.subject == "Result published: Smith & Jones ballot"  # not HTML-escaped
    assert "Hello Nell," in row.text
    assert row.url == "/elections/" and not row.is_read


def test_an_email_that_can_be_turned_off_carries_an_unsubscribe_link(
    member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify("test.news", [member], context(), url="/elections/")
    (message,) = mail.outbox
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert link.startswith("http://localhost:8000/account/notifications/unsubscribe/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"Stop emails like this: {link}" in message.body
    assert "http://localhost:8000/elections/" in message.body  # the link, made absolute


def test_a_statutory_notice_has_no_unsubscribe_link(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify("test.notice", [member], context())
    (message,) = mail.outbox
    assert "List-Unsubscribe" not in message.extra_headers
    assert "unsubscribe" not in message.body
    assert "cannot be turned off" in message.body


def test_a_kind_with_an_html_template_sends_both_parts(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify("test.urgent", [member], context("Tom & Jerry"), url="/x/")
    (message,) = mail.outbox
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    assert "Tom &amp; Jerry" in html and "Stop emails like this</a>" in html


def test_off_and_digest_store_the_notification_but_send_nothing_now(
    member, django_capture_on_commit_callbacks
):
    preference_set(user=member, kind="test.news", delivery="off")
    with django_capture_on_commit_callbacks(execute=True):
        notify("test.news", [member], context())
        notify("test.quiet", [member], context())  # its default is the digest
    assert mail.outbox == []
    statuses = dict(Notification.objects.values_list("kind", "email_status"))
    assert statuses == {"test.news": EmailStatus.NONE, "test.quiet": EmailStatus.DIGEST}


def test_a_statutory_notice_cannot_be_turned_off(member, django_capture_on_commit_callbacks):
    with pytest.raises(ValidationError, match="always emailed at once"):
        preference_set(user=member, kind="test.notice", delivery="off")
    with pytest.raises(ValidationError, match="always emailed at once"):
        preference_set(user=member, kind="test.notice", delivery="digest")
    # Even a row written behind the service's back is ignored.
    Preference.objects.create(user=member, kind="test.notice", delivery="off")
    assert preferences_of(member)["test.notice"] == "immediate"
    with django_capture_on_commit_callbacks(execute=True):
        notify("test.notice", [member], context())
    assert len(mail.outbox) == 1


def test_a_digest_is_refused_for_a_kind_that_allows_none(member):
    with pytest.raises(ValidationError, match="cannot be sent"):
        preference_set(user=member, kind="test.urgent", delivery="digest")
    preference_set(user=member, kind="test.urgent", delivery="off")
    assert preferences_of(member)["test.urgent"] == "off"


def test_choosing_the_default_again_keeps_no_row(member):
    preference_set(user=member, kind="test.news", delivery="digest")
    preference_set(user=member, kind="test.news", delivery="immediate")
    assert not Preference.objects.exists()


def test_an_inactive_account_is_listed_but_not_emailed(member, django_capture_on_commit_callbacks):
    member.is_active = False
    member.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify("test.notice", [member], context())
    assert mail.outbox == []
    assert Notification.objects.get().email_status == EmailStatus.NONE


def test_turning_a_kind_off_before_its_email_leaves_stops_it(member):
    (row,) = notify("test.news", [member], context())  # its send task waits for the commit
    preference_set(user=member, kind="test.news", delivery="off")
    result = notifications_send([row.pk])
    assert result.turned_off == 1 and mail.outbox == []
    row.refresh_from_db()
    assert row.email_status == EmailStatus.NONE


def test_notify_with_an_object_records_what_it_is_about(member, tree):
    (row,) = notify("test.news", [member], context(), obj=tree["northtown"])
    assert row.about == tree["northtown"]


def test_no_recipients_is_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        assert notify("test.news", [], context()) == []
    assert callbacks == []


def test_under_a_sub_path_links_are_kept_from_the_sites_root(member, settings):
    from django.urls import set_script_prefix

    settings.SITE_URL = "https://example.org/members"
    set_script_prefix("/members/")
    try:
        (row,) = notify("test.news", [member], context(), url="/members/elections/")
    finally:
        set_script_prefix("/")
    assert row.url == "/elections/"
    assert "https://example.org/members/elections/" in row.text

"""A member's notifications page and their choices of what is emailed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plenary.web.notifications.models import Notification
from plenary.web.notifications.services import notify, preferences_of
from plenary.web.notifications.views import PAGE_SIZE
from tests.web import factories as f
from tests.web.notifications.conftest import context

pytestmark = pytest.mark.django_db

LIST = reverse("notifications:list")
PREFERENCES = reverse("notifications:preferences")


@pytest.fixture
def member(db, client):
    user = f.make_user("lee@example.org", name="Lee Lowe")
    client.force_login(user)
    return user


def test_the_pages_need_a_login(client, db):
    for url in (LIST, PREFERENCES):
        assert client.get(url)["Location"].startswith(reverse("account_login"))


def test_the_list_shows_the_members_own_newest_first_a_page_at_a_time(client, member):
    stranger = f.make_user("stranger@example.org")
    notify("test.news", [stranger], context("Not yours"))
    for number in range(PAGE_SIZE + 2):
        notify("test.news", [member], context(f"Ballot {number}"))
    page = client.get(LIST).content.decode()
    assert "Not yours" not in page
    assert page.index(f"Ballot {PAGE_SIZE + 1}") < page.index(f"Ballot {PAGE_SIZE}")
    assert "Ballot 1<" not in page and "Page 1 of 2" in page
    second = client.get(LIST, {"page": 2}).content.decode()
    assert "Ballot 1<" in second and "Ballot 0<" in second


def test_the_nav_links_to_the_page(client, member):
    assert f'href="{LIST}"' in client.get(reverse("accounts:profile")).content.decode()


def test_marking_read_one_and_all(client, member):
    rows = [notify("test.news", [member], context(str(n)))[0] for n in range(3)]
    response = client.post(reverse("notifications:mark_read", args=[rows[0].pk]), {"page": "1"})
    assert response["Location"] == f"{LIST}?page=1"
    assert list(Notification.objects.filter(is_read=True)) == [rows[0]]
    client.post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.filter(is_read=False).exists()


def test_a_member_cannot_touch_anothers_notification(client, member):
    (theirs,) = notify("test.news", [f.make_user("x@example.org")], context(), url="/x/")
    assert client.post(reverse("notifications:mark_read", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert not theirs.is_read


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, member):
    (row,) = notify("test.news", [member], context(), url="/elections/")
    response = client.get(reverse("notifications:open", args=[row.pk]))
    assert response["Location"] == "/elections/"
    row.refresh_from_db()
    assert row.is_read
    Notification.objects.filter(pk=row.pk).update(url="https://elsewhere.example/")
    assert client.get(reverse("notifications:open", args=[row.pk]))["Location"] == LIST


def test_the_preferences_form_offers_each_kinds_own_choices(client, member):
    page = client.get(PREFERENCES).content.decode()
    assert 'name="test.news" value="digest"' in page
    assert 'name="test.urgent" value="digest"' not in page
    assert 'name="test.notice"' not in page  # statutory: listed, not a choice
    assert "A formal test notice" in page and "cannot be turned off" in page


def test_saving_the_preferences(client, member):
    data = {"test.news": "off", "test.urgent": "immediate", "test.quiet": "immediate"}
    data |= {"election.result_published": "digest", "nomination.to_accept": "immediate"}
    response = client.post(PREFERENCES, data)
    assert response.status_code == 302
    chosen = preferences_of(member)
    assert chosen["test.news"] == "off" and chosen["test.quiet"] == "immediate"
    assert chosen["election.result_published"] == "digest"


def test_a_choice_a_kind_does_not_offer_is_refused(client, member):
    data = {"test.news": "off", "test.urgent": "digest", "test.quiet": "digest"}
    data |= {"election.result_published": "digest", "nomination.to_accept": "immediate"}
    page = client.post(PREFERENCES, data)
    assert page.status_code == 200 and "errorlist" in page.content.decode()
    assert preferences_of(member)["test.news"] == "immediate"

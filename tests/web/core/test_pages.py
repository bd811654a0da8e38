import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_home_page_invites_a_visitor_to_log_in(client):
    page = client.get(reverse("core:home")).content.decode()
    assert reverse("account_login") in page
    assert reverse("account_signup") in page


def test_the_home_page_greets_a_member(client, bob):
    client.force_login(bob)
    page = client.get(reverse("core:home")).content.decode()
    assert "Welcome, Bob Baker" in page and bob.member.membership_number in page


def test_healthz_reports_the_database_answers(client):
    assert client.get(reverse("core:healthz")).json() == {"status": "ok"}


def test_a_forbidden_page_uses_the_sites_own_403(client, bob, settings):
    settings.DEBUG = False
    client.force_login(bob)
    response = client.get(reverse("members:list"))
    assert response.status_code == 403
    assert "You are not allowed to see this page" in response.content.decode()


def test_a_server_error_shows_a_page_without_a_traceback(client, settings, monkeypatch):
    from plenary.web.core import views

    settings.DEBUG = False

    def broken(request):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(views, "healthz", broken)
    client.raise_request_exception = False
    # Resolve through a fresh URLconf so the broken view is the one served.
    from django.urls import clear_url_caches, path

    settings.ROOT_URLCONF = type("urls", (), {"urlpatterns": [path("boom", broken)]})
    clear_url_caches()
    response = client.get("/boom")
    assert response.status_code == 500
    body = response.content.decode()
    assert (
        "Something went wrong" in body
        and "secret internals" not in body
        and "Traceback" not in body
    )


def test_every_form_post_needs_a_csrf_token(bob):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(bob)
    response = strict.post(reverse("accounts:self_identification"), {"consent": "on"})
    assert response.status_code == 403


def test_the_audit_log_is_in_the_navigation_only_for_those_who_may_read_it(client, bob, admin):
    client.force_login(bob)
    assert reverse("audit:log") not in client.get(reverse("core:home")).content.decode()
    client.force_login(admin)
    assert reverse("audit:log") in client.get(reverse("core:home")).content.decode()

"""Failed logins are throttled by client and account; a stranger cannot lock a member out
(plenary.web.accounts.login_throttle, docs/decisions/0011-csp-and-throttling.md)."""

import pytest
from django.test import Client
from django.urls import reverse

from plenary.web.accounts.login_throttle import DEFAULTS, client_of
from tests.web import factories as f

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
TOO_MANY = "Too many failed login attempts"
WRONG = "not correct"
STRANGER = "203.0.113.9"
MEMBERS_OWN = "198.51.100.7"


def log_in(email: str, password: str, ip: str) -> tuple[int, str]:
    """A fresh browser at `ip` tries to log in: (status, what the page says)."""
    response = Client().post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=ip
    )
    return response.status_code, response.content.decode()


def logged_in(email: str, password: str, ip: str) -> bool:
    status, _ = log_in(email, password, ip)
    return status == 302


def refused(email: str, ip: str) -> bool:
    """Whether the client at `ip` is stopped before its password is even checked."""
    status, page = log_in(email, "a guess", ip)
    assert status == 200
    assert (TOO_MANY in page) != (WRONG in page), page
    return TOO_MANY in page


@pytest.fixture
def officer():
    return f.make_user("officer@example.org")


def test_a_stranger_failing_again_and_again_cannot_lock_the_officer_out(officer):
    for _ in range(12):
        log_in(officer.email, "a guess", STRANGER)
    assert refused(officer.email, STRANGER)
    # The officer, from their own address, logs in at once.
    assert logged_in(officer.email, PASSWORD, MEMBERS_OWN)


def test_one_client_gets_five_tries_at_one_account_then_waits():
    f.make_user("someone@example.org")
    for _ in range(DEFAULTS["per_client_account"]):
        assert not refused("someone@example.org", STRANGER)
    assert refused("someone@example.org", STRANGER)
    # Even the right password is not checked now, so it tells the guesser nothing.
    assert not logged_in("someone@example.org", PASSWORD, STRANGER)


def test_a_successful_login_costs_nothing(officer):
    for _ in range(DEFAULTS["per_client_account"] + 2):
        assert logged_in(officer.email, PASSWORD, MEMBERS_OWN)
    for _ in range(DEFAULTS["per_client_account"]):
        assert not refused(officer.email, MEMBERS_OWN)


def test_one_client_trying_many_accounts_is_stopped_on_all_of_them(settings, officer):
    settings.PLENARY_LOGIN_THROTTLE = {**DEFAULTS, "per_client": 6}
    for number in range(6):
        assert not refused(f"guess{number}@example.org", STRANGER)
    assert refused("guess-next@example.org", STRANGER)
    assert refused(officer.email, STRANGER)
    # Only that client.
    assert logged_in(officer.email, PASSWORD, MEMBERS_OWN)


def test_many_clients_guessing_one_account_slow_down_but_the_member_still_logs_in(officer):
    for number in range(DEFAULTS["account_under_attack"]):
        assert not refused(officer.email, f"192.0.2.{number + 1}")
    # Now every client has fewer tries at this account: a new guesser gets two, not five...
    assert not refused(officer.email, STRANGER)
    assert not refused(officer.email, STRANGER)
    assert refused(officer.email, STRANGER)
    # ...and the officer, even after one mistyped password, logs in.
    assert not refused(officer.email, MEMBERS_OWN)
    assert logged_in(officer.email, PASSWORD, MEMBERS_OWN)
    # Other accounts are untouched.
    f.make_user("other@example.org")
    for _ in range(DEFAULTS["per_client_account"]):
        assert not refused("other@example.org", "192.0.2.200")


def test_the_email_is_matched_whatever_its_case(officer):
    for _ in range(DEFAULTS["per_client_account"]):
        log_in("Officer@Example.org", "a guess", STRANGER)
    assert refused("OFFICER@example.ORG", STRANGER)


def test_behind_a_proxy_each_client_is_counted_by_its_own_address(settings, officer):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = Client(REMOTE_ADDR="127.0.0.1")

    def attempt(client_ip: str, password: str = "a guess") -> int:
        return proxy.post(
            reverse("account_login"),
            {"login": officer.email, "password": password},
            HTTP_X_FORWARDED_FOR=client_ip,
        ).status_code

    for _ in range(DEFAULTS["per_client_account"] + 1):
        attempt(STRANGER)
    assert attempt(MEMBERS_OWN, PASSWORD) == 302


def test_an_ipv6_client_is_its_slash_64():
    assert client_of("2001:db8:1:2:aaaa::1") == client_of("2001:db8:1:2:ffff::9")
    assert client_of("2001:db8:1:3::1") != client_of("2001:db8:1:2::1")
    assert client_of("::ffff:192.0.2.1") == "192.0.2.1"
    assert client_of("192.0.2.1") == "192.0.2.1"


def test_a_successful_login_leaves_nothing_in_the_cache_that_dates_it(officer):
    """The threat model's "Timing": no cache row (the default cache is the database) may
    keep the time of a member's login, so none can date a vote cast just after."""
    from django.core.cache import cache
    from django.db import connection

    cache.clear()
    assert logged_in(officer.email, PASSWORD, MEMBERS_OWN)
    table = connection.ops.quote_name("plenary_cache")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key FROM {table}")
        keys = [row[0] for row in cursor.fetchall()]
    assert not [k for k in keys if "login" in k], keys

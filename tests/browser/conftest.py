"""Browser tests: Playwright drives Debian's Chromium against a live test server.

Skipped, loudly, only where /usr/bin/chromium is missing (`make test` installs it)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.cache import cache

from tests.personas import admin, alice, bob, carol, dave, tree  # noqa: F401

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make to
# set up data are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(
            "Debian's chromium is not installed (apt-get install chromium; make test does it)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def log_in(page, email: str, password: str = "correct horse battery staple") -> None:  # type: ignore[no-untyped-def]
    """Log in through the real login form, using the keyboard as a person would."""
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_load_state()


def current_totp_code(user) -> str:  # type: ignore[no-untyped-def]
    """The code the user's authenticator app shows now. allauth refuses a code already used
    in its 30-second window (it remembers used codes in the cache), so forget them first:
    an earlier test may have logged the same persona in moments ago. Near the end of a
    window, wait for the next so the code is still good when it arrives."""
    cache.clear()
    if time.time() % 30 > 25:
        time.sleep(30 - time.time() % 30 + 0.1)
    secret = user.authenticator_set.get(type="totp").data["secret"]
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def log_in_as_officer(page, user) -> None:  # type: ignore[no-untyped-def]
    """Log in with password, then the authenticator code, as every officer must."""
    log_in(page, user.email)
    page.get_by_label("Code").fill(current_totp_code(user))
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_load_state()

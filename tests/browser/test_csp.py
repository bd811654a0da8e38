"""Pages work under the strict Content-Security-Policy: the browser reports no violation
on the login page, the two-factor set-up page (its QR code is a data: image) or the API
docs (Swagger UI, from the site's own static files)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def violations(page):
    """What the browser refused because of the policy, as it reports it on the console."""
    seen: list[str] = []
    page.on(
        "console",
        lambda message: (
            seen.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return seen


def test_the_login_page_and_the_api_docs_break_no_rule_of_the_policy(page, violations, bob):
    log_in(page, bob.email)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome, Bob Baker")
    page.goto("/api/docs")
    # Swagger UI has run: it lists the API's operations.
    expect(page.locator(".opblock").first).to_be_visible()
    assert violations == []


def test_the_two_factor_qr_code_shows_under_the_policy(page, violations, bob):
    log_in(page, bob.email)
    page.goto("/accounts/2fa/totp/activate/")
    if "/reauthenticate/" in page.url:
        page.get_by_label("Password").fill("correct horse battery staple")
        page.get_by_role("button", name="Confirm").click()
        page.wait_for_load_state()
    qr = page.locator('img[src^="data:image/svg+xml"]')
    expect(qr).to_be_visible()
    assert qr.evaluate("image => image.naturalWidth") > 0
    assert violations == []

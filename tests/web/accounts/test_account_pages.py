"""The account pages (log in, password reset, two-factor, email addresses) are the site's own:
its layout and language, its field markup, targets at least 24 by 24 CSS px, and emails
from the organisation."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse

from plenary.web.organisation.models import Organisation

pytestmark = pytest.mark.django_db

CSS = Path(__file__).parents[3] / "src/plenary/web/core/static/core/plenary.css"

ANONYMOUS_PAGES = ["account_login", "account_reset_password", "account_reset_password_done"]
LOGGED_IN_PAGES = ["account_email", "account_change_password", "mfa_index", "account_logout"]


class Controls(HTMLParser):
    """Every link, button and checkbox in <main>, with the classes and the element holding it."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.in_main = False
        self.found: list[tuple[str, dict[str, str], list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "main":
            self.in_main = True
        if self.in_main and (
            tag in {"a", "button"} or attributes.get("type") in {"checkbox", "radio"}
        ):
            self.found.append((tag, attributes, [parent for parent, _ in self.stack]))
        if tag not in {"input", "br", "img", "hr", "meta", "link"}:
            self.stack.append((tag, attributes))

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.in_main = False
        while self.stack:
            if self.stack.pop()[0] == tag:
                break


def sized_by_css(tag: str, attributes: dict[str, str], parents: list[str], page: str) -> bool:
    """Whether plenary.css gives this control a 24px target, or it is a link in a sentence
    (which WCAG 2.5.8 exempts)."""
    classes = set(attributes.get("class", "").split())
    if tag == "button" or "button" in classes or "target" in classes:
        return True
    if attributes.get("type") in {"checkbox", "radio"}:
        return True
    return tag == "a" and bool(parents) and parents[-1] in {"p", "li", "span"}


def test_the_stylesheet_gives_controls_a_24px_target():
    css = CSS.read_text()
    sized = re.search(
        r"button, \.button, [^{]*\.target \{\s*min-height: 1\.5rem; min-width: 1\.5rem;", css
    )
    assert sized, "buttons, links drawn as buttons and .target need min 1.5rem (24px)"
    assert re.search(
        r"input\[type=checkbox\], input\[type=radio\] \{ width: 1\.5rem; height: 1\.5rem;", css
    )


def check_page(page: str) -> None:
    assert '<html lang="en-GB">' in page
    assert 'class="site-header"' in page and "Skip to content" in page
    assert 'class="wrap account-page"' in page
    parser = Controls()
    parser.feed(page)
    assert parser.found
    for tag, attributes, parents in parser.found:
        assert sized_by_css(tag, attributes, parents, page), (tag, attributes, parents[-3:])


@pytest.mark.parametrize("name", ANONYMOUS_PAGES)
def test_the_entrance_pages_are_in_the_site_layout_with_sized_targets(client, name):
    check_page(client.get(reverse(name)).content.decode())


@pytest.mark.parametrize("name", LOGGED_IN_PAGES)
def test_the_account_management_pages_are_in_the_site_layout(client, bob, name):
    client.force_login(bob)
    check_page(client.get(reverse(name)).content.decode())


def test_the_login_form_uses_the_sites_field_markup_and_shows_errors_beside_it(client):
    page = client.get(reverse("account_login")).content.decode()
    assert '<label for="id_login">Email address' in page and 'class="field"' in page
    assert "placeholder" not in page
    assert '<button type="submit">Log in</button>' in page
    refused = client.post(reverse("account_login"), {"login": "x@example.org", "password": "no"})
    page = refused.content.decode()
    assert 'class="error-summary" role="alert"' in page
    assert "The email address and/or password you specified are not correct." in page


def test_a_new_password_too_short_is_refused_beside_the_field(client, bob):
    client.post(reverse("account_reset_password"), {"email": bob.email})
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    page = client.post(form.redirect_chain[-1][0], {"password1": "a", "password2": "a"})
    html = page.content.decode()
    assert 'class="field field-error"' in html and "This password is too short" in html


def test_the_two_factor_page_is_the_sites_own(client, alice):
    client.post(
        reverse("account_login"),
        {"login": alice.email, "password": "correct horse battery staple"},
    )
    page = client.get(reverse("mfa_authenticate")).content.decode()
    assert "<h1>Enter your authenticator code</h1>" in page
    check_page(page)


def test_account_emails_carry_the_organisations_name_not_the_host(client, bob):
    organisation = Organisation.current()
    organisation.name = "Northshire Socialists"
    organisation.save()
    client.post(reverse("account_reset_password"), {"email": bob.email})
    message = mail.outbox[-1]
    assert message.subject == "[Northshire Socialists] Reset your password"
    assert "testserver!" not in message.body and "Hello from Northshire Socialists" in message.body

"""Every response carries a strict Content-Security-Policy, and no page needs it relaxed
(docs/decisions/0011-csp-and-throttling.md)."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

import plenary

pytestmark = pytest.mark.django_db

TEMPLATES = sorted(Path(plenary.__file__).resolve().parent.glob("web/*/templates/**/*.html"))


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_strict(response) -> None:
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    everything = [source for sources in directives.values() for source in sources]
    for loose in ("'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:", "blob:"):
        assert loose not in everything, f"{loose} in {response['Content-Security-Policy']}"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/accounts/login/",
        "/accounts/signup/",
        "/healthz",
        "/api/docs",
        "/api/openapi.json",
        "/api/ballots/nope/vote",  # the API's JSON error
        "/no-such-page/",
    ],
)
def test_every_response_carries_the_strict_policy(client, path):
    assert_strict(client.get(path))


def test_a_members_pages_carry_it_too(client, bob):
    client.force_login(bob)
    assert_strict(client.get(reverse("core:home")))
    assert_strict(client.get(reverse("organisation:tree")))


def test_the_two_factor_qr_code_is_a_data_image_the_policy_allows(client, tree):
    from tests.web import factories as f

    user = f.make_user("new-officer@example.org")
    client.force_login(user)
    # allauth asks for the password again before the set-up page.
    again = {"password": "correct horse battery staple"}
    assert client.post(reverse("account_reauthenticate"), again).status_code == 302
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    assert "data:" in policy(response)["img-src"]
    assert_strict(response)


def test_the_api_docs_page_loads_only_the_sites_own_scripts(client):
    page = client.get("/api/docs").content.decode()
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", page, re.S)
    assert scripts
    for attributes, body in scripts:
        if 'type="application/json"' in attributes:
            continue  # data, not run
        assert 'src="/static/' in attributes and not body.strip(), attributes


INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)
HANDLER = re.compile(r"\son[a-z]+\s*=|javascript:", re.I)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: "/".join(path.parts[-3:]))
def test_no_template_needs_inline_script_or_style(template):
    text = template.read_text()
    assert not INLINE_SCRIPT.search(text), "inline <script>"
    assert not INLINE_STYLE.search(text), "inline style"
    assert not HANDLER.search(text), "event handler attribute or javascript: URL"


def test_the_templates_were_found():
    assert len(TEMPLATES) > 20

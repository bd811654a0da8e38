"""Wrong passwords sent to a real server, for the tests that the login throttle holds across
worker processes and across instances: one user, the login form's CSRF pair, an attempt."""

from __future__ import annotations

import re
import urllib.parse
import urllib.request

EMAIL = "officer@example.org"
PASSWORD = "correct horse battery staple"
MAKE_USER = f"""
from allauth.account.models import EmailAddress
from plenary.web.accounts.models import User
user = User.objects.create_user(email={EMAIL!r}, password={PASSWORD!r})
EmailAddress.objects.create(user=user, email={EMAIL!r}, verified=True, primary=True)
"""


def login_form(base: str) -> tuple[str, str]:
    """(the CSRF cookie, the form's CSRF token) from the login page."""
    with urllib.request.urlopen(f"{base}/accounts/login/", timeout=30) as page:
        cookie = next(
            value.split(";", 1)[0]
            for name, value in page.getheaders()
            if name.lower() == "set-cookie" and value.startswith("csrftoken=")
        )
        html = page.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token, html
    return cookie, token.group(1)


def wrong_password(base: str, cookie: str, token: str) -> str:
    """One wrong password for EMAIL: "checked" (the password was tried) or "refused" (the
    throttle answered first)."""
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "login": EMAIL, "password": "a guess"}
    ).encode()
    request = urllib.request.Request(f"{base}/accounts/login/", data=body, method="POST")
    request.add_header("Cookie", cookie)
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    with urllib.request.urlopen(request, timeout=60) as answer:
        assert answer.status == 200
        page = answer.read().decode()
    if "Too many failed login attempts" in page:
        return "refused"
    assert "not correct" in page, page
    return "checked"


def posts_by_worker(access_log) -> list[list[str]]:
    """The login POSTs in a gunicorn access log written as "%(p)s %(m)s %(U)s %(s)s"."""
    return [line.split() for line in access_log.read_text().splitlines() if " POST " in line]

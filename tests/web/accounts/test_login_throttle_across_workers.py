"""The login throttle holds across worker processes: gunicorn with two workers, the site's
default cache (the database, CACHE_URL=db://), wrong passwords sent two at a time so both
workers answer. The limit applies to the total, not to each worker (with a per-process
cache each worker would let its own five through). On a SQLite file, or, in the PostgreSQL
run of the suite, on a fresh database of that server."""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import plenary
from plenary.web.accounts.login_throttle import DEFAULTS

pytestmark = pytest.mark.slow

EMAIL = "officer@example.org"
PASSWORD = "correct horse battery staple"
ATTEMPTS = 12  # in pairs; more than two workers' worth of five each would be 10
MAKE_USER = f"""
from allauth.account.models import EmailAddress
from plenary.web.accounts.models import User
user = User.objects.create_user(email={EMAIL!r}, password={PASSWORD!r})
EmailAddress.objects.create(user=user, email={EMAIL!r}, verified=True, primary=True)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def database_url(tmp_path):
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{tmp_path / 'site.sqlite3'}"
        return
    import psycopg

    name = f"plenary_workers_{secrets.token_hex(4)}"
    parts = urllib.parse.urlsplit(server)
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """The collected static files, which the pages link by their hashed names."""
    root = tmp_path_factory.mktemp("static")
    env = {**os.environ, "STATIC_ROOT": str(root), "DJANGO_SETTINGS_MODULE": "plenary.web.settings"}
    env.pop("DATABASE_URL", None)
    env["PLENARY_DATA_DIR"] = str(tmp_path_factory.mktemp("collect"))
    command = [sys.executable, "-m", "plenary.cli", "collectstatic", "--no-input", "-v0"]
    subprocess.run(command, env=env, check=True, timeout=300)
    return root


@pytest.fixture
def site(tmp_path, database_url, static_root):
    """A migrated database with its cache table and one user, served by gunicorn with two
    sync workers; yields (base URL, access log). Stopped on the way out."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(Path(plenary.__file__).resolve().parents[1]),
        "DJANGO_SETTINGS_MODULE": "plenary.web.settings",
        "PLENARY_DATA_DIR": str(tmp_path),
        "DATABASE_URL": database_url,
        "CACHE_URL": "db://",
        "STATIC_ROOT": str(static_root),
        "HTTPS": "false",
        "LOG_LEVEL": "WARNING",
    }
    plenary_command = [sys.executable, "-m", "plenary.cli"]
    steps = (
        ["migrate", "-v0"],
        ["createcachetable"],
        ["shell", "-c", MAKE_USER],
    )
    for step in steps:
        subprocess.run([*plenary_command, *step], env=env, check=True, timeout=120)
    port = free_port()
    access_log = tmp_path / "access.log"
    server_log = tmp_path / "server.log"
    # Each request's worker pid goes in the access log, to show both workers answered.
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "plenary.web.wsgi:application",
        "--workers",
        "2",
        "--bind",
        f"127.0.0.1:{port}",
        "--access-logfile",
        str(access_log),
        "--access-logformat",
        "%(p)s %(m)s %(U)s %(s)s",
    ]
    with open(server_log, "wb") as log:
        server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=5).close()
                break
            except (urllib.error.URLError, ConnectionError):
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"gunicorn did not start:\n{server_log.read_text()}")
                time.sleep(0.2)
        yield base, access_log
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


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


def test_the_login_throttle_holds_across_two_gunicorn_workers(site):
    base, access_log = site
    cookie, token = login_form(base)
    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = []
        for _ in range(ATTEMPTS // 2):
            pair = [pool.submit(wrong_password, base, cookie, token) for _ in range(2)]
            answers += [future.result() for future in pair]
    time.sleep(0.5)  # let the access log reach the file
    posts = [line.split() for line in access_log.read_text().splitlines() if " POST " in line]
    workers = {pid for pid, *_ in posts}
    assert len(posts) == ATTEMPTS
    assert len(workers) == 2, f"one worker answered every attempt: {posts}"
    # The limit counted both workers' attempts together: five in all were checked.
    assert answers.count("checked") == DEFAULTS["per_client_account"], answers
    assert answers.count("refused") == ATTEMPTS - DEFAULTS["per_client_account"]

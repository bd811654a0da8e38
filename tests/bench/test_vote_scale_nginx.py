"""The nginx configuration make bench-scale runs and the README recommends
(bench/vote/nginx.py): nginx itself accepts it, it retries a request on the other instance
only when the connection failed, and its access log records no client address and no path
of a confidential route. nginx comes with scripts/ensure-system-deps.sh: missing, this fails."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bench.vote import nginx

ROOT = Path(__file__).resolve().parents[2]


def _binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not found:
        pytest.fail("nginx is not installed: run scripts/ensure-system-deps.sh as root")
    return found


def _log_format(text: str) -> str:
    found = re.search(r"log_format plenary (.*?);", text, re.S)
    assert found, text
    return found.group(1)


def test_nginx_accepts_the_generated_configuration(tmp_path):
    _binary()
    config = nginx.write_config(tmp_path, 18080, [18001, 18002])
    checked = nginx.check_config(tmp_path, config)
    assert checked.returncode == 0, checked.stderr
    assert "test is successful" in checked.stderr


def test_a_request_is_retried_elsewhere_only_when_the_connection_failed(tmp_path):
    text = nginx.write_config(tmp_path, 18080, [18001, 18002]).read_text()
    assert "proxy_next_upstream error;" in text
    assert "proxy_next_upstream_tries 2;" in text
    # Never a request that may have reached the application: no timeout, no 5xx answers,
    # and POSTs are not marked retryable.
    directives = re.findall(r"^\s*proxy_next_upstream\s+([^;]*);", text, re.M)
    assert directives == ["error"]
    assert "non_idempotent" not in text


def test_the_access_log_records_no_client_address_nor_query_string(tmp_path):
    text = nginx.write_config(tmp_path, 18080, [18001, 18002]).read_text()
    fields = _log_format(text)
    for forbidden in (
        "$remote_addr",
        "$http_x_forwarded_for",
        "$proxy_add_x_forwarded_for",
        "$http_referer",
        "$http_user_agent",
        "$request ",
        "$request_uri",
        "$args",
    ):
        assert forbidden not in fields + " ", forbidden
    assert "$plenary_logged_path" in fields
    # Every access log the configuration opens uses that format.
    logs = re.findall(r"^\s*access_log\s+([^;]*);", text, re.M)
    assert logs and all(line.split()[1] == "plenary" for line in logs), logs
    # nginx's error messages name the client and the request: the server keeps only alerts.
    server = text[text.index("    server {") :]
    assert re.findall(r"^\s*error_log\s+\S+\s+(\w+);", server, re.M) == ["alert"]


@pytest.mark.parametrize(
    ("path", "confidential"),
    [
        ("/members/42/", True),
        ("/audit/", True),
        ("/accounts/login/", True),
        ("/account/notifications/", True),
        ("/api/ballots/7/vote", True),
        ("/api/receipts/ABCD-EFGH", True),
        ("/elections/ballots/", True),
        ("/elections/receipts/", True),
        ("/elections/spring-2027/ballot/3/", True),
        ("/casework/12/", True),
        ("/healthz", False),
        ("/elections/", False),
        ("/static/core/plenary.css", False),
    ],
)
def test_confidential_paths_are_logged_without_their_address(path, confidential):
    patterns = [pattern.removeprefix("~") for pattern in nginx.CONFIDENTIAL]
    assert any(re.search(pattern, path) for pattern in patterns) is confidential


def test_the_readme_shows_the_configuration_the_benchmark_runs():
    example = nginx.http_block(
        listen="443 ssl",
        upstreams=["10.0.0.11:8000", "10.0.0.12:8000"],
        access_log="/var/log/nginx/plenary.access.log",
        error_log="/var/log/nginx/plenary.error.log",
        server_name="members.example.org",
        tls=("/etc/ssl/members.example.org.pem", "/etc/ssl/private/members.example.org.key"),
    )
    assert example in (ROOT / "README.md").read_text()

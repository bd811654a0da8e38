"""nginx as the load balancer in front of several gunicorn instances: the configuration
(the same one the README recommends, docs/decisions/0022-scale-out.md says why) and nginx run
as a child process from a temporary folder (no root paths, no daemon).

Two rules the configuration keeps:

- **A request is retried on the other instance only when the connection failed.**
  `proxy_next_upstream error` without `non_idempotent`: nginx passes a POST (a vote, a
  nomination, a login) to the next instance only if it could not be sent to the first one
  (connection refused or reset before the request went out). Once a vote may have reached an
  application, it is never sent again: the first instance may have cast it before dying,
  and the voter gets an error instead of a second attempt behind their back (the ballot's
  unique constraint would refuse a second ballot, but the voter would then see "already
  voted" for a vote they never saw acknowledged). Never `timeout` (a slow vote is still being
  cast) nor `http_502`/`http_503`/`http_504` (answers from an application that had the
  request). `proxy_next_upstream_tries 2`: one other instance, then an error.
- **The access log records no client address, and no path for confidential routes.** The
  log format has no `$remote_addr`, no `$http_x_forwarded_for`, no referrer (a confidential
  page's address would travel in it) and no user agent; the path of a confidential route
  (members, audit, accounts, ballots and receipts, casework) is replaced by
  `[confidential]`, and no query string is logged. nginx's error log, whose messages name
  the client and the request and cannot be reformatted, keeps only alerts for this server
  (a failed upstream would otherwise be logged with both). The client address still goes to the
  application in `X-Forwarded-For` (the login throttle counts by it, as keyed hashes).
"""

from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.vote.processes import free_port

# Paths whose address says something about a member: logged as "[confidential]". Add the
# confidential-report (casework) routes here as they come.
CONFIDENTIAL = (
    r"~^/(members|audit|accounts|account|casework|reports)/",
    r"~^/api/(ballots|receipts|members|me)(/|$)",
    r"~^/elections/(ballots|receipts)/",
    r"~^/elections/[^/]+/ballot/",
)

# The upstream's idle connections are closed by nginx before gunicorn closes them (gunicorn
# --keep-alive 30): a request is never written to a connection the application is closing.
UPSTREAM_KEEPALIVE_TIMEOUT = "20s"


def http_block(
    *,
    listen: str,
    upstreams: list[str],
    access_log: str,
    error_log: str,
    server_name: str = "_",
    tls: tuple[str, str] | None = None,
) -> str:
    """The `http { ... }` contents: the log format, the upstream group and the server."""
    servers = "\n".join(
        f"        server {address} max_fails=1 fail_timeout=5s;" for address in upstreams
    )
    certificate = (
        f"        ssl_certificate {tls[0]};\n        ssl_certificate_key {tls[1]};\n" if tls else ""
    )
    confidential = "\n".join(f'        "{pattern}" "[confidential]";' for pattern in CONFIDENTIAL)
    return f"""\
    # No client address, referrer or user agent; no path for confidential routes; no query
    # string. $upstream_addr says which instance answered.
    map $uri $plenary_logged_path {{
        default $uri;
{confidential}
    }}
    log_format plenary '$time_iso8601 $request_method $plenary_logged_path $status '
                       '$body_bytes_sent $request_time $upstream_addr $upstream_status';

    upstream plenary {{
{servers}
        keepalive 64;
        keepalive_timeout {UPSTREAM_KEEPALIVE_TIMEOUT};
    }}

    server {{
        listen {listen};
        server_name {server_name};
{certificate}        access_log {access_log} plenary buffer=64k flush=1s;
        # nginx's error messages name the client and the whole request (path and query) and
        # cannot be reformatted: a failed upstream, at level "error", would log both. Only
        # alerts here; an instance's failures show in the access log's upstream status.
        error_log {error_log} alert;
        client_max_body_size 25m;

        location / {{
            proxy_pass http://plenary;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto $scheme;
            # Retry on the other instance only when the connection failed, never a request
            # that may have reached the application (a vote must not be cast twice).
            proxy_next_upstream error;
            proxy_next_upstream_tries 2;
            proxy_connect_timeout 2s;
            proxy_read_timeout 60s;
        }}
    }}
"""


def bench_config(*, prefix: Path, listen_port: int, upstream_ports: list[int]) -> str:
    """A whole nginx.conf whose pid file, logs and temporary files are all under `prefix`."""
    temp = "\n".join(
        f"    {kind}_temp_path {prefix / 'temp' / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    block = http_block(
        listen=f"127.0.0.1:{listen_port}",
        upstreams=[f"127.0.0.1:{port}" for port in upstream_ports],
        access_log=str(prefix / "access.log"),
        error_log=str(prefix / "error.log"),
    )
    return f"""\
# Generated by bench/vote/nginx.py for make bench-scale.
worker_processes 1;
pid {prefix / "nginx.pid"};
error_log {prefix / "error.log"} warn;

events {{
    worker_connections 4096;
}}

http {{
{temp}

{block}}}
"""


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not found:
        raise SystemExit("nginx is not installed (scripts/ensure-system-deps.sh installs it)")
    return found


def write_config(prefix: Path, listen_port: int, upstream_ports: list[int]) -> Path:
    prefix.mkdir(parents=True, exist_ok=True)
    (prefix / "temp").mkdir(exist_ok=True)
    path = prefix / "nginx.conf"
    path.write_text(
        bench_config(prefix=prefix, listen_port=listen_port, upstream_ports=upstream_ports)
    )
    return path


def check_config(prefix: Path, config: Path) -> subprocess.CompletedProcess[str]:
    """`nginx -t` on the configuration."""
    return subprocess.run(
        [
            nginx_binary(),
            "-t",
            "-p",
            str(prefix),
            "-c",
            str(config),
            "-e",
            str(prefix / "error.log"),
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )


@dataclass
class Nginx:
    prefix: Path
    upstream_ports: list[int]
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def access_log(self) -> Path:
        return self.prefix / "access.log"

    def start(self, timeout: float = 20) -> None:
        config = write_config(self.prefix, self.port, self.upstream_ports)
        checked = check_config(self.prefix, config)
        if checked.returncode != 0:
            raise SystemExit(f"nginx -t refused the configuration:\n{checked.stderr}")
        with open(self.prefix / "nginx.out", "ab") as out:
            self.process = subprocess.Popen(
                [
                    nginx_binary(),
                    "-p",
                    str(self.prefix),
                    "-c",
                    str(config),
                    "-e",
                    str(self.prefix / "error.log"),
                    "-g",
                    "daemon off;",
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        import socket

        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"nginx exited: {(self.prefix / 'error.log').read_text()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("nginx did not listen in time")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()  # SIGTERM: fast shutdown
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)

"""Real servers for the tests that run plenary as it is deployed: a fresh database (a SQLite
file, or in the PostgreSQL run of the suite a database of its own on that server), plenary
commands in their own processes, gunicorn, and Debian's redis-server on a free port. Used by
the several-workers and several-instances tests (docs/decisions/0022-scale-out.md)."""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import plenary

PLENARY = [sys.executable, "-m", "plenary.cli"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def on_postgres() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


@contextmanager
def fresh_database(folder: Path) -> Iterator[str]:
    """The URL of an empty database: a SQLite file in `folder`, or, when DATABASE_URL names
    a PostgreSQL server, a database of its own there, dropped afterwards."""
    server = os.environ.get("DATABASE_URL", "")
    if not on_postgres():
        yield f"sqlite:///{folder / 'site.sqlite3'}"
        return
    import psycopg

    name = f"plenary_servers_{secrets.token_hex(4)}"
    parts = urllib.parse.urlsplit(server)
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def plenary_env(data_dir: Path, database_url: str, **settings: str) -> dict[str, str]:
    """The environment of one plenary process: its own data folder, the given database, the
    same SECRET_KEY for every process of the site (as several instances must have)."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(Path(plenary.__file__).resolve().parents[1]),
        "DJANGO_SETTINGS_MODULE": "plenary.web.settings",
        "PLENARY_DATA_DIR": str(data_dir),
        "DATABASE_URL": database_url,
        "SECRET_KEY": "several-instances-share-this-key-" + "x" * 20,
        "CACHE_URL": "db://",
        "HTTPS": "false",
        "LOG_LEVEL": "WARNING",
        **settings,
    }


def run_plenary(env: dict[str, str], *args: str, timeout: float = 120) -> str:
    done = subprocess.run(
        [*PLENARY, *args], env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, f"plenary {' '.join(args)} failed:\n{done.stdout}{done.stderr}"
    return done.stdout


def stop(process: subprocess.Popen, timeout: float = 20) -> None:
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def gunicorn(env: dict[str, str], folder: Path, workers: int = 2) -> Iterator[tuple[str, Path]]:
    """One gunicorn instance (a master and its sync workers) on a free port; yields (base
    URL, access log). Each request's worker pid goes in the access log, to show which
    workers answered."""
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    access_log = folder / "access.log"
    server_log = folder / "server.log"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "plenary.web.wsgi:application",
        "--workers",
        str(workers),
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
        stop(server)


def redis_server_binary() -> str:
    found = shutil.which("redis-server") or (
        "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None
    )
    if found is None:
        pytest.fail("redis-server is not installed (make system-deps installs Debian's)")
    return found


@contextmanager
def redis_server(folder: Path) -> Iterator[str]:
    """Debian's redis-server on a free port on 127.0.0.1, keeping nothing on disk; yields
    its URL (database 0) and stops it on the way out."""
    port = free_port()
    log = folder / "redis.log"
    command = [
        redis_server_binary(),
        "--port",
        str(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        str(folder),
        "--logfile",
        str(log),
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                text = log.read_text() if log.exists() else ""
                pytest.fail(f"redis-server did not start:\n{text}")
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop(server, timeout=10)


@contextmanager
def s3_server(folder: Path) -> Iterator[str]:
    """moto's S3-compatible server in its own process on a free port on 127.0.0.1, keeping
    everything in memory; yields its endpoint URL and stops it on the way out. The site talks
    to it through the same client code as to a real store (boto3, django-storages)."""
    port = free_port()
    log = folder / "moto.log"
    command = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    with open(log, "wb") as output:
        server = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=2).close()
                break
            except (urllib.error.URLError, ConnectionError):
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"moto's S3 server did not start:\n{log.read_text()}")
                time.sleep(0.1)
        yield endpoint
    finally:
        stop(server, timeout=10)

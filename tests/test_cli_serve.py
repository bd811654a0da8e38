"""`plenary serve` runs the background-task worker beside the web server, and stops it after."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from plenary import cli


class FakeWorker:
    def __init__(self, command: list[str]) -> None:
        self.command, self.terminated, self.waited = command, False, False

    def terminate(self) -> None:
        self.terminated = True

    def wait(self, timeout: float | None = None) -> int:
        self.waited = True
        return 0


@pytest.fixture(autouse=True)
def restore_environment(monkeypatch):
    """`serve` sets HTTPS=false for its own process: keep that out of the other tests."""
    monkeypatch.setenv("HTTPS", "false")
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", os.environ.get("DJANGO_SETTINGS_MODULE", ""))


def test_serve_starts_the_task_worker_and_stops_it_when_the_server_stops(monkeypatch):
    started: list[FakeWorker] = []
    served: list[list[str]] = []

    def popen(command: list[str]) -> FakeWorker:
        started.append(FakeWorker(command))
        return started[-1]

    monkeypatch.setattr(subprocess, "Popen", popen)
    monkeypatch.setattr(cli, "_manage", lambda args: served.append(args) or 0)
    assert cli.main(["serve", "127.0.0.1:8123"]) == 0
    (worker,) = started
    assert worker.command[:4] == [sys.executable, "-m", "plenary.cli", "db_worker"]
    assert served == [["runserver", "--noreload", "--skip-checks", "127.0.0.1:8123"]]
    assert worker.terminated and worker.waited


def test_serve_without_the_worker(monkeypatch):
    monkeypatch.setattr(subprocess, "Popen", lambda command: (_ for _ in ()).throw(AssertionError))
    served: list[list[str]] = []
    monkeypatch.setattr(cli, "_manage", lambda args: served.append(args) or 0)
    assert cli.main(["serve", "--no-worker"]) == 0
    assert served == [["runserver", "--noreload", "--skip-checks", "127.0.0.1:8000"]]


def test_the_worker_command_exists():
    out = subprocess.run(
        [sys.executable, "-m", "plenary.cli", "help", "db_worker"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "--no-startup-delay" in out.stdout

"""The `plenary` console command.

`plenary count ...` counts ballot files and `plenary amend ...` applies amendments to a
motion, both without loading Django. `plenary serve` runs the
site; every other word is a Django management command (`plenary migrate`, `plenary demo`,
`plenary import_members`, `plenary check --deploy`, ...).
"""

from __future__ import annotations

import os
import subprocess
import sys

DJANGO_SETTINGS = "plenary.web.settings"


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "count":
        from plenary.counting.cli import main as count_main

        return count_main(args[1:])
    if args and args[0] == "amend":
        from plenary.procedure.cli import main as amend_main

        return amend_main(args[1:])
    if args and args[0] == "serve":
        return _serve(args[1:])
    return _manage(args)


def _manage(args: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DJANGO_SETTINGS)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["plenary", *args])
    return 0


def _serve(args: list[str]) -> int:
    """Serve the site for one machine: Django's threaded server, with static files by
    whitenoise, and beside it `plenary db_worker`, which runs background tasks (election
    counts). `--no-worker` serves without it (run `plenary db_worker` yourself then)."""
    with_worker = "--no-worker" not in args
    args = [a for a in args if a != "--no-worker"]
    address = args[0] if args else "127.0.0.1:8000"
    # Django's server speaks plain HTTP: don't redirect to an HTTPS it cannot serve.
    os.environ.setdefault("HTTPS", "false")
    worker = _start_worker() if with_worker else None
    print(f"\nplenary is serving on http://{address}/  (Ctrl-C to stop)\n", flush=True)
    try:
        return _manage(["runserver", "--noreload", "--skip-checks", address, *args[1:]])
    finally:
        if worker is not None:
            _stop_worker(worker)


def _start_worker() -> subprocess.Popen[bytes]:
    """The task worker as a child process, with the same settings and environment."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DJANGO_SETTINGS)
    command = [sys.executable, "-m", "plenary.cli", "db_worker", "--no-reload"]
    command.append("--no-startup-delay")
    print("plenary is running background tasks with `plenary db_worker`", flush=True)
    return subprocess.Popen(command)


def _stop_worker(worker: subprocess.Popen[bytes]) -> None:
    # The worker finishes the task in hand on SIGTERM; a count is short, so wait a little.
    worker.terminate()
    try:
        worker.wait(timeout=30)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


if __name__ == "__main__":
    sys.exit(main())

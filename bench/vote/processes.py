"""The servers a voting benchmark runs: a throwaway PostgreSQL server (like
scripts/with-postgres.sh, but one the fault benchmark can crash and restart) and gunicorn.
Everything listens on 127.0.0.1 only and lives in one temporary folder."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def children(pid: int) -> list[int]:
    """The direct children of a process (Linux /proc)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def cpu_seconds(pids: list[int], *, reaped: bool = False) -> float:
    """User + system CPU time the processes have used so far (Linux /proc); with `reaped`,
    also that of their children which have exited (PostgreSQL backends come and go)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
        if reaped:
            total += int(fields[13]) + int(fields[14])  # cutime, cstime
    return total / tick


def _postgres_bindir() -> Path:
    dirs = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not dirs or not (dirs[-1] / "initdb").exists():
        raise SystemExit("PostgreSQL is not installed (apt-get install postgresql): cannot run.")
    return dirs[-1]


def _alive(pid: int) -> bool:
    """Running, not a zombie waiting to be reaped (a killed master's workers go to init)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return False


@dataclass
class Postgres:
    """A PostgreSQL server in `root`/data. Durability settings are PostgreSQL's defaults
    (fsync and synchronous_commit on): a crash must not lose a committed ballot."""

    root: Path
    port: int = field(default_factory=free_port)
    bindir: Path = field(default_factory=_postgres_bindir)

    @property
    def url(self) -> str:
        return f"postgres://plenary@127.0.0.1:{self.port}/plenary"

    def _as_owner(self) -> list[str]:
        # initdb and postgres refuse to run as root: run them as an unprivileged system user.
        if os.getuid() != 0:
            return []
        owner = "postgres"
        try:
            subprocess.run(["id", owner], check=True, capture_output=True)
        except subprocess.CalledProcessError:
            owner = "nobody"
        shutil.chown(self.root, owner)
        return ["runuser", "-u", owner, "--"]

    def init(self) -> None:
        subprocess.run(
            [
                *self._as_owner(),
                str(self.bindir / "initdb"),
                "-D",
                str(self.root / "data"),
                "-U",
                "plenary",
                "-A",
                "trust",
                "-E",
                "UTF8",
            ],
            check=True,
            capture_output=True,
        )
        self.start()
        subprocess.run(
            [
                str(self.bindir / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "plenary",
                "plenary",
            ],
            check=True,
        )

    def start(self) -> None:
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c max_connections=200"
            " -c shared_buffers=256MB"
        )
        subprocess.run(
            [
                *self._as_owner(),
                str(self.bindir / "pg_ctl"),
                "-D",
                str(self.root / "data"),
                "-l",
                str(self.root / "server.log"),
                "-w",
                "-t",
                "60",
                "-o",
                options,
                "start",
            ],
            check=True,
            capture_output=True,
        )

    def postmaster_pid(self) -> int:
        return int((self.root / "data" / "postmaster.pid").read_text().split()[0])

    def crash(self) -> int:
        """SIGKILL the postmaster and every backend at once: a crash, no shutdown checkpoint;
        the next start replays the write-ahead log. Returns how many processes were killed."""
        postmaster = self.postmaster_pid()
        victims = [postmaster, *children(postmaster)]
        for pid in victims:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(p) for p in victims):
            time.sleep(0.05)
        return len(victims)

    def stop(self) -> None:
        subprocess.run(
            [
                *self._as_owner(),
                str(self.bindir / "pg_ctl"),
                "-D",
                str(self.root / "data"),
                "-m",
                "immediate",
                "stop",
            ],
            capture_output=True,
        )


@dataclass
class Gunicorn:
    """gunicorn serving plenary with gthread workers (threads suit a database-bound Django)."""

    env: dict[str, str]
    log: Path
    workers: int = 3
    threads: int = 8
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    # In a process group of its own, so that kill_instance() takes the master and its workers.
    own_group: bool = False

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def describe(self) -> str:
        return f"gunicorn gthread, {self.workers} workers x {self.threads} threads"

    def start(self) -> None:
        command = [
            str(VENV_BIN / "gunicorn"),
            "plenary.web.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--worker-class",
            "gthread",
            "--workers",
            str(self.workers),
            "--threads",
            str(self.threads),
            "--backlog",
            "2048",
            "--keep-alive",
            "30",
            "--timeout",
            "30",
            "--log-level",
            "warning",
        ]
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                command,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=REPO,
                start_new_session=self.own_group,
            )
        self.wait_ready()

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise SystemExit(
                    f"gunicorn exited; see {self.log}:\n{self.log.read_text()[-3000:]}"
                )
            try:
                with urllib.request.urlopen(f"{self.base}/api/openapi.json", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"gunicorn did not answer within {timeout:.0f} s; see {self.log}")

    def worker_pids(self) -> list[int]:
        return children(self.process.pid) if self.process else []

    def kill_workers(self) -> int:
        """SIGKILL every worker; the gunicorn master notices and starts new ones."""
        pids = self.worker_pids()
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        return len(pids)

    def kill_instance(self) -> int:
        """SIGKILL the master and every worker at once (its process group): the instance is
        gone, as when its machine dies. Returns how many processes were killed."""
        assert self.process is not None and self.own_group
        victims = [self.process.pid, *self.worker_pids()]
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(p) for p in victims):
            time.sleep(0.05)
        return len(victims)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)

"""A purpose-written load generator: asyncio with raw HTTP/1.1 keep-alive connections.

Why not locust: the generator shares two cores with gunicorn and PostgreSQL, so what it costs
per request is taken from the server; a bare asyncio client costs a fraction of locust's
per-request overhead, needs no second virtualenv (and no download), and lets the fault
benchmark record each answer with its moment. Each simulated voter is one coroutine with
its own connection; voters start evenly over the ramp until `concurrency` are voting."""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections import Counter, deque
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Voter:
    token: str
    ranking: list[int]


@dataclass
class Outcome:
    """One answer (or failure): when it was sent and how long it took, in seconds."""

    sent: float
    latency: float
    status: str  # "200", "409", ... or "connection" when no answer came
    receipt: str = ""


@dataclass
class Run:
    outcomes: list[Outcome] = field(default_factory=list)
    started: float = 0.0
    ramped: float = 0.0
    finished: float = 0.0
    stop_at: float = float("inf")  # simulated voters stop starting votes from this moment

    def receipts(self, before: float | None = None) -> list[str]:
        return [
            o.receipt
            for o in self.outcomes
            if o.receipt and (before is None or o.sent + o.latency <= before)
        ]

    def by_status(self) -> Counter[str]:
        return Counter(o.status for o in self.outcomes)


class Connection:
    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, token: str, body: bytes) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
            f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        )
        self.writer.write(head.encode() + body)
        await self.writer.drain()
        assert self.reader is not None
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("closed by the server")
        status = int(status_line.split()[1])
        length, keep = 0, True
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "connection" and value.strip().lower() == "close":
                keep = False
        payload = await self.reader.readexactly(length)
        if not keep:
            self.close()
        return status, payload

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def _voter_loop(
    port: int, path: str, queue: deque[Voter], run: Run, retry: bool, think: float
) -> None:
    connection = Connection(port)
    pause = random.Random()
    try:
        while queue and time.monotonic() < run.stop_at:
            # A voter reads the ballot paper before sending it: uniform, `think` s on average.
            await asyncio.sleep(pause.uniform(0, 2 * think))
            if not queue or time.monotonic() >= run.stop_at:
                break
            voter = queue.popleft()
            body = json.dumps({"ranking": voter.ranking}).encode()
            sent = time.monotonic()
            try:
                status, payload = await asyncio.wait_for(
                    connection.request("POST", path, voter.token, body), timeout=30
                )
            except (
                TimeoutError,
                OSError,
                ConnectionError,
                asyncio.IncompleteReadError,
                ValueError,
                IndexError,
            ):
                connection.close()
                run.outcomes.append(Outcome(sent, time.monotonic() - sent, "connection"))
                if retry:
                    queue.appendleft(voter)  # the voter tries again at once, as a person would
                await asyncio.sleep(0.1)
                continue
            latency = time.monotonic() - sent
            receipt = json.loads(payload)["receipt"] if status == 200 else ""
            run.outcomes.append(Outcome(sent, latency, str(status), receipt))
            if status >= 500 and retry:
                queue.appendleft(voter)
                await asyncio.sleep(0.1)
    finally:
        connection.close()


async def drive(
    *,
    port: int,
    section_id: int,
    voters: list[Voter],
    concurrency: int,
    ramp: float,
    limit: float,
    retry: bool,
    think: float = 0.0,
    run: Run | None = None,
) -> Run:
    """Cast every voter's ballot through POST /api/ballots/{id}/vote, ramping to
    `concurrency` voters at once over `ramp` seconds; stop after `limit` seconds at most.
    With `retry`, a voter whose request failed (no answer, or 5xx) tries again next. Each simulated
    voter pauses `think` seconds on average before each vote (0: back-to-back requests)."""
    run = run or Run()
    queue = deque(voters)
    path = f"/api/ballots/{section_id}/vote"
    run.started = time.monotonic()
    run.stop_at = min(run.stop_at, run.started + limit)
    tasks = []
    for _ in range(concurrency):
        tasks.append(asyncio.create_task(_voter_loop(port, path, queue, run, retry, think)))
        await asyncio.sleep(ramp / concurrency)
    run.ramped = time.monotonic()
    await asyncio.gather(*tasks)
    run.finished = time.monotonic()
    return run

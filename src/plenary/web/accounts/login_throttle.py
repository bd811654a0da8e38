"""Failed logins are throttled by client and by account, without a lockout that a stranger
can cause (docs/decisions/0011-csp-and-throttling.md).

Three counts of failed password attempts, each over the same sliding window:

- one client (IP address; an IPv6 /64) on one account: after `per_client_account` failures
  that client may not try that account again until the window has moved on. Another
  client, the real member's own browser among them, is not affected.
- one client on any accounts: after `per_client` failures the client may not try any
  account (a password sprayer's address; a shared address, such as a conference's network,
  needs many people mistyping at once to reach it).
- one account from all clients: never blocks anyone by itself. Once it passes
  `account_under_attack` (many clients guessing one account's password), every client is
  held to `per_client_account_under_attack` failures on that account instead: the guessing
  slows down, and the member, who has failed at most once or twice, still logs in.

An attempt is counted before the password is checked, so that simultaneous guesses cannot
slip past the limit, and taken back when the password is right: a successful login costs
nothing. The counts live in the default cache (CACHE_URL), which every worker process
shares; keys are keyed hashes, so the cache holds no email or IP address in clear.
"""

from __future__ import annotations

import ipaddress
import secrets
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

DEFAULTS = {
    "window": 15 * 60,  # seconds
    "per_client_account": 5,
    "per_client": 50,
    "account_under_attack": 20,
    "per_client_account_under_attack": 2,
}
LOCK_SECONDS = 10  # a lock left by a crashed process expires
LOCK_WAIT = 2.0  # then the attempt is refused (the client may try again)

Entry = tuple[float, str]  # (when, a token naming this attempt)


def limits() -> dict[str, int]:
    return {**DEFAULTS, **getattr(settings, "PLENARY_LOGIN_THROTTLE", {})}


def client_of(ip: str) -> str:
    """The client an address stands for: itself, or for IPv6 its /64 network (one host
    is given a whole /64, so counting single IPv6 addresses would count nothing)."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False).network_address)
    return str(address)


def _key(kind: str, *parts: str) -> str:
    digest = salted_hmac("plenary.login_throttle", "\x00".join(parts)).hexdigest()
    return f"plenary:login-failures:{kind}:{digest}"


@contextmanager
def _locked(key: str) -> Iterator[bool]:
    lock = f"{key}:lock"
    deadline = time.monotonic() + LOCK_WAIT
    pause = 0.01
    while not cache.add(lock, 1, timeout=LOCK_SECONDS):
        if time.monotonic() >= deadline:
            yield False
            return
        time.sleep(pause)
        pause = min(pause * 2, 0.1)
    try:
        yield True
    finally:
        cache.delete(lock)


def _recent(key: str, now: float, window: int) -> list[Entry]:
    return [entry for entry in cache.get(key, []) if entry[0] > now - window]


@dataclass
class Attempt:
    """A login attempt counted as a failure until `succeeded()` takes it back."""

    locked_keys: tuple[str, ...]
    account_key: str
    entry: Entry
    window: int

    def succeeded(self) -> None:
        for key in self.locked_keys:
            with _locked(key) as locked:
                if locked:
                    _forget(key, self.entry, self.window)
        _forget(self.account_key, self.entry, self.window)


def _forget(key: str, entry: Entry, window: int) -> None:
    """Take the attempt back. A key left with no failures is deleted, not kept empty: its
    expiry would otherwise record, to the second, when the member logged in (the threat
    model's "Timing")."""
    kept = [other for other in cache.get(key, []) if other != entry]
    if kept:
        cache.set(key, kept, window)
    else:
        cache.delete(key)


def begin(ip: str, login: str) -> Attempt | None:
    """Count an attempt by the client at `ip` on the account `login`, or None when the
    client must not try now."""
    numbers = limits()
    window = numbers["window"]
    client = client_of(ip)
    login = login.strip().lower()
    pair = _key("client-account", client, login)
    by_client = _key("client", client)
    by_account = _key("account", login)
    now = time.time()
    entry = (now, secrets.token_hex(8))
    # The account's count is not locked: only one client's own requests wait on the pair
    # and client locks, so a flood of attempts on an account cannot keep its member
    # waiting. Unlocked, two simultaneous failures may count as one: it is only a signal.
    account_history = _recent(by_account, now, window)
    under_attack = len(account_history) >= numbers["account_under_attack"]
    per_pair = numbers["per_client_account_under_attack" if under_attack else "per_client_account"]
    with ExitStack() as stack:
        # Always taken in this order, so two requests never wait on each other in a circle.
        if not all(stack.enter_context(_locked(key)) for key in (pair, by_client)):
            return None
        pair_history = _recent(pair, now, window)
        client_history = _recent(by_client, now, window)
        if len(pair_history) >= per_pair or len(client_history) >= numbers["per_client"]:
            return None
        cache.set(pair, [*pair_history, entry], window)
        cache.set(by_client, [*client_history, entry], window)
    # Only the newest few are needed to tell an attack, however many clients take part.
    kept = account_history[-2 * numbers["account_under_attack"] :]
    cache.set(by_account, [*kept, entry], window)
    return Attempt(
        locked_keys=(pair, by_client), account_key=by_account, entry=entry, window=window
    )

"""The registry of counting rules and the one entry point, ``count()``.

A rule is a module in this package that calls ``register()`` (or uses ``@rule``) at import.
Every module here is imported when the registry is first used, so a new rule is just a
new file: it appears in ``RULES``, in ``count()`` and in ``plenary count --method``.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from plenary.counting.profile import Profile, ProfileError
from plenary.counting.record import CountResult


class RuleFunction(Protocol):
    def __call__(
        self,
        profile: Profile,
        *,
        seats: int,
        seed: int | None,
        constraints: Sequence[Any] | None,
        **options: Any,
    ) -> CountResult: ...


@dataclass(frozen=True)
class RuleInfo:
    """One registered rule."""

    name: str  # the key used by count() and --method, e.g. "scottish"
    title: str  # for people, e.g. "Scottish STV (SSI 2007/42)"
    run: RuleFunction
    source: str = ""  # where the rule's text comes from
    supports_constraints: bool = False
    aliases: tuple[str, ...] = ()


class UnknownMethod(ValueError):
    """No rule is registered under that name."""


class UnsupportedOption(ValueError):
    """The rule cannot do what was asked (e.g. constraints with plurality)."""


RULES: dict[str, RuleInfo] = {}
_ALIASES: dict[str, str] = {}


def register(info: RuleInfo) -> RuleInfo:
    """Add a rule to the registry (called by each rule module at import)."""
    if info.name in RULES and RULES[info.name].run is not info.run:
        raise ValueError(f"rule {info.name!r} registered twice")
    RULES[info.name] = info
    for alias in info.aliases:
        _ALIASES[alias] = info.name
    return info


def rule(
    name: str,
    title: str,
    *,
    source: str = "",
    supports_constraints: bool = False,
    aliases: tuple[str, ...] = (),
) -> Callable[[RuleFunction], RuleFunction]:
    """Decorator form of ``register()``."""

    def decorate(run: RuleFunction) -> RuleFunction:
        register(RuleInfo(name, title, run, source, supports_constraints, aliases))
        return run

    return decorate


def get_rule(method: str) -> RuleInfo:
    """The rule registered as ``method`` (or an alias of it)."""
    key = _ALIASES.get(method, method)
    try:
        return RULES[key]
    except KeyError:
        known = ", ".join(sorted(RULES)) or "none"
        raise UnknownMethod(f"unknown method {method!r} (known: {known})") from None


def count(
    profile: Profile,
    method: str = "scottish",
    *,
    seats: int | None = None,
    seed: int | None = None,
    constraints: Sequence[Any] | None = None,
    **options: Any,
) -> CountResult:
    """Count ``profile`` under ``method``; ``seats`` overrides the profile's own.

    With fewer candidates standing than seats, every rule elects all of them and the
    result says how many seats are left vacant (``CountResult.vacancies`` and a warning)."""
    info = get_rule(method)
    seats = profile.seats if seats is None else seats
    if seats < 1:
        raise ProfileError(f"{seats} seats: at least one seat is needed")
    if constraints and not info.supports_constraints:
        raise UnsupportedOption(f"method {info.name!r} does not take constraints")
    result = info.run(
        profile,
        seats=seats,
        seed=seed,
        constraints=constraints,
        **options,
    )
    if result.vacancies:
        standing = profile.n_candidates - len(profile.withdrawn)
        warning = vacancy_warning(result.vacancies, seats, standing)
        result = replace(result, warnings=(*result.warnings, warning))
    return result


def vacancy_warning(vacancies: int, seats: int, standing: int) -> str:
    """What a count sheet says when seats are left unfilled."""
    left = f"{vacancies} of {seats} seats left vacant"
    if standing < seats:
        return f"{left}: only {standing} candidate{'s' if standing != 1 else ''} standing"
    return left


def _discover() -> None:
    for module in pkgutil.iter_modules(__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")


_discover()

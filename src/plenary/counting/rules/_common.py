"""Shared by the meek, irv and plurality rules: registering a rule that takes no
constraints, refusing what it cannot count, and the seed to record."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from plenary.counting.profile import Profile
from plenary.counting.record import CountResult, Stage
from plenary.counting.rules import RuleFunction, RuleInfo, UnsupportedOption, register
from plenary.counting.ties import Lot

#: A rule's own count: ``count(profile, seats, lot, **options)``.
RuleCount = Callable[..., CountResult]


def rule_without_constraints(
    name: str,
    title: str,
    *,
    refusing_as: str,
    one_post: bool = False,
    options: tuple[str, ...] = (),
    source: str = "",
    aliases: tuple[str, ...] = (),
) -> Callable[[RuleCount], RuleFunction]:
    """Register ``count(profile, seats, lot, **options)`` as the rule ``name``.

    The registered function takes the registry's arguments and ``lot=`` (else a lot seeded
    with ``seed``); it refuses, with ``refuse_unsupported`` (``refusing_as`` names the rule
    there), constraints and any option but ``options``, which it passes on.
    """

    def decorate(count: RuleCount) -> RuleFunction:
        def run(
            profile: Profile,
            *,
            seats: int,
            seed: int | None = None,
            constraints: Sequence[Any] | None = None,
            lot: Lot | None = None,
            **given: Any,
        ) -> CountResult:
            taken = {key: value for key, value in given.items() if key in options}
            refuse_unsupported(
                refusing_as,
                profile,
                seats=seats,
                constraints=constraints,
                options={key: value for key, value in given.items() if key not in options},
                one_post=one_post,
            )
            return count(profile, seats, lot or Lot(seed), **taken)

        run.__doc__ = count.__doc__
        register(RuleInfo(name, title, run, source, False, aliases))
        return run

    return decorate


def refuse_unsupported(
    rule: str,
    profile: Profile,
    *,
    seats: int,
    constraints: Sequence[Any] | None,
    options: Mapping[str, Any],
    one_post: bool = False,
) -> None:
    """Raise ``UnsupportedOption`` if ``rule`` (its name in a sentence) cannot count this."""
    if constraints:
        raise UnsupportedOption(f"{rule} takes no constraints")
    if options:
        raise UnsupportedOption(f"{rule} has no option {', '.join(sorted(options))}")
    if seats < 1:
        raise UnsupportedOption(f"{seats} seats: at least one seat is needed")
    if one_post and seats != 1:
        raise UnsupportedOption(f"{rule} fills one post, not {seats}")
    if len(profile.withdrawn) >= profile.n_candidates:
        raise UnsupportedOption("every candidate has withdrawn: there is no one to elect")


def seed_of_lots(stages: Sequence[Stage]) -> int | None:
    """The seed of the lots drawn in a count (None if none was drawn, or none was random)."""
    return next((s.tie.seed for s in stages if s.tie and s.tie.method == "lot"), None)

"""Shared by the meek, irv and plurality rules: refusing what they cannot count, and the
seed to record."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from plenary.counting.profile import Profile
from plenary.counting.record import Stage
from plenary.counting.rules import UnsupportedOption


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

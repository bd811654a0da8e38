"""Checks that any sound count record satisfies, whatever the rule.

Used by the tests on every real election and by anyone who wants to vet a stored result
before publishing it. Each check returns a list of problems; an empty list means sound.
"""

from __future__ import annotations

from plenary.counting.record import ELECTED, EXCLUDED, CountResult


def check_result(result: CountResult) -> list[str]:
    """Every problem found in ``result`` (empty if none)."""
    return [*_check_balance(result), *_check_elected(result), *_check_stages(result)]


def _check_balance(result: CountResult) -> list[str]:
    """At every stage: totals + exhausted + lost to rounding == valid votes."""
    problems = []
    for stage in result.stages:
        balance = sum(stage.totals) + stage.exhausted + stage.lost_to_rounding
        if balance != result.valid_votes:
            problems.append(
                f"stage {stage.number}: totals, exhausted and rounding add to {balance}, "
                f"not the {result.valid_votes} valid votes"
            )
        if stage.lost_to_rounding < 0 or stage.exhausted < 0:
            problems.append(f"stage {stage.number}: negative exhausted or rounding loss")
    return problems


def _check_elected(result: CountResult) -> list[str]:
    problems = []
    eligible = len(result.candidates) - len(result.withdrawn)
    if len(result.elected) != min(result.seats, eligible):
        problems.append(f"{len(result.elected)} elected for {result.seats} seats")
    if len(set(result.elected)) != len(result.elected):
        problems.append("a candidate is elected twice")
    if result.stages:
        final = result.stages[-1].states
        if any(final[c] != ELECTED for c in result.elected):
            problems.append("an elected candidate is not shown elected at the end")
        if sum(1 for s in final if s == ELECTED) != len(result.elected):
            problems.append("the final states and the list of elected disagree")
    return problems


def _check_stages(result: CountResult) -> list[str]:
    problems = []
    last = result.stages[-1].number if result.stages else 0
    for before, after in zip(result.stages, result.stages[1:], strict=False):
        if after.exhausted < before.exhausted:
            problems.append(f"stage {after.number}: exhausted votes went down")
        if after.lost_to_rounding < before.lost_to_rounding:
            problems.append(f"stage {after.number}: votes lost to rounding went down")
        for c, state in enumerate(after.states):
            # Only a formal exclusion at the very end may leave votes untransferred, and a
            # rule may show the vote a candidate had when excluded at this very stage
            # (Meek: the loser's ballots move on at the next distribution).
            allowed = after.number == last or c in after.excluded
            if state == EXCLUDED and after.totals[c] != 0 and not allowed:
                problems.append(f"stage {after.number}: excluded candidate {c + 1} has votes")
            if before.states[c] == ELECTED and state != ELECTED:
                problems.append(f"stage {after.number}: candidate {c + 1} un-elected")
    return problems

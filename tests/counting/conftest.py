"""Shared fixtures for the counting tests: where the shared test data lives."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED_DATA = REPO.parent / "shared" / "data"


def shared(*parts: str) -> Path:
    """A path under ../shared/data, or skip the test when that folder is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared test data not found at {path} (it is never copied into the repo)")
    return path


def shared_params(values: list, *parts: str, arity: int = 1) -> list:  # type: ignore[type-arg]
    """Parameters drawn from the shared data, or, when it is absent, one parameter that skips
    with the same clear reason as `shared` (instead of pytest's "empty parameter set")."""
    if values:
        return values
    path = SHARED_DATA.joinpath(*parts)
    reason = f"shared test data not found at {path} (it is never copied into the repo)"
    return [pytest.param(*([None] * arity), marks=pytest.mark.skip(reason=reason))]

"""The public API of plenary.counting is exactly what ``__all__`` lists."""

from __future__ import annotations

import plenary.counting as counting


def test_everything_in_all_exists() -> None:
    for name in counting.__all__:
        assert hasattr(counting, name), name


def test_all_lists_every_public_name() -> None:
    public = {
        name
        for name, value in vars(counting).items()
        if not name.startswith("_") and not getattr(value, "__name__", "").startswith("plenary.")
    }
    assert public == set(counting.__all__)

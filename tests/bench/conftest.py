"""The benchmark scripts are not a package: load them from bench/ by path."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
DATA = ROOT.parent / "shared" / "data"

# The peer adapters import their reader as a top-level module, as they do when run.
sys.path.insert(0, str(BENCH / "peers"))


def load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_bench_{path.stem}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def harness() -> ModuleType:
    return load(BENCH / "bench_counting.py")


@pytest.fixture(scope="session")
def bltread() -> ModuleType:
    return load(BENCH / "peers" / "bltread.py")


@pytest.fixture(scope="session")
def adapter() -> ModuleType:
    return load(BENCH / "peers" / "adapter.py")

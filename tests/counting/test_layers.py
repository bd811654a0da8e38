"""plenary.counting is pure: importing all of it in a fresh interpreter loads no Django."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import importlib, pkgutil, sys
import plenary.counting as root
for info in pkgutil.walk_packages(root.__path__, root.__name__ + "."):
    importlib.import_module(info.name)
print(sorted(m for m in sys.modules if m == "django" or m.startswith("django.")))
"""


def test_importing_every_counting_module_does_not_load_django() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_counting_command_runs_without_django() -> None:
    code = (
        "import sys; from plenary.counting.cli import build_parser; build_parser();"
        "print('django' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"

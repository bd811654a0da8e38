"""The counting command starts without Django (tests/test_layers.py covers every module)."""

from __future__ import annotations

import subprocess
import sys


def test_the_counting_command_runs_without_django() -> None:
    code = (
        "import sys; from plenary.counting.cli import build_parser; build_parser();"
        "print('django' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"

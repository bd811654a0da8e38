"""The pure libraries never load Django: importing them in a fresh interpreter must not."""

from __future__ import annotations

import subprocess
import sys

import pytest

PURE_PACKAGES = ["plenary.counting", "plenary.procedure"]


@pytest.mark.parametrize("package", PURE_PACKAGES)
def test_pure_package_does_not_import_django(package):
    code = (
        "import sys, pkgutil, importlib\n"
        f"import {package} as root\n"
        "for info in pkgutil.walk_packages(root.__path__, root.__name__ + '.'):\n"
        "    importlib.import_module(info.name)\n"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"{package} imported {result.stdout.strip()}"

"""The pure libraries never load Django: importing them in a fresh interpreter must not."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

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


# The web apps from the bottom up (docs/decisions/0008-layout-and-naming.md): an app may import
# from the apps before it in this list and never from those after it.
WEB_LAYERS = [
    "core",
    "audit",
    "lifecycles",
    "documents",
    "organisation",
    "members",
    "accounts",
    "notifications",
    "elections",
    "api",
]
WEB_ROOT = Path(__file__).resolve().parents[1] / "src" / "plenary" / "web"


def _web_modules() -> list[Path]:
    return sorted(
        path
        for path in WEB_ROOT.rglob("*.py")
        if "migrations" not in path.relative_to(WEB_ROOT).parts
    )


def _imported_modules(path: Path, text: str | None = None) -> list[tuple[int, str]]:
    """Every module a file imports, wherever the import stands (top level, inside a function,
    under TYPE_CHECKING), with relative imports made absolute."""
    package = ".".join(("plenary", "web", *path.relative_to(WEB_ROOT).with_suffix("").parts))
    if path.name != "__init__.py":
        package = package.rsplit(".", 1)[0]
    found = []
    source = path.read_text() if text is None else text
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def _app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[:2] == ["plenary", "web"] else None


def test_every_web_app_has_its_place_in_the_layers():
    apps = {p.name for p in WEB_ROOT.iterdir() if (p / "apps.py").exists()}
    assert apps == set(WEB_LAYERS), "add the new app to WEB_LAYERS (and to decision 0008)"


def test_no_web_app_imports_an_app_above_it():
    wrong = []
    for path in _web_modules():
        parts = path.relative_to(WEB_ROOT).parts
        if len(parts) < 2:
            continue  # settings, urls, wsgi: the project, above every app
        app = parts[0]
        for line, module in _imported_modules(path):
            target = _app_of(module)
            if target in WEB_LAYERS and WEB_LAYERS.index(target) > WEB_LAYERS.index(app):
                wrong.append(f"{path.relative_to(WEB_ROOT)}:{line} ({app}) imports {module}")
    assert not wrong, "imports against the layer order:\n" + "\n".join(sorted(set(wrong)))


def test_the_layer_check_sees_function_level_and_relative_imports():
    code = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from plenary.web.members.models import Member\n"
        "def f():\n    from plenary.web.api import api\n"
        "from . import actions\n"
        "from ..elections import selectors\n"
    )
    modules = {module for _, module in _imported_modules(WEB_ROOT / "core" / "probe.py", code)}
    assert {
        "plenary.web.members.models",
        "plenary.web.api",
        "plenary.web.core.actions",
        "plenary.web.elections.selectors",
    } <= modules

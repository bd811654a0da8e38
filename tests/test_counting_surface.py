"""The web apps use counting only through its public surface, ``plenary.counting.__all__``."""

from __future__ import annotations

import ast
from pathlib import Path

import plenary.counting

WEB = Path(plenary.counting.__file__).parent.parent / "web"


def test_every_exported_name_exists():
    missing = [name for name in plenary.counting.__all__ if not hasattr(plenary.counting, name)]
    assert missing == []


def test_web_apps_import_counting_only_from_the_package():
    offending = []
    for path in sorted(WEB.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and node.module:
                modules = [node.module]
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
                names = []
            else:
                continue
            for module in modules:
                if module.startswith("plenary.counting."):
                    offending.append(f"{path.relative_to(WEB)}: {module}")
                elif module == "plenary.counting":
                    offending += [
                        f"{path.relative_to(WEB)}: plenary.counting.{name}"
                        for name in names
                        if name not in plenary.counting.__all__
                    ]
    assert offending == []

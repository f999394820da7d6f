"""ARCHITECTURE.md's floors hold: a module imports only modules of its own floor or the floors below."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "speclint"
FLOORS = {
    **dict.fromkeys(("cli", "pytest_plugin", "action", "server", "__main__"), 1),  # faces
    **dict.fromkeys(("lint", "config", "diff", "fuzz"), 2),  # jobs
    **dict.fromkeys(("loaders", "rules", "custom", "report"), 3),  # parts
    **dict.fromkeys(("model", "findings", "errors", "sources", "progress", "rulesets", "__init__"), 4),  # ground
}


def _part(module: str) -> str:
    return module.split(".")[1] if module.count(".") else "__init__"


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name == "speclint" or name.startswith("speclint.")}


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_imports_no_floor_above_its_own(path: Path) -> None:
    relative = path.relative_to(PACKAGE).with_suffix("")
    part = relative.parts[0]
    floor = FLOORS[part]
    above = sorted(m for m in _imports(path) if FLOORS[_part(m)] < floor)
    assert above == [], f"{part} (floor {floor}) imports {above}"

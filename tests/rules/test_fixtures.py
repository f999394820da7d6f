"""Every rule's failing fixture reports exactly the findings marked in it; its passing one none.

A fixture marks each expected finding on its line with a comment: ``# expect: rule-id`` in YAML
and GraphQL, ``// expect: rule-id`` in proto (several ids separated by commas). Beside each
failing fixture, a snapshot (``bad.yaml.snap``) pins the whole of each finding — file, line, column,
rule and message — as ruff's snapshots do; ``SPECLINT_UPDATE_SNAPSHOTS=1`` rewrites them.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, run_cli

RULE_FIXTURES = FIXTURES / "rules"
_EXPECT = re.compile(r"(?:#|//)\s*expect:\s*([\w\-, ]+)")
_LOADERS = {".graphql": "speclint.loaders.graphql", ".proto": "speclint.loaders.protobuf"}


def expectations(path: Path) -> set[tuple[str, int]]:
    if path.is_dir():
        return {e for file in sorted(path.rglob("*")) if file.is_file() for e in expectations(file)}
    found = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = _EXPECT.search(line)
        if match:
            found.update((rule.strip(), number) for rule in match.group(1).split(",") if rule.strip())
    return found


def fixture_files(kind: str) -> list[Path]:
    """``<rule>/bad.<ext>`` files, and ``<rule>/bad/`` folders (for rules about file layout)."""
    found = RULE_FIXTURES.glob(f"*/{kind}*")
    return sorted(p for p in found if (p.is_file() and p.suffix != ".snap") or p.name == kind)


def _needs_loader(path: Path) -> None:
    import importlib.util

    suffix = path.suffix or next((f.suffix for f in path.rglob("*") if f.is_file()), "")
    module = _LOADERS.get(suffix)
    if module is not None and importlib.util.find_spec(module) is None:
        pytest.skip(f"the {path.suffix} loader is not available in this build")


def diagnostics_of(path: Path, rule: str) -> list[dict[str, object]]:
    result = run_cli("check", path, "--select", rule, "--format", "json", "--fail-on", "never")
    assert result.code == 0, result.stderr
    diagnostics: list[dict[str, object]] = result.json()["diagnostics"]
    return diagnostics


def findings_of(path: Path, rule: str) -> set[tuple[str, int]]:
    return {(str(d["rule"]), int(str(d["line"]))) for d in diagnostics_of(path, rule)}


def rendered(path: Path, diagnostics: list[dict[str, object]]) -> str:
    """One line per finding: file (relative to the fixture's folder):line:column rule message."""
    lines = []
    for d in diagnostics:
        file = Path(str(d["file"])).resolve().relative_to(path.parent.resolve()).as_posix()
        lines.append(f"{file}:{d['line']}:{d['column']} {d['rule']} {d['message']}")
    return "".join(line + "\n" for line in lines)


def snapshot_of(path: Path) -> Path:
    return path.parent / f"{path.name}.snap"


@pytest.mark.parametrize("path", fixture_files("bad"), ids=lambda p: p.parent.name)
def test_failing_fixture_reports_each_marked_line(path: Path) -> None:
    _needs_loader(path)
    rule = path.parent.name
    expected = expectations(path)
    assert expected, f"{path} marks no expected finding"
    diagnostics = diagnostics_of(path, rule)
    assert {(str(d["rule"]), int(str(d["line"]))) for d in diagnostics} == expected
    snapshot, text = snapshot_of(path), rendered(path, diagnostics)
    if os.environ.get("SPECLINT_UPDATE_SNAPSHOTS") == "1":
        snapshot.write_text(text, encoding="utf-8")
    assert snapshot.is_file(), f"no snapshot {snapshot}: run the test with SPECLINT_UPDATE_SNAPSHOTS=1"
    assert text == snapshot.read_text(encoding="utf-8"), f"{snapshot} differs (SPECLINT_UPDATE_SNAPSHOTS=1 rewrites it)"


@pytest.mark.parametrize("path", fixture_files("good"), ids=lambda p: p.parent.name)
def test_passing_fixture_reports_nothing(path: Path) -> None:
    _needs_loader(path)
    assert findings_of(path, path.parent.name) == set()

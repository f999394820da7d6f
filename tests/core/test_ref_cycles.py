"""``$ref`` cycles are findings at the reference that closes them, in one file or across files;
a pointer that runs through references back to itself is one too (it used to overflow the stack)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli

HEAD = 'openapi: 3.0.3\ninfo: {title: T, version: "1"}\n'


def _refs(folder: Path) -> list[tuple[str, str, int, int, str]]:
    result = run_cli("check", "--no-cache", "--format", "json", "--select", "unresolved-ref,internal-error", folder)
    assert result.code == 1, result.stderr
    found = result.json()["diagnostics"]
    return [(d["rule"], Path(d["file"]).name, d["line"], d["column"], d["message"]) for d in found]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_cycle_across_files_is_reported_like_one_within_a_file(folder: Path) -> None:
    (folder / "api.yaml").write_text(HEAD + "paths:\n  /a:\n    $ref: './b.yaml#/B'\n")
    (folder / "b.yaml").write_text("B:\n  $ref: './c.yaml#/C'\n")
    (folder / "c.yaml").write_text("C:\n  $ref: './b.yaml#/B'\n")
    assert _refs(folder) == [("unresolved-ref", "b.yaml", 2, 3, "circular $ref './c.yaml#/C'")]


def test_a_pointer_through_references_back_to_itself_across_files(folder: Path) -> None:
    (folder / "api.yaml").write_text(HEAD + "paths:\n  /a:\n    $ref: './b.yaml#/B'\n")
    (folder / "b.yaml").write_text("B:\n  $ref: './c.yaml#/C/x'\n")
    (folder / "c.yaml").write_text("C:\n  $ref: './b.yaml#/B'\n")
    assert _refs(folder) == [("unresolved-ref", "b.yaml", 2, 3, "circular $ref './c.yaml#/C/x'")]


def test_a_pointer_through_references_back_to_itself_in_one_file(folder: Path) -> None:
    (folder / "api.yaml").write_text(
        HEAD
        + "paths:\n  /a:\n    $ref: '#/components/x-B'\n"
        + "components:\n  x-B:\n    $ref: '#/components/x-C/x'\n  x-C:\n    $ref: '#/components/x-B'\n"
    )
    assert _refs(folder) == [("unresolved-ref", "api.yaml", 8, 5, "circular $ref '#/components/x-C/x'")]

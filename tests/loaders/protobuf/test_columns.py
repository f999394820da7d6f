"""Finding columns in .proto files count characters: protoc counts bytes and expands tabs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli

COLOURS = """syntax = "proto3";

package acme.v1;

// Colours.
enum Colour {
\tCOLOUR_UNSPECIFIED = 0;
\tRED = 1;
  /* é */ GREEN = 2;
  BLUE = 3;
}
"""


def prefix_findings(folder: Path) -> list[tuple[int, int, int, int]]:
    result = run_cli("check", folder, "--format", "json", "--no-cache")
    assert result.code == 0, result.stderr  # warnings only
    found = [d for d in result.json()["diagnostics"] if d["rule"] == "protobuf-enum-value-prefix"]
    return [(d["line"], d["column"], d["end_line"], d["end_column"]) for d in found]


def test_tabs_and_characters_beyond_ascii_count_as_one_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "acme" / "v1").mkdir(parents=True)
    (tmp_path / "acme" / "v1" / "colour.proto").write_text(COLOURS, "utf-8")
    monkeypatch.chdir(tmp_path)
    assert prefix_findings(Path("acme")) == [(8, 2, 8, 10), (9, 11, 9, 21), (10, 3, 10, 12)]


def test_a_plain_ascii_file_keeps_protocs_columns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "acme" / "v1").mkdir(parents=True)
    plain = COLOURS.replace("\t", "  ").replace("/* é */ ", "")
    (tmp_path / "acme" / "v1" / "colour.proto").write_text(plain, "utf-8")
    monkeypatch.chdir(tmp_path)
    assert prefix_findings(Path("acme")) == [(8, 3, 8, 11), (9, 3, 9, 13), (10, 3, 10, 12)]

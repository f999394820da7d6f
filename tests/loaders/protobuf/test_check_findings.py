"""What `speclint check` reports for .proto files: loader findings at exact lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, run_cli

PROTO = FIXTURES / "proto"
LOADER_RULES = {"syntax-error", "invalid-structure", "unresolved-ref", "internal-error"}


def loader_findings(*args: str | Path) -> tuple[int, list[dict[str, Any]], dict[str, Any]]:
    result = run_cli("check", *args, "--format", "json", "--fail-on", "error")
    assert result.code in (0, 1), result.stderr
    report = result.json()
    found = [d for d in report["diagnostics"] if d["rule"] in LOADER_RULES]
    return result.code, found, report["summary"]


def positions(found: list[dict[str, Any]]) -> list[tuple[str, str, int, int]]:
    return sorted((d["rule"], Path(d["file"]).name, d["line"], d["column"]) for d in found)


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES.parent)


def test_syntax_error_is_reported_where_protoc_stops_and_other_files_still_load() -> None:
    code, found, summary = loader_findings(PROTO / "errors" / "syntax")
    assert code == 1
    assert positions(found) == [("syntax-error", "broken.proto", 9, 3)]
    assert found[0]["message"] == 'Expected ";".'
    assert found[0]["file"] == "fixtures/proto/errors/syntax/broken.proto"
    assert found[0]["category"] == "syntax" and found[0]["spec_format"] == "protobuf"
    assert summary["files"] == 3


def test_missing_import_is_an_unresolved_ref_on_the_import_line() -> None:
    code, found, _ = loader_findings(PROTO / "errors" / "missing")
    assert code == 1
    assert positions(found) == [("unresolved-ref", "orphan.proto", 6, 8)]
    assert found[0]["end_column"] == 31
    assert "shop/v1/nowhere.proto" in found[0]["message"]


def test_import_cycle_is_reported_on_each_import_that_closes_it() -> None:
    _, found, _ = loader_findings(PROTO / "errors" / "cycle")
    assert positions(found) == [
        ("unresolved-ref", "ping.proto", 5, 8),
        ("unresolved-ref", "pong.proto", 10, 8),
    ]
    assert found[0]["message"] == "import cycle: ping.proto -> pong.proto -> ping.proto"


def test_semantic_error_is_invalid_structure_at_protocs_position() -> None:
    _, found, _ = loader_findings(PROTO / "errors" / "structure")
    assert positions(found) == [("invalid-structure", "duplicate.proto", 10, 21)]
    assert "Field number 1 has already been used" in found[0]["message"]


def test_well_known_types_resolve_without_any_proto_path() -> None:
    _, found, summary = loader_findings(PROTO / "wkt", "--select", "syntax,structure")
    assert found == []
    assert summary["files"] == 1


def test_proto_path_root_resolves_imports() -> None:
    _, without, _ = loader_findings(PROTO / "api" / "acme")
    assert positions(without) == [
        ("unresolved-ref", "user.proto", 6, 8),
        ("unresolved-ref", "user.proto", 7, 8),
        ("unresolved-ref", "user.proto", 8, 8),
        ("unresolved-ref", "user.proto", 9, 8),
    ]
    _, found, summary = loader_findings(PROTO / "api" / "acme", "--proto-path", PROTO / "api")
    assert found == []
    assert summary["files"] == 3  # the three linted files, not the three google/api files they import


def test_buf_yaml_module_is_an_import_root() -> None:
    _, found, summary = loader_findings(PROTO / "buf")
    assert found == []
    assert summary["files"] == 2


def test_one_file_named_on_the_command_line() -> None:
    _, found, summary = loader_findings(PROTO / "errors" / "structure" / "duplicate.proto")
    assert positions(found) == [("invalid-structure", "duplicate.proto", 10, 21)]
    assert summary["files"] == 1


def test_several_broken_files_in_one_run_are_all_reported() -> None:
    _, found, summary = loader_findings(
        PROTO / "errors", "--proto-path", PROTO / "errors" / "syntax", "--proto-path", PROTO / "errors" / "cycle"
    )
    assert positions(found) == [
        ("invalid-structure", "duplicate.proto", 10, 21),
        ("syntax-error", "broken.proto", 9, 3),
        ("unresolved-ref", "orphan.proto", 6, 8),
        ("unresolved-ref", "ping.proto", 5, 8),
        ("unresolved-ref", "pong.proto", 10, 8),
    ]
    assert summary["files"] == 7


def test_binary_garbage_gives_one_syntax_error(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.proto"
    garbage.write_bytes(bytes(range(256)) * 8)
    fine = tmp_path / "fine.proto"
    fine.write_text('syntax = "proto3";\npackage ok.v1;\nmessage Ok { int32 n = 1; }\n')
    code, found, summary = loader_findings(tmp_path)
    assert code == 1
    assert [(d["rule"], Path(d["file"]).name, d["line"], d["column"]) for d in found] == [
        ("syntax-error", "garbage.proto", 1, 1)
    ]
    assert summary["files"] == 2

"""``speclint affected`` and ``check --changed``: changed files -> the units that read them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.action.specs import NODES
from tests.conftest import run_cli


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An OpenAPI document with a chain of $ref targets, a two-file GraphQL schema, two protos."""
    for folder in ("schemas", "api", "protos", "other"):
        (tmp_path / folder).mkdir()
    (tmp_path / "openapi.yaml").write_text(NODES)
    (tmp_path / "schemas" / "node.yaml").write_text("type: object\nproperties:\n  id: {$ref: './id.yaml#/id'}\n")
    (tmp_path / "schemas" / "id.yaml").write_text('id:\n  type: [integer, "null"]\n')
    (tmp_path / "schemas" / "unused.yaml").write_text("type: string\n")
    (tmp_path / "api" / "schema.graphql").write_text('"""Q"""\ntype Query { a: Int }\n')
    (tmp_path / "api" / "ext.gql").write_text("extend type Query { b: Int }\n")
    (tmp_path / "protos" / "a.proto").write_text(
        'syntax = "proto3";\npackage a;\nimport "protos/b.proto";\nmessage A { b.B b = 1; }\n'
    )
    (tmp_path / "protos" / "b.proto").write_text('syntax = "proto3";\npackage b;\nmessage B {}\n')
    (tmp_path / "other" / "c.proto").write_text('syntax = "proto3";\npackage c;\nmessage C {}\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _units(*files: str) -> list[dict[str, object]]:
    result = run_cli("affected", "--format", "json", "--", *files)
    assert result.code == 0, result.stderr
    units: list[dict[str, object]] = result.json()["units"]
    return units


def test_a_ref_target_two_refs_away_brings_in_its_document(tree: Path) -> None:
    assert _units("schemas/id.yaml") == [
        {"format": "openapi", "entries": ["openapi.yaml"], "changed": ["schemas/id.yaml"]}
    ]
    assert _units("schemas/unused.yaml", "README.md") == []


def test_one_graphql_file_brings_in_the_whole_schema(tree: Path) -> None:
    assert _units("api/ext.gql") == [
        {"format": "graphql", "entries": ["api/ext.gql", "api/schema.graphql"], "changed": ["api/ext.gql"]}
    ]


def test_a_proto_brings_in_its_importers(tree: Path) -> None:
    units = _units("protos/b.proto")
    assert [(u["format"], u["entries"]) for u in units] == [
        ("protobuf", ["protos/a.proto"]),
        ("protobuf", ["protos/b.proto"]),
    ]


def test_deleted_files_count(tree: Path) -> None:
    (tree / "schemas" / "id.yaml").unlink()
    (tree / "protos" / "b.proto").unlink()
    units = _units("schemas/id.yaml", "protos/b.proto")
    assert [(u["format"], u["entries"], u["changed"]) for u in units] == [
        ("openapi", ["openapi.yaml"], ["schemas/id.yaml"]),
        ("protobuf", ["protos/a.proto"], ["protos/b.proto"]),
    ]


def test_text_output_names_the_units(tree: Path) -> None:
    result = run_cli("affected", "--", "schemas/node.yaml", "api/ext.gql")
    assert result.stdout == (
        "openapi: openapi.yaml (reads schemas/node.yaml)\n"
        "graphql: api/ext.gql api/schema.graphql (reads api/ext.gql)\n"
    )


def test_check_changed_lints_the_units_whole(tree: Path) -> None:
    # Linted alone, the extension fails; as part of its schema it is fine.
    alone = run_cli("check", "--no-cache", "--format", "json", "--select", "syntax,structure", "api/ext.gql")
    assert "not defined" in alone.stdout and alone.code == 1
    result = run_cli("check", "--no-cache", "--changed", "--format", "json", "--", "api/ext.gql")
    assert result.code == 0, result.stdout + result.stderr
    assert result.json()["summary"]["files"] == 2
    # A $ref target is linted through its document; a change that touches no unit lints nothing.
    result = run_cli("check", "--no-cache", "--changed", "--format", "json", "--", "schemas/id.yaml")
    assert sorted({d["file"] for d in result.json()["diagnostics"]} | {"openapi.yaml"}) == ["openapi.yaml"]
    assert result.json()["summary"]["files"] == 3
    nothing = run_cli("check", "--no-cache", "--changed", "--format", "json", "--", "README.md")
    assert (nothing.code, nothing.json()["summary"]["files"]) == (0, 0)


def test_odd_file_names_are_files(tree: Path) -> None:
    odd = "--output=api yaml\nx ü.yaml"
    (tree / "openapi.yaml").write_text(NODES.replace("'schemas/node.yaml'", json.dumps(odd)))
    (tree / odd).write_text("type: string\n")
    assert _units(odd) == [{"format": "openapi", "entries": ["openapi.yaml"], "changed": [odd]}]

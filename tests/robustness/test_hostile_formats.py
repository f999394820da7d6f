"""Hostile GraphQL and protobuf input: a finding or a clean pass, within seconds, never a crash."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import run_cli

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _check(path: Path, *args: str) -> tuple[int, list[dict[str, object]], float]:
    start = time.perf_counter()
    result = run_cli("check", "--no-cache", "--format", "json", "--select", "syntax,structure", *args, path)
    elapsed = time.perf_counter() - start
    assert result.code in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    diagnostics = result.json()["diagnostics"]
    assert not [d for d in diagnostics if d["rule"] == "internal-error"]
    return result.code, diagnostics, elapsed


def test_graphql_type_with_50000_fields(tmp_path: Path) -> None:
    path = tmp_path / "wide.graphql"
    fields = "\n".join(f"  field{i}: String" for i in range(50_000))
    path.write_text(f"type Query {{\n{fields}\n  field7: Int\n}}\n")
    code, diagnostics, _ = _check(path)
    assert code == 1
    assert [(d["rule"], d["line"]) for d in diagnostics] == [("invalid-structure", 50_002)]


@pytest.mark.parametrize("depth", [100, 20_000])
def test_graphql_deeply_nested_list_types(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "deep.graphql"
    path.write_text("type Query {\n  f: " + "[" * depth + "Int" + "]" * depth + "\n}\n")
    _check(path)


@pytest.mark.parametrize(
    ("name", "content"),
    [("empty.graphql", b""), ("bytes.graphql", b"type Query { a: \xff\xfe }"), ("nul.graphql", b"\x00" * 64)],
)
def test_graphql_broken_files(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, diagnostics, _ = _check(path)
    assert code == 1 and diagnostics[0]["rule"] == "syntax-error"


def test_proto_import_cycle_and_missing_import(tmp_path: Path) -> None:
    (tmp_path / "a.proto").write_text('syntax = "proto3";\npackage p.v1;\nimport "b.proto";\nmessage A {}\n')
    (tmp_path / "b.proto").write_text('syntax = "proto3";\npackage p.v1;\nimport "a.proto";\nmessage B {}\n')
    (tmp_path / "c.proto").write_text('syntax = "proto3";\npackage p.v1;\nimport "missing.proto";\nmessage C {}\n')
    code, diagnostics, elapsed = _check(tmp_path)
    assert code == 1
    by_file = {(Path(str(d["file"])).name, d["rule"], d["line"]) for d in diagnostics}
    assert ("c.proto", "unresolved-ref", 3) in by_file
    assert any(name in ("a.proto", "b.proto") for name, _, _ in by_file)
    assert elapsed < 30


@pytest.mark.parametrize("content", [b"", b"\xff\xfe\x00garbage", b"message {", b"syntax = \"proto9\";"])
def test_proto_broken_files(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.proto"
    path.write_bytes(content)
    _check(path)


@FUZZ
@given(
    tokens=st.lists(
        st.sampled_from(["type", "Query", "{", "}", "[", "]", "!", ":", "@", "(", ")", "=", '"', '"""', "#", "\n",
                         "extend", "input", "enum", "String", "Int", "a", "b", " ", ",", "schema", "union", "|"]),
        max_size=60,
    )
)
def test_graphql_random_text(tmp_path: Path, tokens: list[str]) -> None:
    path = tmp_path / "random.graphql"
    path.write_text(" ".join(tokens))
    _check(path)

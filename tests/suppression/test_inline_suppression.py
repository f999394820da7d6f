"""Inline suppressions: x-speclint-ignore on OpenAPI nodes, comments in YAML, GraphQL and proto."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from speclint.loaders.registry import loader_for
from speclint.model import SpecFormat
from tests.conftest import run_cli
from tests.helpers import create_pet, shop_spec
from tests.report.helpers import RULESET


def _spec(post_extra: str = "") -> str:
    """The shop spec (List_Pets at line 8, Create_Pet at 13) with ``post_extra`` right after ``post:``."""
    return shop_spec("List_Pets", create_pet(extra=post_extra))


def _check(folder: Path, text: str, *args: str, name: str = "api.yaml") -> tuple[int, list[dict[str, Any]]]:
    (folder / name).write_text(text, encoding="utf-8")
    result = run_cli("check", "--ruleset", RULESET, name, "--format", "json", *args)
    assert result.code in (0, 1), result.stderr
    return result.code, result.json()["diagnostics"]


def _where(findings: list[dict[str, Any]]) -> list[tuple[str, int]]:
    return [(f["rule"], f["line"]) for f in findings]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_without_suppressions(tmp_path: Path) -> None:
    _, findings = _check(tmp_path, _spec())
    assert _where(findings) == [
        ("openapi-operation-id-casing", 8),
        ("openapi-operation-id-casing", 13),
        ("security-scheme-defined", 15),
    ]


def test_extension_on_a_node_covers_the_node_and_its_children(tmp_path: Path) -> None:
    text = _spec("\n      x-speclint-ignore: [openapi-operation-id-casing, security-scheme-defined]")
    code, findings = _check(tmp_path, text)
    assert _where(findings) == [("openapi-operation-id-casing", 8)]
    assert code == 1


def test_extension_as_a_string_and_wildcard(tmp_path: Path) -> None:
    text = _spec("\n      x-speclint-ignore: '*'")
    _, findings = _check(tmp_path, text)
    assert _where(findings) == [("openapi-operation-id-casing", 8)]


def test_extension_at_the_root_covers_the_whole_file(tmp_path: Path) -> None:
    text = "x-speclint-ignore: [openapi-operation-id-casing]\n" + _spec()
    _, findings = _check(tmp_path, text)
    assert _where(findings) == [("security-scheme-defined", 16)]


def test_comment_above_the_line(tmp_path: Path) -> None:
    text = _spec().replace(
        "      operationId: Create_Pet\n",
        "      # speclint: ignore[openapi-operation-id-casing] -- generated SDKs depend on it\n"
        "      operationId: Create_Pet\n",
    )
    _, findings = _check(tmp_path, text)
    assert _where(findings) == [("openapi-operation-id-casing", 8), ("security-scheme-defined", 16)]


def test_comment_on_the_line_and_bare_ignore(tmp_path: Path) -> None:
    text = _spec().replace(
        "operationId: List_Pets\n", "operationId: List_Pets  # speclint: ignore\n"
    ).replace("        - oauth: []\n", "        - oauth: []  # speclint: ignore[*]\n")
    _, findings = _check(tmp_path, text)
    assert _where(findings) == [("openapi-operation-id-casing", 13)]


def test_a_suppression_that_suppresses_nothing_is_reported(tmp_path: Path) -> None:
    text = _spec().replace(
        "    get:\n", "    get:\n      x-speclint-ignore: [security-scheme-defined]\n"
    ).replace("  title: Shop\n", "  title: Shop  # speclint: ignore[openapi-operation-id-unique, no-such-rule]\n")
    code, findings = _check(tmp_path, text, "--fail-on", "error")
    unused = [f for f in findings if f["rule"] == "unused-suppression"]
    assert [(f["line"], f["column"], f["message"]) for f in unused] == [
        (3, 16, "suppression of 'openapi-operation-id-unique' suppresses nothing"),
        (3, 16, "suppression of unknown rule 'no-such-rule'"),
        (8, 7, "suppression of 'security-scheme-defined' suppresses nothing"),
    ]
    assert {(f["severity"], f["category"]) for f in unused} == {("warning", "structure")}
    assert unused[2]["pointer"] == "/paths/~1pets/get/x-speclint-ignore"
    assert code == 1  # the casing errors still fail the run


def test_suppressions_of_rules_that_did_not_run_are_not_reported(tmp_path: Path) -> None:
    comment = "  title: Shop  # speclint: ignore[security-scheme-defined]\n"
    text = _spec().replace("  title: Shop\n", comment)
    _, findings = _check(tmp_path, text, "--ignore", "security-scheme-defined")
    assert "unused-suppression" not in {f["rule"] for f in findings}
    _, findings = _check(tmp_path, text, "--ignore", "unused-suppression")
    assert "unused-suppression" not in {f["rule"] for f in findings}


def test_suppression_in_a_referenced_file(tmp_path: Path) -> None:
    (tmp_path / "paths.yaml").write_text(
        "post:\n"
        "  # speclint: ignore[openapi-operation-id-casing]\n"
        "  operationId: Create_Pet\n"
        "  responses:\n"
        "    '201': {description: Created}\n"
    )
    text = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /pets:\n    $ref: './paths.yaml'\n"
    _, findings = _check(tmp_path, text)
    assert findings == []


def _needs(spec_format: SpecFormat) -> None:
    if loader_for(spec_format) is None:
        pytest.skip(f"this build has no {spec_format.value} loader yet")


def test_graphql_comment_suppresses_a_finding_on_the_next_line(tmp_path: Path) -> None:
    _needs(SpecFormat.GRAPHQL)
    broken = "type User { id: ID }\ntype Query {\n  # speclint: ignore[syntax-error]\n  user(: ID): User\n}\n"
    unsuppressed = broken.replace("  # speclint: ignore[syntax-error]\n", "")
    _, findings = _check(tmp_path, unsuppressed, name="schema.graphql")
    assert [f["rule"] for f in findings] == ["syntax-error"]
    _, findings = _check(tmp_path, broken, name="schema.graphql")
    assert findings == []


def test_proto_comment_suppresses_a_finding(tmp_path: Path) -> None:
    _needs(SpecFormat.PROTOBUF)
    text = 'syntax = "proto3";\npackage acme.v1;\nmessage Item {\n  string name = 1 2;\n}\n'
    _, findings = _check(tmp_path, text, name="item.proto")
    assert [f["rule"] for f in findings] == ["syntax-error"]
    line = findings[0]["line"]
    lines = text.splitlines(keepends=True)
    lines.insert(line - 1, "  // speclint: ignore[syntax-error]\n")
    _, findings = _check(tmp_path, "".join(lines), name="item.proto")
    assert findings == []

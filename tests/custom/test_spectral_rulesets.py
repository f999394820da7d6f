"""Spectral-format rulesets through the CLI: rule ids at exact lines, severities, notices."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, run_cli

CUSTOM = FIXTURES / "custom"
SPEC = CUSTOM / "specs" / "shop.yaml"


def check(ruleset: str, *paths: Path, expect_code: int | None = None) -> tuple[set[tuple[str, str, int, int]], Any]:
    """(rule, file name, line, column) of every finding, and the CLI result."""
    result = run_cli("check", *(paths or (SPEC,)), "--ruleset", CUSTOM / "rulesets" / ruleset, "--format", "json")
    assert result.code in (0, 1), result.stderr
    if expect_code is not None:
        assert result.code == expect_code
    found = {(d["rule"], Path(d["file"]).name, d["line"], d["column"]) for d in result.json()["diagnostics"]}
    return found, result


def test_each_core_function_reports_at_its_line() -> None:
    found, _ = check("functions.spectral.yaml")
    assert found == {
        ("t-defined", "shop.yaml", 2, 1),
        ("t-or", "shop.yaml", 2, 1),
        ("t-xor", "shop.yaml", 2, 1),
        ("t-pattern-match", "shop.yaml", 6, 5),
        ("t-alphabetical", "shop.yaml", 7, 1),
        ("t-length", "shop.yaml", 7, 1),
        ("t-truthy", "shop.yaml", 12, 5),
        ("t-casing", "shop.yaml", 13, 7),
        ("t-falsy", "shop.yaml", 14, 7),
        ("t-undefined", "shop.yaml", 14, 7),
        ("t-casing-snake-sep", "shop.yaml", 27, 7),
        ("t-schema", "shop.yaml", 27, 7),
        ("t-pattern-notmatch", "shop.yaml", 28, 7),
        ("t-enumeration", "shop.yaml", 36, 7),
        ("t-unreferenced", "shop.yaml", 40, 5),
        ("t-typed-enum", "shop.yaml", 42, 17),
    }


def test_given_forms() -> None:
    found, _ = check("given.spectral.yaml")
    assert found == {
        ("g-expression-filter", "schemas.yaml", 1, 1),  # reached through a $ref into another file
        ("g-dotted-field", "shop.yaml", 2, 1),
        ("g-then-list", "shop.yaml", 2, 1),
        ("g-key-field", "shop.yaml", 11, 3),
        ("g-descent-key-filter", "shop.yaml", 26, 5),
        ("g-alias", "shop.yaml", 30, 9),
        ("g-in-filter", "shop.yaml", 34, 5),
        ("g-jsonpath-field", "shop.yaml", 41, 7),
    }


def test_extends_rules_and_overrides_by_glob_and_pointer() -> None:
    _, result = check("overrides.spectral.yaml")
    by_rule = {(d["rule"], d["line"]): d["severity"] for d in result.json()["diagnostics"]}
    assert ("t-falsy", 14) not in by_rule  # turned off
    assert by_rule[("t-undefined", 14)] == "error"  # severity changed
    assert by_rule[("t-casing", 13)] == "hint"  # override by file glob
    assert ("t-schema", 27) not in by_rule  # override by file#/pointer
    assert by_rule[("t-truthy", 12)] == "warning"


def test_message_templates_and_severities() -> None:
    _, result = check("messages.spectral.yaml")
    rows = {d["rule"]: d for d in result.json()["diagnostics"]}
    assert rows["m-all"]["message"] == (
        "Operations need a description: get.description at #/paths/~1items~1/get "
        '("description" property must be truthy)'
    )
    assert (rows["m-all"]["line"], rows["m-all"]["severity"]) == (12, "error")
    assert rows["m-value"]["message"] == "operationId createOrder is too long"
    assert rows["m-value"]["severity"] == "hint"
    assert rows["m-default"]["message"] == "Servers have no trailing slash"  # the description
    assert rows["m-default"]["severity"] == "info"


def test_javascript_functions_are_reported_once_and_the_rest_runs() -> None:
    found, result = check("javascript.spectral.yaml")
    assert found == {("plain-rule", "shop.yaml", 2, 1)}
    notices = [line for line in result.stderr.splitlines() if "JavaScript" in line]
    assert len(notices) == 2
    assert any("rule js-rule" in n and "'checkThings'" in n for n in notices)
    assert "JavaScript" not in result.stdout


def test_resolved_and_unresolved() -> None:
    found, _ = check("resolved.spectral.yaml")
    assert found == {("r-resolved", "schemas.yaml", 5, 5), ("r-resolved", "schemas.yaml", 7, 5)}


def test_spectral_oas_with_rule_changes() -> None:
    found, result = check("oas.spectral.yaml")
    rules = {(rule, line) for rule, _, line, _ in found}
    assert ("info-contact", 2) in rules
    assert ("path-keys-no-trailing-slash", 11) in rules
    assert ("no-eval-in-markdown", 28) in rules
    assert ("oas3-unused-component", 40) in rules
    assert ("typed-enum", 42) in rules
    assert not any(rule == "operation-tags" for rule, _ in rules)
    severities = {d["rule"]: d["severity"] for d in result.json()["diagnostics"]}
    assert severities["info-contact"] == "error"
    assert "spectral:oas" in result.stderr and "invalid-structure" in result.stderr


def test_declarative_model_rules_cover_several_formats() -> None:
    graphql = CUSTOM / "specs" / "shop.graphql"
    _, result = check("model.speclint.yaml", SPEC, graphql)
    rows = {(d["rule"], Path(d["file"]).name, d["line"], d["category"]) for d in result.json()["diagnostics"]}
    assert rows == {
        ("write-ops-need-description", "shop.graphql", 6, "documentation"),
        ("type-names-pascal", "shop.graphql", 9, "naming"),
        ("fields-camel", "shop.graphql", 11, "naming"),
        ("raw-servers", "shop.yaml", 6, "design"),
    }


def test_spectral_yaml_is_discovered_without_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".spectral.yaml").write_text(
        "rules:\n  need-contact:\n    given: $.info\n    severity: error\n"
        "    then: {field: contact, function: truthy}\n"
    )
    (tmp_path / "api.yaml").write_text(SPEC.read_text())
    (tmp_path / "schemas.yaml").write_text((SPEC.parent / "schemas.yaml").read_text())
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "api.yaml", "--format", "json")
    assert result.code == 1
    assert [(d["rule"], d["line"]) for d in result.json()["diagnostics"]] == [("need-contact", 2)]
    assert ".spectral.yaml" in result.stderr and "notice" in result.stderr


def test_a_broken_given_is_a_notice_not_a_crash(tmp_path: Path) -> None:
    ruleset = tmp_path / "bad.spectral.yaml"
    ruleset.write_text(
        'rules:\n  broken:\n    given: "$.paths[?(@.x = 1)]"\n    then: {function: truthy}\n'
        "  fine:\n    given: $.info\n    then: {field: contact, function: truthy}\n"
    )
    result = run_cli("check", SPEC, "--ruleset", ruleset, "--format", "json")
    assert result.code == 0
    assert [d["rule"] for d in result.json()["diagnostics"]] == ["fine"]
    assert "rule broken" in result.stderr


def _npm_package(root: Path, name: str, files: dict[str, str]) -> None:
    package = root / "node_modules" / name
    package.mkdir(parents=True)
    (package / "package.json").write_text(json.dumps({"name": name, "main": next(iter(files))}))
    for file, text in files.items():
        (package / file).write_text(text)


def test_extends_an_npm_package_from_a_local_node_modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    _npm_package(
        tmp_path,
        "@acme/spectral-style",
        {"ruleset.yaml": "rules:\n  need-contact:\n    given: $.info\n    then: {field: contact, function: truthy}\n"},
    )
    (tmp_path / ".spectral.yaml").write_text("extends: ['@acme/spectral-style', spectral-missing]\n")
    (tmp_path / "api.yaml").write_text(SPEC.read_text())
    (tmp_path / "schemas.yaml").write_text((SPEC.parent / "schemas.yaml").read_text())
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "api.yaml", "--format", "json")
    assert [(d["rule"], d["line"]) for d in result.json()["diagnostics"]] == [("need-contact", 2)]
    assert "extends 'spectral-missing': not installed in a node_modules folder" in result.stderr


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_extends_a_javascript_npm_ruleset_through_node(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    _npm_package(
        tmp_path,
        "spectral-acme",
        {
            "index.js": "module.exports = {rules: {'need-contact': {given: '$.info', severity: 'error',"
            " then: {field: 'contact', function: 'truthy'}}}};\n"
        },
    )
    (tmp_path / ".spectral.yaml").write_text("extends: [spectral-acme]\n")
    (tmp_path / "api.yaml").write_text(SPEC.read_text())
    (tmp_path / "schemas.yaml").write_text((SPEC.parent / "schemas.yaml").read_text())
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "api.yaml", "--format", "json")
    assert result.code == 1, result.stderr
    assert [(d["rule"], d["line"]) for d in result.json()["diagnostics"]] == [("need-contact", 2)]

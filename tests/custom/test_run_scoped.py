"""A custom ruleset belongs to the run that loads it: two runs with different rulesets in one
process each get their own results, and the built-in registry is never changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from speclint.config import RunConfig, resolve_run_config
from speclint.lint import lint
from speclint.rules import all_rules, get_rule

SPEC = """openapi: 3.0.3
info:
  title: Pets
  version: 1.0.0
paths:
  /pets:
    get:
      operationId: list_pets
      responses:
        "200":
          description: OK
"""
# The same id in both rulesets, checking different things; B also replaces a built-in rule.
RULESET_A = """rules:
  house-rule:
    message: "title must start with Shop"
    given: $.info
    severity: error
    then: {field: title, function: pattern, functionOptions: {match: "^Shop"}}
"""
RULESET_B = """rules:
  house-rule:
    message: "version must be 2.x"
    given: $.info
    severity: warning
    then: {field: version, function: pattern, functionOptions: {match: "^2"}}
  openapi-operation-id-casing:
    message: "operationId must not contain 'pets'"
    given: $.paths.*.*
    severity: error
    then: {field: operationId, function: pattern, functionOptions: {notMatch: pets}}
"""


def make_project(folder: Path, ruleset: str) -> Path:
    folder.mkdir()
    (folder / ".git").mkdir()
    (folder / "pets.yaml").write_text(SPEC)
    (folder / ".spectral.yaml").write_text(ruleset)
    return folder


def _findings(config: RunConfig, folder: Path) -> list[tuple[str, str, str, int]]:
    result = lint([folder / "pets.yaml"], config.settings, registry=config.registry)
    return [(f.rule, f.severity.value, f.message, f.line) for f in config.apply(result.findings)]


def test_two_runs_with_different_rulesets_in_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    builtin = {r.id: r for r in all_rules()}
    a, b = make_project(tmp_path / "a", RULESET_A), make_project(tmp_path / "b", RULESET_B)
    monkeypatch.chdir(a)
    config_a = resolve_run_config(None, None, [], [], cwd=a)
    monkeypatch.chdir(b)
    config_b = resolve_run_config(None, None, [], [], cwd=b)

    expected_a = [("house-rule", "error", "title must start with Shop", 3)]
    expected_b = [
        ("house-rule", "warning", "version must be 2.x", 4),
        ("openapi-operation-id-casing", "error", "operationId must not contain 'pets'", 8),
    ]
    assert _findings(config_a, a) == expected_a  # loaded before B, run after it
    assert _findings(config_b, b) == expected_b
    assert _findings(config_a, a) == expected_a
    assert {r.id: r for r in all_rules()} == builtin  # no custom rule leaked into the built-ins
    assert get_rule("house-rule") is None
    assert get_rule("openapi-operation-id-casing") is builtin["openapi-operation-id-casing"]

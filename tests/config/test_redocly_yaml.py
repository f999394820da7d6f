"""A redocly.yaml's rules keep their severities on speclint's equivalent rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli

SPEC = """openapi: 3.0.3
info:
  title: Shop
  version: 1.0.0
servers:
  - url: https://api.example.com/v1
paths:
  /items/:
    get:
      operationId: listItems
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema:
                type: string
                enum: [a, b, a]
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "openapi.yaml").write_text(SPEC)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings() -> set[tuple[str, str, int]]:
    result = run_cli("check", "openapi.yaml", "--format", "json", "--fail-on", "never")
    assert result.code == 0, result.stderr
    rules = {"openapi-path-trailing-slash", "openapi-enum-unique"}
    return {(d["rule"], d["severity"], d["line"]) for d in result.json()["diagnostics"] if d["rule"] in rules}


def test_without_redocly_yaml_the_ruleset_decides(project: Path) -> None:
    assert findings() == {("openapi-enum-unique", "warning", 18)}


def test_redocly_rules_set_severity_and_turn_rules_on_and_off(project: Path) -> None:
    (project / "redocly.yaml").write_text(
        "extends: [recommended]\n"
        "rules:\n"
        "  no-path-trailing-slash: error\n"
        "  no-duplicated-enum-values: {severity: off}\n"
        "  info-contact: error\n"  # no speclint equivalent: ignored
    )
    assert findings() == {("openapi-path-trailing-slash", "error", 8)}


def test_a_bad_severity_names_the_file_and_rule(project: Path) -> None:
    (project / "redocly.yaml").write_text("rules:\n  no-path-trailing-slash: loud\n")
    result = run_cli("check", "openapi.yaml")
    assert result.code == 2
    assert "redocly.yaml: rules: no-path-trailing-slash: expected error, warn or off" in result.stderr

"""Rulesets and configuration as users write them: files on disk, run through the CLI."""

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
  /items:
    get:
      operationId: List_Items
      summary: List items
      responses:
        "200":
          description: OK
        "400":
          description: Bad
  /orders:
    get:
      operationId: listOrders
      summary: List orders
      responses:
        "200":
          description: OK
        "400":
          description: Bad
    post:
      operationId: createOrder
      summary: Place an order
      responses:
        "201":
          description: Created
        "400":
          description: Bad
components:
  schemas:
    Item:
      description: An item.
      type: object
      properties:
        item_id: {type: string}
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "shop.yaml").write_text(SPEC)
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy" / "old.yaml").write_text(SPEC)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def rules_of(*args: str) -> list[tuple[str, str, str]]:
    result = run_cli("check", *args, "--format", "json", "--fail-on", "never")
    assert result.code == 0, result.stderr
    return sorted((d["file"], d["rule"], d["severity"]) for d in result.json()["diagnostics"])


def test_recommended_is_the_default(project: Path) -> None:
    found = rules_of("specs")
    assert ("specs/shop.yaml", "openapi-operation-id-casing", "warning") in found
    assert ("specs/shop.yaml", "field-name-casing", "warning") not in found  # consistent snake_case
    strict = rules_of("specs", "--ruleset", "strict")
    assert ("specs/shop.yaml", "field-name-casing", "error") in strict


def test_minimal_ruleset_turns_conventions_off(project: Path) -> None:
    assert rules_of("specs", "--ruleset", "minimal") == []


def test_ruleset_file_extends_and_sets_severity_off_and_options(project: Path) -> None:
    (project / "team.yaml").write_text(
        "extends: [recommended]\n"
        "rules:\n"
        "  openapi-operation-id-casing: error\n"
        "  type-description: off\n"
        "  field-name-casing:\n"
        "    options: {casing: {openapi: snake_case}}\n"
    )
    found = rules_of("specs", "--ruleset", "team.yaml")
    assert ("specs/shop.yaml", "openapi-operation-id-casing", "error") in found
    assert not any(rule in ("type-description", "field-name-casing") for _, rule, _ in found)


def test_config_is_discovered_upward_and_sets_ruleset_ignores_and_fail_on(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "speclint.yaml").write_text(
        "ruleset: recommended\n"
        "fail_on: warning\n"
        "rules:\n"
        "  field-name-casing: off\n"
        "ignore:\n"
        "  - path: legacy/**\n"
        "    rules: [naming]\n"
    )
    monkeypatch.chdir(project / "specs")
    result = run_cli("check", "..", "--format", "json")
    assert result.code == 1  # fail_on: warning
    found = {(d["file"], d["rule"]) for d in result.json()["diagnostics"]}
    assert ("shop.yaml", "openapi-operation-id-casing") in found
    assert not any(rule == "openapi-operation-id-casing" and "legacy" in file for file, rule in found)
    assert not any(rule == "field-name-casing" for _, rule in found)


def test_dot_config_and_pyproject_are_found(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.speclint]\nruleset = "minimal"\n')
    assert rules_of("specs") == []
    (project / ".speclint.yaml").write_text("ruleset: recommended\n")
    assert rules_of("specs") != []


def test_search_stops_at_the_git_root(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project.parent / "speclint.yaml").write_text("ruleset: minimal\n")
    try:
        assert rules_of("specs") != []  # the parent's config is beyond .git and ignored
    finally:
        (project.parent / "speclint.yaml").unlink()


def test_overrides_change_severity_by_file_glob(project: Path) -> None:
    (project / "speclint.yaml").write_text(
        "overrides:\n"
        "  - files: ['legacy/**']\n"
        "    rules:\n"
        "      openapi-operation-id-casing: hint\n"
        "      openapi-unused-component: off\n"
    )
    found = rules_of(".")
    assert ("legacy/old.yaml", "openapi-operation-id-casing", "hint") in found
    assert ("specs/shop.yaml", "openapi-operation-id-casing", "warning") in found
    assert not any(f.startswith("legacy") and r == "openapi-unused-component" for f, r, _ in found)


def test_select_and_ignore_apply_on_top(project: Path) -> None:
    found = rules_of("specs", "--ruleset", "minimal", "--select", "field-description")
    assert {r for _, r, _ in found} == {"field-description"}
    assert not any(
        r.startswith("openapi")
        for _, r, _ in rules_of("specs", "--ignore", "naming,status-codes,structure,versioning,auth")
    )


def test_explicit_config_wins(project: Path) -> None:
    (project / "speclint.yaml").write_text("ruleset: minimal\n")
    (project / "ci.yaml").write_text("ruleset: strict\n")
    found = rules_of("specs", "--config", "ci.yaml")
    assert ("specs/shop.yaml", "openapi-operation-id-casing", "error") in found


@pytest.mark.parametrize(
    "content",
    [
        "rules: {no-such-rule: error}\n",
        "rules: {field-name-casing: loud}\n",
        "ruleset: nowhere\n",
        "bogus: 1\n",
        "rules: [unclosed\n",
        "fail_on: sometimes\n",
    ],
)
def test_bad_configuration_exits_2_with_one_line(project: Path, content: str) -> None:
    (project / "speclint.yaml").write_text(content)
    result = run_cli("check", "specs")
    assert result.code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_ruleset_cannot_extend_itself(project: Path) -> None:
    (project / "loop.yaml").write_text("extends: [loop.yaml]\n")
    result = run_cli("check", "specs", "--ruleset", "loop.yaml")
    assert result.code == 2 and "extends itself" in result.stderr


def test_loader_settings_name_the_graphql_auth_directives(project: Path) -> None:
    (project / "schema.graphql").write_text(
        "directive @guard on FIELD_DEFINITION\ntype Query {\n  me: String @guard\n  other: String\n}\n"
    )
    assert [r for _, r, _ in rules_of("schema.graphql", "--select", "graphql-root-field-auth")] == []
    (project / "speclint.yaml").write_text("settings:\n  graphql_auth_directives: [guard]\n")
    found = rules_of("schema.graphql", "--select", "graphql-root-field-auth")
    assert [r for _, r, _ in found] == ["graphql-root-field-auth"]

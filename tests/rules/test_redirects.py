"""A renamed rule keeps working under its old id: in rulesets, --select, suppressions, baselines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from speclint.config.ruleset import parse_rules
from speclint.errors import ConfigError
from speclint.findings import Severity
from speclint.lint import lint
from speclint.lint.baseline import read_baseline
from speclint.lint.selection import effective_settings
from speclint.rules.registry import Kind, Registry, RuleSpec, Status, builtin_registry

OLD, NEW = "openapi-operationid-casing", "openapi-operation-id-casing"
SPEC = """openapi: 3.0.3
info: {title: Shop, version: 1.0.0}
paths:
  /items:
    get:
      operationId: List_Items  # speclint: ignore[%s]
      responses:
        "200": {description: OK}
  /orders:
    get:
      operationId: listOrders
      responses:
        "200": {description: OK}
  /users:
    get:
      operationId: listUsers
      responses:
        "200": {description: OK}
"""


@pytest.fixture
def registry() -> Registry:
    renamed = RuleSpec(
        OLD,
        None,
        Severity.INFO,
        frozenset(),
        f"Renamed to `{NEW}`.",
        kind=Kind.LINT,
        status=Status.REMOVED,
        replaced_by=NEW,
    )
    return builtin_registry().overlay([renamed])


def test_a_ruleset_entry_under_the_old_id_configures_the_new_rule(registry: Registry) -> None:
    rules = parse_rules({OLD: {"severity": "error", "options": {"casing": "snake_case"}}}, "ruleset x", registry)
    assert list(rules) == [NEW]
    assert rules[NEW].severity is Severity.ERROR and rules[NEW].options == {"casing": "snake_case"}
    with pytest.raises(ConfigError, match=f"ruleset x: rule {OLD}: option 'casng'"):
        parse_rules({OLD: {"options": {"casng": "x"}}}, "ruleset x", registry)


def test_select_and_ignore_take_the_old_id(registry: Registry) -> None:
    assert list(effective_settings([OLD], [], None, registry)) == [NEW]
    assert NEW not in effective_settings([], [OLD], None, registry)


@pytest.mark.parametrize("written", [OLD, NEW])
def test_a_suppression_under_the_old_id_still_suppresses(tmp_path: Path, registry: Registry, written: str) -> None:
    spec = tmp_path / "shop.yaml"
    spec.write_text(SPEC % written)
    settings = effective_settings([NEW, "unused-suppression"], [], None, registry)
    assert lint([spec], settings, registry=registry).findings == []  # suppressed, and the suppression used


def test_without_the_suppression_the_rule_reports(tmp_path: Path, registry: Registry) -> None:
    spec = tmp_path / "shop.yaml"
    spec.write_text(SPEC % "no-such-rule")
    settings = effective_settings([NEW, "unused-suppression"], [], None, registry)
    found = [(f.rule, f.message) for f in lint([spec], settings, registry=registry).findings]
    assert found == [
        (NEW, "operationId 'List_Items' is not camelCase; most operationIds in this document are camelCase"),
        ("unused-suppression", "suppression of unknown rule 'no-such-rule'"),
    ]


def test_a_baseline_entry_under_the_old_id_hides_the_new_rules_finding(tmp_path: Path, registry: Registry) -> None:
    entry = {"rule": OLD, "file": "shop.yaml", "pointer": "/p", "message": "m", "count": 1}
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps({"tool": "speclint", "version": 1, "findings": [entry]}))
    assert list(read_baseline(path, registry.resolve).counts) == [(NEW, "shop.yaml", "/p", "m")]
    assert list(read_baseline(path).counts) == [(OLD, "shop.yaml", "/p", "m")]

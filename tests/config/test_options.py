"""Rule options are typed: a misspelt key or a bad value is a one-line configuration error (exit 2)
naming the file, the rule and the key; good values reach the rule; each rule documents exactly
the options it has."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from speclint.rules import all_rules
from tests.config.test_config import SPEC, rules_of
from tests.conftest import run_cli


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "shop.yaml").write_text(SPEC)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (
            "{casng: camelCase}",
            "rule openapi-operation-id-casing: option 'casng': unknown option (this rule's options: casing, mode)",
        ),
        ("{casing: Camel}", "rule openapi-operation-id-casing: option 'casing': expected one of camelCase, "),
        ("{casing: 3}", "option 'casing': expected one of "),
        ("{casing: {openapi: camelCase, grpc: snake_case}}", "option 'casing': expected one of"),
        ("{casing: {openapi: Snake}}", "option 'casing': expected one of"),
    ],
)
def test_bad_option_in_config_names_file_rule_and_key(project: Path, options: str, expected: str) -> None:
    (project / "speclint.yaml").write_text(f"rules:\n  openapi-operation-id-casing:\n    options: {options}\n")
    result = run_cli("check", "shop.yaml")
    assert result.code == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert str(project / "speclint.yaml") in result.stderr
    assert expected in result.stderr


@pytest.mark.parametrize(
    ("rule", "options", "expected"),
    [
        ("openapi-version-in-url", "{strategy: paht}", "option 'strategy': expected one of path, server, header, none"),
        ("graphql-root-field-auth", "{writes_only: 'yes'}", "option 'writes_only': expected true or false, got 'yes'"),
        ("field-name-casing", "{mode: relaxed}", "option 'mode': expected one of fixed, consistent"),
        ("openapi-public-write", "{allow: login}", "option 'allow': expected a list of strings"),
        ("protobuf-service-suffix", "{suffix: [Service]}", "option 'suffix': expected a string"),
    ],
)
def test_bad_option_in_a_ruleset_file_names_it(project: Path, rule: str, options: str, expected: str) -> None:
    (project / "mine.yaml").write_text(f"extends: [recommended]\nrules:\n  {rule}:\n    options: {options}\n")
    result = run_cli("check", "shop.yaml", "--ruleset", "mine.yaml")
    assert result.code == 2 and result.stderr.count("\n") == 1
    assert "ruleset mine.yaml" in result.stderr and f"rule {rule}: {expected}" in result.stderr


def test_an_option_of_an_override_is_checked_too(project: Path) -> None:
    (project / "speclint.yaml").write_text(
        "overrides:\n  - files: ['*.yaml']\n    rules:\n      openapi-operation-id-casing: {options: {casng: x}}\n"
    )
    result = run_cli("check", "shop.yaml")
    assert result.code == 2 and "overrides[0]: rule openapi-operation-id-casing: option 'casng'" in result.stderr


def test_good_options_reach_the_rule(project: Path) -> None:
    (project / "speclint.yaml").write_text(
        "rules:\n  openapi-operation-id-casing: {severity: error, options: {casing: snake_case}}\n"
    )
    assert ("shop.yaml", "openapi-operation-id-casing", "error") in rules_of("shop.yaml")  # List_Items
    (project / "speclint.yaml").write_text(
        "rules:\n  openapi-operation-id-casing: {severity: error, options: {casing: {openapi: Train-Case}}}\n"
    )
    assert ("shop.yaml", "openapi-operation-id-casing", "error") in rules_of("shop.yaml")


def test_a_value_per_format_keeps_the_default_for_the_other_formats(project: Path) -> None:
    (project / "schema.graphql").write_text("type Query {\n  item_count: Int\n}\n")
    (project / "speclint.yaml").write_text(
        "rules:\n  field-name-casing: {severity: error, options: {casing: {openapi: snake_case}}}\n"
    )
    found = rules_of("schema.graphql", "--select", "field-name-casing")
    assert found == [("schema.graphql", "field-name-casing", "error")]  # GraphQL keeps camelCase


_OPTION_NAME = re.compile(r"^- `(\w+)`", re.MULTILINE)


@pytest.mark.parametrize("rule", [r for r in all_rules() if r.check is not None], ids=lambda r: r.id)
def test_options_section_names_exactly_the_rules_options(rule: object) -> None:
    doc: str = rule.doc  # type: ignore[attr-defined]
    section = doc.split("## Options", 1)[1].split("\n## ", 1)[0] if "## Options" in doc else ""
    assert set(_OPTION_NAME.findall(section)) == set(rule.options)  # type: ignore[attr-defined]

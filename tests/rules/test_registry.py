"""The registry stays complete: documented rules, fixtures for each, rulesets naming real rules."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

import pytest

from speclint.config import BUILTIN_RULESETS, load_ruleset
from speclint.rules import all_rules
from tests.conftest import FIXTURES, ROOT, run_cli

SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "## Use instead")
CHECKED = [r for r in all_rules() if r.check is not None and r.origin == "speclint"]


@pytest.mark.parametrize("rule", CHECKED, ids=lambda r: r.id)
def test_rule_is_documented_with_every_section(rule: object) -> None:
    doc = rule.doc  # type: ignore[attr-defined]
    for section in SECTIONS:
        assert section in doc, f"{rule.id} lacks '{section}'"  # type: ignore[attr-defined]
    if rule.options:  # type: ignore[attr-defined]
        assert "## Options" in doc


@pytest.mark.parametrize("rule", CHECKED, ids=lambda r: r.id)
def test_rule_has_a_failing_and_a_passing_fixture(rule: object) -> None:
    folder = FIXTURES / "rules" / rule.id  # type: ignore[attr-defined]
    assert list(folder.glob("bad*")), f"no failing fixture in {folder}"
    assert list(folder.glob("good*")), f"no passing fixture in {folder}"


def test_rule_ids_are_unique_and_kebab_case() -> None:
    ids = [r.id for r in all_rules()]
    assert len(ids) == len(set(ids))
    assert all(i == i.lower() and " " not in i and "_" not in i for i in ids)


def test_every_fixture_folder_names_a_rule() -> None:
    ids = {r.id for r in all_rules()}
    folders = {p.name for p in (FIXTURES / "rules").iterdir() if p.is_dir() and not p.name.startswith("_")}
    assert folders <= ids


@pytest.mark.parametrize("name", BUILTIN_RULESETS)
def test_builtin_rulesets_load_and_name_existing_rules(name: str) -> None:
    ruleset = load_ruleset(name)  # raises ConfigError on an unknown rule id
    assert ruleset.rules


def test_rulesets_ship_as_package_data_or_source() -> None:
    files = {p.name for p in (ROOT / "rulesets").glob("*.yaml")}
    assert {f"{n}.yaml" for n in BUILTIN_RULESETS} <= files
    try:
        shipped = {p.name for p in importlib.resources.files("speclint.rulesets").iterdir()}
    except ModuleNotFoundError:
        return  # an editable install without the package mapping; the loader falls back
    assert files <= shipped


def test_every_checked_rule_is_in_recommended_or_strict() -> None:
    named = set(load_ruleset("strict").rules)
    assert {r.id for r in CHECKED} <= named


def test_explain_prints_the_docstring_and_options() -> None:
    result = run_cli("explain", "field-name-casing")
    assert result.code == 0
    assert "## Why is this bad?" in result.stdout and "lower_snake_case" in result.stdout


def test_rules_lists_every_lint_and_loader_rule_as_json() -> None:
    result = run_cli("rules", "--format", "json", "--kind", "lint", "--kind", "loader")
    assert {row["id"] for row in result.json()} == {r.id for r in all_rules()}


def test_fixture_paths_exist() -> None:
    assert Path(FIXTURES / "rules").is_dir()

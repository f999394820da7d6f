"""One catalogue: every id check, diff and fuzz can print is listed by ``rules`` and explained."""

from __future__ import annotations

import pytest

from speclint.diff import all_change_rules
from speclint.findings import Severity
from speclint.fuzz.results import CHECK_IDS
from speclint.loaders import problems
from speclint.rules import all_rules
from speclint.rules.registry import Kind, Registry, RuleSpec, Status
from tests.conftest import run_cli

LOADER_IDS = sorted(p.id for p in vars(problems).values() if isinstance(p, problems.LoaderProblem))
PRINTABLE = {
    "lint": sorted(r.id for r in all_rules() if r.kind is Kind.LINT),
    "loader": LOADER_IDS,
    "change": sorted(r.id for r in all_change_rules()),
    "contract": sorted(CHECK_IDS),
}


def test_rules_lists_every_printable_id_with_its_kind() -> None:
    result = run_cli("rules", "--format", "json")
    assert result.code == 0
    listed = {row["id"]: row["kind"] for row in result.json()}
    for kind, ids in PRINTABLE.items():
        assert ids, kind
        assert {i: listed.get(i) for i in ids} == dict.fromkeys(ids, kind)
    assert len(listed) == sum(map(len, PRINTABLE.values()))


@pytest.mark.parametrize("kind", sorted(PRINTABLE))
def test_rules_kind_filters(kind: str) -> None:
    result = run_cli("rules", "--format", "json", "--kind", kind)
    assert sorted(row["id"] for row in result.json()) == PRINTABLE[kind]
    text = run_cli("rules", "--kind", kind).stdout.splitlines()
    assert text[0].split()[0] == "RULE"  # a header row, a row per id, a blank line and a count
    assert [line.split()[0] for line in text[1:-2]] == PRINTABLE[kind]
    assert text[-1].startswith(f"{len(PRINTABLE[kind])} ids, ")


def test_change_rules_show_their_level_and_no_category() -> None:
    rows = {row["id"]: row for row in run_cli("rules", "--format", "json", "--kind", "change").json()}
    assert rows["operation-removed"]["level"] == "breaking" and rows["operation-removed"]["category"] is None
    assert rows["operation-added"]["level"] == "non-breaking"


@pytest.mark.parametrize("rule_id", sorted({i for ids in PRINTABLE.values() for i in ids}))
def test_explain_documents_every_printable_id(rule_id: str) -> None:
    result = run_cli("explain", rule_id)
    assert result.code == 0, result.stderr
    assert result.stdout.startswith(f"{rule_id}  (")
    assert "## What it does" in result.stdout
    assert "## Why" in result.stdout


def test_explain_names_the_kind_and_the_level_of_a_change_rule() -> None:
    result = run_cli("explain", "response-property-removed")
    assert result.stdout.splitlines()[0].startswith("response-property-removed  (change: breaking")


def test_contract_check_catalogue_matches_fuzz() -> None:
    from speclint.rules.contract_checks import CONTRACT_CHECK_IDS

    assert sorted(CONTRACT_CHECK_IDS) == sorted(CHECK_IDS)


def test_explain_unknown_id_is_exit_2_with_one_line() -> None:
    result = run_cli("explain", "no-such-rule")
    assert result.code == 2
    assert result.stderr.strip().count("\n") == 0 and "unknown rule 'no-such-rule'" in result.stderr


def _spec(rule_id: str, **extra: object) -> RuleSpec:
    return RuleSpec(rule_id, None, Severity.INFO, frozenset(), f"{rule_id}.", **extra)  # type: ignore[arg-type]


def test_a_renamed_id_resolves_to_its_new_rule() -> None:
    registry = Registry([_spec("new-id"), _spec("old-id", status=Status.REMOVED, replaced_by="new-id")])
    assert registry.resolve("old-id") == "new-id"
    assert registry.resolve("new-id") == "new-id"
    assert registry.resolve("unknown") == "unknown"
    assert [s.id for s in registry.specs()] == ["new-id"]
    assert [s.id for s in registry.specs(removed=True)] == ["new-id", "old-id"]


def test_an_overlay_leaves_its_base_unchanged() -> None:
    base = Registry([_spec("a"), _spec("b")])
    replaced = _spec("b", origin="ruleset:x.yaml")
    overlay = base.overlay([replaced, _spec("c")])
    assert [s.id for s in overlay.specs()] == ["a", "b", "c"]
    assert overlay.get("b") is replaced
    assert [s.id for s in base.specs()] == ["a", "b"] and base.get("b") is not replaced
    assert base.get("c") is None


def test_registering_one_id_twice_with_other_data_is_an_error() -> None:
    registry = Registry([_spec("a")])
    registry.add(_spec("a"))  # the same spec again: importing a module twice is harmless
    with pytest.raises(ValueError, match="'a' is registered twice"):
        registry.add(_spec("a", origin="elsewhere"))

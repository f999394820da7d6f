"""A well-made, conventional spec in each format gets no error and no warning from the default."""

from __future__ import annotations

from tests.conftest import FIXTURES, run_cli

CONVENTIONAL = FIXTURES / "rules" / "_conventional"


def test_conventional_specs_are_clean_under_recommended() -> None:
    result = run_cli("check", CONVENTIONAL, "--format", "json")
    report = result.json()
    loud = [d for d in report["diagnostics"] if d["severity"] in ("error", "warning")]
    assert loud == []
    assert result.code == 0
    assert report["summary"]["files"] >= 2


def test_strict_asks_for_field_descriptions_only_as_hints() -> None:
    result = run_cli("check", CONVENTIONAL / "openapi.yaml", "--ruleset", "strict", "--format", "json")
    assert result.code == 0
    assert {d["severity"] for d in result.json()["diagnostics"]} <= {"hint", "info"}

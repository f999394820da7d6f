"""Baselines: record today's findings, hide them tomorrow, match by rule, file, pointer, message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from speclint.findings import Category, Finding, Severity
from speclint.lint.baseline import Baseline
from tests.conftest import run_cli
from tests.report.helpers import RULESET, SPEC, write_spec


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_spec(tmp_path)


def test_write_baseline_records_the_findings(tmp_path: Path) -> None:
    result = run_cli("check", "--ruleset", RULESET, "openapi.yaml", "--write-baseline", "baseline.json")
    assert result.code == 0, result.stdout + result.stderr
    assert "recorded 2 findings in baseline.json" in result.stderr
    data = json.loads((tmp_path / "baseline.json").read_text())
    assert data["version"] == 1
    assert data["findings"] == [
        {
            "rule": "openapi-operation-id-casing",
            "file": "openapi.yaml",
            "pointer": "/paths/~1pets/post/operationId",
            "message": "operationId 'Create_Pet' is not camelCase",
            "count": 1,
        },
        {
            "rule": "security-scheme-defined",
            "file": "openapi.yaml",
            "pointer": "/paths/~1pets/post/security/0/oauth",
            "message": "security scheme 'oauth' is not defined",
            "count": 1,
        },
    ]


def test_baseline_hides_old_findings_and_shows_new_ones(tmp_path: Path) -> None:
    assert run_cli("check", "--ruleset", RULESET, "openapi.yaml", "--write-baseline", "baseline.json").code == 0
    result = run_cli("check", "--ruleset", RULESET, "openapi.yaml", "--baseline", "baseline.json", "--format", "json")
    assert result.code == 0 and result.json()["diagnostics"] == []
    # Edits elsewhere move the old findings; a new problem appears.
    edited = "# moved down\n\n" + SPEC.replace("operationId: listPets", "operationId: List_Pets")
    (tmp_path / "openapi.yaml").write_text(edited)
    result = run_cli("check", "--ruleset", RULESET, "openapi.yaml", "--baseline", "baseline.json", "--format", "json")
    assert result.code == 1
    assert [(d["rule"], d["line"], d["message"]) for d in result.json()["diagnostics"]] == [
        ("openapi-operation-id-casing", 10, "operationId 'List_Pets' is not camelCase")
    ]


def test_missing_baseline_is_exit_2_with_one_line(tmp_path: Path) -> None:
    result = run_cli("check", "--ruleset", RULESET, "openapi.yaml", "--baseline", "nope.json")
    assert result.code == 2
    assert result.stderr.strip().splitlines() == ["speclint: error: baseline nope.json: no such file"]
    assert result.stdout == ""


def test_invalid_baseline_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("{not json")
    result = run_cli("check", "--ruleset", RULESET, "openapi.yaml", "--baseline", "bad.json")
    assert result.code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "not a speclint baseline" in result.stderr


def test_count_limits_how_many_identical_findings_are_hidden() -> None:
    def finding(line: int) -> Finding:
        return Finding("r", Category.DESIGN, Severity.ERROR, "same", "a.yaml", line, 1, line, 2, "/p", "openapi")

    baseline = Baseline.of([finding(3)])
    assert baseline.filter([finding(5), finding(9)]) == [finding(9)]

"""The text report as a person reads it: findings, a tally per rule, pointers where a column says
little, and what a baseline hid."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.report.helpers import CASING_COLUMN, CASING_LINE, RULESET, write_spec


@pytest.fixture
def spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_spec(tmp_path)


def _minified(folder: Path) -> Path:
    """A one-line JSON spec whose findings stand past column 200, as every APIs.guru spec is."""
    paths = {
        f"/items{n}": {"get": {"operationId": f"Get_Item_{n}", "responses": {"200": {"description": "OK"}}}}
        for n in range(8)
    }
    document = {"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": paths}
    path = folder / "min.json"
    path.write_text(json.dumps(document, separators=(",", ":")), encoding="utf-8")
    return path


def test_tally_counts_findings_per_rule_most_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _minified(tmp_path)
    write_spec(tmp_path)
    result = run_cli("check", "--ruleset", RULESET, ".")
    assert result.code == 1
    lines = result.stdout.splitlines()
    header = lines.index("count  severity  rule                         category")
    assert lines[header + 1 : header + 3] == [
        "    9  error     openapi-operation-id-casing  naming",
        "    1  error     security-scheme-defined      auth",
    ]
    assert lines[-1] == "10 problems (10 errors, 0 warnings, 0 info, 0 hints) in 2 files."


def test_a_single_finding_has_no_tally(spec: Path) -> None:
    result = run_cli("check", "--ruleset", RULESET, "--select", "security-scheme-defined", "openapi.yaml")
    assert "count  severity" not in result.stdout
    assert result.stdout.splitlines()[-1] == "1 problem (1 error, 0 warnings, 0 info, 0 hints) in 1 file."


def test_quiet_prints_no_tally(spec: Path) -> None:
    result = run_cli("check", "--ruleset", RULESET, "-q", "openapi.yaml")
    assert len(result.stdout.splitlines()) == 2


def test_pointer_shown_beside_a_column_on_a_very_long_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _minified(tmp_path)
    result = run_cli("check", "--ruleset", RULESET, "min.json")
    lines = result.stdout.splitlines()
    near = next(line for line in lines if "Get_Item_0" in line).split("  ")[0]
    assert near.startswith("min.json:1:") and int(near.split(":")[2]) < 200
    far = next(line for line in lines if "Get_Item_7" in line).split("  ")[0]
    assert far.startswith("min.json:1:") and int(far.split(":")[2].split()[0]) > 200
    assert far.endswith(" (/paths/~1items7/get/operationId)")


def test_pointer_on_a_short_line_only_when_asked(spec: Path) -> None:
    plain = run_cli("check", "--ruleset", RULESET, "openapi.yaml").stdout
    assert f"openapi.yaml:{CASING_LINE}:{CASING_COLUMN}  " in plain
    assert "/paths/~1pets/post/operationId" not in plain
    shown = run_cli("check", "--ruleset", RULESET, "--show-pointers", "openapi.yaml").stdout
    assert f"openapi.yaml:{CASING_LINE}:{CASING_COLUMN} (/paths/~1pets/post/operationId)   " in shown


def test_a_baseline_run_says_how_many_findings_it_hid(spec: Path, tmp_path: Path) -> None:
    assert run_cli("check", "--ruleset", RULESET, "openapi.yaml", "--write-baseline", "b.json").code == 0
    hidden = run_cli("check", "--ruleset", RULESET, "openapi.yaml", "--baseline", "b.json")
    assert hidden.code == 0
    assert hidden.stdout.splitlines()[-1] == "No problems found in 1 file. 2 more were hidden by the baseline."
    spec.write_text(spec.read_text().replace("listPets", "List_Pets"))
    one_new = run_cli("check", "--ruleset", RULESET, "openapi.yaml", "--baseline", "b.json")
    assert one_new.stdout.splitlines()[-1] == (
        "1 problem (1 error, 0 warnings, 0 info, 0 hints) in 1 file. 2 more were hidden by the baseline."
    )

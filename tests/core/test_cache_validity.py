"""A cached result is used only when the run would give the same one: every input counts.

Each test edits something a cached run depended on (a custom rule, a ruleset it extends, a rule
pack's code, a ``$ref`` target that was missing) and expects the next cached run to agree with
``--no-cache``; or damages the cache and expects a normal run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, run_cli

SPEC = """\
openapi: 3.0.3
info:
  title: Shop
  version: 1.0.0
paths: {}
"""

TITLE_RULE = """\
rules:
  title-short:
    given: $.info.title
    severity: error
    then:
      function: length
      functionOptions:
        max: MAX
"""


def _rules(*args: str | Path) -> list[tuple[str, int]]:
    result = run_cli("check", "--format", "json", *args)
    assert result.code in (0, 1), result.stderr
    return [(d["rule"], d["line"]) for d in result.json()["diagnostics"]]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "api.yaml").write_text(SPEC)
    return tmp_path


def test_editing_a_spectral_ruleset_invalidates_the_cache(project: Path) -> None:
    ruleset = project / "rules.spectral.yaml"
    ruleset.write_text(TITLE_RULE.replace("MAX", "100"))
    args = ("--ruleset", ruleset, "--select", "title-short", "api.yaml")
    assert _rules(*args) == []
    ruleset.write_text(TITLE_RULE.replace("MAX", "2"))  # stricter
    assert _rules(*args) == [("title-short", 3)]
    assert _rules("--no-cache", *args) == [("title-short", 3)]
    assert run_cli("check", *args).code == 1


def test_editing_a_ruleset_that_a_ruleset_extends_invalidates_the_cache(project: Path) -> None:
    (project / "base.spectral.yaml").write_text(TITLE_RULE.replace("MAX", "100"))
    top = project / "top.spectral.yaml"
    top.write_text("extends: [./base.spectral.yaml]\nrules: {}\n")
    args = ("--ruleset", top, "--select", "title-short", "api.yaml")
    assert _rules(*args) == []
    (project / "base.spectral.yaml").write_text(TITLE_RULE.replace("MAX", "2"))
    assert _rules(*args) == [("title-short", 3)]


def test_editing_a_declarative_rule_in_the_configuration_invalidates_the_cache(project: Path) -> None:
    rule = """\
rules:
  api-title-pattern:
    category: naming
    severity: error
    given: "$.info.title"
    then: {function: pattern, functionOptions: {match: "PATTERN"}}
"""
    (project / "house.speclint.yaml").write_text(rule.replace("PATTERN", "^S"))
    (project / "speclint.yaml").write_text("ruleset: house.speclint.yaml\n")
    assert _rules("--select", "api-title-pattern", "api.yaml") == []
    (project / "house.speclint.yaml").write_text(rule.replace("PATTERN", "^X"))
    assert _rules("--select", "api-title-pattern", "api.yaml") == [("api-title-pattern", 3)]


def _install_pack(site: Path) -> Path:
    shutil.copytree(FIXTURES / "custom/rulepack/speclint_sample_pack", site / "speclint_sample_pack")
    info = site / "speclint_sample_pack-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: speclint_sample_pack\nVersion: 0.1.0\n")
    (info / "entry_points.txt").write_text("[speclint.rules]\nsample = speclint_sample_pack.rules\n")
    return site / "speclint_sample_pack" / "rules.py"


def test_editing_a_local_rule_pack_invalidates_the_cache(project: Path) -> None:
    code = _install_pack(project / "site")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(project / "site"), os.environ.get("PYTHONPATH", "")])}
    command = [sys.executable, "-m", "speclint", "check", "api.yaml", "--select", "sample-operation-summary,"
               "openapi-operation-id-casing", "--format", "json"]  # fmt: skip
    (project / "api.yaml").write_text(SPEC.replace("paths: {}", "paths:\n  /a:\n    get:\n      responses: {}"))

    def messages() -> list[str]:
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60, check=False)
        assert done.returncode in (0, 1), done.stderr
        return [d["message"] for d in json.loads(done.stdout)["diagnostics"]]

    assert messages() == ["GET /a has no summary"]
    code.write_text(code.read_text().replace("has no summary", "needs a summary"))
    assert messages() == ["GET /a needs a summary"]


def test_creating_a_missing_ref_target_invalidates_the_cache(project: Path) -> None:
    spec = SPEC.replace("paths: {}", "paths: {}\ncomponents:\n  schemas:\n    A:\n      $ref: './other.yaml#/B'")
    (project / "api.yaml").write_text(spec)
    args = ("--select", "unresolved-ref", "api.yaml")
    assert _rules(*args) == [("unresolved-ref", 9)]
    (project / "other.yaml").write_text("B:\n  type: string\n")
    assert _rules(*args) == []
    (project / "other.yaml").write_text("C:\n  type: string\n")  # edited: the pointer breaks again
    assert _rules(*args) == [("unresolved-ref", 9)]


DAMAGE = [
    b"",
    b"{not json",
    b"[]",
    b'{"dependencies": {}}',
    b'{"dependencies": {}, "findings": [{"rule": 1}], "files": [], "suppressions": [], "read": []}',
    b'{"dependencies": {}, "findings": [], "files": 7, "suppressions": [{}], "read": []}',
]


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_malformed_cache_entry_is_a_miss_and_is_rewritten(project: Path, damage: bytes) -> None:
    (project / "api.yaml").write_text(SPEC.replace("title: Shop", "title: Shop\n  x-a: {$ref: '#/nope'}"))
    args = ("--select", "unresolved-ref", "api.yaml")
    expected = [("unresolved-ref", 4)]
    assert _rules(*args) == expected
    [entry] = list((project / ".speclint_cache").rglob("*.json"))
    entry.write_bytes(damage)
    assert _rules(*args) == expected
    assert json.loads(entry.read_bytes())["findings"]  # written again
    assert _rules(*args) == expected

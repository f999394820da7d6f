"""The pre-commit hook: its manifest, as pre-commit reads it, and its entry point."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.report.helpers import RULESET, write_spec


def test_manifest_is_valid_for_pre_commit() -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib", reason="pre-commit is in the test extras")
    hooks = clientlib.load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert [hook["id"] for hook in hooks] == ["speclint"]
    hook = hooks[0]
    assert hook["language"] == "python" and hook["pass_filenames"] is True
    assert hook["entry"] == "python -m speclint.action.precommit"
    assert set(hook["types_or"]) == {"yaml", "json", "graphql", "proto"}


def _hook(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # As pre-commit runs it: the entry, the configured args, then the staged file names.
    command = [sys.executable, "-m", "speclint.action.precommit", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=60, check=False)


def test_hook_lints_the_staged_specs_only(tmp_path: Path) -> None:
    write_spec(tmp_path)
    (tmp_path / "docker-compose.yaml").write_text("services: {}\n")
    (tmp_path / "package.json").write_text("{}\n")
    result = _hook(tmp_path, "--ruleset", RULESET, "--no-color", "openapi.yaml", "docker-compose.yaml", "package.json")
    assert result.returncode == 1, result.stderr
    assert "openapi.yaml:13:7" in result.stdout
    assert "docker-compose" not in result.stdout + result.stderr
    assert "package.json" not in result.stdout + result.stderr


def test_hook_without_specs_passes(tmp_path: Path) -> None:
    (tmp_path / "config.yaml").write_text("a: 1\n")
    result = _hook(tmp_path, "--ruleset", RULESET, "config.yaml")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")

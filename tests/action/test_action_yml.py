"""action.yml: valid for GitHub, clean for zizmor, and no ``${{ }}`` inside a ``run:`` script."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT

ACTION = ROOT / "action.yml"


def _action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return data


def test_inputs_and_outputs_are_the_contract() -> None:
    action = _action()
    assert set(action["inputs"]) == {"paths", "ruleset", "fail-on", "breaking", "sarif", "version"}
    assert action["inputs"]["breaking"]["default"] == "true" and action["inputs"]["sarif"]["default"] == "true"
    assert set(action["outputs"]) == {"findings", "breaking", "sarif-file"}
    assert action["runs"]["using"] == "composite"


def test_no_expression_inside_run_scripts() -> None:
    for step in _action()["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step["name"]
        assert "-m speclint.action" in step["run"] or "pip install" in step["run"]


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (it is in the test extras; CI installs it)")
    return path


def test_check_jsonschema_accepts_action_yml() -> None:
    command = [_tool("check-jsonschema"), "--builtin-schema", "vendor.github-actions", str(ACTION)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing() -> None:
    command = [_tool("zizmor"), "--offline", "--persona=pedantic", "--no-progress", str(ACTION)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_run_scripts_are_valid_bash() -> None:
    for step in _action()["runs"]["steps"]:
        result = subprocess.run(["bash", "-n", "-c", step["run"]], capture_output=True, text=True, check=False)
        assert result.returncode == 0, (step["name"], result.stderr)


def test_version_input_is_checked_before_pip_sees_it(tmp_path: Path) -> None:
    install = _action()["runs"]["steps"][0]["run"]
    # Stop before any install: a python3 that only makes the venv, a pip that records its arguments.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "python3"
    fake.write_text('#!/bin/sh\nif [ "$2" = venv ]; then mkdir -p "$3/bin"; cp "$0" "$3/bin/python"; exit 0; fi\n'
                    'echo "$@" >> "$PIP_LOG"\n')
    fake.chmod(0o755)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "RUNNER_TEMP": str(tmp_path), "GITHUB_OUTPUT": str(tmp_path / "out"),
           "PIP_LOG": str(tmp_path / "pip.log"), "SPECLINT_ACTION_PATH": "/action"}
    bad = subprocess.run(["bash", "-c", install], env={**env, "SPECLINT_VERSION": "1.0 --index-url http://x"},
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "::error" in bad.stdout
    assert not (tmp_path / "pip.log").exists()
    good = subprocess.run(["bash", "-c", install], env={**env, "SPECLINT_VERSION": "0.2.0"}, capture_output=True,
                          text=True, check=False)
    assert good.returncode == 0, good.stderr
    assert (tmp_path / "pip.log").read_text().split()[-1] == "speclint==0.2.0"
    assert (tmp_path / "out").read_text() == f"python={tmp_path}/speclint-venv/bin/python\n"
    default = subprocess.run(["bash", "-c", install], env={**env, "SPECLINT_VERSION": ""}, capture_output=True,
                             text=True, check=False)
    assert default.returncode == 0 and (tmp_path / "pip.log").read_text().split()[-1] == "/action"

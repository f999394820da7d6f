"""action.yml: valid for GitHub, clean for zizmor, and no ``${{ }}`` inside a ``run:`` script."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.action.play import ActionRun, play
from tests.conftest import ROOT

ACTION = ROOT / "action.yml"


def _action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return data


def test_inputs_and_outputs_are_the_contract() -> None:
    action = _action()
    assert set(action["inputs"]) == {
        "paths", "ruleset", "config", "fail-on", "breaking", "new-findings-only", "pr-comment",
        "allow-breaking-label", "sarif", "working-directory", "args", "version",
    }
    assert action["inputs"]["breaking"]["default"] == "true" and action["inputs"]["sarif"]["default"] == "true"
    assert set(action["outputs"]) == {"findings", "breaking", "sarif-file"}
    assert action["runs"]["using"] == "composite"


def test_no_expression_inside_run_scripts_and_every_use_pinned_by_sha() -> None:
    for step in _action()["runs"]["steps"]:
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
        else:
            assert "${{" not in step["run"], step["name"]


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
        if "run" in step:
            result = subprocess.run(["bash", "-n", "-c", step["run"]], capture_output=True, text=True, check=False)
            assert result.returncode == 0, (step["name"], result.stderr)


def _fake_python(folder: Path) -> Path:
    """A python3 that runs the real one for ``-c`` (the cache key), makes a venv of itself, and
    records what pip is asked to install instead of installing it."""
    bin_dir = folder / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "python3"
    fake.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = -c ]; then exec "{sys.executable}" "$@"; fi\n'
        'if [ "$2" = venv ]; then mkdir -p "$3/bin"; cp "$0" "$3/bin/python"; exit 0; fi\n'
        'echo "$@" >> "$PIP_LOG"\n'
    )
    fake.chmod(0o755)
    return bin_dir


def test_install_checks_the_version_and_is_cached(tmp_path: Path) -> None:
    bin_dir = _fake_python(tmp_path)
    pip_log = tmp_path / "pip.log"
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "RUNNER_TEMP": str(tmp_path), "PIP_LOG": str(pip_log)}

    def install(version: str) -> ActionRun:
        return play(tmp_path, tmp_path, "push", {}, {"version": version}, env=env, cache_hit=False)

    def installs() -> list[str]:  # the fake venv python also logs the lint step's call
        return [line.split()[-1] for line in pip_log.read_text().splitlines() if " install " in line]

    bad = install("1.0 --index-url http://x")
    assert bad.code == 2 and "::error title=speclint::the version input must be a version number" in bad.stdout
    assert not pip_log.exists()
    install("0.2.0")
    assert installs() == ["speclint==0.2.0"]
    # Without a version: this action's own checkout; the venv carries the key it was built for.
    install("")
    assert installs() == ["speclint==0.2.0", str(ROOT)]
    key = (tmp_path / "speclint-venv" / ".speclint-key").read_text()
    assert key.startswith("speclint-") and "-src-" in key
    # The same key again (the cache restored the venv): pip is not called.
    install("")
    assert installs() == ["speclint==0.2.0", str(ROOT)]

"""Runs that cannot do their job end with exit 2 and one line on standard error, never a hang
or a silent 2: a worker killed under --jobs, a rule that raises, a path without specs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_cli

SPEC = 'openapi: 3.0.3\ninfo:\n  title: "{title}"\n  version: "1"\npaths: {{}}\n'

# A rule pack that misbehaves on purpose, by the title of the spec it sees.
PACK = '''
import multiprocessing
import os
import signal

from speclint.findings import Category, Severity
from speclint.rules import rule


@rule("hostile-rule", category=Category.DESIGN, severity=Severity.WARNING)
def hostile(api, ctx):
    """A rule that fails (test pack).

    ## What it does
    Raises on a spec titled boom; kills its worker process on one titled die.

    ## Why is this bad?
    It is not.

    ## Example
    A title.

    ## Use instead
    Another title.
    """
    if api.title == "boom":
        raise RuntimeError("boom in a rule")
    if api.title == "die" and multiprocessing.parent_process() is not None:
        os.kill(os.getpid(), signal.SIGKILL)
    return []
'''


def _speclint(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    site = project / "site"
    if not site.exists():
        (site / "hostile_pack").mkdir(parents=True)
        (site / "hostile_pack" / "__init__.py").write_text(PACK)
        info = site / "hostile_pack-0.1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text("Metadata-Version: 2.1\nName: hostile_pack\nVersion: 0.1.0\n")
        (info / "entry_points.txt").write_text("[speclint.rules]\nhostile = hostile_pack\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}
    command = [sys.executable, "-m", "speclint", "check", "--no-cache", "--select", "hostile-rule", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=project, timeout=90, check=False)


def _specs(folder: Path, *titles: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for index, title in enumerate(titles):
        (folder / f"api{index}.yaml").write_text(SPEC.format(title=title))
    return folder


def test_a_killed_worker_stops_the_run_with_one_line(tmp_path: Path) -> None:
    _specs(tmp_path / "specs", "fine", "fine", "die", "fine", "fine", "fine")
    done = _speclint(tmp_path, "--jobs", "2", "specs")
    assert done.returncode == 2
    [line] = done.stderr.splitlines()
    assert line.startswith("speclint: error: a --jobs worker process ended abruptly")


def test_a_rule_that_raises_is_exit_2_with_a_line_and_its_traceback_under_debug(tmp_path: Path) -> None:
    _specs(tmp_path / "specs", "boom")
    done = _speclint(tmp_path, "--format", "json", "specs")
    assert done.returncode == 2
    [line] = done.stderr.splitlines()
    assert line.startswith("speclint: error: 1 internal error:") and "--debug" in line
    [finding] = json.loads(done.stdout)["diagnostics"]
    assert finding["rule"] == "internal-error" and "boom in a rule" in finding["message"]
    assert "Traceback" not in finding["message"]
    debug = _speclint(tmp_path, "--format", "json", "--debug", "specs")
    assert debug.returncode == 2 and debug.stderr.strip()
    [finding] = json.loads(debug.stdout)["diagnostics"]
    assert "Traceback (most recent call last)" in finding["message"]


def test_a_path_without_specs_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "empty" / "docs").mkdir(parents=True)
    (tmp_path / "empty" / "docs" / "notes.txt").write_text("no spec here\n")
    result = run_cli("check", "--no-cache", tmp_path / "empty")
    assert result.code == 2
    assert result.stderr == f"speclint: error: no spec files found under {tmp_path / 'empty'}\n"


@pytest.mark.parametrize("part", ["1/3", "2/3", "3/3"])
def test_an_empty_shard_is_exit_0(tmp_path: Path, part: str) -> None:
    folder = _specs(tmp_path / "specs", "Shop")
    result = run_cli("check", "--no-cache", "--select", "syntax-error", "--shard", part, folder)
    assert result.code == 0, result.stderr

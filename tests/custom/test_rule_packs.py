"""Python rule packs through the ``speclint.rules`` entry point, in a fresh interpreter.

Installing the sample pack with pip is too slow for the suite; a ``*.dist-info`` folder with
an ``entry_points.txt`` on ``sys.path`` is what an installed package looks like to
``importlib.metadata``, so the real entry-point mechanism is exercised.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURES

PACK = FIXTURES / "custom" / "rulepack"


def _install(site: Path, name: str, entry: str) -> None:
    info = site / f"{name}-0.1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1.0\n")
    (info / "entry_points.txt").write_text(f"[speclint.rules]\n{entry}\n")


def _speclint(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [sys.executable, "-m", "speclint", *args], capture_output=True, text=True, env=env, timeout=60, check=False
    )


def test_sample_pack_is_listed_with_its_package_and_runs(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(PACK / "speclint_sample_pack", site / "speclint_sample_pack")
    _install(site, "speclint_sample_pack", "sample = speclint_sample_pack.rules")
    listed = _speclint(site, "rules", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    rows = {row["id"]: row for row in json.loads(listed.stdout)}
    assert rows["sample-operation-summary"]["origin"] == "speclint_sample_pack"
    text = _speclint(site, "rules")
    line = next(line for line in text.stdout.splitlines() if line.startswith("sample-operation-summary"))
    assert "speclint_sample_pack" in line
    spec = FIXTURES / "custom" / "specs" / "shop.yaml"
    checked = _speclint(site, "check", str(spec), "--select", "sample-operation-summary", "--format", "json")
    found = [(d["rule"], d["line"]) for d in json.loads(checked.stdout)["diagnostics"]]
    assert found == [("sample-operation-summary", 26)]


def test_a_broken_pack_is_reported_and_skipped(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "broken_pack").mkdir(parents=True)
    (site / "broken_pack" / "__init__.py").write_text("raise RuntimeError('boom at import')\n")
    _install(site, "broken_pack", "broken = broken_pack")
    listed = _speclint(site, "rules", "--format", "json")
    assert listed.returncode == 0
    assert "rule pack 'broken' failed to load" in listed.stderr and "boom at import" in listed.stderr
    assert any(row["id"] == "openapi-operation-id-unique" for row in json.loads(listed.stdout))

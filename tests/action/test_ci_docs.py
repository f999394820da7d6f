"""The workflows in docs/ci.md: valid for GitHub, clean for zizmor (pedantic), pinned by SHA,
current upload-sarif, and path filters that cover every spec extension."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from speclint.loaders.detect import SPEC_SUFFIXES
from tests.conftest import ROOT

DOCS = ROOT / "docs" / "ci.md"


def _workflows() -> list[str]:
    blocks = re.findall(r"```yaml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    return [block for block in blocks if re.search(r"^jobs:", block, re.M)]


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (it is in the test extras; CI installs it)")
    return path


@pytest.fixture
def workflow_files(tmp_path: Path) -> list[Path]:
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    files = []
    for index, text in enumerate(_workflows()):
        path = folder / f"docs-{index}.yml"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    assert len(files) >= 2
    return files


def test_every_uses_is_pinned_by_sha_and_upload_sarif_is_v4() -> None:
    uses = [u for text in _workflows() for u in re.findall(r"uses: (\S+)(.*)", text)]
    assert uses
    for target, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", target), target
        assert re.fullmatch(r" # v\d+\.\d+\.\d+", comment), (target, comment)
    assert any("upload-sarif" in target and comment == " # v4.36.2" for target, comment in uses)


def test_path_filters_cover_every_spec_extension() -> None:
    workflow = yaml.safe_load(_workflows()[0])
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    for event in ("pull_request", "push"):
        suffixes = {Path(p).suffix for p in triggers[event]["paths"]}
        assert suffixes >= SPEC_SUFFIXES, (event, SPEC_SUFFIXES - suffixes)


def test_check_jsonschema_accepts_the_workflows(workflow_files: list[Path]) -> None:
    command = [_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, workflow_files)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_in_the_workflows(workflow_files: list[Path]) -> None:
    command = [_tool("zizmor"), "--offline", "--persona=pedantic", "--no-progress", *map(str, workflow_files)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stdout + result.stderr

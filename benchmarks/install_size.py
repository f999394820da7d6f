"""Packages and megabytes of an install of speclint, and the start-up time of its commands.

    python benchmarks/install_size.py                 # builds a new venv with `pip install .`
    python benchmarks/install_size.py --venv DIR      # measures an existing venv

Prints the number of distributions installed besides pip (speclint included), the size of
site-packages without pip, and the whole-process time of `speclint --version` and of
`speclint check` on a small spec (median of 15 runs). Goals: at most 25 packages and 80 MB for
the core install; --version 40 ms and check 120 ms on a 2-core machine.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SMALL_SPEC = ROOT / "fixtures" / "openapi" / "petstore" / "openapi.yaml"
_NOT_COUNTED = {"pip"}


def _site_packages(venv: Path) -> Path:
    return next((venv / "lib").glob("python3*/site-packages"))


def _distributions(site: Path) -> list[str]:
    names = {p.name.split("-")[0].lower() for p in site.glob("*.dist-info")}
    return sorted(names - _NOT_COUNTED)


def _size_mb(site: Path) -> float:
    total = 0
    for path in site.rglob("*"):
        parts = path.relative_to(site).parts
        if parts and (parts[0] == "pip" or parts[0].startswith("pip-")):
            continue
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
    return total / 1e6


def _median_ms(command: list[str], runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--venv", type=Path, help="an existing virtual environment (default: build one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        venv = args.venv
        if venv is None:
            venv = Path(scratch) / "venv"
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(ROOT)], check=True)
        site = _site_packages(venv)
        names = _distributions(site)
        print(f"packages: {len(names)} (goal <= 25): {' '.join(names)}")
        print(f"size: {_size_mb(site):.1f} MB in site-packages without pip (goal <= 80 MB)")
        speclint = str(venv / "bin" / "speclint")
        print(f"speclint --version: {_median_ms([speclint, '--version']):.0f} ms (median of 15; goal <= 40 ms)")
        check = [speclint, "check", "--no-cache", str(SMALL_SPEC)]
        print(f"speclint check (small spec): {_median_ms(check):.0f} ms (median of 15; goal <= 120 ms)")


if __name__ == "__main__":
    main()

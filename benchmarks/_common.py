"""Helpers for benchmark scripts: fetch npm packages into benchmarks/data, time a process."""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
ROOT = Path(__file__).resolve().parent.parent


def _as_installed() -> None:
    """Measure what a user runs: pip writes the package's bytecode when it installs, so every
    benchmark gets it too. Where ``PYTHONDONTWRITEBYTECODE`` is set (some CI images and sandboxes),
    each run would otherwise compile ~140 modules from source again, about 0.1 s a process."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    compileall.compile_dir(ROOT / "speclint", quiet=1)


_as_installed()


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


def npm_tools(folder: Path, packages: tuple[str, ...], binaries: tuple[str, ...]) -> Path:
    """``node_modules/.bin`` of ``folder``, where ``packages`` are npm-installed unless every one of
    ``binaries`` is already there."""
    bin_dir = folder / "node_modules" / ".bin"
    if not all((bin_dir / name).exists() for name in binaries):
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "init", "-y"], cwd=folder, check=True, capture_output=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", *packages], cwd=folder, check=True,
                       capture_output=True)  # fmt: skip
    return bin_dir


def speclint() -> list[str]:
    return [sys.executable, "-m", "speclint"]


def start_server(script: Path) -> tuple[subprocess.Popen[str], str]:
    """A fixture server (``script --port 0``) in its own process, so it does not share this one's GIL;
    with the address it prints on its first line."""
    process = subprocess.Popen([sys.executable, str(script), "--port", "0"], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    return process, process.stdout.readline().strip()


def fuzz_summary(options: Any) -> dict[str, Any]:
    """Run ``speclint fuzz`` with ``options`` (a ``FuzzOptions``): requests, seconds, time to the
    first failure, and the (operation, check) pairs that failed."""
    from speclint.fuzz.engine import run_fuzz

    report = run_fuzz(options)
    return {
        "requests": report.requests,
        "seconds": report.duration_s,
        "first_failure_s": report.first_failure_s,
        "found": {(f.operation, f.check) for f in report.failures},
    }


def rate_row(name: str, runs: list[dict[str, Any]], *, name_width: int, digits: int, total: bool) -> str:
    """One line of medians over ``runs`` (each as :func:`fuzz_summary` returns): requests per second,
    milliseconds per request, time to the first failure (``digits`` decimals), requests, and with
    ``total`` the seconds they took."""
    rps = statistics.median(r["requests"] / r["seconds"] for r in runs)
    per_request_ms = statistics.median(1000 * r["seconds"] / max(r["requests"], 1) for r in runs)
    firsts = [r["first_failure_s"] for r in runs if r["first_failure_s"] is not None]
    first = f"{statistics.median(firsts):.{digits}f} s" if firsts else "-"
    requests = statistics.median(r["requests"] for r in runs)
    row = (f"  {name:<{name_width}} {rps:6.0f} req/s  {per_request_ms:6.2f} ms/req  "
           f"first failure {first:>{digits + 5}}  requests {requests:.0f}")
    if total:
        row += f" in {statistics.median(r['seconds'] for r in runs):.2f} s"
    return row


def budget_and_seeds() -> tuple[int, list[int]]:
    """A fuzz benchmark's command line: ``--max-examples`` (default 50) and ``--seeds`` (default 1,2,3,4,5)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-examples", type=int, default=50)
    parser.add_argument("--seeds", default="1,2,3,4,5")
    args = parser.parse_args()
    return args.max_examples, [int(s) for s in args.seeds.split(",")]

"""Time ``speclint diff`` between two releases of GitHub's API descriptions.

- REST: npm ``@octokit/openapi`` 22.0.0 -> 23.0.2, ``generated/api.github.com.json`` (goal: under 3 s)
- GraphQL: npm ``@octokit/graphql-schema`` 14.0.0 -> 15.25.0, ``schema.graphql`` (goal: under 1 s)

Each figure is the wall time of the whole ``speclint diff`` process (start-up, loading both
versions, comparing, writing the JSON report), best of ``--runs``. Packages are fetched with
``npm pack`` into benchmarks/data/ when missing, and only the one file needed is unpacked.

    python benchmarks/diff_speed.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import _common  # noqa: F401  (bytecode compiled, as an installed package has it)

DATA = Path(__file__).resolve().parent / "data" / "diff"

PAIRS = [
    ("REST", "@octokit/openapi", ("22.0.0", "23.0.2"), "package/generated/api.github.com.json", 3.0),
    ("GraphQL", "@octokit/graphql-schema", ("14.0.0", "15.25.0"), "package/schema.graphql", 1.0),
]


def fetch(name: str, version: str, member: str) -> Path:
    """``member`` of ``name@version``, from benchmarks/data/diff (fetched with ``npm pack`` once)."""
    folder = DATA / f"{name.strip('@').replace('/', '-')}-{version}"
    target = folder / member
    if target.is_file():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    tarballs = list(folder.glob("*.tgz"))
    if not tarballs:
        subprocess.run(["npm", "pack", f"{name}@{version}", "--silent"], cwd=folder, check=True, capture_output=True)
        tarballs = list(folder.glob("*.tgz"))
    with tarfile.open(tarballs[0]) as archive:
        archive.extract(member, folder, filter="data")
    tarballs[0].unlink()  # the unpacked file is all we keep
    return target


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(old: Path, new: Path) -> tuple[float, float, dict[str, int], int]:
    """Wall seconds, CPU seconds (user + system: what the wall time is on an idle machine), report."""
    command = [sys.executable, "-m", "speclint", "diff", str(old), str(new), "--format", "json"]
    cpu = _cpu()
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    seconds = time.perf_counter() - start
    cpu = _cpu() - cpu
    if done.returncode not in (0, 1):
        raise SystemExit(f"speclint diff failed ({done.returncode}): {done.stderr.decode().strip()}")
    report = json.loads(done.stdout)
    return seconds, cpu, report["summary"], len(report["changes"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    failed = False
    for label, package, (before, after), member, goal in PAIRS:
        old, new = fetch(package, before, member), fetch(package, after, member)
        runs = [run_once(old, new) for _ in range(args.runs)]
        best = min(r[0] for r in runs)
        cpu = min(r[1] for r in runs)
        _, _, summary, total = runs[0]
        status = "ok" if best < goal else "SLOWER THAN GOAL"
        levels = ", ".join(f"{count} {level}" for level, count in summary.items())
        print(f"{label}: {package} {before} -> {after}: {best:.2f} s wall, {cpu:.2f} s CPU")
        print(f"  goal {goal:.0f} s: {status}")
        print(f"  {total} changes: {levels}")
        failed = failed or best >= goal
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())

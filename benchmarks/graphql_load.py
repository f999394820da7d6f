"""Lint GitHub's GraphQL schema (npm @octokit/graphql-schema 15.25.0, schema.graphql, 1.2 MB).

Prints wall time, CPU time and peak memory (max RSS) of whole processes, best of N runs each:
- `speclint check --no-cache` on the schema (the figure that counts: start-up, load, rules,
  report), and `speclint check` answered from its `.speclint_cache`;
- graphql-core `parse` alone and `build_schema` (what a loader built on it would cost);
- graphql-schema-linter, when `--linter` is given (installed with npm into benchmarks/data).
Then checks 15.26.0, whose schema defines two fields twice: both must be `invalid-structure`
findings at the duplicates' lines, the same two errors graphql-core's `build_schema` raises.

    python benchmarks/graphql_load.py [--repeats N] [--linter]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DATA, npm_package

_RUNNER = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[2:], stdout=open(sys.argv[1], 'wb'), stderr=subprocess.PIPE)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
sys.stderr.write(done.stderr.decode()[-2000:])
print(f"{seconds:.3f} {usage.ru_utime + usage.ru_stime:.3f} {usage.ru_maxrss / 1024:.0f} {done.returncode}")
"""

_PARSE = "import sys; from graphql import parse; parse(open(sys.argv[1], encoding='utf-8').read())"
_BUILD = "import sys; from graphql import build_schema; build_schema(open(sys.argv[1], encoding='utf-8').read())"


def run(command: list[str], output: Path) -> tuple[float, float, float, int]:
    """Wall and CPU seconds, peak RSS in MB and exit status of ``command``, in a fresh runner."""
    done = subprocess.run(
        [sys.executable, "-c", _RUNNER, str(output), *command], capture_output=True, text=True, check=False
    )
    if done.returncode != 0 or not done.stdout.strip():
        raise SystemExit(f"benchmark runner failed: {done.stderr[-2000:]}")
    seconds, cpu, peak, code = done.stdout.split()
    return float(seconds), float(cpu), float(peak), int(code)


def linter_command(schema: Path) -> list[str] | None:
    """graphql-schema-linter from benchmarks/data (installed with npm on first use)."""
    folder = DATA / "graphql-schema-linter"
    binary = folder / "node_modules" / ".bin" / "graphql-schema-linter"
    if not binary.exists():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--silent", "--no-audit", "--no-fund", "graphql-schema-linter@3", "graphql@16"],
            cwd=folder,
            check=True,
        )
    return [str(binary), str(schema)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--linter", action="store_true", help="also time graphql-schema-linter (npm)")
    args = parser.parse_args()
    schema = npm_package("@octokit/graphql-schema", "15.25.0") / "schema.graphql"
    report = DATA / "graphql-last-report.json"
    scratch = DATA / "graphql-last-output.txt"
    speclint = [sys.executable, "-m", "speclint", "check", "--format", "json", "--fail-on", "never"]
    commands: list[tuple[str, list[str], Path]] = [
        ("speclint check (cold)", [*speclint, "--no-cache", str(schema)], report),
        ("speclint check (cached)", [*speclint, str(schema)], scratch),
        ("graphql-core parse only", [sys.executable, "-c", _PARSE, str(schema)], scratch),
        ("graphql-core build_schema", [sys.executable, "-c", _BUILD, str(schema)], scratch),
        ("python start-up (baseline)", [sys.executable, "-c", "pass"], scratch),
    ]
    if args.linter:
        linter = linter_command(schema)
        if linter:
            commands.append(("graphql-schema-linter", linter, scratch))
    print(f"schema: {schema} ({schema.stat().st_size / 1e6:.2f} MB), best of {args.repeats}")
    loadavg = Path("/proc/loadavg")
    if loadavg.exists():  # timings mean little on a busy machine
        print(f"load average: {' '.join(loadavg.read_text().split()[:3])}")
    print(f"{'process':<30} {'best s':>8} {'median s':>9} {'best CPU s':>11} {'peak MB':>8}")
    for label, command, output in commands:
        runs = sorted(run(command, output) for _ in range(args.repeats))
        best, median = runs[0][0], runs[len(runs) // 2][0]
        cpu = min(r[1] for r in runs)
        peak = max(r[2] for r in runs)
        print(f"{label:<30} {best:>8.2f} {median:>9.2f} {cpu:>11.2f} {peak:>8.0f}")
    diagnostics = json.loads(report.read_text())["diagnostics"]
    print(f"speclint findings: {len(diagnostics)}")
    for rule, count in Counter(d["rule"] for d in diagnostics).most_common(12):
        print(f"    {rule:<40} {count}")
    broken = npm_package("@octokit/graphql-schema", "15.26.0") / "schema.graphql"
    run([*speclint, "--no-cache", "--select", "invalid-structure", str(broken)], report)
    print("15.26.0 invalid-structure findings:")
    for d in json.loads(report.read_text())["diagnostics"]:
        print(f"    line {d['line']}:{d['column']} {d['message']}")


if __name__ == "__main__":
    main()

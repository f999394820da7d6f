"""speclint against ``buf lint`` on googleapis' google/cloud (npm google-proto-files 6.0.1, 2,321 protos).

From the package's root folder (the one that holds ``google/``), cold (no result cache)::

    speclint check google/cloud --proto-path . --format json --no-cache [--jobs N]
    buf lint --path google/cloud --exclude-path google/cloud/binaryauthorization

(buf stops at the first file it cannot compile, and binaryauthorization imports grafeas, which the
package lacks; speclint reports that import and lints the rest). buf is the binary of the npm
package ``@bufbuild/buf-<os>-<cpu>``. For each: wall time, CPU time of the whole process tree
(protoc children and workers included) and peak memory (the largest summed resident memory of
the process tree, sampled every 20 ms), then speclint's time as a share of buf's: of the fastest
run of each, and of each round (the tools run in turn, so a round measures both at the same
moment). The goal: at most 0.5 of buf's time, under 1 GB. Wall times mean little on a busy machine: the load
average is printed, and CPU times are the steadier figure there.

    python benchmarks/proto_vs_buf.py [--repeats N] [--jobs N] [--no-buf]
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import npm_package, speclint
from proto_load import google_cloud, measure

BUF_VERSION = "1.75.0"


def buf_binary() -> Path:
    cpu = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}[platform.machine().lower()]
    system = {"Linux": "linux", "Darwin": "darwin"}[platform.system()]
    binary = npm_package(f"@bufbuild/buf-{system}-{cpu}", BUF_VERSION) / "bin" / "buf"
    binary.chmod(0o755)
    return binary


Figures = tuple[float, float, float, int]  # wall seconds, CPU seconds, peak tree RSS, exit status


def alternated(commands: list[list[str]], cwd: Path, repeats: int) -> list[list[Figures]]:
    """``repeats`` runs of each command, taken in turn (one of each, then again), so that each
    round measures the tools at the same moment: this machine's speed drifts by tens of per cent
    within minutes."""
    runs: list[list[Figures]] = [[] for _ in commands]
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(repeats):
            for command, figures in zip(commands, runs):
                wall, cpu, peak, _, status = measure(command, cwd, Path(folder) / "out")
                figures.append((wall, cpu, peak, status))
    return runs


def row(name: str, figures: tuple[float, float, float, int]) -> str:
    wall, cpu, peak, status = figures
    return f"  {name:<10} wall {wall:7.2f} s   cpu {cpu:7.2f} s   peak {peak / 2**20:6.0f} MiB   exit {status}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=1, help="runs of each (the fastest is shown)")
    parser.add_argument("--jobs", type=int, default=None, help="speclint --jobs (default: its own, the CPU count)")
    parser.add_argument("--no-buf", action="store_true", help="time speclint only")
    args = parser.parse_args()

    before = os.getloadavg()[0]  # the last minute's, before the runs add their own
    root = google_cloud()
    command = [*speclint(), "check", "google/cloud", "--proto-path", ".", "--format", "json", "--no-cache"]
    if args.jobs is not None:
        command += ["--jobs", str(args.jobs)]
    repeats = max(1, args.repeats)
    if args.no_buf:
        print(row("speclint", min(alternated([command], root, repeats)[0])))
        return 0
    buf = buf_binary()
    version = subprocess.run([str(buf), "--version"], capture_output=True, text=True, check=False).stdout.strip()
    buf_command = [str(buf), "lint", "--path", "google/cloud", "--exclude-path", "google/cloud/binaryauthorization"]
    our_runs, their_runs = alternated([command, buf_command], root, repeats)
    ours, theirs = min(our_runs), min(their_runs)
    print(row("speclint", ours))
    print(row(f"buf {version}", theirs))
    print(f"  speclint / buf: wall {ours[0] / theirs[0]:.2f}, cpu {ours[1] / theirs[1]:.2f}, "
          f"memory {ours[2] / max(theirs[2], 1):.2f} (fastest of each)")  # fmt: skip
    rounds = sorted(a[0] / b[0] for a, b in zip(our_runs, their_runs))
    print(f"  wall ratio of each round (run at the same moment): {' '.join(f'{r:.2f}' for r in rounds)}; "
          f"median {rounds[len(rounds) // 2]:.2f}")  # fmt: skip
    met = ours[0] <= 0.5 * theirs[0] and ours[2] < 2**30
    print(f"  goal (<= 0.5 x buf's wall time, < 1 GiB): {'met' if met else 'NOT met'}")
    after = ' '.join(f'{x:.2f}' for x in os.getloadavg())
    print(f"load average after: {after} (the runs themselves keep every core busy)")
    if before > (os.cpu_count() or 1) / 2:
        print("  the machine was busy before the runs: wall times (and their ratio) say little; compare CPU times")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

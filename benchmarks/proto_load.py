"""Lint googleapis' google/cloud protos (npm google-proto-files 6.0.1, about 2,300 files).

Runs, from the package's root folder (the one that holds ``google/``)::

    speclint check google/cloud --proto-path . --format json --no-cache

(without the result cache, so that every run does the whole work) and prints its wall time,
CPU time and peak memory: the peak of the summed resident memory of the whole process tree
(speclint and the protoc runs it starts), sampled every 20 ms, and the largest single process
(``ru_maxrss``). Then the number of findings per rule. With ``--protoc``, times protoc alone
building the same descriptor set, for reference. The goal: under 12 s and under 1.5 GB. The
machine's load average is printed too: on a busy machine wall times mean little.

    python benchmarks/proto_load.py [--repeats N] [--protoc]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import npm_package, speclint

PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_rss(root: int) -> int:
    """Bytes of resident memory of ``root`` and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stream:
                fields = stream.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)  # field 4: ppid
        rss[pid] = int(fields[21]) * PAGE  # field 24: rss in pages
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        total += rss.get(pid, 0)
        pending.extend(children.get(pid, ()))
    return total


def measure(command: list[str], cwd: Path, output: Path) -> tuple[float, float, float, int, int]:
    """Wall seconds, CPU seconds, peak tree RSS, largest process RSS (bytes), exit status."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with output.open("wb") as stream:
        process = subprocess.Popen(command, cwd=cwd, stdout=stream, stderr=subprocess.PIPE)
        peak = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, tree_rss(process.pid))
                done.wait(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, stderr = process.communicate()
        done.set()
        sampler.join()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if process.returncode not in (0, 1):
        sys.stderr.write(stderr.decode("utf-8", "replace")[-3000:])
    return wall, cpu, peak, after.ru_maxrss * 1024, process.returncode


def google_cloud() -> Path:
    """The root of google-proto-files 6.0.1 (fetched once), announced with the machine's load."""
    root = npm_package("google-proto-files", "6.0.1")
    count = sum(1 for _ in (root / "google" / "cloud").rglob("*.proto"))
    print(f"google-proto-files 6.0.1: {count} .proto files under google/cloud ({root})")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    return root


def protoc_alone(root: Path) -> tuple[float, int]:
    from speclint.loaders.protobuf.roots import well_known_root

    files = sorted(p.relative_to(root).as_posix() for p in (root / "google" / "cloud").rglob("*.proto"))
    with tempfile.TemporaryDirectory() as folder:
        args = Path(folder) / "args.txt"
        out = Path(folder) / "set.pb"
        lines = ["-I.", f"-I{well_known_root()}", "--include_source_info", "--include_imports"]
        args.write_text("\n".join([*lines, f"--descriptor_set_out={out}", *files]) + "\n")
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "grpc_tools.protoc", f"@{args}"], cwd=root, capture_output=True, check=True
        )
        return time.perf_counter() - start, out.stat().st_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=1, help="runs of speclint check (best is shown)")
    parser.add_argument("--protoc", action="store_true", help="also time protoc alone")
    args = parser.parse_args()

    root = google_cloud()
    if args.protoc:
        seconds, size = protoc_alone(root)
        print(f"protoc alone (descriptor set with source info, {size / 1e6:.0f} MB): {seconds:.2f} s")

    command = [*speclint(), "check", "google/cloud", "--proto-path", ".", "--format", "json", "--no-cache"]
    runs = []
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "report.json"
        for _ in range(max(1, args.repeats)):
            runs.append(measure(command, root, output))
            report = json.loads(output.read_text("utf-8"))
    wall, cpu, peak, largest, status = min(runs)
    print(f"speclint check google/cloud --proto-path .: exit {status}")
    print(f"  wall {wall:.2f} s (runs: {', '.join(f'{r[0]:.2f}' for r in runs)}), cpu {cpu:.2f} s")
    print(f"  peak RSS of the process tree {peak / 2**20:.0f} MiB, largest process {largest / 2**20:.0f} MiB")
    print(f"  goal: < 12 s and < 1.5 GB: {'met' if wall < 12 and peak < 1.5e9 else 'NOT met'}")
    print(f"summary: {report['summary']}")
    for rule, found in Counter(d["rule"] for d in report["diagnostics"]).most_common():
        print(f"  {found:6d}  {rule}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

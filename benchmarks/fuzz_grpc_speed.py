"""How fast is ``speclint fuzz`` against a gRPC server, and how soon does it find the bugs?

The gRPC fixture server (fixtures/servers/grpc/) runs in a child process on 127.0.0.1. For each
seed: requests per second, time to the first failure, and how many of the planted bugs were
found, by ``speclint fuzz`` from the .proto and from server reflection. For scale, a bare grpcio
loop (the same generic calls, one fixed empty message, no generation, no checks) gives the
transport's own rate on this machine: there is no established gRPC fuzzer to compare with.

    python benchmarks/fuzz_grpc_speed.py [--max-examples 50] [--seeds 1,2,3,4,5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "fixtures" / "servers" / "grpc" / "shop.proto"
TOKEN = "s3cret-token"
TIMEOUT = 0.5
PLANTED = {
    ("shop.v1.ItemService/GetItem", "server-error"),
    ("shop.v1.ItemService/CreateItem", "server-error"),
    ("shop.v1.ItemService/DeleteItem", "server-error"),
    ("shop.v1.ItemService/WatchItems", "server-error"),
    ("shop.v1.ItemService/GetStats", "response-schema"),
    ("shop.v1.SearchService/Reindex", "timeout"),
}


def _start() -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, str(SPEC.parent / "server.py"), "--port", "0"], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    return process, process.stdout.readline().strip()


def run_speclint(target: str, budget: int, seed: int, reflection: bool) -> dict[str, Any]:
    from speclint.fuzz.engine import run_fuzz
    from speclint.fuzz.options import FuzzOptions

    options = FuzzOptions(spec=Path("reflection") if reflection else SPEC, url=target, reflection=reflection,
                          headers=(("Authorization", f"Bearer {TOKEN}"),), max_examples=budget, seed=seed,
                          timeout=TIMEOUT)
    report = run_fuzz(options)
    return {
        "requests": report.requests,
        "seconds": report.duration_s,
        "first_failure_s": report.first_failure_s,
        "found": {(f.operation, f.check) for f in report.failures},
    }


def run_bare_grpcio(target: str, requests: int) -> dict[str, Any]:
    """The same number of plain calls to a correct unary method: the transport's ceiling."""
    import grpc

    with grpc.insecure_channel(target) as channel:
        call = channel.unary_unary("/shop.v1.SearchService/Ping")
        metadata = [("authorization", f"Bearer {TOKEN}")]
        started = time.perf_counter()
        for _ in range(requests):
            call(b"", timeout=TIMEOUT, metadata=metadata)
        seconds = time.perf_counter() - started
    return {"requests": requests, "seconds": seconds, "first_failure_s": None, "found": set()}


def _row(name: str, runs: list[dict[str, Any]]) -> str:
    rps = statistics.median(r["requests"] / r["seconds"] for r in runs)
    per_request_ms = statistics.median(1000 * r["seconds"] / max(r["requests"], 1) for r in runs)
    firsts = [r["first_failure_s"] for r in runs if r["first_failure_s"] is not None]
    first = f"{statistics.median(firsts):.3f} s" if firsts else "-"
    requests = statistics.median(r["requests"] for r in runs)
    seconds = statistics.median(r["seconds"] for r in runs)
    return (f"  {name:<28} {rps:6.0f} req/s  {per_request_ms:6.2f} ms/req  first failure {first:>8}  "
            f"requests {requests:.0f} in {seconds:.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-examples", type=int, default=50)
    parser.add_argument("--seeds", default="1,2,3,4,5")
    args = parser.parse_args()
    seeds = [int(s) for s in args.seeds.split(",")]
    process, target = _start()
    try:
        from_proto = [run_speclint(target, args.max_examples, seed, False) for seed in seeds]
        reflected = [run_speclint(target, args.max_examples, seed, True) for seed in seeds]
        bare = [run_bare_grpcio(target, int(statistics.median(r["requests"] for r in from_proto)))]
    finally:
        process.terminate()
        process.wait()
    print(f"grpc ({SPEC.relative_to(ROOT)}), budget {args.max_examples}/method, seeds {seeds}, timeout {TIMEOUT} s")
    print(_row("speclint fuzz (.proto)", from_proto))
    print(_row("speclint fuzz (reflection)", reflected))
    print(_row("bare grpcio loop (no checks)", bare))
    for name, runs in (("proto", from_proto), ("reflection", reflected)):
        hits = [len(PLANTED & r["found"]) for r in runs]
        extra = set().union(*(r["found"] - PLANTED for r in runs))
        unexpected = sorted(extra) or "none"
        print(f"  planted bugs found ({name}): {hits} of {len(PLANTED)} per seed; unexpected: {unexpected}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

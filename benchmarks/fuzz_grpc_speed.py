"""How fast is ``speclint fuzz`` against a gRPC server, and how soon does it find the bugs?

The gRPC fixture server (fixtures/servers/grpc/) runs in a child process on 127.0.0.1. For each
seed: requests per second, time to the first failure, and how many of the planted bugs were
found, by ``speclint fuzz`` from the .proto and from server reflection. For scale, a bare grpcio
loop (the same generic calls, one fixed empty message, no generation, no checks) gives the
transport's own rate on this machine: there is no established gRPC fuzzer to compare with.

    python benchmarks/fuzz_grpc_speed.py [--max-examples 50] [--seeds 1,2,3,4,5]
"""

from __future__ import annotations

import statistics
import sys
import time
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import budget_and_seeds, fuzz_summary, rate_row, start_server

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "fixtures" / "servers" / "grpc" / "shop.proto"
TOKEN = "s3cret-token"
TIMEOUT = 0.5
_row = partial(rate_row, name_width=28, digits=3, total=True)
PLANTED = {
    ("shop.v1.ItemService/GetItem", "server-error"),
    ("shop.v1.ItemService/CreateItem", "server-error"),
    ("shop.v1.ItemService/DeleteItem", "server-error"),
    ("shop.v1.ItemService/WatchItems", "server-error"),
    ("shop.v1.ItemService/GetStats", "response-schema"),
    ("shop.v1.SearchService/Reindex", "timeout"),
}


def run_speclint(target: str, budget: int, seed: int, reflection: bool) -> dict[str, Any]:
    from speclint.fuzz.options import FuzzOptions

    options = FuzzOptions(spec=Path("reflection") if reflection else SPEC, url=target, reflection=reflection,
                          headers=(("Authorization", f"Bearer {TOKEN}"),), max_examples=budget, seed=seed,
                          timeout=TIMEOUT)
    return fuzz_summary(options)


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


def main() -> int:
    budget, seeds = budget_and_seeds()
    process, target = start_server(SPEC.parent / "server.py")
    try:
        from_proto = [run_speclint(target, budget, seed, False) for seed in seeds]
        reflected = [run_speclint(target, budget, seed, True) for seed in seeds]
        bare = [run_bare_grpcio(target, int(statistics.median(r["requests"] for r in from_proto)))]
    finally:
        process.terminate()
        process.wait()
    print(f"grpc ({SPEC.relative_to(ROOT)}), budget {budget}/method, seeds {seeds}, timeout {TIMEOUT} s")
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

"""How fast is ``speclint fuzz``, and what does it cost over plain schemathesis?

For each fixture server (REST, GraphQL) under fixtures/servers/, each served from a child process on
127.0.0.1: requests per second, time to the first failure, and the planted bugs found, for
speclint and for a plain schemathesis loop (``@given(operation.as_strategy())`` + ``case.call``
+ ``case.validate_response``, positive and negative modes) with the same budget and seed.

    python benchmarks/fuzz_speed.py [--max-examples 50] [--seeds 1,2,3,4,5]
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
SERVERS = ROOT / "fixtures" / "servers"
TOKEN = "s3cret-token"
TIMEOUT = 0.5
_row = partial(rate_row, name_width=20, digits=2, total=False)


def run_speclint(spec: Path, url: str, budget: int, seed: int) -> dict[str, Any]:
    from speclint.fuzz.options import FuzzOptions

    options = FuzzOptions(spec=spec, url=url, headers=(("Authorization", f"Bearer {TOKEN}"),),
                          max_examples=budget, seed=seed, timeout=TIMEOUT)
    return fuzz_summary(options)


def run_plain_schemathesis(spec: Path, url: str, budget: int, seed: int, graphql: bool) -> dict[str, Any]:
    import requests
    import schemathesis
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as with_seed
    from hypothesis.errors import Unsatisfiable
    from schemathesis import GenerationMode
    from schemathesis.core.failures import FailureGroup

    started = time.perf_counter()
    loader = schemathesis.graphql if graphql else schemathesis.openapi
    schema = loader.from_path(str(spec))
    schema.config.update(base_url=url)
    session = requests.Session()
    headers = {"Authorization": f"Bearer {TOKEN}"}
    state: dict[str, Any] = {"requests": 0, "first": None, "found": set()}
    modes = [(GenerationMode.POSITIVE, budget)] if graphql else [
        (GenerationMode.POSITIVE, budget - budget // 2), (GenerationMode.NEGATIVE, budget // 2)]
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode, share in modes:
            @with_seed(seed)
            @settings(max_examples=share, database=None, deadline=None, phases=[Phase.generate],
                      suppress_health_check=list(HealthCheck))
            @given(operation.as_strategy(generation_mode=mode, headers=headers))
            def explore(case: Any) -> None:
                label = case.operation.label
                state["requests"] += 1
                try:
                    response = case.call(session=session, headers=headers, timeout=TIMEOUT)
                    case.validate_response(response)
                except FailureGroup as group:
                    state["first"] = state["first"] or time.perf_counter() - started
                    for failure in group.exceptions:
                        state["found"].add((label, type(failure).__name__))
                except requests.Timeout:
                    state["first"] = state["first"] or time.perf_counter() - started
                    state["found"].add((label, "Timeout"))

            try:
                explore()
            except Unsatisfiable:
                pass
    return {"requests": state["requests"], "seconds": time.perf_counter() - started,
            "first_failure_s": state["first"], "found": state["found"]}


def main() -> int:
    budget, seeds = budget_and_seeds()
    targets = [
        ("rest", SERVERS / "rest" / "openapi.yaml", False, ("GET /v1/items/{itemId}", "server-error"), "ServerError"),
        ("graphql", SERVERS / "graphql" / "schema.graphql", True, ("Query.product", "server-error"),
         "GraphQLServerError"),
    ]
    for kind, spec, graphql, planted, plain_kind in targets:
        process, url = start_server(SERVERS / kind / "server.py")
        ours = [run_speclint(spec, url, budget, seed) for seed in seeds]
        plain = [run_plain_schemathesis(spec, url, budget, seed, graphql) for seed in seeds]
        print(f"{kind} ({spec.relative_to(ROOT)}), budget {budget}/operation, seeds {seeds}")
        print(_row("speclint fuzz", ours))
        print(_row("plain schemathesis", plain))
        ours_hits = sum(planted in r["found"] for r in ours)
        plain_hits = sum((planted[0], plain_kind) in r["found"] for r in plain)
        print(f"  {planted[0]} {planted[1]} found: speclint {ours_hits}/{len(seeds)} seeds, "
              f"plain schemathesis {plain_hits}/{len(seeds)} seeds")
        ours_ms = statistics.median(r["seconds"] / max(r["requests"], 1) for r in ours)
        plain_ms = statistics.median(r["seconds"] / max(r["requests"], 1) for r in plain)
        print(f"  overhead per request vs plain schemathesis: {100 * (ours_ms / plain_ms - 1):+.0f}%")
        sys.stdout.flush()
        process.terminate()
        process.wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

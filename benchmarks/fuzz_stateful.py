"""The stateful phase alone: ``speclint fuzz --phases stateful`` vs ``st run --phases stateful``.

Targets:

- ``fixture``: the REST fixture server with ``fixtures/servers/rest/stateful.yaml`` (three bugs
  only a sequence reaches, and a correct linked resource);
- ``jupyter``: jupyter-server from PyPI (its Swagger 2.0 spec declares no links: both tools infer
  them: contents, sessions, kernels, checkpoints), started as ``benchmarks/fuzz_real.py`` does.

Both tools get the same seed, ``--max-examples`` and timeout, and only their stateful phase.
Printed per target and tool: distinct (operation, check) failures, and those found on a linked
request (sent with values an earlier response gave: schemathesis' stateful phase also sends
unlinked first steps, random and negative, which its other phases would cover), requests, wall
and CPU time (user + sys) of the tool's process, and for speclint the share of reproductions that replay to the reported
status (the whole script pasted into ``sh``, the token put back), on the server as the run left it. schemathesis also
reports ``undocumented-status`` for a 5xx, which speclint leaves to ``server-error``; those are
left out of its pairs so the two sets compare.

    python benchmarks/fuzz_stateful.py [--servers-venv /tmp/bench21-servers] [--targets fixture,jupyter]
        [--max-examples 20] [--seed 1] [--timeout 5]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Iterator

from _common import start_server
from fuzz_real import ST_CHECKS as REAL_CHECKS
from fuzz_real import Target, start_jupyter, stop

ROOT = Path(__file__).resolve().parent.parent
ST_CHECKS = {**REAL_CHECKS, "use_after_free": "use-after-free",
             "ensure_resource_availability": "ensure-resource-availability"}


def start_fixture(venv: Path | None, work: Path) -> Target:
    process, url = start_server(ROOT / "fixtures" / "servers" / "rest" / "server.py")
    target = Target("fixture", url, ROOT / "fixtures" / "servers" / "rest" / "stateful.yaml")
    target.process = process  # type: ignore[assignment]  # a text-mode Popen; stop() only signals it
    return target


def stop_any(target: Target) -> None:
    if target.name == "fixture" and target.process is not None:
        target.process.terminate()
        target.process.wait(10)
        return
    stop(target)


# -- speclint ---------------------------------------------------------------------------------
def run_speclint(target: Target, seed: int, budget: int, timeout: float) -> dict[str, Any]:
    """``speclint fuzz --phases stateful --format json`` in a child process; its wall time
    includes the process start-up."""
    command = [sys.executable, "-m", "speclint", "fuzz", str(target.spec), "--url", target.url, "--phases", "stateful",
               "--seed", str(seed), "--max-examples", str(budget), "--timeout", str(timeout), "--format", "json"]
    for header in target.headers:
        command += ["--header", header]
    started, cpu = time.perf_counter(), _children_cpu()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    wall, cpu = time.perf_counter() - started, _children_cpu() - cpu
    if done.returncode not in (0, 1):
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
    report = json.loads(done.stdout)
    failures = report["failures"]
    judged = [f for f in failures if f["status"] is not None]
    replays = [(f, _replay(f["reproduction"], target)) for f in judged]
    return {
        "pairs": {(f["operation"], f["check"]) for f in failures},
        # found on a request sent with values from an earlier response: a sequence reproduction
        "linked": {(f["operation"], f["check"]) for f in failures if "\n" in f["reproduction"]},
        "requests": report["summary"]["requests"],
        "duration": wall,
        "cpu": cpu,
        "replayed": f"{sum(1 for f, got in replays if got == f['status'])}/{len(judged)}",
        "sequences": sum(1 for f in failures if "\n" in f["reproduction"]),
        "unreplayed": [f"{f['operation']} {f['check']}: {f['status']} -> {got}" for f, got in replays
                       if got != f["status"]],
    }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _replay(reproduction: str, target: Target) -> int | None:
    for header in target.headers:
        reproduction = reproduction.replace(f"{header.split(':', 1)[0]}: [redacted]", header)
    *before, last = reproduction.split("\n")
    script = "".join(f"{line}\n" for line in before)  # a sequence's first steps: silent
    done = subprocess.run(["sh", "-c", script + last + " -s -o /dev/null --max-time 20 -w '%{http_code}'"],
                          capture_output=True, text=True, check=False)
    return int(done.stdout) if done.stdout.strip().isdigit() else None


# -- schemathesis ---------------------------------------------------------------------------
def _failed_checks(events: Path) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(case entry, failed check) for every failed check of every scenario in the NDJSON report."""
    for line in events.read_text().splitlines():
        kind, body = next(iter(json.loads(line).items()))
        if kind == "ScenarioFinished":
            cases = body["recorder"].get("cases", {})
            for case_id, checks in body["recorder"].get("checks", {}).items():
                yield from ((cases.get(case_id, {}), c) for c in checks if c.get("status") == "failure")


def _requests_sent(events: Path) -> int:
    return sum(len(next(iter(json.loads(line).values()))["recorder"].get("interactions", {}))
               for line in events.read_text().splitlines() if line.startswith('{"ScenarioFinished"'))


def run_schemathesis(target: Target, seed: int, budget: int, timeout: float, work: Path) -> dict[str, Any]:
    events = work / f"{target.name}-st.ndjson"
    options = {"--phases": "stateful", "--checks": "all", "--seed": str(seed), "--max-examples": str(budget),
               "--request-timeout": str(timeout), "--report": "ndjson", "--report-ndjson-path": str(events),
               "--workers": "1", "--url": target.url}
    command = [str(Path(sys.executable).parent / "st"), "run", str(target.spec), "--no-color",
               *(word for pair in options.items() for word in pair),
               *(word for header in target.headers for word in ("-H", header))]
    started, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(command, capture_output=True, text=True, check=False, cwd=work)
    wall, cpu = time.perf_counter() - started, _children_cpu() - cpu
    pairs: set[tuple[str, str]] = set()
    linked: set[tuple[str, str]] = set()
    for entry, check in _failed_checks(events):
        failure = (check.get("failure_info") or {}).get("failure") or {}
        if check["name"] == "status_code_conformance" and str(failure.get("message", "")).startswith("Received: 5"):
            continue  # speclint reports a 5xx as server-error only
        case = entry.get("value", {})
        pair = (failure.get("operation") or f"{case.get('method')} {case.get('path')}",
                ST_CHECKS.get(check["name"], check["name"]))
        pairs.add(pair)
        if entry.get("is_transition_applied"):  # sent with values a link took from a response
            linked.add(pair)
    return {"pairs": pairs, "linked": linked, "requests": _requests_sent(events), "duration": wall, "cpu": cpu,
            "replayed": "-", "sequences": "-", "unreplayed": []}


# -- report ---------------------------------------------------------------------------------
def _print(name: str, spec: str, ours: dict[str, Any], theirs: dict[str, Any]) -> None:
    print(f"{name} ({spec})")
    for tool, result in (("speclint", ours), ("schemathesis", theirs)):
        if "error" in result:
            print(f"  {tool:<13} could not run: {result['error']}")
            continue
        print(f"  {tool:<13} failures {len(result['pairs']):>3} (on linked requests {len(result['linked']):>2})  "
              f"{result['requests']:>5} req  {result['duration']:6.1f} s wall {result['cpu']:5.1f} s CPU  "
              f"replay {result['replayed']:>5}  "
              f"sequence reproductions {result['sequences']}")
    if "error" in ours:
        return
    for line in ours["unreplayed"]:
        print(f"  speclint reproduction that replayed to another status: {line}")
    for key, title in (("pairs", "all failures"), ("linked", "failures on linked requests")):
        print(f"  {title}:")
        for label, pairs in (("speclint only", ours[key] - theirs[key]),
                             ("schemathesis only", theirs[key] - ours[key]), ("both", ours[key] & theirs[key])):
            print(f"    {label}: " + (", ".join(f"{op} {check}" for op, check in sorted(pairs)) or "none"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--servers-venv", type=Path, help="where jupyter-server is installed (for jupyter)")
    parser.add_argument("--targets", default="fixture,jupyter", help="comma-separated: fixture, jupyter")
    for option, kind, default in (("--max-examples", int, 20), ("--seed", int, 1), ("--timeout", float, 5.0)):
        parser.add_argument(option, type=kind, default=default)
    args = parser.parse_args()
    starters = {"fixture": start_fixture, "jupyter": start_jupyter}
    print(f"stateful phase only: seed {args.seed}, --max-examples {args.max_examples}, timeout {args.timeout:g} s")
    with tempfile.TemporaryDirectory(prefix="fuzz-stateful-") as folder:
        for name in args.targets.split(","):
            if name != "fixture" and args.servers_venv is None:
                parser.error(f"--servers-venv is required for {name}")
            work = Path(folder) / name
            work.mkdir()
            target = starters[name](args.servers_venv.resolve() if args.servers_venv else None, work)
            try:
                ours = run_speclint(target, args.seed, args.max_examples, args.timeout)
                theirs = run_schemathesis(target, args.seed, args.max_examples, args.timeout, work)
            finally:
                stop_any(target)
            _print(name, target.spec.name, ours, theirs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

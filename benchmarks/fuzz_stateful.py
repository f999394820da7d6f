"""The stateful phase alone: ``speclint fuzz --phases stateful`` vs ``st run --phases stateful``.

Targets:

- ``fixture``: the REST fixture server with ``fixtures/servers/rest/stateful.yaml`` (three bugs
  only a sequence reaches, and a correct linked resource);
- ``jupyter``: jupyter-server from PyPI (its Swagger 2.0 spec declares no links: both tools infer
  them: contents, sessions, kernels, checkpoints), started as ``benchmarks/fuzz_real.py`` does.

Both tools get the same seed, ``--max-examples`` and timeout, and only their stateful phase.
Printed per target and tool: distinct (operation, check) failures, and those found on a linked
request (sent with values an earlier response gave: schemathesis' stateful phase also sends
unlinked first steps, random and negative, which its other phases would cover), requests, wall time,
time to the first failure, and for speclint the share of sequence reproductions that replay to
the reported status (every line pasted into ``sh``, the token put back). schemathesis also
reports ``undocumented-status`` for a 5xx, which speclint leaves to ``server-error``; those are
left out of its pairs so the two sets compare.

    python benchmarks/fuzz_stateful.py [--servers-venv /tmp/bench21-servers] [--targets fixture,jupyter]
        [--max-examples 20] [--seed 1] [--timeout 5]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from _common import start_server
from fuzz_real import Target, start_jupyter, stop

ROOT = Path(__file__).resolve().parent.parent
ST_CHECKS = {
    "not_a_server_error": "server-error",
    "status_code_conformance": "undocumented-status",
    "content_type_conformance": "content-type",
    "response_headers_conformance": "response-headers",
    "response_schema_conformance": "response-schema",
    "negative_data_rejection": "negative-data-accepted",
    "positive_data_acceptance": "positive-data-rejected",
    "ignored_auth": "auth-not-enforced",
    "use_after_free": "use-after-free",
    "ensure_resource_availability": "ensure-resource-availability",
}


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


# -- speclint -------------------------------------------------------------------------------
def speclint_child(spec: str, url: str, seed: int, budget: int, timeout: float, headers: list[str]) -> None:
    from speclint.fuzz.engine import run_fuzz
    from speclint.fuzz.options import FuzzOptions, parse_header
    from speclint.fuzz.report.json_report import as_document

    options = FuzzOptions(spec=Path(spec), url=url, headers=tuple(parse_header(h) for h in headers),
                          max_examples=budget, seed=seed, timeout=timeout, phases=frozenset({"stateful"}))
    report = run_fuzz(options)
    document = as_document(report)
    document["first_failure_s"] = report.first_failure_s
    json.dump(document, sys.stdout)


def run_speclint(target: Target, seed: int, budget: int, timeout: float) -> dict[str, Any]:
    command = [sys.executable, __file__, "--speclint-child", json.dumps(
        [str(target.spec), target.url, seed, budget, timeout, target.headers])]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
    report = json.loads(done.stdout)
    failures = report["failures"]
    judged = [f for f in failures if f["status"] is not None]
    matched = sum(1 for f in judged if _replay(f["reproduction"], target) == f["status"])
    return {
        "pairs": {(f["operation"], f["check"]) for f in failures},
        # found on a request sent with values from an earlier response: a sequence reproduction
        "linked": {(f["operation"], f["check"]) for f in failures if "\n" in f["reproduction"]},
        "requests": report["summary"]["requests"],
        "duration": report["summary"]["duration_s"],
        "first": report["first_failure_s"],
        "replayed": f"{matched}/{len(judged)}",
        "sequences": sum(1 for f in failures if "\n" in f["reproduction"]),
    }


def _replay(reproduction: str, target: Target) -> int | None:
    for header in target.headers:
        reproduction = reproduction.replace(f"{header.split(':', 1)[0]}: [redacted]", header)
    *before, last = reproduction.split("\n")
    script = "".join(f"{line} -s -o /dev/null --max-time 20\n" for line in before)
    done = subprocess.run(["sh", "-c", script + last + " -s -o /dev/null --max-time 20 -w '%{http_code}'"],
                          capture_output=True, text=True, check=False)
    return int(done.stdout) if done.stdout.strip().isdigit() else None


# -- schemathesis ---------------------------------------------------------------------------
def run_schemathesis(target: Target, seed: int, budget: int, timeout: float, work: Path) -> dict[str, Any]:
    events = work / f"{target.name}-st.ndjson"
    command = [str(Path(sys.executable).parent / "st"), "run", str(target.spec), "--url", target.url,
               "--phases", "stateful", "--checks", "all", "--seed", str(seed), "--max-examples", str(budget),
               "--request-timeout", str(timeout), "--report", "ndjson", "--report-ndjson-path", str(events),
               "--no-color", "--workers", "1"]
    for header in target.headers:
        command += ["-H", header]
    subprocess.run(command, capture_output=True, text=True, check=False, cwd=work)
    started = last = first = None
    pairs: set[tuple[str, str]] = set()
    linked: set[tuple[str, str]] = set()
    requests_sent = 0
    for line in events.read_text().splitlines():
        kind, body = next(iter(json.loads(line).items()))
        stamp = body.get("timestamp") if isinstance(body, dict) else None
        if kind == "LoadingStarted":
            started = stamp
        last = stamp if stamp is not None else last
        if kind != "ScenarioFinished":
            continue
        recorder = body["recorder"]
        interactions = recorder.get("interactions", {})
        requests_sent += len(interactions)
        for case_id, checks in recorder.get("checks", {}).items():
            for check in checks:
                if check.get("status") != "failure":
                    continue
                failure = (check.get("failure_info") or {}).get("failure") or {}
                if check["name"] == "status_code_conformance" and str(failure.get("message", "")).startswith(
                        "Received: 5"):
                    continue  # speclint reports a 5xx as server-error only
                entry = recorder["cases"].get(case_id, {})
                case = entry.get("value", {})
                operation = failure.get("operation") or f"{case.get('method', '?')} {case.get('path', '?')}"
                pair = (operation, ST_CHECKS.get(check["name"], check["name"]))
                pairs.add(pair)
                if entry.get("is_transition_applied"):  # sent with values a link took from a response
                    linked.add(pair)
                when = interactions.get(case_id, {}).get("timestamp")
                if when is not None:
                    first = when if first is None else min(first, when)
    return {
        "pairs": pairs,
        "linked": linked,
        "requests": requests_sent,
        "duration": (last - started) if started is not None and last is not None else float("nan"),
        "first": (first - started) if first is not None and started is not None else None,
        "replayed": "-",
        "sequences": "-",
    }


# -- report ---------------------------------------------------------------------------------
def _row(tool: str, result: dict[str, Any]) -> str:
    if "error" in result:
        return f"  {tool:<13} could not run: {result['error']}"
    first = f"{result['first']:.2f} s" if result["first"] is not None else "-"
    return (f"  {tool:<13} failures {len(result['pairs']):>3} (on linked requests {len(result['linked']):>2})  "
            f"{result['requests']:>5} req  "
            f"{result['duration']:6.1f} s  first failure {first:>7}  replay {result['replayed']:>5}  "
            f"sequence reproductions {result['sequences']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--servers-venv", type=Path, help="the virtualenv jupyter-server is installed in")
    parser.add_argument("--targets", default="fixture,jupyter")
    parser.add_argument("--max-examples", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument("--speclint-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.speclint_child:
        speclint_child(*json.loads(args.speclint_child))
        return 0
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
            print(f"{name} ({target.spec.name})")
            print(_row("speclint", ours))
            print(_row("schemathesis", theirs))
            if "error" not in ours:
                for key in ("pairs", "linked"):
                    print(f"  {'all failures' if key == 'pairs' else 'failures on linked requests'}:")
                    for label, pairs in (("speclint only", ours[key] - theirs[key]),
                                         ("schemathesis only", theirs[key] - ours[key]),
                                         ("both", ours[key] & theirs[key])):
                        print(f"    {label}: " + (", ".join(f"{op} {check}" for op, check in sorted(pairs)) or "none"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

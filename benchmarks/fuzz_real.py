"""``speclint fuzz`` against real servers from PyPI, side by side with plain schemathesis.

Three servers nobody on this project wrote, each installed into a virtualenv of their own and
started on 127.0.0.1, each with the spec it ships:

- ``jupyter``: jupyter-server (Swagger 2.0 ``services/api/api.yaml`` in the package; a token
  credential, and login/XSRF cookies it sets);
- ``httpbin``: httpbin with flasgger (Swagger 2.0 served at ``/spec.json``);
- ``dagster``: dagster-webserver (GraphQL; the schema read by introspection).

For each, ``speclint fuzz`` (in a child process, to time the first failure from the start of
the run) and ``st run --checks all`` (schemathesis' own CLI, events read from its NDJSON
report) run with the same seed, budget and timeout. Printed per target and tool: operations
with a 5xx, distinct (operation, check) failures, auth alarms and how many are false (the
request replayed with no credentials is refused), the share of speclint reproductions that
replay to the reported status (pasted into ``sh``, with the real token put back), whether any
secret or server-set cookie value appears in speclint's outputs, requests/s, CPU time (the
tool's process: user + sys), and the time to the first failure twice: from the tool's own
start (speclint: its run, schemathesis: its LoadingStarted event) and from launching the
process (imports included, the same clock for both).

    python -m venv /tmp/fuzz-real
    /tmp/fuzz-real/bin/pip install jupyter-server httpbin flasgger dagster-webserver
    python benchmarks/fuzz_real.py --servers-venv /tmp/fuzz-real [--targets jupyter,httpbin,dagster]
        [--max-examples 20] [--seed 1] [--timeout 5]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import _common  # noqa: F401  (bytecode compiled, as an installed package has it)

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "fuzzreal-token-5f2c9a1e"  # the credential given to the servers that take one
ST_CHECKS = {
    "not_a_server_error": "server-error",
    "status_code_conformance": "undocumented-status",
    "content_type_conformance": "content-type",
    "response_headers_conformance": "response-headers",
    "response_schema_conformance": "response-schema",
    "negative_data_rejection": "negative-data-accepted",
    "positive_data_acceptance": "positive-data-rejected",
    "ignored_auth": "auth-not-enforced",
    "unsupported_method": "unsupported-method",
}


@dataclass
class Target:
    name: str
    url: str
    spec: Path
    headers: list[str] = field(default_factory=list)
    process: subprocess.Popen[bytes] | None = None
    secrets: list[str] = field(default_factory=list)


# -- servers ----------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(port: int, process: subprocess.Popen[bytes], limit: float = 240.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server on port {port} exited ({process.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"nothing listens on port {port} after {limit:g} s")


def _spawn(command: list[str], workdir: Path, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(command, cwd=workdir, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def start_jupyter(venv: Path, work: Path) -> Target:
    port = _free_port()
    root = work / "notebooks"
    root.mkdir(exist_ok=True)
    (root / "hello.txt").write_text("hello\n")
    process = _spawn([str(venv / "bin" / "jupyter-server"), "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
                      f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={root}",
                      "--ServerApp.open_browser=False", "--allow-root"], work, work / "jupyter.log")
    _wait(port, process)
    site = subprocess.run([str(venv / "bin" / "python"), "-c", "import jupyter_server, os; "
                           "print(os.path.dirname(jupyter_server.__file__))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    spec = work / "jupyter-api.yaml"
    shutil.copy(Path(site) / "services" / "api" / "api.yaml", spec)
    return Target("jupyter", f"http://127.0.0.1:{port}", spec, [f"Authorization: token {TOKEN}"], process, [TOKEN])


def start_httpbin(venv: Path, work: Path) -> Target:
    import requests

    port = _free_port()
    process = _spawn([str(venv / "bin" / "python"), "-m", "httpbin.core", "--port", str(port)], work,
                     work / "httpbin.log")
    _wait(port, process)
    spec = work / "httpbin.json"
    spec.write_text(requests.get(f"http://127.0.0.1:{port}/spec.json", timeout=60).text)
    return Target("httpbin", f"http://127.0.0.1:{port}", spec, [], process, [])


def start_dagster(venv: Path, work: Path) -> Target:
    import requests
    from graphql import build_client_schema, get_introspection_query, print_schema

    port = _free_port()
    definitions = work / "defs.py"
    definitions.write_text("from dagster import Definitions, asset\n\n\n@asset\ndef numbers():\n    return [1, 2]\n\n\n"
                           "defs = Definitions(assets=[numbers])\n")
    env = {**os.environ, "DAGSTER_HOME": str(work)}
    with (work / "dagster.log").open("wb") as out:
        process = subprocess.Popen([str(venv / "bin" / "dagster-webserver"), "-h", "127.0.0.1", "-p", str(port),
                                    "-f", str(definitions)], cwd=work, stdout=out, stderr=subprocess.STDOUT,
                                   env=env, start_new_session=True)
    _wait(port, process)
    url = f"http://127.0.0.1:{port}/graphql"
    for _ in range(120):  # the webserver listens before its workspace is loaded
        answer = requests.post(url, json={"query": get_introspection_query()}, timeout=60)
        if answer.ok and answer.json().get("data"):
            break
        time.sleep(1)
    spec = work / "dagster.graphql"
    spec.write_text(print_schema(build_client_schema(answer.json()["data"])))
    return Target("dagster", url, spec, [], process, [])


STARTERS = {"jupyter": start_jupyter, "httpbin": start_httpbin, "dagster": start_dagster}


def stop(target: Target) -> None:
    if target.process is not None and target.process.poll() is None:
        os.killpg(target.process.pid, signal.SIGTERM)
        try:
            target.process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(target.process.pid, signal.SIGKILL)


# -- speclint -------------------------------------------------------------------------------
def speclint_child(spec: str, url: str, seed: int, budget: int, timeout: float, headers: list[str]) -> None:
    """Run in a child process: one fuzz run, printed as JSON with the time to the first failure."""
    from speclint.fuzz.engine import run_fuzz
    from speclint.fuzz.options import FuzzOptions, parse_header
    from speclint.fuzz.report.json_report import as_document

    options = FuzzOptions(spec=Path(spec), url=url, headers=tuple(parse_header(h) for h in headers),
                          max_examples=budget, seed=seed, timeout=timeout)
    report = run_fuzz(options)
    document = as_document(report)
    document["first_failure_s"] = report.first_failure_s
    if report.first_failure_s is not None:  # the run started duration_s before now
        document["first_failure_epoch"] = time.time() - report.duration_s + report.first_failure_s
    document["warnings"] = report.warnings
    json.dump(document, sys.stdout)


def run_speclint(target: Target, seed: int, budget: int, timeout: float) -> dict[str, Any]:
    command = [sys.executable, __file__, "--speclint-child", json.dumps(
        [str(target.spec), target.url, seed, budget, timeout, target.headers])]
    launched, cpu_before = time.time(), _children_cpu()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    cpu = _children_cpu() - cpu_before
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
    report = json.loads(done.stdout)
    failures = report["failures"]
    pairs = {(f["operation"], f["check"]) for f in failures}
    auth = [f for f in failures if f["check"] == "auth-not-enforced"]
    replays = [_replay(f["reproduction"], target) for f in failures if f["status"] is not None]
    matched = sum(1 for f, got in zip([f for f in failures if f["status"] is not None], replays) if got == f["status"])
    outputs = done.stdout + done.stderr
    return {
        "five_xx": {f["operation"] for f in failures if f["check"] == "server-error"},
        "pairs": pairs,
        "auth": len(auth),
        "false_auth": sum(1 for f in auth if not _served(_replay(f["reproduction"], target, with_secret=False))),
        "replayed": f"{matched}/{len(replays)}",
        "leaks": sum(outputs.count(s) for s in target.secrets) + outputs.count("_xsrf="),
        "requests": report["summary"]["requests"],
        "duration": report["summary"]["duration_s"],
        "first": report["first_failure_s"],
        "first_from_launch": report["first_failure_epoch"] - launched if "first_failure_epoch" in report else None,
        "cpu": cpu,
        "checks": sorted(Counter(f["check"] for f in failures).items()),
        "warnings": len(report["warnings"]),
    }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _replay(reproduction: str, target: Target, with_secret: bool = True) -> int | None:
    command = reproduction
    if with_secret:
        for header in target.headers:
            name = header.split(":", 1)[0]
            command = command.replace(f"{name}: [redacted]", header)
    done = subprocess.run(["sh", "-c", command + " -s -o /dev/null --max-time 20 -w '%{http_code}'"],
                          capture_output=True, text=True, check=False)
    return int(done.stdout) if done.stdout.strip().isdigit() else None


def _served(status: int | None) -> bool:
    return status is not None and 200 <= status < 300


# -- schemathesis ---------------------------------------------------------------------------
def run_schemathesis(target: Target, seed: int, budget: int, timeout: float, work: Path) -> dict[str, Any]:
    import requests

    events = work / f"{target.name}-st.ndjson"
    command = [str(Path(sys.executable).parent / "st"), "run", str(target.spec), "--url", target.url,
               "--checks", "all", "--seed", str(seed), "--max-examples", str(budget),
               "--request-timeout", str(timeout), "--report", "ndjson", "--report-ndjson-path", str(events),
               "--no-color", "--workers", "1"]
    for header in target.headers:
        command += ["-H", header]
    launched, cpu_before = time.time(), _children_cpu()
    subprocess.run(command, capture_output=True, text=True, check=False, cwd=work)  # its .schemathesis/ there
    cpu = _children_cpu() - cpu_before
    started = last = None
    first: float | None = None
    pairs: set[tuple[str, str]] = set()
    requests_sent = 0
    auth_requests = []
    for line in events.read_text().splitlines():
        event = json.loads(line)
        kind, body = next(iter(event.items()))
        stamp = body.get("timestamp") if isinstance(body, dict) else None
        if kind == "LoadingStarted":
            started = stamp
        if stamp is not None:
            last = stamp
        if kind != "ScenarioFinished":
            continue
        recorder = body["recorder"]
        interactions = recorder.get("interactions", {})
        requests_sent += len(interactions)
        for case_id, checks in recorder.get("checks", {}).items():
            for check in checks:
                if check.get("status") != "failure":
                    continue
                label = recorder["cases"].get(case_id, {}).get("value", {})
                operation = f"{label.get('method', '?')} {label.get('path', '?')}"
                name = ST_CHECKS.get(check["name"], check["name"])
                scenario = recorder.get("label") or operation
                # a stateful scenario is labelled "Stateful tests": the failure is its case's operation's
                pairs.add((operation if scenario == "Stateful tests" else scenario, name))
                when = interactions.get(case_id, {}).get("timestamp")
                if when is not None:
                    first = when if first is None else min(first, when)
                if name == "auth-not-enforced" and case_id in interactions:
                    auth_requests.append(interactions[case_id]["request"])
    false_auth = 0
    for request in auth_requests:  # replayed with no credentials of any kind
        try:
            got = requests.request(request["method"], request["uri"], timeout=20, allow_redirects=False)
            false_auth += not _served(got.status_code)
        except requests.RequestException:
            false_auth += 1
    duration = (last - started) if started is not None and last is not None else float("nan")
    return {
        "five_xx": {op for op, check in pairs if check == "server-error"},
        "pairs": pairs,
        "auth": len(auth_requests),
        "false_auth": false_auth,
        "replayed": "-",
        "leaks": "-",
        "requests": requests_sent,
        "duration": duration,
        "first": (first - started) if first is not None and started is not None else None,
        "first_from_launch": (first - launched) if first is not None else None,
        "cpu": cpu,
        "checks": sorted(Counter(check for _, check in pairs).items()),
    }


# -- report ---------------------------------------------------------------------------------
def _row(tool: str, result: dict[str, Any]) -> str:
    if "error" in result:
        return f"  {tool:<13} could not run: {result['error']}"
    rate = result["requests"] / result["duration"] if result["duration"] else float("nan")
    first = f"{result['first']:.2f} s" if result["first"] is not None else "-"
    launch = f"{result['first_from_launch']:.2f} s" if result["first_from_launch"] is not None else "-"
    cpu_per_request = 1000 * result["cpu"] / result["requests"] if result["requests"] else float("nan")
    return (f"  {tool:<13} 5xx ops {len(result['five_xx']):>3}  failures {len(result['pairs']):>3}  "
            f"auth {result['auth']:>2} (false {result['false_auth']})  replay {result['replayed']:>7}  "
            f"leaks {result['leaks']!s:>2}  {result['requests']:>5} req  {rate:7.1f} req/s  "
            f"CPU {result['cpu']:6.1f} s ({cpu_per_request:.0f} ms/req)  "
            f"first failure {first} (from launch {launch})\n"
            f"                by check: {', '.join(f'{name} {count}' for name, count in result['checks'])}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--servers-venv", type=Path, help="the virtualenv the servers are installed in")
    parser.add_argument("--targets", default="jupyter,httpbin,dagster")
    parser.add_argument("--max-examples", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument("--speclint-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.speclint_child:
        speclint_child(*json.loads(args.speclint_child))
        return 0
    if args.servers_venv is None:
        parser.error("--servers-venv is required")
    print(f"seed {args.seed}, --max-examples {args.max_examples}, timeout {args.timeout:g} s, "
          f"load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="fuzz-real-") as folder:
        for name in args.targets.split(","):
            work = Path(folder) / name
            work.mkdir()
            target = STARTERS[name](args.servers_venv.resolve(), work)
            try:
                ours = run_speclint(target, args.seed, args.max_examples, args.timeout)
                theirs = run_schemathesis(target, args.seed, args.max_examples, args.timeout, work)
            finally:
                stop(target)
            print(f"{name} ({target.spec.name}), load average {os.getloadavg()[0]:.1f}")
            print(_row("speclint", ours))
            print(_row("schemathesis", theirs))
            if "error" not in ours:
                missed = sorted(theirs["five_xx"] - ours["five_xx"])
                print(f"  5xx operations schemathesis found and speclint did not: {missed or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

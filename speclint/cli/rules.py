"""``speclint rules``: every rule with its category, severity, formats and summary."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(commands: Any) -> None:
    parser = commands.add_parser("rules", help="list every rule")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from speclint.rules import all_rules

    rules = all_rules()
    if args.format == "json":
        rows = [
            {
                "id": r.id,
                "category": r.category.value,
                "severity": r.severity.value,
                "formats": sorted(f.value for f in r.formats),
                "summary": r.summary,
                "origin": r.origin,
            }
            for r in rules
        ]
        json.dump(rows, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    width = max(len(r.id) for r in rules)
    for r in rules:
        formats = ",".join(sorted(f.value for f in r.formats))
        sys.stdout.write(
            f"{r.id.ljust(width)}  {r.category.value:<13}  {r.severity.value:<7}  {formats:<24}  {r.summary}"
            + (f"  [{r.origin}]" if r.origin != "speclint" else "")  # rule packs name their package
            + "\n"
        )
    return 0

"""``speclint rules``: every id speclint can print, with its kind, category or level, severity,
formats and summary."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(commands: Any) -> None:
    from speclint.cli.catalogue import KINDS

    parser = commands.add_parser("rules", help="list every rule")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    kinds = ", ".join(KINDS)
    parser.add_argument("--kind", action="append", choices=KINDS, help=f"only ids of this kind ({kinds}); repeatable")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from speclint.cli.catalogue import catalogue
    from speclint.rules.registry import Kind

    kinds = [Kind(k) for k in args.kind] if getattr(args, "kind", None) else None
    rules = catalogue().specs(kinds)
    if args.format == "json":
        rows = [
            {
                "id": r.id,
                "kind": r.kind.value,
                "category": r.category.value if r.category is not None else None,
                **({"level": str(r.level)} if r.level is not None else {}),
                "severity": r.severity.value,
                "formats": sorted(f.value for f in r.formats),
                "summary": r.summary,
                "origin": r.origin,
                **({"status": r.status.value} if r.status.value != "stable" else {}),
            }
            for r in rules
        ]
        json.dump(rows, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    width = max((len(r.id) for r in rules), default=0)
    for r in rules:
        formats = ",".join(sorted(f.value for f in r.formats))
        sys.stdout.write(
            f"{r.id.ljust(width)}  {r.kind.value:<8}  {r.group:<20}  {r.severity.value:<7}  {formats:<24}  {r.summary}"
            + (f"  [{r.origin}]" if r.origin != "speclint" else "")  # rule packs name their package
            + "\n"
        )
    return 0

"""``speclint rules``: every id speclint can print, with its kind, category or level, and the
severity and options the current configuration gives it (on or off), its formats and summary."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from speclint.cli.effective import add_config_options, effective_rules, options_text, state


def register(commands: Any) -> None:
    from speclint.cli.catalogue import KINDS

    parser = commands.add_parser("rules", help="list every rule, as the configuration sets it")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    kinds = ", ".join(KINDS)
    parser.add_argument("--kind", action="append", choices=KINDS, help=f"only ids of this kind ({kinds}); repeatable")
    add_config_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from speclint.rules.registry import Kind

    registry, effective, source = effective_rules(args)
    kinds = [Kind(k) for k in args.kind] if getattr(args, "kind", None) else None
    rules = registry.specs(kinds)
    if args.format == "json":
        rows = [
            {
                "id": r.id,
                "kind": r.kind.value,
                "category": r.category.value if r.category is not None else None,
                **({"level": str(r.level)} if r.level is not None else {}),
                "enabled": effective[r.id].enabled,
                "severity": effective[r.id].severity,
                "default_severity": r.severity.value,
                "options": effective[r.id].options,
                "formats": sorted(f.value for f in r.formats),
                "summary": r.summary,
                "origin": r.origin,
                **({"status": r.status.value} if r.status.value != "stable" else {}),
            }
            for r in rules
        ]
        json.dump(rows, sys.stdout, indent=2, default=str)
        sys.stdout.write("\n")
        return 0
    table = [("RULE", "KIND", "GROUP", "SEVERITY", "FORMATS", "SUMMARY", "OPTIONS")]
    for r in rules:
        summary = r.summary + (f"  [{r.origin}]" if r.origin != "speclint" else "")  # rule packs name their package
        formats = ",".join(sorted(f.value for f in r.formats))
        setting = effective[r.id]
        table.append(
            (r.id, r.kind.value, r.group, state(setting), formats, summary, options_text(setting.options))
        )
    widths = [max(len(row[column]) for row in table) for column in range(len(table[0]) - 1)]
    for row in table:
        cells = [cell.ljust(width) for cell, width in zip(row, widths)]
        sys.stdout.write(("  ".join(cells) + "  " + row[-1]).rstrip() + "\n")
    on = sum(1 for r in rules if effective[r.id].enabled)
    sys.stdout.write(f"\n{len(rules)} ids, {on} on ({source}).\n")
    return 0

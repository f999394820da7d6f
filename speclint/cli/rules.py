"""``speclint rules``: every rule as the current configuration sets it (on or off, severity,
options), with its category, formats and summary."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from speclint.cli.effective import add_config_options, effective_rules, options_text, state


def register(commands: Any) -> None:
    parser = commands.add_parser("rules", help="list every rule, as the configuration sets it")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    add_config_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from speclint.rules import all_rules

    rules = all_rules()
    effective, source = effective_rules(args)
    if args.format == "json":
        rows = [
            {
                "id": r.id,
                "category": r.category.value,
                "enabled": effective[r.id].enabled,
                "severity": effective[r.id].severity,
                "default_severity": r.severity.value,
                "options": effective[r.id].options,
                "formats": sorted(f.value for f in r.formats),
                "summary": r.summary,
                "origin": r.origin,
            }
            for r in rules
        ]
        json.dump(rows, sys.stdout, indent=2, default=str)
        sys.stdout.write("\n")
        return 0
    table = [("RULE", "SEVERITY", "CATEGORY", "FORMATS", "SUMMARY", "OPTIONS")]
    for r in rules:
        summary = r.summary + (f"  [{r.origin}]" if r.origin != "speclint" else "")  # rule packs name their package
        formats = ",".join(sorted(f.value for f in r.formats))
        setting = effective[r.id]
        table.append((r.id, state(setting), r.category.value, formats, summary, options_text(setting.options)))
    widths = [max(len(row[column]) for row in table) for column in range(len(table[0]) - 1)]
    for row in table:
        cells = [cell.ljust(width) for cell, width in zip(row, widths)]
        sys.stdout.write(("  ".join(cells) + "  " + row[-1]).rstrip() + "\n")
    on = sum(1 for setting in effective.values() if setting.enabled)
    sys.stdout.write(f"\n{len(rules)} rules, {on} on ({source}).\n")
    return 0

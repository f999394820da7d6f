"""``speclint explain RULE``: the documentation of any id speclint can print."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from speclint.errors import UsageError


def register(commands: Any) -> None:
    parser = commands.add_parser("explain", help="a rule's full documentation")
    parser.add_argument("rule", metavar="RULE")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from speclint.cli.catalogue import catalogue

    registry = catalogue()
    rule_id = registry.resolve(args.rule)
    rule = registry.get(rule_id)
    if rule is None:
        raise UsageError(f"unknown rule {args.rule!r} (see 'speclint rules')")
    if rule_id != args.rule:
        sys.stdout.write(f"{args.rule} was renamed {rule_id}; the old id keeps working.\n\n")
    formats = ", ".join(sorted(f.value for f in rule.formats))
    sys.stdout.write(f"{rule.id}  ({rule.kind.value}: {rule.group}, {rule.severity.value}; {formats})\n\n")
    sys.stdout.write(rule.doc.rstrip() + "\n")
    if rule.options:
        defaults = ", ".join(f"{k}={v!r}" for k, v in rule.options.items())
        sys.stdout.write(f"\nDefault options: {defaults}\n")
    return 0

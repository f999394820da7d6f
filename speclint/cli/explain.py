"""``speclint explain RULE``: the documentation of any id speclint can print."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from speclint.errors import UsageError

if TYPE_CHECKING:
    from speclint.rules.registry import RuleSpec


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
    sys.stdout.write(explain_text(rule))
    return 0


def explain_text(rule: RuleSpec) -> str:
    """What ``explain`` prints for ``rule`` (``speclint server`` shows it on hover too)."""
    formats = ", ".join(sorted(f.value for f in rule.formats))
    text = f"{rule.id}  ({rule.kind.value}: {rule.group}, {rule.severity.value}; {formats})\n\n{rule.doc.rstrip()}\n"
    if rule.options:
        defaults = ", ".join(f"{k}={v!r}" for k, v in rule.options.items())
        text += f"\nDefault options: {defaults}\n"
    return text

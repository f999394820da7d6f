"""``speclint explain RULE``: a rule's documentation, and what the current configuration does
with it."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from speclint.cli.effective import add_config_options, did_you_mean, effective_rules, options_text, state
from speclint.errors import UsageError


def register(commands: Any) -> None:
    parser = commands.add_parser("explain", help="a rule's full documentation")
    parser.add_argument("rule", metavar="RULE")
    add_config_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from speclint.rules import all_rules, get_rule

    rule = get_rule(args.rule)
    if rule is None:
        raise UsageError(f"unknown rule {args.rule!r}{did_you_mean(args.rule, all_rules())} (see 'speclint rules')")
    effective, source = effective_rules(args)
    setting = effective[rule.id]
    formats = ", ".join(sorted(f.value for f in rule.formats))
    sys.stdout.write(f"{rule.id}  ({rule.category.value}, {rule.severity.value}; {formats})\n")
    sys.stdout.write(f"In this configuration ({source}): {state(setting)}")
    if setting.options:
        sys.stdout.write(f"; options: {options_text(setting.options)}")
    sys.stdout.write("\n\n")
    sys.stdout.write(rule.doc.rstrip() + "\n")
    if rule.options:
        sys.stdout.write(f"\nDefault options: {options_text(rule.options)}\n")
    return 0

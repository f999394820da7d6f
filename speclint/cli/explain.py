"""``speclint explain RULE``: the documentation of any id speclint can print, and what the
current configuration does with it."""

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
    registry, effective, source = effective_rules(args)
    rule_id = registry.resolve(args.rule)
    rule = registry.get(rule_id)
    if rule is None:
        hint = did_you_mean(args.rule, registry.specs())
        raise UsageError(f"unknown rule {args.rule!r}{hint} (see 'speclint rules')")
    if rule_id != args.rule:
        sys.stdout.write(f"{args.rule} was renamed {rule_id}; the old id keeps working.\n\n")
    formats = ", ".join(sorted(f.value for f in rule.formats))
    sys.stdout.write(f"{rule.id}  ({rule.kind.value}: {rule.group}, {rule.severity.value}; {formats})\n")
    setting = effective.get(rule.id)
    if setting is not None and setting.configurable:
        sys.stdout.write(f"In this configuration ({source}): {state(setting)}")
        if setting.options:
            sys.stdout.write(f"; options: {options_text(setting.options)}")
        sys.stdout.write("\n")
    sys.stdout.write("\n" + rule.doc.rstrip() + "\n")
    if rule.options:
        sys.stdout.write(f"\nDefault options: {options_text(rule.options)}\n")
    return 0

"""``speclint explain RULE``: the documentation of any id speclint can print, and what the
current configuration does with it."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from speclint.cli.effective import add_config_options, did_you_mean, effective_rules, options_text, state
from speclint.errors import UsageError

if TYPE_CHECKING:
    from speclint.rules.registry import RuleSpec


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
    setting = effective.get(rule.id)
    configured = ""
    if setting is not None and setting.configurable:
        configured = f"In this configuration ({source}): {state(setting)}"
        if setting.options:
            configured += f"; options: {options_text(setting.options)}"
    sys.stdout.write(explain_text(rule, configured))
    return 0


def explain_text(rule: RuleSpec, configured: str = "") -> str:
    """What ``explain`` prints for ``rule`` (``speclint server`` shows it on hover too);
    ``configured`` is the line saying what the configuration in force does with it."""
    formats = ", ".join(sorted(f.value for f in rule.formats))
    text = f"{rule.id}  ({rule.kind.value}: {rule.group}, {rule.severity.value}; {formats})\n"
    if configured:
        text += configured + "\n"
    text += f"\n{rule.doc.rstrip()}\n"
    if rule.options:
        text += f"\nDefault options: {options_text(rule.options)}\n"
    return text

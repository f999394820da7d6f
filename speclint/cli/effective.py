"""What the current configuration does to each rule, for ``rules`` and ``explain``: on or off,
at which severity, with which options (``--ruleset``, ``--config`` or the discovered files)."""

from __future__ import annotations

import argparse
import difflib
from dataclasses import dataclass
from typing import Any, Mapping

from speclint.rules import Rule


@dataclass(frozen=True)
class Effective:
    enabled: bool
    severity: str  # this configuration's; the rule's default when it is off
    options: Mapping[str, Any]
    only_in_overrides: bool = False  # off, except in the files an override names


def add_config_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ruleset", metavar="NAME|FILE", help="show the rules as this ruleset sets them")
    parser.add_argument("--config", metavar="FILE", help="show the rules as this configuration sets them")


def effective_rules(args: argparse.Namespace) -> tuple[dict[str, Effective], str]:
    """Each rule's effective setting, and a line naming the configuration they come from."""
    from speclint.config import resolve_run_config
    from speclint.rules import all_rules

    run_config = resolve_run_config(getattr(args, "config", None), getattr(args, "ruleset", None), [], [])
    result = {}
    for rule in all_rules():
        setting = run_config.settings.get(rule.id)
        if setting is None:
            result[rule.id] = Effective(False, rule.severity.value, dict(rule.options))
        else:
            overridden = rule.id in run_config.base_off
            result[rule.id] = Effective(not overridden, setting.severity.value, dict(setting.options), overridden)
    source = f"ruleset {run_config.ruleset}"
    if run_config.config_path is not None:
        source += f", configuration {run_config.config_path}"
    return result, source


def state(effective: Effective) -> str:
    """``warning``, ``off``, or ``off (on in overrides: warning)``."""
    if effective.enabled:
        return effective.severity
    return f"off (overrides: {effective.severity})" if effective.only_in_overrides else "off"


def did_you_mean(name: str, rules: list[Rule]) -> str:
    """`` (did you mean 'x'?)`` for the closest rule ids, or ``""``."""
    ids = [rule.id for rule in rules]
    close = difflib.get_close_matches(name, ids, n=3, cutoff=0.6)
    if not close:
        lowered = name.lower().replace("_", "-")
        close = [rule_id for rule_id in ids if lowered and lowered in rule_id][:3]
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(rule_id) for rule_id in close) + "?)"


def options_text(options: Mapping[str, Any]) -> str:
    """Options on one line: ``casing=camelCase, mode=fixed``; per-format values as
    ``casing=openapi:camelCase/graphql:camelCase``."""
    parts = []
    for key, value in options.items():
        if isinstance(value, Mapping):
            value = "/".join(f"{k}:{v}" for k, v in value.items())
        elif isinstance(value, (list, tuple)):
            value = ",".join(map(str, value))
        parts.append(f"{key}={value}")
    return ", ".join(parts)

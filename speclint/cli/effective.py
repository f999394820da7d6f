"""What the current configuration does to each rule, for ``rules`` and ``explain``: on or off,
at which severity, with which options (``--ruleset``, ``--config`` or the discovered files)."""

from __future__ import annotations

import argparse
import difflib
from dataclasses import dataclass
from typing import Any, Mapping

from speclint.rules.registry import CHECK_KINDS, Registry, RuleSpec


@dataclass(frozen=True)
class Effective:
    enabled: bool
    severity: str  # this configuration's; the rule's default when it is off
    options: Mapping[str, Any]
    only_in_overrides: bool = False  # off, except in the files an override names
    configurable: bool = True  # lint rules and loader problems; not change rules or contract checks


def add_config_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ruleset", metavar="NAME|FILE", help="show the rules as this ruleset sets them")
    parser.add_argument("--config", metavar="FILE", help="show the rules as this configuration sets them")


def effective_rules(args: argparse.Namespace) -> tuple[Registry, dict[str, Effective], str]:
    """Every id (the catalogue, with the rules a custom ruleset adds), each id's setting in
    this configuration, and a line naming the configuration. Only lint rules and loader
    problems are configured; change rules and contract checks keep their own severity."""
    from speclint.cli.catalogue import catalogue
    from speclint.config import resolve_run_config

    run_config = resolve_run_config(getattr(args, "config", None), getattr(args, "ruleset", None), [], [])
    registry = catalogue(run_config.registry)
    result = {}
    for rule in registry.specs():
        setting = run_config.settings.get(rule.id)
        if rule.kind not in CHECK_KINDS:
            result[rule.id] = Effective(True, rule.severity.value, dict(rule.options), configurable=False)
        elif setting is None:
            result[rule.id] = Effective(False, rule.severity.value, dict(rule.options))
        else:
            overridden = rule.id in run_config.base_off
            result[rule.id] = Effective(not overridden, setting.severity.value, dict(setting.options), overridden)
    source = f"ruleset {run_config.ruleset}"
    if run_config.config_path is not None:
        source += f", configuration {run_config.config_path}"
    return registry, result, source


def state(effective: Effective) -> str:
    """``warning``, ``off``, or ``off (on in overrides: warning)``."""
    if effective.enabled:
        return effective.severity
    return f"off (overrides: {effective.severity})" if effective.only_in_overrides else "off"


def did_you_mean(name: str, rules: list[RuleSpec]) -> str:
    """`` (did you mean 'x'?)`` for the closest ids, or ``""``: ids that contain the name
    first (``operation-id-casing`` is ``openapi-operation-id-casing``), then similar spellings."""
    ids = [rule.id for rule in rules]
    typed = name.lower().replace("_", "-")
    containing = sorted((rule_id for rule_id in ids if typed and typed in rule_id), key=len)
    similar = difflib.get_close_matches(typed, ids, n=3, cutoff=0.6)
    close = list(dict.fromkeys([*containing, *similar]))[:3]
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

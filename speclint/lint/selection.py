"""Which rules run and at what severity: ``--select``, ``--ignore`` and ruleset settings."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from speclint.errors import UsageError
from speclint.findings import Category, Severity
from speclint.rules.registry import CHECK_KINDS, Registry, RuleSpec, builtin_registry

_CATEGORIES = frozenset(c.value for c in Category)


@dataclass(frozen=True)
class RuleSetting:
    severity: Severity
    options: Mapping[str, Any] = field(default_factory=dict)
    # (folder, options): other options for the models whose files lie in a folder (a buf.yaml module)
    scoped: tuple[tuple[str, Mapping[str, Any]], ...] = ()

    def options_for(self, files: Sequence[str]) -> Mapping[str, Any]:
        """The options for a model made of ``files``: a scope's, when its folder holds the first."""
        if not self.scoped or not files:
            return self.options
        path = os.path.realpath(files[0])
        for folder, options in self.scoped:
            if path == folder or path.startswith(folder.rstrip(os.sep) + os.sep):
                return options
        return self.options


def split_names(values: Iterable[str] | None) -> list[str]:
    """Flatten repeatable, comma-separated option values."""
    return [part.strip() for value in values or () for part in value.split(",") if part.strip()]


def _matches(rule: RuleSpec, names: list[str]) -> bool:
    return rule.id in names or rule.group in names


def validate_names(names: list[str], registry: Registry | None = None) -> None:
    registry = registry or builtin_registry()
    known = registry.ids(CHECK_KINDS) | _CATEGORIES
    unknown = [n for n in names if registry.resolve(n) not in known]
    if unknown:
        raise UsageError(f"unknown rule or category: {', '.join(unknown)} (see 'speclint rules')")


def effective_settings(
    select: list[str],
    ignore: list[str],
    configured: Mapping[str, RuleSetting | None] | None = None,
    registry: Registry | None = None,
) -> dict[str, RuleSetting]:
    """Rule id to setting, for every rule that is on.

    ``configured`` comes from the ruleset: a rule mapped to None is off; a rule not in it runs
    at its default severity. ``select`` keeps only the named rules or categories (and turns on
    those the ruleset left off); ``ignore`` removes rules or categories. ``registry`` is the
    run's (the built-in one by default).
    """
    registry = registry or builtin_registry()
    validate_names(select + ignore, registry)
    select = [registry.resolve(n) for n in select]
    ignore = [registry.resolve(n) for n in ignore]
    result: dict[str, RuleSetting] = {}
    for rule in registry.specs(CHECK_KINDS):
        setting: RuleSetting | None = RuleSetting(rule.severity, rule.options)
        if configured is not None and rule.id in configured:
            setting = configured[rule.id]
        if select:
            if not _matches(rule, select):
                continue
            if setting is None:
                setting = RuleSetting(rule.severity, rule.options)
        if setting is None or _matches(rule, ignore):
            continue
        result[rule.id] = setting
    return result

"""The one place configuration meets custom rulesets: a custom ruleset file as a speclint Ruleset."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from speclint.custom import _unregister_custom, load_custom_ruleset


def forget_custom_rules() -> None:
    """Unregister the rules of a custom ruleset loaded earlier (and restore built-ins they hid)."""
    _unregister_custom()


def to_ruleset(path: Path, name: str) -> Any:
    """Load ``path`` (registering its rules) and return it as a ``speclint.config.Ruleset``;
    its notices go to standard error, never into a report."""
    from speclint.config.ruleset import Override, RuleConfig, Ruleset

    custom = load_custom_ruleset(path)
    for notice in dict.fromkeys(custom.notices):
        sys.stderr.write(f"speclint: notice: {notice}\n")
    rules = {rule_id: RuleConfig(severity) for rule_id, severity in custom.builtins.items()}
    rules.update({rule_id: RuleConfig(severity) for rule_id, severity in custom.severities.items()})
    overrides = [
        Override(patterns, {k: RuleConfig(v) for k, v in changes.items() if k in rules}, base)
        for patterns, changes, base in custom.file_overrides
    ]
    return Ruleset(name=name, rules=rules, overrides=overrides, description=f"custom ruleset {path}")


def discovered_ruleset(cwd: Path) -> str | None:
    """The path of a ``.spectral.yaml`` found from ``cwd`` upward, announced on standard error."""
    from speclint.custom import discover_spectral

    found = discover_spectral(cwd)
    if found is None:
        return None
    sys.stderr.write(f"speclint: notice: no speclint configuration found; using the Spectral ruleset {found}\n")
    return str(found)

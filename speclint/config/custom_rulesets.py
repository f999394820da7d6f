"""The one place configuration meets custom rulesets: a custom ruleset file as a speclint Ruleset.

The ruleset's rules travel as ``Ruleset.definitions``; the run puts them in an overlay of the
built-in registry (``resolve_run_config``), so nothing global changes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from speclint.config.ruleset import Override, RuleConfig, Ruleset
from speclint.custom import discover_spectral, load_custom_ruleset


def to_ruleset(path: Path, name: str) -> Ruleset:
    """Load ``path`` and return it as a Ruleset that defines its rules; its notices go to
    standard error, never into a report."""
    custom = load_custom_ruleset(path)
    for notice in dict.fromkeys(custom.notices):
        sys.stderr.write(f"speclint: notice: {notice}\n")
    rules = {rule_id: RuleConfig(severity) for rule_id, severity in custom.builtins.items()}
    rules.update({rule_id: RuleConfig(severity) for rule_id, severity in custom.severities.items()})
    overrides = [
        Override(patterns, {k: RuleConfig(v) for k, v in changes.items() if k in rules}, base)
        for patterns, changes, base in custom.file_overrides
    ]
    return Ruleset(
        name=name, rules=rules, overrides=overrides, description=f"custom ruleset {path}", definitions=custom.rules
    )


def discovered_ruleset(cwd: Path) -> str | None:
    """The path of a ``.spectral.yaml`` found from ``cwd`` upward, announced on standard error."""
    found = discover_spectral(cwd)
    if found is None:
        return None
    sys.stderr.write(f"speclint: notice: no speclint configuration found; using the Spectral ruleset {found}\n")
    return str(found)

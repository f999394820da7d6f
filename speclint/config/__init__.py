"""Configuration: rulesets (data files of rule settings) and the user's configuration file.

``resolve_run_config`` turns ``--config``, ``--ruleset``, ``--select`` and ``--ignore`` into what
the lint job needs: the rule settings, the loader settings, and the per-file adjustments
(overrides and path ignores) applied to the findings afterwards.
"""

from __future__ import annotations

from speclint.config.files import Config, discover_config, load_config
from speclint.config.resolve import RunConfig, resolve_run_config
from speclint.config.ruleset import BUILTIN_RULESETS, RuleConfig, Ruleset, load_ruleset

__all__ = [
    "BUILTIN_RULESETS",
    "Config",
    "RuleConfig",
    "Ruleset",
    "RunConfig",
    "discover_config",
    "load_config",
    "load_ruleset",
    "resolve_run_config",
]

"""Rules read the model (and the raw document through its source map) and yield problems.

Every rule is a function decorated with :func:`speclint.rules.registry.rule`; the registry is
built by importing the modules of this package, and rule packs plug in through the
``speclint.rules`` entry-point group.
"""

from __future__ import annotations

from speclint.rules.registry import Problem, Rule, RuleContext, all_rules, get_rule, rule

__all__ = ["Problem", "Rule", "RuleContext", "all_rules", "get_rule", "rule"]

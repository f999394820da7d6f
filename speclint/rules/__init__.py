"""Rules read the model (and the raw document through its source map) and yield problems.

Every rule is a function decorated with :func:`speclint.rules.registry.rule`; the registry is
built by importing the modules of this package, and rule packs plug in through the
``speclint.rules`` entry-point group.
"""

from __future__ import annotations

from speclint.rules.options import Option
from speclint.rules.registry import Problem, Rule, RuleContext, RuleSpec, all_rules, get_rule, rule

__all__ = ["Option", "Problem", "Rule", "RuleContext", "RuleSpec", "all_rules", "get_rule", "rule"]

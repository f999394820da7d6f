"""Breaking-change detection: two models of one API in, classified changes out.

The engine (:mod:`speclint.diff.engine`) knows no format; each family of change rules is a
module of :mod:`speclint.diff.rules` that registers its rules by id and its comparator by format.
"""

from __future__ import annotations

from speclint.diff.change import Change, Level, Side
from speclint.diff.engine import DiffResult, Note, diff_apis
from speclint.diff.registry import ChangeRule, all_change_rules, get_change_rule

__all__ = [
    "Change",
    "ChangeRule",
    "DiffResult",
    "Level",
    "Note",
    "Side",
    "all_change_rules",
    "diff_apis",
    "get_change_rule",
]

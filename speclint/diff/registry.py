"""The change rules, by id, and the comparators that find them, by format.

A family of changes is one module under ``speclint.diff.rules``: it declares its rules with
:func:`change_rule` (id, level, one-line summary, and optionally a before/after example) and its
comparator with :func:`comparator`. A change rule is a :class:`~speclint.rules.registry.RuleSpec`
of kind ``change``, documented like every other id (``speclint explain operation-removed``).
A rule's level is fixed by its id, so a report can be read, filtered and explained by id.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import TYPE_CHECKING, Callable, Iterable

from speclint.diff.change import Level
from speclint.diff.docs import change_doc
from speclint.findings import Severity
from speclint.model import SpecFormat
from speclint.rules.registry import Kind, Registry, RuleSpec

if TYPE_CHECKING:
    from speclint.diff.context import DiffContext

ALL_FORMATS = frozenset(SpecFormat)
ChangeRule = RuleSpec  # of kind ``change``; ``level`` holds its Level

Comparator = Callable[["DiffContext"], None]

_SEVERITIES = {Level.BREAKING: Severity.ERROR, Level.POTENTIALLY_BREAKING: Severity.WARNING}
_RULES = Registry()
_COMPARATORS: list[tuple[frozenset[SpecFormat], Comparator]] = []
_LOADED = False


def change_rule(
    id: str, level: Level, summary: str, formats: Iterable[SpecFormat] = ALL_FORMATS
) -> ChangeRule:
    """Declare the change rule ``id``; declaring one id twice with other data is an error."""
    new = RuleSpec(
        id=id,
        category=None,
        severity=_SEVERITIES.get(level, Severity.INFO),
        formats=frozenset(formats),
        doc=change_doc(id, level, summary),
        kind=Kind.CHANGE,
        level=level,
    )
    try:
        _RULES.add(new)
    except ValueError:
        raise ValueError(f"change rule id {id!r} is declared twice") from None
    return new


def comparator(*formats: SpecFormat) -> Callable[[Comparator], Comparator]:
    """Register a function that compares two APIs of ``formats`` and reports through the context."""

    def decorate(function: Comparator) -> Comparator:
        _COMPARATORS.append((frozenset(formats or ALL_FORMATS), function))
        return function

    return decorate


def change_registry() -> Registry:
    """Every change rule, once the modules of ``speclint.diff.rules`` are imported."""
    global _LOADED
    if not _LOADED:
        _LOADED = True
        import speclint.diff.rules as package

        infos = sorted(pkgutil.walk_packages(package.__path__, package.__name__ + "."), key=lambda i: i.name)
        for info in infos:
            importlib.import_module(info.name)
    return _RULES


def comparators_for(spec_format: SpecFormat) -> list[Comparator]:
    change_registry()
    return [function for formats, function in _COMPARATORS if spec_format in formats]


def all_change_rules() -> list[ChangeRule]:
    return change_registry().specs()


def get_change_rule(rule_id: str) -> ChangeRule | None:
    registry = change_registry()
    return registry.get(registry.resolve(rule_id))

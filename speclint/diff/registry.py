"""The change rules, by id, and the comparators that find them, by format.

A family of changes is one module under ``speclint.diff.rules``: it declares its rules with
:func:`change_rule` (id, level, one-line summary) and its comparator with :func:`comparator`.
A rule's level is fixed by its id, so a report can be read, filtered and explained by id.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable

from speclint.diff.change import Level
from speclint.model import SpecFormat

if TYPE_CHECKING:
    from speclint.diff.context import DiffContext

ALL_FORMATS = frozenset(SpecFormat)


@dataclass(frozen=True)
class ChangeRule:
    id: str
    level: Level
    summary: str
    formats: frozenset[SpecFormat]


Comparator = Callable[["DiffContext"], None]

_RULES: dict[str, ChangeRule] = {}
_COMPARATORS: list[tuple[frozenset[SpecFormat], Comparator]] = []
_LOADED = False


def change_rule(
    id: str, level: Level, summary: str, formats: Iterable[SpecFormat] = ALL_FORMATS
) -> ChangeRule:
    """Declare the change rule ``id``; declaring one id twice with other data is an error."""
    new = ChangeRule(id, level, summary, frozenset(formats))
    existing = _RULES.get(id)
    if existing is not None and existing != new:
        raise ValueError(f"change rule id {id!r} is declared twice")
    _RULES[id] = new
    return new


def comparator(*formats: SpecFormat) -> Callable[[Comparator], Comparator]:
    """Register a function that compares two APIs of ``formats`` and reports through the context."""

    def decorate(function: Comparator) -> Comparator:
        _COMPARATORS.append((frozenset(formats or ALL_FORMATS), function))
        return function

    return decorate


def _load() -> None:
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    import speclint.diff.rules as package

    for info in sorted(pkgutil.walk_packages(package.__path__, package.__name__ + "."), key=lambda i: i.name):
        importlib.import_module(info.name)


def comparators_for(spec_format: SpecFormat) -> list[Comparator]:
    _load()
    return [function for formats, function in _COMPARATORS if spec_format in formats]


def all_change_rules() -> list[ChangeRule]:
    _load()
    return sorted(_RULES.values(), key=lambda r: r.id)


def get_change_rule(rule_id: str) -> ChangeRule | None:
    _load()
    return _RULES.get(rule_id)

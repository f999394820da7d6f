"""What a comparator works with: the two APIs, and where to report what it finds."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from speclint.diff.change import Change, Level, Side
from speclint.diff.registry import ChangeRule
from speclint.model import Api, Location

FileMap = Callable[[str], str]


def _same(file: str) -> str:
    return file


@dataclass
class DiffContext:
    """The old and new API of one spec, and the changes found so far.

    ``old_file`` / ``new_file`` turn a loader's file name into the one a report shows (for
    ``--base``, the old side is read from a temporary copy of the repository).
    """

    old: Api
    new: Api
    old_file: FileMap = _same
    new_file: FileMap = _same
    changes: list[Change] = field(default_factory=list)
    cache: dict[str, Any] = field(default_factory=dict)  # shared work between comparators
    _seen: set[tuple[str, str, str, str]] = field(default_factory=set)

    def report(
        self,
        rule: ChangeRule,
        message: str,
        old: Location | None,
        new: Location | None,
        anchor: Location | None = None,
    ) -> None:
        """Record one change of ``rule`` (once per rule, pair of places and message: the members
        of a union, reported at the union, are one change each)."""
        key = (rule.id, _key(old), _key(new), message)
        if key in self._seen:
            return
        self._seen.add(key)
        self.changes.append(
            Change(
                rule=rule.id,
                level=Level(rule.level),
                message=message,
                old=self.old_side(old),
                new=self.new_side(new),
                anchor=self.new_side(anchor) if new is None else None,
            )
        )

    def old_side(self, location: Location | None) -> Side | None:
        return None if location is None else Side.of(location, self.old_file(location.file))

    def new_side(self, location: Location | None) -> Side | None:
        return None if location is None else Side.of(location, self.new_file(location.file))


def _key(location: Location | None) -> str:
    return "" if location is None else f"{location.file}#{location.pointer}"

"""A change between two versions of a spec: data, like a finding."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from speclint.model import Location


class Level(str, Enum):
    """How a change affects existing clients; ``--fail-on`` compares against ``rank``."""

    BREAKING = "breaking"  # existing clients fail
    POTENTIALLY_BREAKING = "potentially-breaking"  # clients fail if they assumed more than the spec says
    NON_BREAKING = "non-breaking"  # existing clients keep working

    @property
    def rank(self) -> int:
        return _RANKS[self]

    def __str__(self) -> str:
        return self.value


_RANKS = {Level.BREAKING: 2, Level.POTENTIALLY_BREAKING: 1, Level.NON_BREAKING: 0}


@dataclass(frozen=True, slots=True)
class Side:
    """Where a changed element is written in one version: file, 1-based line, pointer."""

    file: str
    line: int
    column: int
    pointer: str

    @classmethod
    def of(cls, location: Location, file: str | None = None) -> Side:
        return cls(file or location.file, location.line, location.column, location.pointer)

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "pointer": self.pointer}


@dataclass(frozen=True, slots=True)
class Change:
    """One difference that matters to clients.

    ``old`` and ``new`` locate the element in each version (None where it does not exist);
    ``anchor`` is the nearest element that exists in the new version, used to annotate a
    removal on the new file.
    """

    rule: str
    level: Level
    message: str
    old: Side | None
    new: Side | None
    anchor: Side | None = None

    @property
    def where(self) -> Side | None:
        """The place to show the change on the new version (else the old one)."""
        return self.new or self.anchor or self.old

    @property
    def sort_key(self) -> tuple[int, str, int, str, str]:
        side = self.new or self.anchor or self.old
        return (-self.level.rank, side.file if side else "", side.line if side else 0, self.rule, self.message)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "level": self.level.value,
            "message": self.message,
            "old": self.old.as_dict() if self.old else None,
            "new": self.new.as_dict() if self.new else None,
        }

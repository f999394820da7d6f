"""Compare two models of one API: run every comparator of its format, collect the changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from speclint.diff.change import Change, Level
from speclint.diff.context import DiffContext, FileMap, _same
from speclint.diff.registry import comparators_for
from speclint.diff.versioning import VersionInfo, version_info
from speclint.errors import UsageError
from speclint.model import Api

MAJOR_VERSION_UNCHANGED = "major-version-unchanged"


@dataclass(frozen=True)
class Note:
    """A remark about the whole report, not a change of the spec (it never fails a run)."""

    rule: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"rule": self.rule, "message": self.message}


@dataclass
class DiffResult:
    spec_format: str
    old_files: tuple[str, ...]
    new_files: tuple[str, ...]
    changes: list[Change] = field(default_factory=list)
    version: VersionInfo | None = None
    notes: list[Note] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        counts = {level.value: 0 for level in Level}
        for change in self.changes:
            counts[change.level.value] += 1
        return counts

    def worst(self) -> Level | None:
        return max((c.level for c in self.changes), key=lambda level: level.rank, default=None)

    def as_dict(self) -> dict[str, Any]:
        return {
            "changes": [c.as_dict() for c in self.changes],
            "summary": self.counts(),
            "version": self.version.as_dict() if self.version else None,
            "notes": [n.as_dict() for n in self.notes],
        }


def diff_apis(old: Api, new: Api, *, old_file: FileMap = _same, new_file: FileMap = _same) -> DiffResult:
    """Every change from ``old`` to ``new``, most severe first, then by place."""
    if old.format is not new.format:
        raise UsageError(f"cannot compare a {old.format.value} spec with a {new.format.value} spec")
    context = DiffContext(old, new, old_file, new_file)
    for compare in comparators_for(old.format):
        compare(context)
    result = DiffResult(
        spec_format=old.format.value,
        old_files=tuple(old_file(f) for f in old.files),
        new_files=tuple(new_file(f) for f in new.files),
        changes=sorted(context.changes, key=lambda c: c.sort_key),
        version=version_info(old, new),
    )
    version = result.version
    if result.worst() is Level.BREAKING and version is not None and version.known and not version.major_changed:
        result.notes.append(
            Note(
                MAJOR_VERSION_UNCHANGED,
                f"breaking changes while the major version stays the same ({version.old} -> {version.new})",
            )
        )
    return result

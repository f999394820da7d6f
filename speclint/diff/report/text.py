"""Plain text: one line per change, ``file:line: level rule message``, then a summary."""

from __future__ import annotations

from typing import TextIO

from speclint.diff.engine import DiffResult
from speclint.report.escape import visible


class TextDiffReporter:
    def write(self, result: DiffResult, stream: TextIO) -> None:
        for change in result.changes:
            side = change.where
            place = f"{visible(side.file)}:{side.line}: " if side else ""
            stream.write(f"{place}{change.level.value} [{visible(change.rule)}] {visible(change.message)}\n")
        for note in result.notes:
            stream.write(f"note [{visible(note.rule)}] {visible(note.message)}\n")
        counts = result.counts()
        total = sum(counts.values())
        if total == 0:
            stream.write("no changes that matter to clients\n")
            return
        parts = ", ".join(f"{count} {level}" for level, count in counts.items())
        stream.write(f"{total} change{'s' if total != 1 else ''}: {parts}\n")

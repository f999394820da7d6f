"""GitHub workflow commands: one annotation per change, on the new file where it can be."""

from __future__ import annotations

from typing import TextIO

from speclint.diff.change import Level
from speclint.diff.engine import DiffResult
from speclint.report.escape import visible
from speclint.report.github import annotation

_COMMANDS = {Level.BREAKING: "error", Level.POTENTIALLY_BREAKING: "warning", Level.NON_BREAKING: "notice"}


class GithubDiffReporter:
    def write(self, result: DiffResult, stream: TextIO) -> None:
        for change in result.changes:
            side = change.where
            stream.write(
                annotation(
                    _COMMANDS[change.level],
                    visible(change.message),
                    file=visible(side.file) if side is not None else None,
                    line=side.line if side is not None else None,
                    title=visible(f"{change.level.value}: {change.rule}"),
                )
                + "\n"
            )
        for note in result.notes:
            stream.write(annotation("warning", visible(note.message), title=visible(note.rule)) + "\n")

"""GitHub workflow commands: one annotation per change, on the new file where it can be."""

from __future__ import annotations

from typing import TextIO

from speclint.diff.change import Level
from speclint.diff.engine import DiffResult

_COMMANDS = {Level.BREAKING: "error", Level.POTENTIALLY_BREAKING: "warning", Level.NON_BREAKING: "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message (as @actions/core does)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value (file, title)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubDiffReporter:
    def write(self, result: DiffResult, stream: TextIO) -> None:
        for change in result.changes:
            side = change.where
            properties = []
            if side is not None:
                properties.append(f"file={escape_property(side.file)}")
                properties.append(f"line={side.line}")
            properties.append(f"title={escape_property(f'{change.level.value}: {change.rule}')}")
            stream.write(f"::{_COMMANDS[change.level]} {','.join(properties)}::{escape_data(change.message)}\n")
        for note in result.notes:
            stream.write(f"::warning title={escape_property(note.rule)}::{escape_data(note.message)}\n")

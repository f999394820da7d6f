"""Markdown for pull request comments and job summaries: counts, then one table per level."""

from __future__ import annotations

from typing import TextIO

from speclint.diff.change import Change, Level
from speclint.diff.engine import DiffResult
from speclint.report.escape import visible

_TITLES = {
    Level.BREAKING: "Breaking changes",
    Level.POTENTIALLY_BREAKING: "Potentially breaking changes",
    Level.NON_BREAKING: "Non-breaking changes",
}


def _cell(text: str) -> str:
    return visible(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("`", "'")


def _place(change: Change) -> str:
    side = change.where
    return f"`{_cell(side.file)}:{side.line}`" if side else ""


class MarkdownDiffReporter:
    def write(self, result: DiffResult, stream: TextIO) -> None:
        counts = result.counts()
        stream.write("## API changes\n\n")
        stream.write(
            f"**{counts['breaking']}** breaking, **{counts['potentially-breaking']}** potentially breaking, "
            f"**{counts['non-breaking']}** non-breaking\n\n"
        )
        if result.version is not None and (result.version.old or result.version.new):
            moved = "major version changed" if result.version.major_changed else "same major version"
            stream.write(f"Version: `{result.version.old}` → `{result.version.new}` ({moved})\n\n")
        for note in result.notes:
            stream.write(f"> [!WARNING]\n> {_cell(note.message)} (`{note.rule}`)\n\n")
        for level in Level:
            changes = [c for c in result.changes if c.level is level]
            if not changes:
                continue
            stream.write(f"### {_TITLES[level]} ({len(changes)})\n\n| rule | change | where |\n| --- | --- | --- |\n")
            for change in changes:
                stream.write(f"| `{change.rule}` | {_cell(change.message)} | {_place(change)} |\n")
            stream.write("\n")

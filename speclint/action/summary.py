"""The job summary: findings and breaking changes, in GitHub-flavoured Markdown."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from speclint.report.escape import visible

MAX_ROWS = 200
_ICONS = {"error": ":x:", "warning": ":warning:", "info": ":information_source:", "hint": ":bulb:"}
_LEVEL_ICONS = {"breaking": ":boom:", "potentially-breaking": ":warning:", "non-breaking": ":white_check_mark:"}


@dataclass
class Outcome:
    """What the Action found, as the summary tells it."""

    file_count: int
    findings: list[dict[str, Any]]
    on_changed_lines: int
    changes: list[dict[str, Any]] = field(default_factory=list)
    breaking: int = 0
    notes: list[str] = field(default_factory=list)
    scope: str = ""  # "the 2 spec files this pull request changes", ...


def cell(text: object) -> str:
    """Text safe inside a Markdown table cell: no HTML, no pipes, no control characters, one line."""
    value = html.escape(visible(str(text)), quote=False)
    return value.replace("|", "\\|").replace("`", "'")


def code(text: object) -> str:
    return f"<code>{cell(text)}</code>"


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def render(outcome: Outcome) -> str:
    lines = ["## speclint", ""]
    counts: dict[str, int] = {}
    for finding in outcome.findings:
        counts[finding["severity"]] = counts.get(finding["severity"], 0) + 1
    detail = ", ".join(f"{n} {s}" if s == "info" else plural(n, s) for s, n in counts.items())
    head = f"**{plural(len(outcome.findings), 'finding')}**" + (f" ({detail})" if detail else "")
    head += f" in {plural(outcome.file_count, 'spec file')}"
    if outcome.scope:
        head += f" ({cell(outcome.scope)})"
    head += f"; {outcome.on_changed_lines} on changed lines; **{plural(outcome.breaking, 'breaking change')}**."
    lines += [head, ""]
    lines += [f"> {cell(note)}" for note in outcome.notes]
    if outcome.notes:
        lines.append("")
    if outcome.findings:
        lines += ["### Findings", "", "| Severity | Location | Rule | Message |", "| --- | --- | --- | --- |"]
        for finding in outcome.findings[:MAX_ROWS]:
            where = f"{finding['file']}:{finding['line']}:{finding['column']}"
            icon = _ICONS.get(finding["severity"], "")
            severity, rule, message = cell(finding["severity"]), code(finding["rule"]), cell(finding["message"])
            lines.append(f"| {icon} {severity} | {code(where)} | {rule} | {message} |")
        if len(outcome.findings) > MAX_ROWS:
            lines.append(f"\n… and {len(outcome.findings) - MAX_ROWS} more (see the SARIF file or the log).")
        lines.append("")
    if outcome.changes:
        lines += ["### API changes", "", "| Level | Where | Rule | Change |", "| --- | --- | --- | --- |"]
        for change in outcome.changes[:MAX_ROWS]:
            side: dict[str, Any] = change.get("new") or change.get("old") or {}
            place = f"{side.get('file', '')}:{side.get('line', '')}".rstrip(":")
            if not change.get("new"):
                place = f"{place} (base)"
            level = str(change.get("level", ""))
            lines.append(
                f"| {_LEVEL_ICONS.get(level, '')} {cell(level)} | {code(place)} | {code(change.get('rule', ''))} "
                f"| {cell(change.get('message', ''))} |"
            )
        lines.append("")
    return "\n".join(lines) + "\n"

"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` per finding.

Escaping follows the runner's rules: in the message (the data) ``%``, CR and LF become
``%25``, ``%0D`` and ``%0A``; in properties ``:`` and ``,`` also become ``%3A`` and ``%2C``.
In findings, control characters quoted from a spec are first made visible (``\x1b``, ``\n``), so a name
can neither colour the log nor start a workflow command of its own.
"""

from __future__ import annotations

from typing import TextIO

from speclint.findings import Finding, Severity
from speclint.report.base import Report, ReportStyle
from speclint.report.escape import visible

COMMANDS = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
    Severity.HINT: "notice",
}


class GithubReporter:
    def write(self, report: Report, stream: TextIO, style: ReportStyle) -> None:
        for finding in report.findings:
            stream.write(finding_annotation(finding) + "\n")


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(
    command: str,
    message: str,
    *,
    file: str | None = None,
    line: int | None = None,
    col: int | None = None,
    end_line: int | None = None,
    end_column: int | None = None,
    title: str | None = None,
) -> str:
    """One workflow command, e.g. ``::error file=a.yaml,line=3,col=5,title=x::message``."""
    properties = [
        (name, value)
        for name, value in (
            ("file", file),
            ("line", line),
            ("col", col),
            ("endLine", end_line),
            ("endColumn", end_column),
            ("title", title),
        )
        if value is not None and value != ""
    ]
    head = ",".join(f"{name}={escape_property(str(value))}" for name, value in properties)
    return f"::{command}{' ' + head if head else ''}::{escape_data(message)}"


def finding_annotation(finding: Finding) -> str:
    end_line = max(finding.end_line, finding.line)
    return annotation(
        COMMANDS[finding.severity],
        visible(finding.message),
        file=visible(finding.file),
        line=finding.line,
        col=finding.column,
        end_line=end_line,
        # GitHub reads endColumn as the last column of the annotated text.
        end_column=max(finding.column, finding.end_column - 1) if end_line == finding.line else finding.end_column,
        title=f"speclint: {visible(finding.rule)} ({finding.category.value})",
    )

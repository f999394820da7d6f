"""Human-readable findings: ``path:line:col  severity  rule  message``, grouped by file."""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from speclint.findings import Severity
from speclint.report.base import Report, ReportStyle

_COLORS = {
    Severity.ERROR: "\033[31m",
    Severity.WARNING: "\033[33m",
    Severity.INFO: "\033[36m",
    Severity.HINT: "\033[2m",
}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


class TextReporter:
    def write(self, report: Report, stream: TextIO, style: ReportStyle) -> None:
        def paint(text: str, code: str) -> str:
            return f"{code}{text}{_RESET}" if style.color else text

        for index, (file, group) in enumerate(groupby(report.findings, key=lambda f: f.file)):
            findings = list(group)
            if index and not style.quiet:
                stream.write("\n")
            if not style.quiet:
                stream.write(paint(file, _BOLD) + "\n")
            where_width = max(len(f"{file}:{f.line}:{f.column}") for f in findings)
            rule_width = max(len(f.rule) for f in findings)
            for finding in findings:
                where = f"{file}:{finding.line}:{finding.column}".ljust(where_width)
                severity = paint(finding.severity.value.ljust(7), _COLORS[finding.severity])
                rule = paint(finding.rule.ljust(rule_width), _DIM)
                stream.write(f"{where}  {severity}  {rule}  {finding.message}\n")
        if not style.quiet:
            stream.write(_summary_line(report, style.color))

    @staticmethod
    def summary(report: Report) -> str:
        return _summary_line(report, False)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _summary_line(report: Report, color: bool) -> str:
    counts = report.counts()
    files = _plural(len(report.files), "file")
    total = len(report.findings)
    if not total:
        text = f"No problems found in {files}."
        return (f"\033[32m{text}{_RESET}" if color else text) + "\n"
    parts = ", ".join(
        _plural(counts[s.value], s.value) if s is not Severity.INFO else f"{counts[s.value]} info"
        for s in Severity
    )
    text = f"{_plural(total, 'problem')} ({parts}) in {files}."
    lead = "\n" if report.findings else ""
    return lead + ((f"{_BOLD}{text}{_RESET}" if color else text) + "\n")

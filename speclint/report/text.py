"""Human-readable findings: ``path:line:col  severity  rule  message``, grouped by file, then a
tally per rule (what to configure first) and the summary line.

On a very long line (a minified JSON spec is one line) a column says little, so the finding's
pointer is shown beside it; ``--show-pointers`` shows it everywhere. Control characters from
the spec are written as visible escapes.
"""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from speclint.findings import Finding, Severity
from speclint.report.base import Report, ReportStyle
from speclint.report.escape import visible

_COLORS = {
    Severity.ERROR: "\033[31m",
    Severity.WARNING: "\033[33m",
    Severity.INFO: "\033[36m",
    Severity.HINT: "\033[2m",
}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"
LONG_LINE_COLUMN = 200  # past this column, the pointer is shown beside line:col
POINTER_PAD = 48  # at most this many columns of padding for pointers


class TextReporter:
    def write(self, report: Report, stream: TextIO, style: ReportStyle) -> None:
        def paint(text: str, code: str) -> str:
            return f"{code}{text}{_RESET}" if style.color else text

        for index, (file, group) in enumerate(groupby(report.findings, key=lambda f: f.file)):
            findings = list(group)
            shown = visible(file)
            if index and not style.quiet:
                stream.write("\n")
            if not style.quiet:
                stream.write(paint(shown, _BOLD) + "\n")
            wheres = [_where(shown, finding, style.pointers) for finding in findings]
            # Pointers vary in length: beyond a few dozen characters, a long one pushes its own row
            # rather than padding every row of a minified file to it.
            plain_width = max(len(f"{shown}:{f.line}:{f.column}") for f in findings)
            where_width = min(max(map(len, wheres)), plain_width + POINTER_PAD)
            rule_width = max(len(f.rule) for f in findings)
            for where, finding in zip(wheres, findings):
                severity = paint(finding.severity.value.ljust(7), _COLORS[finding.severity])
                rule = paint(visible(finding.rule).ljust(rule_width), _DIM)
                stream.write(f"{where.ljust(where_width)}  {severity}  {rule}  {visible(finding.message)}\n")
        if not style.quiet:
            if len(report.findings) > 1:
                stream.write(_tally(report))
            stream.write(_summary_line(report, style.color))

    @staticmethod
    def summary(report: Report) -> str:
        return _summary_line(report, False)


def _where(file: str, finding: Finding, pointers: bool) -> str:
    where = f"{file}:{finding.line}:{finding.column}"
    if finding.pointer and (pointers or finding.column > LONG_LINE_COLUMN):
        where += f" ({visible(finding.pointer)})"
    return where


def _tally(report: Report) -> str:
    """Like ``ruff --statistics``: count, severity, rule, category; most findings first."""
    rows = report.tally()
    count_width = max(len("count"), *(len(str(row.count)) for row in rows))
    severity_width = max(len("severity"), *(len("/".join(row.severities)) for row in rows))
    rule_width = max(len("rule"), *(len(row.rule) for row in rows))
    lines = [
        "",
        f"{'count'.rjust(count_width)}  {'severity'.ljust(severity_width)}  {'rule'.ljust(rule_width)}  category",
    ]
    for row in rows:
        lines.append(
            f"{str(row.count).rjust(count_width)}  {'/'.join(row.severities).ljust(severity_width)}  "
            f"{visible(row.rule).ljust(rule_width)}  {row.category}"
        )
    return "\n".join(lines) + "\n"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _summary_line(report: Report, color: bool) -> str:
    counts = report.counts()
    files = _plural(len(report.files), "file")
    total = len(report.findings)
    hidden_count = report.hidden_by_baseline
    hidden = ""
    if hidden_count:
        hidden = f" {hidden_count} more {'was' if hidden_count == 1 else 'were'} hidden by the baseline."
    if not total:
        text = f"No problems found in {files}.{hidden}"
        return (f"\033[32m{text}{_RESET}" if color else text) + "\n"
    parts = ", ".join(
        _plural(counts[s.value], s.value) if s is not Severity.INFO else f"{counts[s.value]} info"
        for s in Severity
    )
    text = f"{_plural(total, 'problem')} ({parts}) in {files}.{hidden}"
    return "\n" + ((f"{_BOLD}{text}{_RESET}" if color else text) + "\n")

"""reviewdog's Diagnostic Format (rdjson): ``reviewdog -f=rdjson`` turns it into inline review
comments on GitHub, GitLab, Bitbucket and Gitea.

One ``DiagnosticResult`` with a ``source`` and one diagnostic per finding: ``message``,
``location.path`` with a ``range`` whose ``end`` is exclusive and whose columns count UTF-8
bytes (as reviewdog's schema says), ``severity`` (``ERROR``, ``WARNING`` or ``INFO``) and
``code`` (the rule id, with its documentation page when a docs URL is configured).
"""

from __future__ import annotations

from typing import Any, TextIO

from speclint.findings import Finding, Severity
from speclint.report.base import Report, ReportStyle
from speclint.report.documents import write_json
from speclint.report.sarif import INFORMATION_URI
from speclint.report.source_lines import SourceLines

_SEVERITIES = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO", Severity.HINT: "INFO"}


class RdjsonReporter:
    def write(self, report: Report, stream: TextIO, style: ReportStyle) -> None:
        write_json(diagnostic_result(report), stream)


def diagnostic_result(report: Report) -> dict[str, Any]:
    sources = SourceLines()
    return {
        "source": {"name": "speclint", "url": INFORMATION_URI},
        "severity": "INFO",
        "diagnostics": [_diagnostic(finding, report, sources) for finding in report.findings],
    }


def _diagnostic(finding: Finding, report: Report, sources: SourceLines) -> dict[str, Any]:
    end_line = max(finding.end_line, finding.line)
    end_column = finding.end_column if end_line > finding.line else max(finding.end_column, finding.column)
    code: dict[str, Any] = {"value": finding.rule}
    url = report.help_uri(finding.rule)
    if url:
        code["url"] = url
    start_column = sources.byte_column(finding.file, finding.line, finding.column)
    return {
        "message": finding.message,
        "location": {
            "path": finding.file,
            "range": {
                "start": {"line": finding.line, "column": start_column},
                "end": {"line": end_line, "column": sources.byte_column(finding.file, end_line, end_column)},
            },
        },
        "severity": _SEVERITIES[finding.severity],
        "source": {"name": "speclint"},
        "code": code,
    }

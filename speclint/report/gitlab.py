"""GitLab Code Quality (Code Climate subset) JSON: a list of issues for merge request widgets.

Each issue has ``description``, ``check_name``, a ``fingerprint`` that is stable across line
moves (a hash of rule, file, pointer and message) and unique in the report, ``severity``
(``info``, ``minor``, ``major``, ``critical`` or ``blocker``) and ``location.path`` relative to
the repository root with ``location.lines.begin``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, TextIO

from speclint.findings import Category, Finding, Severity
from speclint.report.base import Report, ReportStyle
from speclint.report.documents import write_json
from speclint.report.paths import fingerprint, repo_relative, source_root

_SEVERITIES = {
    Severity.ERROR: "critical",
    Severity.WARNING: "major",
    Severity.INFO: "minor",
    Severity.HINT: "info",
}
_CATEGORIES = {
    Category.SYNTAX: "Bug Risk",
    Category.STRUCTURE: "Bug Risk",
    Category.NAMING: "Style",
    Category.VERSIONING: "Compatibility",
    Category.STATUS_CODES: "Bug Risk",
    Category.AUTH: "Security",
    Category.DOCUMENTATION: "Clarity",
    Category.SECURITY: "Security",
    Category.DESIGN: "Complexity",
}


class GitlabReporter:
    def write(self, report: Report, stream: TextIO, style: ReportStyle) -> None:
        write_json(code_quality(report), stream)


def code_quality(report: Report) -> list[dict[str, Any]]:
    root = source_root()
    seen: Counter[str] = Counter()
    issues = []
    for finding in report.findings:
        path = repo_relative(finding.file, root) or finding.file
        key = fingerprint(finding.rule, path, finding.pointer, finding.message)
        seen[key] += 1
        if seen[key] > 1:
            key = fingerprint(key, str(seen[key]))
        issues.append(_issue(finding, path, key))
    return issues


def _issue(finding: Finding, path: str, key: str) -> dict[str, Any]:
    severity = _SEVERITIES[finding.severity]
    if finding.category is Category.SECURITY and finding.severity is Severity.ERROR:
        severity = "blocker"
    return {
        "type": "issue",
        "engine_name": "speclint",
        "check_name": finding.rule,
        "description": finding.message,
        "categories": [_CATEGORIES.get(finding.category, "Bug Risk")],
        "severity": severity,
        "fingerprint": key[:32],
        "location": {
            "path": path,
            "lines": {"begin": finding.line, "end": max(finding.end_line, finding.line)},
        },
    }

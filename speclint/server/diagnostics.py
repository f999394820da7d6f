"""Findings as LSP diagnostics."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from lsprotocol import types

from speclint.findings import Finding, Severity
from speclint.report.base import rule_page

SOURCE = "speclint"
_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
    Severity.HINT: types.DiagnosticSeverity.Hint,
}


def finding_range(finding: Finding) -> types.Range:
    """The finding's span as a 0-based range in characters (the caller converts to the client's units)."""
    start = types.Position(max(finding.line - 1, 0), max(finding.column - 1, 0))
    end = types.Position(max(finding.end_line - 1, 0), max(finding.end_column - 1, 0))
    if (end.line, end.character) < (start.line, start.character):
        end = start
    return types.Range(start, end)


def to_diagnostic(finding: Finding, range_: types.Range, docs_url: str = "") -> types.Diagnostic:
    """``docs_url``: where rule pages live (``docs_url`` of the configuration, or the server's
    ``--rule-docs-url``): a base URL or one with ``{rule}`` in it; the rule id links to its page."""
    page = rule_page(docs_url, finding.rule)
    description = types.CodeDescription(href=page) if page else None
    data: dict[str, Any] = {"pointer": finding.pointer, "format": finding.spec_format}
    return types.Diagnostic(
        range=range_,
        message=finding.message,
        severity=_SEVERITIES[finding.severity],
        code=finding.rule,
        code_description=description,
        source=SOURCE,
        related_information=_related(finding.message),
        data=data,
    )


_FIRST_AT = re.compile(r"\(first at (?P<file>.+):(?P<line>\d+)\)$")


def _related(message: str) -> list[types.DiagnosticRelatedInformation] | None:
    """The other place a finding names (``... is defined more than once (first at FILE:LINE)``)."""
    match = _FIRST_AT.search(message)
    if match is None:
        return None
    line = max(int(match["line"]) - 1, 0)
    start = types.Position(line, 0)
    where = types.Location(Path(os.path.realpath(match["file"])).as_uri(), types.Range(start, start))
    return [types.DiagnosticRelatedInformation(where, "first defined here")]


__all__ = ["SOURCE", "finding_range", "to_diagnostic"]

"""SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.

Files are named relative to the repository root (``uriBaseId: %SRCROOT%``), every ``ruleId``
is described in ``tool.driver.rules`` with the rule's documentation as help (and ``helpUri``
when the configuration names a ``docs_url``), and each result
carries a ``partialFingerprints`` entry hashed from rule, file, pointer and message, so an
alert keeps its identity when lines move.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from speclint.findings import Finding, Severity
from speclint.report.base import Report, ReportStyle, RuleMeta
from speclint.report.documents import write_json
from speclint.report.paths import fingerprint, repo_relative, source_root

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "speclint/v1"
INFORMATION_URI = "https://pypi.org/project/speclint/"
_LEVELS = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
    Severity.HINT: "note",
}
_PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "info": "recommendation", "hint": "recommendation"}
_SECURITY_SEVERITY = {"error": "8.0", "warning": "5.0", "info": "2.0", "hint": "1.0"}


class SarifReporter:
    def write(self, report: Report, stream: TextIO, style: ReportStyle) -> None:
        write_json(sarif_log(report), stream)


def sarif_log(report: Report) -> dict[str, Any]:
    """The SARIF log of ``report`` as a JSON-ready mapping."""
    rules = _rules(report)
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    root = source_root()
    seen: Counter[str] = Counter()
    results = []
    for finding in report.findings:
        relative = repo_relative(finding.file, root)
        key = fingerprint(finding.rule, relative or finding.file, finding.pointer, finding.message)
        seen[key] += 1
        if seen[key] > 1:
            key = f"{key}:{seen[key]}"
        results.append(_result(finding, relative, index[finding.rule], key))
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "speclint",
                "version": report.tool_version,
                "semanticVersion": report.tool_version,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }
        },
        "originalUriBaseIds": {"%SRCROOT%": {"uri": root.as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _rules(report: Report) -> list[dict[str, Any]]:
    metas = dict(report.rules)
    for finding in report.findings:
        if finding.rule not in metas:
            metas[finding.rule] = RuleMeta(
                finding.rule,
                finding.category.value,
                finding.severity.value,
                report.rule_docs.get(finding.rule, "").strip().split("\n")[0] or finding.rule,
                report.rule_docs.get(finding.rule, ""),
            )
    return [_rule(metas[rule_id], report.help_uri(rule_id)) for rule_id in sorted(metas)]


def _rule(meta: RuleMeta, help_uri: str | None) -> dict[str, Any]:
    summary = meta.summary or meta.id
    help_text = meta.doc.strip() or summary
    properties: dict[str, Any] = {
        "tags": [meta.category, *meta.formats],
        "precision": "high",
        "problem.severity": _PROBLEM_SEVERITY.get(meta.severity, "warning"),
    }
    if meta.category == "security":
        properties["security-severity"] = _SECURITY_SEVERITY.get(meta.severity, "5.0")
    described: dict[str, Any] = {
        "id": meta.id,
        "name": "".join(part.capitalize() for part in meta.id.split("-")),
        "shortDescription": {"text": summary},
        "fullDescription": {"text": summary},
        "help": {"text": help_text, "markdown": help_text},
        "defaultConfiguration": {"level": _LEVELS.get(Severity(meta.severity), "warning")},
        "properties": properties,
    }
    if help_uri:
        described["helpUri"] = help_uri
    return described


def _result(finding: Finding, relative: str | None, rule_index: int, key: str) -> dict[str, Any]:
    if relative is not None:
        artifact = {"uri": quote(relative), "uriBaseId": "%SRCROOT%"}
    else:
        artifact = {"uri": Path(finding.file).resolve().as_uri()}
    end_line = max(finding.end_line, finding.line)
    end_column = finding.end_column
    if end_line == finding.line:
        end_column = max(end_column, finding.column + 1)
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": artifact,
            "region": {
                "startLine": finding.line,
                "startColumn": finding.column,
                "endLine": end_line,
                "endColumn": max(1, end_column),
            },
        }
    }
    if finding.pointer:
        location["logicalLocations"] = [{"fullyQualifiedName": finding.pointer}]
    return {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": _LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: key},
        "properties": {"category": finding.category.value, "severity": finding.severity.value},
    }

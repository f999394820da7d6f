"""One interface for every report format; each format is a small class, imported on use."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Protocol, TextIO

from speclint.findings import Finding, Severity

REPORTERS = {
    "text": "speclint.report.text:TextReporter",
    "json": "speclint.report.json_report:JsonReporter",
    "sarif": "speclint.report.sarif:SarifReporter",
    "junit": "speclint.report.junit:JunitReporter",
    "github": "speclint.report.github:GithubReporter",
    "gitlab": "speclint.report.gitlab:GitlabReporter",
}


@dataclass(frozen=True)
class RuleMeta:
    """What a reporter may say about a rule (SARIF rule help, JUnit test cases), without
    importing the rules: filled in by the command that builds the :class:`Report`."""

    id: str
    category: str
    severity: str  # the rule's severity in this run
    summary: str
    doc: str = ""  # Markdown: the rule's docstring
    formats: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    """What reporters read: the findings of a run and the files it covered."""

    findings: list[Finding]
    files: list[str]
    tool_version: str
    rule_docs: dict[str, str] = field(default_factory=dict)
    rules: dict[str, RuleMeta] = field(default_factory=dict)  # every rule that ran, by id
    file_formats: dict[str, str] = field(default_factory=dict)  # file -> spec format, when known

    def counts(self) -> dict[str, int]:
        counts = {s.value: 0 for s in Severity}
        for finding in self.findings:
            counts[finding.severity.value] += 1
        return counts

    def summary(self) -> dict[str, int]:
        return {"files": len(self.files), **self.counts()}


@dataclass(frozen=True)
class ReportStyle:
    color: bool = False
    quiet: bool = False


class Reporter(Protocol):
    def write(self, report: Report, stream: TextIO, style: ReportStyle) -> None: ...


def reporter_for(name: str) -> Reporter:
    module_name, _, class_name = REPORTERS[name].partition(":")
    reporter: Reporter = getattr(importlib.import_module(module_name), class_name)()
    return reporter

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
    "rdjson": "speclint.report.rdjson:RdjsonReporter",
    "checkstyle": "speclint.report.checkstyle:CheckstyleReporter",
    "azure": "speclint.report.azure:AzureReporter",
    "markdown": "speclint.report.markdown:MarkdownReporter",
    "html": "speclint.report.html:HtmlReporter",
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
    hidden_by_baseline: int = 0  # findings the --baseline file accounted for
    docs_url: str = ""  # where rule pages live ("https://…/{rule}"), when configured

    def counts(self) -> dict[str, int]:
        counts = {s.value: 0 for s in Severity}
        for finding in self.findings:
            counts[finding.severity.value] += 1
        return counts

    def summary(self) -> dict[str, int]:
        return {"files": len(self.files), **self.counts()}

    def tally(self) -> list[RuleTally]:
        """Findings per rule, most first (ties by id): what to configure first."""
        counts: dict[str, list[Finding]] = {}
        for finding in self.findings:
            counts.setdefault(finding.rule, []).append(finding)
        rows = [
            RuleTally(
                rule,
                len(found),
                found[0].category.value,
                tuple(s.value for s in sorted({f.severity for f in found}, key=lambda s: -s.rank)),
            )
            for rule, found in counts.items()
        ]
        return sorted(rows, key=lambda row: (-row.count, row.rule))

    def help_uri(self, rule: str) -> str | None:
        """The rule's documentation page, when a docs URL is configured."""
        return rule_page(self.docs_url, rule)


def rule_page(docs_url: str, rule: str) -> str | None:
    """The page of ``rule`` under ``docs_url`` (a base URL, or one with ``{rule}`` in it)."""
    if not docs_url:
        return None
    if "{rule}" in docs_url:
        return docs_url.replace("{rule}", rule)
    return docs_url.rstrip("/") + "/" + rule


@dataclass(frozen=True)
class RuleTally:
    rule: str
    count: int
    category: str
    severities: tuple[str, ...]  # the severities its findings have, worst first


@dataclass(frozen=True)
class ReportStyle:
    color: bool = False
    quiet: bool = False
    pointers: bool = False  # text: the pointer beside every line:col, not only on very long lines


class Reporter(Protocol):
    def write(self, report: Report, stream: TextIO, style: ReportStyle) -> None: ...


def reporter_for(name: str) -> Reporter:
    module_name, _, class_name = REPORTERS[name].partition(":")
    reporter: Reporter = getattr(importlib.import_module(module_name), class_name)()
    return reporter

"""Markdown for job summaries and pull request comments (GitHub-flavoured tables).

The summary line, a tally per rule, then the findings of each file in a folded ``<details>``
table. At most :data:`MAX_FINDINGS` findings are listed (a comment holds 65,536 characters);
the tally still counts them all. Text from the spec is escaped: no table can be broken, no
HTML or link injected, no control character written raw.
"""

from __future__ import annotations

import html
import re
from itertools import groupby
from typing import TextIO

from speclint.report.base import Report, ReportStyle
from speclint.report.escape import visible
from speclint.report.text import TextReporter

MAX_FINDINGS = 300
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")  # mid-line specials; <, > and & become entities
_ICONS = {"error": "🔴", "warning": "🟠", "info": "🔵", "hint": "⚪"}


def md(text: str) -> str:
    """``text`` as literal Markdown inline text, on one line."""
    return _SPECIAL.sub(r"\\\1", html.escape(visible(text), quote=False))


class MarkdownReporter:
    def write(self, report: Report, stream: TextIO, style: ReportStyle) -> None:
        stream.write(f"## speclint\n\n**{md(TextReporter.summary(report).strip())}**\n\n")
        if not report.findings:
            return
        stream.write("| count | severity | rule | category |\n| ---: | --- | --- | --- |\n")
        for row in report.tally():
            severities = ", ".join(f"{_ICONS[s]} {s}" for s in row.severities)
            stream.write(f"| {row.count} | {severities} | {_rule(report, row.rule)} | {row.category} |\n")
        stream.write("\n")
        shown = report.findings[:MAX_FINDINGS]
        for file, group in groupby(shown, key=lambda f: f.file):
            findings = list(group)
            stream.write(f"<details><summary><code>{html.escape(visible(file))}</code> ({len(findings)})</summary>\n\n")
            stream.write("| line | severity | rule | message |\n| ---: | --- | --- | --- |\n")
            for finding in findings:
                severity = finding.severity.value
                stream.write(
                    f"| {finding.line}:{finding.column} | {_ICONS[severity]} {severity} | "
                    f"{_rule(report, finding.rule)} | {md(finding.message)} |\n"
                )
            stream.write("\n</details>\n\n")
        if len(report.findings) > MAX_FINDINGS:
            more = len(report.findings) - MAX_FINDINGS
            stream.write(f"… and {more} more; the full list is in the job's other reports.\n")


def _rule(report: Report, rule: str) -> str:
    code = f"`{visible(rule).replace('`', '')}`"
    url = report.help_uri(rule)
    return f"[{code}]({url.replace(')', '%29').replace(' ', '%20')})" if url else code

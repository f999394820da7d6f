"""One self-contained HTML page (inline CSS and JS, no network): the report a CI job uploads.

At the top, counts by severity and bars by category, rule and file (each a filter when
clicked); then the findings grouped by file, each with its code excerpt and a link to its
rule's explanation, filterable by text, severity, rule, category and file (the filter is kept in
the address's fragment, so a filtered view can be shared); then the documentation of every rule
that has findings. Everything taken from specs is escaped.
"""

from __future__ import annotations

import html
from collections import Counter
from itertools import groupby
from typing import TextIO

from speclint.findings import Finding, Severity
from speclint.report.base import Report, ReportStyle, RuleMeta
from speclint.report.escape import visible
from speclint.report.html_doc import doc_html
from speclint.report.source_lines import SourceLines
from speclint.report.text import TextReporter

TOP_BARS = 12  # bars per chart; the rest are summed up under them
CONTEXT = 2  # lines shown before and after the finding's line
WINDOW = 160  # characters of a long line shown around the finding
LABEL = 44  # characters of a file's bar label
_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def _asset(name: str) -> str:
    """``report.css`` or ``report.js``, shipped next to this module and inlined into the page."""
    from importlib.resources import files

    return files("speclint.report").joinpath(name).read_text(encoding="utf-8")


def _e(text: str) -> str:
    return html.escape(visible(text))


class HtmlReporter:
    def write(self, report: Report, stream: TextIO, style: ReportStyle) -> None:
        summary = TextReporter.summary(report).strip()
        stream.write(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">'
            '<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>speclint: {_e(summary)}</title><style>{_asset('report.css')}</style></head><body>\n"
            f"<header><h1><span>speclint</span> report</h1><p id=\"summary\">{_e(summary)}</p></header>\n<main>\n"
        )
        if not report.findings:
            stream.write(f'<div class="empty">✓ {_e(summary)}</div>\n</main>{_footer(report)}</body></html>\n')
            return
        stream.write(_cards(report))
        stream.write(_charts(report))
        stream.write(_toolbar(report))
        sources = SourceLines()
        for file, group in groupby(report.findings, key=lambda f: f.file):
            findings = list(group)
            stream.write(
                f'<details class="file" open data-file="{_e(file)}"><summary><span class="mono">{_e(file)}</span>'
                f'<span class="count">{len(findings)} finding{"s" * (len(findings) != 1)}</span></summary>\n'
            )
            for finding in findings:
                stream.write(_finding(finding, sources))
            stream.write("</details>\n")
        stream.write(_rules(report))
        stream.write(f"</main>{_footer(report)}<script>{_asset('report.js')}</script></body></html>\n")


def _footer(report: Report) -> str:
    hidden = f" {report.hidden_by_baseline} findings hidden by the baseline." if report.hidden_by_baseline else ""
    return f"<footer>speclint {_e(report.tool_version)} · {len(report.files)} files checked.{hidden}</footer>\n"


def _cards(report: Report) -> str:
    counts = report.counts()
    cards = [f'<div class="card" style="--c:var(--accent)"><b id="total">{len(report.findings)}</b>'
             f"<span>findings in {len(report.files)} file{'s' * (len(report.files) != 1)}</span></div>"]
    for severity in Severity:
        cards.append(
            f'<button class="card sev-{severity.value}{" zero" * (not counts[severity.value])}" '
            f'data-severity="{severity.value}" aria-pressed="false">'
            f'<b id="count-{severity.value}">{counts[severity.value]}</b><span>{severity.value}</span></button>'
        )
    return '<section class="cards" aria-label="findings by severity">' + "".join(cards) + "</section>\n"


def _charts(report: Report) -> str:
    by_category = Counter(f.category.value for f in report.findings)
    by_file = Counter(f.file for f in report.findings)
    worst: dict[str, Severity] = {}
    for finding in report.findings:
        if finding.rule not in worst or finding.severity.rank > worst[finding.rule].rank:
            worst[finding.rule] = finding.severity
    rules = [(row.rule, row.count, worst[row.rule].value) for row in report.tally()]
    categories = [(name, count, "") for name, count in by_category.most_common()]
    files = [(name, count, "") for name, count in by_file.most_common()]
    return (
        '<section class="charts">'
        + _chart("By rule", "rule", rules)
        + _chart("By category", "category", categories)
        + _chart("By file", "file", files)
        + "</section>\n"
    )


def _chart(title: str, key: str, rows: list[tuple[str, int, str]]) -> str:
    top = rows[:TOP_BARS]
    largest = max((count for _, count, _ in top), default=1)
    bars = []
    for name, count, severity in top:
        color = f' style="--c:var(--{severity})"' if severity else ""
        bars.append(
            f'<button class="bar" data-{key}="{_e(name)}" aria-pressed="false" title="{_e(name)}"{color}>'
            f'<span class="label"><i style="width:{100 * count / largest:.1f}%"></i>{_e(_short(name, key))}</span>'
            f'<span class="n">{count}</span></button>'
        )
    rest = rows[TOP_BARS:]
    if rest:
        bars.append(f'<p class="more">and {len(rest)} more ({sum(c for _, c, _ in rest)} findings)</p>')
    return f'<div class="panel" data-chart="{key}"><h3>{title}</h3>{"".join(bars)}</div>'


def _short(name: str, key: str) -> str:
    """A file's label keeps its end (the name), not the folders it starts with."""
    return "…" + name[-(LABEL - 1) :] if key == "file" and len(name) > LABEL else name


def _toolbar(report: Report) -> str:
    options = "".join(f'<option value="{_e(row.rule)}">{_e(row.rule)} ({row.count})</option>' for row in report.tally())
    chips = "".join(
        f'<label class="chip sev-{s.value}"><input type="checkbox" value="{s.value}" checked>{s.value}</label>'
        for s in Severity
    )
    return (
        '<h2 id="findings">Findings</h2><div class="toolbar">'
        '<input id="q" type="search" placeholder="Filter by text, file, pointer or rule…" aria-label="filter">'
        f'{chips}<select id="rule" aria-label="rule"><option value="">every rule</option>{options}</select>'
        '<button id="clear" type="button">Clear</button>'
        f'<span id="shown" data-count="{len(report.findings)}">Showing {len(report.findings)} of '
        f"{len(report.findings)} findings</span></div>\n"
    )


def _finding(finding: Finding, sources: SourceLines) -> str:
    text = " ".join((finding.message, finding.file, finding.pointer, finding.rule)).lower()
    pointer = f'<code class="ptr">{_e(finding.pointer)}</code>' if finding.pointer else ""
    return (
        f'<article class="finding sev-{finding.severity.value}" data-severity="{finding.severity.value}" '
        f'data-rule="{_e(finding.rule)}" data-category="{finding.category.value}" data-file="{_e(finding.file)}" '
        f'data-text="{_e(text)}"><div class="head"><span class="sev">{finding.severity.value}</span>'
        f'<a class="rule" href="#rule-{_e(finding.rule)}">{_e(finding.rule)}</a>'
        f'<span class="loc mono" title="{_e(finding.file)}">{finding.line}:{finding.column}</span>{pointer}</div>'
        f'<p class="msg">{_e(finding.message)}</p>{_excerpt(finding, sources)}</article>\n'
    )


def _excerpt(finding: Finding, sources: SourceLines) -> str:
    lines = sources.lines(finding.file)
    if not lines or not 1 <= finding.line <= len(lines):
        return ""
    first, last = max(1, finding.line - CONTEXT), min(len(lines), finding.line + CONTEXT)
    width = len(str(last))
    rows = []
    for number in range(first, last + 1):
        text = lines[number - 1]
        if number == finding.line:
            rows.append(f'<span class="l hit"><span class="n">{number:>{width}}</span>{_marked(finding, text)}</span>')
        else:
            start = max(0, finding.column - 1 - WINDOW // 3) if len(text) > WINDOW else 0
            shown = text[start : start + WINDOW]
            more = "…" if len(text) > start + WINDOW else ""
            rows.append(f'<span class="l"><span class="n">{number:>{width}}</span>{_e(shown)}{more}</span>')
    return f'<pre class="excerpt">{"".join(rows)}</pre>'


def _marked(finding: Finding, text: str) -> str:
    """The finding's line with its span marked; a long line is cut to a window around it."""
    start = finding.column - 1
    end = finding.end_column - 1 if finding.end_line == finding.line else len(text)
    end = max(end, start + 1)
    left = max(0, start - WINDOW // 3) if len(text) > WINDOW else 0
    right = min(len(text), max(left + WINDOW, min(end, start + WINDOW)))
    before = ("…" if left else "") + _e(text[left:start])
    after = _e(text[end:right]) + ("…" if right < len(text) else "")
    return f"{before}<mark>{_e(text[start:min(end, right)]) or ' '}</mark>{after}"


def _rules(report: Report) -> str:
    ids = sorted({f.rule for f in report.findings})
    parts = ['<section class="rules"><h2 id="rules">Rules with findings</h2>']
    for rule_id in ids:
        meta = report.rules.get(rule_id) or RuleMeta(rule_id, "", "", report.rule_docs.get(rule_id, ""))
        link = report.help_uri(rule_id)
        more = f' · <a href="{_e(link)}">documentation</a>' if link else ""
        doc = doc_html(meta.doc) if meta.doc else f"<p>{_e(meta.summary)}</p>"
        parts.append(
            f'<article id="rule-{_e(rule_id)}"><h3 class="mono">{_e(rule_id)}</h3>'
            f'<p class="meta">{_e(meta.category)} · {_e(meta.severity)} in this run{more}</p>{doc}</article>'
        )
    parts.append("</section>\n")
    return "".join(parts)

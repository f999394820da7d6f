"""JUnit XML: one ``<testsuite>`` per spec file, one ``<testcase>`` per rule.

A rule with findings in a file is a failed test case whose ``<failure>`` lists each finding as
``file:line:column severity message``; the rules that ran on the file without a finding are
passing test cases (when the file's format is known).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TextIO

from speclint.findings import Finding
from speclint.report.base import Report, ReportStyle
from speclint.report.documents import write_xml
from speclint.report.escape import visible

_NO_RULES = "speclint"
_NOT_TESTS = frozenset({"internal-error"})  # a crash, not a check: listed only when it happens


class JunitReporter:
    def write(self, report: Report, stream: TextIO, style: ReportStyle) -> None:
        write_xml(junit_tree(report), stream)


def junit_tree(report: Report) -> ET.Element:
    by_file: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for finding in report.findings:
        by_file[finding.file][finding.rule].append(finding)
    files = list(dict.fromkeys([*report.files, *by_file]))
    suites = ET.Element("testsuites", name="speclint")
    total_tests = total_failures = 0
    for file in files:
        suite = _suite(file, by_file.get(file, {}), report)
        total_tests += int(suite.get("tests", "0"))
        total_failures += int(suite.get("failures", "0"))
        suites.append(suite)
    suites.set("tests", str(total_tests))
    suites.set("failures", str(total_failures))
    suites.set("errors", "0")
    suites.set("time", "0")
    return suites


def _suite(file: str, findings: dict[str, list[Finding]], report: Report) -> ET.Element:
    spec_format = report.file_formats.get(file) or next(
        (f[0].spec_format for f in findings.values() if f), None
    )
    passing = sorted(
        rule_id
        for rule_id, meta in report.rules.items()
        if rule_id not in findings
        and rule_id not in _NOT_TESTS
        and spec_format is not None
        and spec_format in meta.formats
    )
    shown = visible(file)  # XML 1.0 cannot hold most control characters, even escaped
    suite = ET.Element("testsuite", name=shown)
    cases = 0
    for rule_id in sorted(set(findings) | set(passing)):
        case = ET.SubElement(suite, "testcase", name=visible(rule_id), classname=shown, file=shown, time="0")
        cases += 1
        failed = findings.get(rule_id)
        if failed:
            case.set("line", str(failed[0].line))
            worst = max(failed, key=lambda f: f.severity.rank).severity
            failure = ET.SubElement(
                case, "failure", message=_failure_message(failed), type=worst.value
            )
            failure.text = "\n".join(
                visible(f"{f.file}:{f.line}:{f.column} {f.severity.value} {f.message}") for f in failed
            )
    if cases == 0:
        ET.SubElement(suite, "testcase", name=_NO_RULES, classname=shown, file=shown, time="0")
        cases = 1
    suite.set("tests", str(cases))
    suite.set("failures", str(sum(1 for f in findings.values() if f)))
    suite.set("errors", "0")
    suite.set("skipped", "0")
    suite.set("time", "0")
    return suite


def _failure_message(findings: list[Finding]) -> str:
    first = findings[0]
    more = f" (and {len(findings) - 1} more)" if len(findings) > 1 else ""
    return visible(f"{first.file}:{first.line}: {first.message}{more}")


__all__ = ["JunitReporter", "junit_tree"]

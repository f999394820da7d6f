"""Checkstyle XML, as Checkstyle's own XMLLogger writes it: read by Jenkins (warnings-ng), many
IDEs and review bots.

``<checkstyle version>`` holds one ``<file name>`` per file with findings (and the clean files,
empty, as Checkstyle lists every file it checked); each finding is an ``<error>`` with ``line``,
``column``, ``severity`` (``error``, ``warning`` or ``info``), ``message`` and ``source`` (the
rule id, prefixed ``speclint.`` as Checkstyle names a check by its class).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby
from typing import TextIO

from speclint.findings import Severity
from speclint.report.base import Report, ReportStyle
from speclint.report.documents import write_xml
from speclint.report.escape import visible

CHECKSTYLE_VERSION = "4.3"  # the format version every consumer accepts
_SEVERITIES = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info", Severity.HINT: "info"}


class CheckstyleReporter:
    def write(self, report: Report, stream: TextIO, style: ReportStyle) -> None:
        write_xml(checkstyle_tree(report), stream)


def checkstyle_tree(report: Report) -> ET.Element:
    root = ET.Element("checkstyle", version=CHECKSTYLE_VERSION)
    by_file = {file: list(group) for file, group in groupby(report.findings, key=lambda f: f.file)}
    for file in dict.fromkeys([*report.files, *by_file]):
        element = ET.SubElement(root, "file", name=visible(file))  # XML 1.0 cannot hold most controls
        for finding in by_file.get(file, []):
            ET.SubElement(
                element,
                "error",
                line=str(finding.line),
                column=str(finding.column),
                severity=_SEVERITIES[finding.severity],
                message=visible(finding.message),
                source=f"speclint.{visible(finding.rule)}",
            )
    return root

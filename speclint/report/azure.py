"""Azure Pipelines logging commands: one ``##vso[task.logissue]`` per finding, which the agent
shows as an error or a warning on the run and, with a ``sourcepath``, on the file's line.

Escaping follows the agent's task library: in properties ``%`` becomes ``%AZP25`` and CR, LF,
``]`` and ``;`` become ``%0D``, ``%0A``, ``%5D`` and ``%3B``; in the message ``%``, CR and LF.
Control characters quoted from a spec are made visible first, so a name cannot colour the log
or start a command of its own.
"""

from __future__ import annotations

from typing import TextIO

from speclint.findings import Finding, Severity
from speclint.report.base import Report, ReportStyle
from speclint.report.escape import visible

# Azure Pipelines has errors and warnings only; info and hints are warnings there.
_TYPES = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "warning", Severity.HINT: "warning"}


class AzureReporter:
    def write(self, report: Report, stream: TextIO, style: ReportStyle) -> None:
        for finding in report.findings:
            stream.write(logissue(finding) + "\n")


def escape_data(text: str) -> str:
    return text.replace("%", "%AZP25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace("]", "%5D").replace(";", "%3B")


def logissue(finding: Finding) -> str:
    properties = {
        "type": _TYPES[finding.severity],
        "sourcepath": visible(finding.file),
        "linenumber": str(finding.line),
        "columnnumber": str(finding.column),
        "code": visible(finding.rule),
    }
    head = "".join(f"{name}={escape_property(value)};" for name, value in properties.items())
    level = "" if finding.severity in (Severity.ERROR, Severity.WARNING) else f"{finding.severity.value}: "
    message = visible(f"{level}{finding.message} ({finding.rule})")
    return f"##vso[task.logissue {head}]{escape_data(message)}"

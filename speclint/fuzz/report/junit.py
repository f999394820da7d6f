"""``fuzz --format junit``: one test case per operation, one failure element per failed check."""

from __future__ import annotations

from typing import TextIO
from xml.etree import ElementTree as ET

from speclint.fuzz.curl import printable
from speclint.fuzz.results import ContractFailure, FuzzReport


def write_junit(report: FuzzReport, stream: TextIO) -> None:
    """Every text goes through ``printable``: XML 1.0 cannot hold most control characters."""
    by_operation: dict[str, list[ContractFailure]] = {printable(name): [] for name in report.tested}
    for failure in report.failures:
        by_operation.setdefault(printable(failure.operation), []).append(failure)
    failed = sum(1 for failures in by_operation.values() if failures)
    suites = ET.Element("testsuites", name="speclint fuzz", tests=str(len(by_operation)), failures=str(failed))
    suite = ET.SubElement(
        suites, "testsuite", name=printable(f"speclint fuzz {report.spec}"), tests=str(len(by_operation)),
        failures=str(failed), errors="0", time=f"{report.duration_s:.3f}",
    )
    for name, failures in by_operation.items():
        case = ET.SubElement(suite, "testcase", classname=printable(report.spec), name=name)
        for failure in failures:
            message = printable(failure.message)
            reproduction = "\n".join(printable(line) for line in failure.reproduction.split("\n"))
            element = ET.SubElement(case, "failure", type=failure.check, message=message)
            status = f"status: {failure.status}\n" if failure.status is not None else ""
            element.text = f"{failure.check}: {message}\n{status}{reproduction}\n"
    ET.indent(suites)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(suites, encoding="unicode"))
    stream.write("\n")

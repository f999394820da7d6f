"""Contract-test reports: ``text``, ``json`` (the contract's shape) and ``junit``."""

from __future__ import annotations

from typing import TextIO

from speclint.fuzz.results import FuzzReport

FORMATS = ("text", "json", "junit")


def write_report(report: FuzzReport, fmt: str, stream: TextIO) -> None:
    if fmt == "json":
        from speclint.fuzz.report.json_report import write_json

        write_json(report, stream)
    elif fmt == "junit":
        from speclint.fuzz.report.junit import write_junit

        write_junit(report, stream)
    else:
        from speclint.fuzz.report.text import write_text

        write_text(report, stream)


__all__ = ["FORMATS", "write_report"]

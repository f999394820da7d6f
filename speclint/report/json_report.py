"""The contract's JSON report."""

from __future__ import annotations

import json
from typing import TextIO

from speclint.report.base import Report, ReportStyle


class JsonReporter:
    def write(self, report: Report, stream: TextIO, style: ReportStyle) -> None:
        document = {
            "tool": {"name": "speclint", "version": report.tool_version},
            "diagnostics": [f.as_dict() for f in report.findings],
            "summary": report.summary(),
        }
        json.dump(document, stream, indent=2, ensure_ascii=False)
        stream.write("\n")

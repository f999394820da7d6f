"""``fuzz --format json``: exactly the contract's shape."""

from __future__ import annotations

from typing import Any, TextIO

from speclint.fuzz.results import FuzzReport
from speclint.report.documents import write_json as write_json_document


def as_document(report: FuzzReport) -> dict[str, Any]:
    return {
        "tool": {"name": "speclint", "version": report.tool_version},
        "spec": report.spec,
        "target": report.target,
        "seed": report.seed,
        "failures": [f.as_dict() for f in report.failures],
        "summary": report.summary(),
    }


def write_json(report: FuzzReport, stream: TextIO) -> None:
    write_json_document(as_document(report), stream)

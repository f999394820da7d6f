"""``fuzz --format json``: exactly the contract's shape."""

from __future__ import annotations

import json
from typing import Any, TextIO

from speclint.fuzz.results import FuzzReport


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
    json.dump(as_document(report), stream, indent=2, ensure_ascii=False)
    stream.write("\n")

"""The contract's JSON shape: changes, a summary by level, the versions and report notes."""

from __future__ import annotations

from typing import TextIO

from speclint import __version__
from speclint.diff.engine import DiffResult
from speclint.report.documents import write_json


class JsonDiffReporter:
    def write(self, result: DiffResult, stream: TextIO) -> None:
        document = {"tool": {"name": "speclint", "version": __version__}, **result.as_dict()}
        write_json(document, stream)

"""The contract's JSON shape: changes, a summary by level, the versions and report notes."""

from __future__ import annotations

from typing import TextIO

import orjson

from speclint import __version__
from speclint.diff.engine import DiffResult


class JsonDiffReporter:
    def write(self, result: DiffResult, stream: TextIO) -> None:
        document = {"tool": {"name": "speclint", "version": __version__}, **result.as_dict()}
        stream.write(orjson.dumps(document, option=orjson.OPT_INDENT_2).decode())
        stream.write("\n")

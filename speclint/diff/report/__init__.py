"""Diff reports: one small class per format, chosen by ``--format``, imported on use."""

from __future__ import annotations

import importlib
from typing import Protocol, TextIO

from speclint.diff.engine import DiffResult

DIFF_REPORTERS = {
    "text": "speclint.diff.report.text:TextDiffReporter",
    "json": "speclint.diff.report.json_report:JsonDiffReporter",
    "markdown": "speclint.diff.report.markdown:MarkdownDiffReporter",
    "github": "speclint.diff.report.github:GithubDiffReporter",
}


class DiffReporter(Protocol):
    def write(self, result: DiffResult, stream: TextIO) -> None: ...


def diff_reporter_for(name: str) -> DiffReporter:
    module_name, _, class_name = DIFF_REPORTERS[name].partition(":")
    reporter: DiffReporter = getattr(importlib.import_module(module_name), class_name)()
    return reporter


__all__ = ["DIFF_REPORTERS", "DiffReporter", "diff_reporter_for"]

"""Workflow-command annotations, counted against GitHub's display limits.

GitHub shows at most 10 annotations of each kind (error, warning, notice) per step and 50 per
job; the rest are dropped silently, so the Action counts what it prints and says in the job
summary how many were hidden.
"""

from __future__ import annotations

from typing import Any, TextIO

from speclint.report.escape import visible
from speclint.report.github import annotation

PER_KIND = 10
PER_JOB = 50


class Annotations:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.counts: dict[str, int] = {}

    def write(self, kind: str, message: str, **place: Any) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + 1
        safe: dict[str, Any] = {k: visible(v) if isinstance(v, str) else v for k, v in place.items()}
        self.out.write(annotation(kind, visible(message), **safe) + "\n")

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def hidden(self) -> int:
        """How many of the annotations printed so far GitHub does not show."""
        shown = min(PER_JOB, sum(min(PER_KIND, n) for n in self.counts.values()))
        return self.total - shown

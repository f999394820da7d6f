"""What every runner shares during one run."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from speclint.fuzz.collect import Collector
from speclint.fuzz.options import FuzzOptions
from speclint.progress import Progress


@dataclass
class RunContext:
    options: FuzzOptions
    collector: Collector
    progress: Progress
    tested: list[str] = field(default_factory=list)  # names of the operations tested


class StopOperation(Exception):
    """Stop sending requests to the current operation (it timed out, the connection died)."""


@dataclass(frozen=True)
class BoundaryCase:
    """A deterministic case; ``negative`` when the spec says the server must reject it."""

    case: Any  # a schemathesis Case
    negative: bool
    label: str

"""What every runner shares during one run."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from speclint.errors import ConnectionFailed
from speclint.fuzz.collect import Collector
from speclint.fuzz.options import FuzzOptions
from speclint.fuzz.reach import ensure_reachable
from speclint.progress import Progress

SILENT_LIMIT = 3  # requests in a row without an answer: the server stopped responding
TIMEOUTS_PER_OPERATION = 3  # timed-out requests after which one operation is given up (it is slow)
_REACH_TRIES = 3
_REACH_PAUSE = 0.3


@dataclass
class RunContext:
    options: FuzzOptions
    collector: Collector
    progress: Progress
    tested: list[str] = field(default_factory=list)  # names of the operations tested
    warnings: list[str] = field(default_factory=list)  # one line each, for standard error
    silent: int = 0  # requests in a row that got no answer

    def answered(self) -> None:
        self.silent = 0

    def unanswered(self, operation: str) -> None:
        """A request timed out or its connection failed: raise ConnectionFailed (exit 2) when
        the server is gone or the last few requests all went unanswered."""
        self.silent += 1
        if not self.server_accepts_connections():
            raise ConnectionFailed(
                f"the server stopped responding: {self.options.url} refuses connections (while testing {operation})"
            )
        if self.silent >= SILENT_LIMIT:
            raise ConnectionFailed(
                f"the server stopped responding: {self.silent} requests in a row got no answer "
                f"within {self.options.timeout:g} s (while testing {operation})"
            )

    def server_responds(self) -> bool:
        """Whether the server still answers a cheap request (its base URL, any status): after a
        timeout, tells a slow operation from a server that hangs."""
        import requests

        timeout = self.options.timeout
        try:
            with requests.get(self.options.url, timeout=(timeout, timeout), stream=True, allow_redirects=False):
                return True
        except requests.RequestException:
            return False

    def server_accepts_connections(self) -> bool:
        for attempt in range(_REACH_TRIES):
            try:
                ensure_reachable(self.options.url)
            except ConnectionFailed:
                if attempt + 1 < _REACH_TRIES:
                    time.sleep(_REACH_PAUSE)
                continue
            return True
        return False


@dataclass(frozen=True)
class BoundaryCase:
    """A deterministic case; ``negative`` when the spec says the server must reject it."""

    case: Any  # a schemathesis Case
    negative: bool
    label: str
    firm: bool = True  # False: valid, but at an edge the spec never declared; a refusal is no failure

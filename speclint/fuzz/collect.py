"""Gather failures: each distinct one once, with the smallest reproduction found."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from speclint.fuzz.curl import printable
from speclint.fuzz.redact import Redactor
from speclint.fuzz.results import ContractFailure


@dataclass
class _Entry:
    failure: ContractFailure
    rank: tuple[int, int]
    order: int


class Collector:
    """Deduplicates by (operation, check, status, kind) and counts requests.

    A failure found by a deterministic boundary case keeps the first such case; otherwise the
    shortest reproduction wins. Every text is redacted on the way in and on the way out, and
    messages (often the server's words) are made printable.
    """

    def __init__(self, redactor: Redactor) -> None:
        self.redactor = redactor
        self.requests = 0
        self._entries: dict[tuple[str, str, int | None, str], _Entry] = {}
        self.started = time.perf_counter()
        self.first_failure_s: float | None = None  # seconds from the start to the first failure

    def count_request(self) -> None:
        self.requests += 1

    def add(
        self,
        operation: str,
        check: str,
        message: str,
        status: int | None,
        reproduction: str,
        *,
        kind: str = "",
        boundary: bool = False,
    ) -> None:
        failure = ContractFailure(
            operation=operation,
            check=check,
            message=printable(self.redactor.text(message)),
            status=status,
            reproduction=self.redactor.text(reproduction),
        )
        rank = (0, 0) if boundary else (1, len(failure.reproduction))
        key = (operation, check, status, kind)
        current = self._entries.get(key)
        if self.first_failure_s is None:
            self.first_failure_s = time.perf_counter() - self.started
        if current is None:
            self._entries[key] = _Entry(failure, rank, len(self._entries))
        elif rank < current.rank:
            current.failure, current.rank = failure, rank

    @property
    def failures(self) -> list[ContractFailure]:
        """In the order they were first found, scrubbed again of every secret known by now
        (a cookie value the server set late in the run included)."""
        text = self.redactor.text
        return [
            replace(e.failure, message=text(e.failure.message), reproduction=text(e.failure.reproduction))
            for e in sorted(self._entries.values(), key=lambda e: e.order)
        ]

"""Requests that succeeded: the stateful phase starts its sequences from them."""

from __future__ import annotations

from typing import Any

from speclint.fuzz.collect import Collector
from speclint.fuzz.http_checks import ResponseJudge


class Successes:
    """Cases of the operations links start from that the server answered with a success, in
    any phase: the stateful phase starts sequences from them (random data seldom creates
    anything on a real server: a file needs a folder that exists, a session a valid kernel)."""

    KEEP = 8  # cases kept per operation: the first ones

    def __init__(self, sources: set[str]) -> None:
        self.sources = sources
        self._cases: dict[str, list[Any]] = {}

    def note(self, operation: str, case: Any, status: int) -> None:
        if operation in self.sources and 200 <= status < 300:
            kept = self._cases.setdefault(operation, [])
            if len(kept) < self.KEEP:
                kept.append(case)

    def of(self, operation: str) -> list[Any]:
        return list(self._cases.get(operation, ()))


class RecordingJudge(ResponseJudge):
    """The run's judge, which also notes the successes of the operations links start from."""

    def __init__(self, collector: Collector, successes: Successes) -> None:
        super().__init__(collector)
        self.successes = successes

    def judge(self, operation: str, case: Any, response: Any, request: Any, *, negative: bool | None,
              boundary: bool, firm: bool = True) -> None:
        self.successes.note(operation, case, int(response.status_code))
        super().judge(operation, case, response, request, negative=negative, boundary=boundary, firm=firm)

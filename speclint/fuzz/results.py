"""Contract-test results are data: failures found and the run's summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SERVER_ERROR = "server-error"
UNDOCUMENTED_STATUS = "undocumented-status"
RESPONSE_SCHEMA = "response-schema"
CONTENT_TYPE = "content-type"
RESPONSE_HEADERS = "response-headers"
AUTH_NOT_ENFORCED = "auth-not-enforced"
NEGATIVE_DATA_ACCEPTED = "negative-data-accepted"
POSITIVE_DATA_REJECTED = "positive-data-rejected"
UNSUPPORTED_METHOD = "unsupported-method"
TIMEOUT = "timeout"
ENSURE_RESOURCE_AVAILABILITY = "ensure-resource-availability"  # stateful phase
USE_AFTER_FREE = "use-after-free"  # stateful phase

CHECK_IDS = (
    SERVER_ERROR,
    UNDOCUMENTED_STATUS,
    RESPONSE_SCHEMA,
    CONTENT_TYPE,
    RESPONSE_HEADERS,
    AUTH_NOT_ENFORCED,
    NEGATIVE_DATA_ACCEPTED,
    POSITIVE_DATA_REJECTED,
    UNSUPPORTED_METHOD,
    TIMEOUT,
    ENSURE_RESOURCE_AVAILABILITY,
    USE_AFTER_FREE,
)


@dataclass(frozen=True, slots=True)
class ContractFailure:
    """One distinct failure: an operation broke a check, reproducible with ``reproduction``."""

    operation: str
    check: str
    message: str
    status: int | None
    reproduction: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "operation": self.operation,
            "check": self.check,
            "message": self.message,
            "status": self.status,
            "reproduction": self.reproduction,
        }


@dataclass
class FuzzReport:
    """What a run found; ``spec`` and ``target`` as the user gave them."""

    spec: str
    target: str
    seed: int
    failures: list[ContractFailure] = field(default_factory=list)
    tested: list[str] = field(default_factory=list)  # operation names, in run order
    requests: int = 0
    duration_s: float = 0.0
    tool_version: str = ""
    first_failure_s: float | None = None  # for benchmarks; not part of the JSON report
    warnings: list[str] = field(default_factory=list)  # spec problems that did not stop the run

    def summary(self) -> dict[str, Any]:
        return {
            "operations": len(self.tested),
            "requests": self.requests,
            "failures": len(self.failures),
            "duration_s": round(self.duration_s, 2),
        }

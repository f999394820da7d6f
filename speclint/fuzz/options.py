"""What a fuzz run is asked to do."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MAX_EXAMPLES = 50
DEFAULT_TIMEOUT = 10.0
# boundary: every operation's deterministic cases (edges, auth probes, an undocumented method);
# random: generated cases; stateful: sequences along OpenAPI links
PHASES = ("boundary", "random", "stateful")


@dataclass(frozen=True)
class FuzzOptions:
    """The command line's ``fuzz`` options, parsed and checked."""

    spec: Path
    url: str
    headers: tuple[tuple[str, str], ...] = ()
    max_examples: int = DEFAULT_MAX_EXAMPLES
    seed: int = 0
    operations: tuple[str, ...] = ()
    timeout: float = DEFAULT_TIMEOUT
    proto_paths: tuple[Path, ...] = field(default=())
    reflection: bool = False  # gRPC: read the services from the server's reflection service, not ``spec``
    shard: tuple[int, int] | None = None  # (K, N): the K-th of N deterministic parts of the operations
    tls: bool = False  # gRPC over TLS
    ca_cert: Path | None = None  # gRPC: the root certificates to trust (PEM); implies ``tls``
    infer_links: bool = True  # OpenAPI: the stateful phase also follows links guessed from the paths
    phases: frozenset[str] = frozenset(PHASES)  # the phases to run (the stateful one: OpenAPI only)

    @property
    def header_dict(self) -> dict[str, str]:
        return dict(self.headers)

    def selects(self, name: str) -> bool:
        """Whether ``--operation`` patterns let the operation called ``name`` run."""
        return not self.operations or any(self.matches(pattern, name) for pattern in self.operations)

    def matches(self, pattern: str, name: str) -> bool:
        """Whether one ``--operation`` pattern names the operation ``name`` (a substring of it)."""
        return pattern in name


def parse_phases(text: str | None) -> frozenset[str]:
    """``"boundary,stateful"`` into the phases to run; None is all of them."""
    if text is None:
        return frozenset(PHASES)
    names = {name.strip() for name in text.split(",") if name.strip()}
    unknown = sorted(names - set(PHASES))
    if unknown or not names:
        raise ValueError(f"--phases takes a comma-separated list of {', '.join(PHASES)}"
                         + (f" (unknown: {', '.join(unknown)})" if unknown else ""))
    return frozenset(names)


_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")  # an HTTP header name (RFC 9110 token)


def parse_header(text: str) -> tuple[str, str]:
    """``'Name: value'`` into ``("Name", "value")``; ValueError when there is no valid name.

    The message never repeats the text: a malformed header is most often a credential.
    """
    name, sep, value = text.partition(":")
    name = name.strip()
    if not sep:
        raise ValueError("--header expects 'Name: value' (one was given without a ':'; its text is not shown)")
    if not _TOKEN.fullmatch(name):
        raise ValueError("--header expects 'Name: value' (one was given whose name is not a valid header name; "
                         "its text is not shown)")
    return name, value.strip()

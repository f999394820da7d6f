"""What a fuzz run is asked to do."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MAX_EXAMPLES = 50
DEFAULT_TIMEOUT = 10.0


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

    @property
    def header_dict(self) -> dict[str, str]:
        return dict(self.headers)

    def selects(self, name: str) -> bool:
        """Whether ``--operation`` patterns let the operation called ``name`` run."""
        return not self.operations or any(pattern in name for pattern in self.operations)


def parse_header(text: str) -> tuple[str, str]:
    """``'Name: value'`` into ``("Name", "value")``; ValueError when there is no name."""
    name, sep, value = text.partition(":")
    name = name.strip()
    if not sep or not name or any(c.isspace() for c in name):
        raise ValueError(f"--header expects 'Name: value', got {name or text!r}")
    return name, value.strip()

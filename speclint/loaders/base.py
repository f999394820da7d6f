"""What every loader takes and gives back."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Protocol, Sequence

from speclint.findings import Finding
from speclint.model import Api, SpecFormat


@dataclass(frozen=True)
class LoadOptions:
    """Everything a loader may need to know about the run."""

    roots: tuple[Path, ...] = ()  # folders whose files may be read; refs outside are refused
    allow_remote_refs: bool = False
    allow_outside_refs: bool = False
    proto_paths: tuple[Path, ...] = ()
    explicit: frozenset[Path] = frozenset()  # files the user named (not found by discovery)
    settings: dict[str, object] = field(default_factory=dict)  # per-format conventions


@dataclass
class LoadResult:
    """One API (or none, when the file could not be read as a spec) and what loading found."""

    files: tuple[str, ...]
    api: Api | None = None
    findings: list[Finding] = field(default_factory=list)
    # files read (imports outside the linted ones) or looked for and absent (a missing $ref
    # target): not linted, but the result depends on them, so a cache entry does too
    dependencies: tuple[str, ...] = ()


class Loader(Protocol):
    format: SpecFormat

    def load(self, paths: Sequence[Path], options: LoadOptions) -> Iterable[LoadResult]:
        """Results one by one; a loader should yield them as it goes, to bound memory.

        A loader whose files fall into groups that share nothing may also have
        ``split(paths, options) -> list[list[Path]]``: each group is then a lint unit of its own
        (linted in parallel, cached apart), and ``load`` gets one group at a time.
        """
        ...

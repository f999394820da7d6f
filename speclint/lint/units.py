"""Units of work: what one worker lints, and how a repository splits into CI shards.

An OpenAPI document is a unit by itself (with the files its refs reach). The GraphQL files of
a run form one unit (one schema may span several files). Other formats are split by their
loader's ``split(paths, options)`` when it has one: each independent proto tree (an import
closure, a package) is a unit. Units are independent, so they run in parallel, are cached, and
are split across CI matrix jobs with ``--shard K/N``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from speclint.errors import UsageError
from speclint.lint.discover import SpecFile
from speclint.loaders.base import LoadOptions
from speclint.loaders.registry import loader_for
from speclint.model import SpecFormat


@dataclass(frozen=True)
class Unit:
    format: SpecFormat | None  # None: a named file that is not a spec
    paths: tuple[Path, ...]
    explicit: bool = False

    @property
    def size(self) -> int:
        total = 0
        for path in self.paths:
            try:
                total += path.stat().st_size
            except OSError:
                pass
        return total


def make_units(specs: list[SpecFile], options: LoadOptions | None = None) -> list[Unit]:
    units: list[Unit] = []
    grouped: dict[SpecFormat, list[SpecFile]] = {}
    for spec in specs:
        if spec.format is None or spec.format is SpecFormat.OPENAPI:
            units.append(Unit(spec.format, (spec.path,), spec.explicit))
        else:
            grouped.setdefault(spec.format, []).append(spec)
    for spec_format, members in grouped.items():
        explicit = {s.path for s in members if s.explicit}
        for group in _split(spec_format, [s.path for s in members], options or LoadOptions()):
            units.append(Unit(spec_format, tuple(group), any(path in explicit for path in group)))
    return units


def _split(spec_format: SpecFormat, paths: list[Path], options: LoadOptions) -> list[list[Path]]:
    """The groups of ``paths`` that the format's loader can lint apart (all together by default)."""
    loader = loader_for(spec_format)
    split = getattr(loader, "split", None)
    if split is None:
        return [paths]
    groups: list[list[Path]] = split(paths, options)
    return groups


def parse_shard(text: str | None) -> tuple[int, int] | None:
    """``"2/4"`` -> (2, 4): the second of four shards (1-based)."""
    if not text:
        return None
    try:
        index, total = (int(part) for part in text.split("/", 1))
    except ValueError:
        raise UsageError(f"--shard expects K/N, such as 1/4, not {text!r}") from None
    if total < 1 or not 1 <= index <= total:
        raise UsageError(f"--shard {text}: K must be between 1 and N")
    return index, total


def shard(units: list[Unit], index: int, total: int) -> list[Unit]:
    """The units of shard ``index`` of ``total``, balanced by size, the same on every machine.

    Largest units first, each to the shard with the least bytes so far (ties to the lowest
    shard): every CI job computes the same split from the same checkout, without talking to
    the others.
    """
    if total == 1:
        return units
    ordered = sorted(units, key=lambda u: (-u.size, [p.as_posix() for p in u.paths]))
    loads = [0] * total
    mine: set[Unit] = set()
    for unit in ordered:
        target = min(range(total), key=lambda k: (loads[k], k))
        loads[target] += max(unit.size, 1)
        if target == index - 1:
            mine.add(unit)
    return [u for u in units if u in mine]

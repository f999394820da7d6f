"""Incremental linting: lint the units of some paths one by one, and again only those a change touches.

Shared by ``speclint server`` (one session per workspace folder, fed unsaved buffers) and
``speclint check --watch`` (one session for the named paths, fed the disk). Nothing here knows
the Language Server Protocol.

A session remembers, for every unit it linted, the files that unit read (its specs, the
``$ref`` targets and imports it reached) and its findings. A change to a file re-lints the
units that read it; a spec file no unit knows yet joins the units (or starts one).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

from speclint.config.resolve import RunConfig
from speclint.findings import Finding
from speclint.lint.discover import SpecFile, discover
from speclint.lint.runner import lint_units
from speclint.lint.units import Unit, make_units
from speclint.loaders.base import LoadOptions
from speclint.loaders.detect import SPEC_SUFFIXES, detect_format
from speclint.model import SpecFormat
from speclint.sources.overlay import overlay, read_head

Buffers = Mapping[str, bytes]  # real path -> unsaved content


def real(path: Path | str) -> str:
    return os.path.realpath(path)


@dataclass
class UnitState:
    files: frozenset[str]  # real paths of every file the unit read
    displays: tuple[str, ...]  # the same files as reports name them
    findings: list[Finding]


@dataclass
class LintSession:
    """The units under ``paths`` and what linting each one last gave."""

    paths: tuple[Path, ...]
    run_config: RunConfig
    options: LoadOptions
    units: list[Unit] = field(default_factory=list)
    states: dict[Unit, UnitState] = field(default_factory=dict)
    internal_errors: int = 0
    _members: dict[str, list[Unit]] = field(default_factory=dict)  # real path of a spec -> its units

    @classmethod
    def create(cls, paths: Sequence[Path], run_config: RunConfig, options: LoadOptions) -> LintSession:
        roots = tuple(p.resolve() if p.is_dir() else p.resolve().parent for p in paths)
        options = replace(options, roots=options.roots or roots)
        session = cls(tuple(paths), run_config, options)
        session.discover()
        return session

    def discover(self, buffers: Buffers | None = None) -> None:
        """Find the units again (files were added or removed); results of unchanged units stay."""
        with overlay(buffers or {}):
            specs = discover(self.paths)
        self._set_units(specs)

    def _set_units(self, specs: list[SpecFile]) -> None:
        explicit = frozenset(s.path for s in specs if s.explicit)
        self.options = replace(self.options, explicit=explicit)
        self.units = make_units(specs, self.options)
        kept = set(self.units)
        self.states = {u: s for u, s in self.states.items() if u in kept}
        self._members = {}
        for unit in self.units:
            for path in unit.paths:
                self._members.setdefault(real(path), []).append(unit)

    def spec_paths(self) -> list[Path]:
        return [path for unit in self.units for path in unit.paths]

    def units_reading(self, path: str) -> list[Unit]:
        """The units that read the file at real path ``path`` (as a spec, a ref target, an import)."""
        members = self._members.get(path, [])
        return [u for u in self.units if u in members or (u in self.states and path in self.states[u].files)]

    def units_for(self, path: str, buffers: Buffers | None = None) -> list[Unit]:
        """The units to lint for a change of ``path``: those that read it; else, when it is a spec
        file new to the session, the unit it joins; else the OpenAPI units that may reach it (a
        ``$ref`` target opened before its documents were linted: those that name the file)."""
        found = self.units_reading(path)
        if found:
            return found
        if os.path.splitext(path)[1].lower() not in SPEC_SUFFIXES or not self._covers(path):
            return []
        with overlay(buffers or {}):
            spec_format = detect_format(Path(path))
        if spec_format is not None:
            self.discover(buffers)
            return self.units_reading(path)
        name = os.path.basename(path).encode()
        candidates = []
        with overlay(buffers or {}):
            for unit in self.units:
                if unit.format is SpecFormat.OPENAPI and unit not in self.states:
                    try:
                        if name in read_head(unit.paths[0], 1 << 30):
                            candidates.append(unit)
                    except OSError:
                        continue
        return candidates

    def _covers(self, path: str) -> bool:
        for given in self.paths:
            base = real(given)
            if path == base or path.startswith(base.rstrip(os.sep) + os.sep):
                return True
        return False

    def lint(
        self,
        units: Iterable[Unit],
        buffers: Buffers | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> set[str]:
        """Lint ``units`` one by one (stopping early when ``cancelled()``); the real paths of the
        files whose findings may have changed."""
        touched: set[str] = set()
        with overlay(buffers or {}):
            for unit in units:
                if cancelled():
                    break
                report = lint_units([unit], self.run_config.settings, self.options, registry=self.run_config.registry)
                self.internal_errors += report.internal_errors
                previous = self.states.get(unit)
                read = [*report.files, *report.dependencies]  # imports and missing $ref targets too
                files = frozenset(real(f) for f in read) | {real(p) for p in unit.paths}
                self.states[unit] = UnitState(files, tuple(report.files), self.run_config.apply(report.findings))
                touched |= files | (previous.files if previous is not None else frozenset())
        return touched

    def lint_all(self, buffers: Buffers | None = None, cancelled: Callable[[], bool] = lambda: False) -> set[str]:
        return self.lint(list(self.units), buffers, cancelled)

    def findings_in(self, path: str) -> list[Finding]:
        """The findings of every linted unit in the file at real path ``path``."""
        found: dict[Finding, None] = {}
        for unit in self.units_reading(path):
            state = self.states.get(unit)
            if state is None:
                continue
            for finding in state.findings:
                if real(finding.file) == path:
                    found[finding] = None
        return sorted(found, key=lambda f: f.sort_key)

    def findings(self) -> list[Finding]:
        """Every finding of the session, sorted as ``check`` sorts them."""
        found: dict[Finding, None] = {}
        for unit in self.units:
            state = self.states.get(unit)
            if state is not None:
                found.update(dict.fromkeys(state.findings))
        return sorted(found, key=lambda f: f.sort_key)

    def files(self) -> list[str]:
        """The display names of the files the linted units read, in unit order."""
        seen: dict[str, None] = {}
        for unit in self.units:
            state = self.states.get(unit)
            if state is not None:
                seen.update(dict.fromkeys(state.displays))
        return list(seen)

    def known_files(self) -> set[str]:
        """Real paths of every file the session depends on (to watch for changes)."""
        known = {real(p) for unit in self.units for p in unit.paths}
        for state in self.states.values():
            known |= state.files
        return known


__all__ = ["Buffers", "LintSession", "UnitState", "real"]

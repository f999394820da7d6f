"""Which files a run lints: the named files, and the spec files under the named folders."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from speclint.errors import InputError
from speclint.loaders.detect import DATA_SUFFIXES, SPEC_SUFFIXES, detect_format
from speclint.model import SpecFormat

SKIPPED_FOLDERS = frozenset(
    {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache", ".ruff_cache"}
)


@dataclass(frozen=True)
class SpecFile:
    path: Path
    format: SpecFormat | None  # None: named by the user, but not a spec
    explicit: bool


def discover(paths: Iterable[Path]) -> list[SpecFile]:
    """Spec files in a stable order; raises :class:`InputError` for a path that does not exist."""
    found: dict[Path, SpecFile] = {}
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or directory")
        if path.is_dir():
            for candidate in _walk(path):
                spec_format = detect_format(candidate)
                if spec_format is not None and candidate not in found:
                    found[candidate] = SpecFile(candidate, spec_format, explicit=False)
        else:
            spec_format = detect_format(path)
            if spec_format is None and path.suffix.lower() in DATA_SUFFIXES:
                spec_format = SpecFormat.OPENAPI  # the loader says why it is not one
            found[path] = SpecFile(path, spec_format, explicit=True)
    return list(found.values())


def _walk(folder: Path) -> Iterable[Path]:
    for directory, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if f not in SKIPPED_FOLDERS and not f.startswith("."))
        for name in sorted(files):
            if os.path.splitext(name)[1].lower() in SPEC_SUFFIXES:
                yield Path(directory) / name

"""Which files a run lints: the named files, and the spec files under the named folders."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from speclint.errors import InputError
from speclint.loaders.detect import DATA_SUFFIXES, SPEC_SUFFIXES, detect_format
from speclint.loaders.display import is_within
from speclint.model import SpecFormat
from speclint.sources.overlay import buffers

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
        unsaved = not path.exists() and os.path.realpath(path) in buffers()  # read in place of the disk
        if not path.exists() and not unsaved:
            raise InputError(f"{path}: no such file or directory")
        if path.is_dir():
            for candidate in _walk(path):
                spec_format = detect_format(candidate)
                if spec_format is not None and candidate not in found:
                    found[candidate] = SpecFile(candidate, spec_format, explicit=False)
        elif not unsaved and not path.is_file():
            raise InputError(f"{path}: not a regular file")
        else:
            spec_format = detect_format(path)
            if spec_format is None and path.suffix.lower() in DATA_SUFFIXES:
                spec_format = SpecFormat.OPENAPI  # the loader says why it is not one
            found[path] = SpecFile(path, spec_format, explicit=True)
    return list(found.values())


def _walk(folder: Path) -> Iterable[Path]:
    """Regular files with a spec suffix, never through a link that leads out of ``folder``
    (a repository's symlink must not make speclint read outside it), nor pipes or devices
    (reading them would hang)."""
    base = os.path.realpath(folder)
    for directory, folders, files in os.walk(folder):
        folders[:] = sorted(
            f
            for f in folders
            if f not in SKIPPED_FOLDERS and not f.startswith(".") and _inside(os.path.join(directory, f), base)
        )
        for name in sorted(files):
            if os.path.splitext(name)[1].lower() not in SPEC_SUFFIXES:
                continue
            candidate = os.path.join(directory, name)
            if os.path.isfile(candidate) and _inside(candidate, base):
                yield Path(candidate)


def _inside(path: str, base: str) -> bool:
    return not os.path.islink(path) or is_within(Path(path), (Path(base),))

"""Paths as CI systems want them: relative to the root of the repository being checked."""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path


def source_root(start: str | None = None) -> Path:
    """The nearest folder at or above ``start`` (default: the current one) holding ``.git``;
    the current folder itself when there is none."""
    return _root_of(start or os.getcwd())


@lru_cache(maxsize=16)
def _root_of(start: str) -> Path:
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def repo_relative(file: str, root: Path | None = None) -> str | None:
    """``file`` (as findings name it: relative to the current folder, or absolute) relative to
    the repository root, in POSIX form; None when it lies outside the root."""
    base = root or source_root()
    absolute = Path(os.path.abspath(file))
    try:
        return absolute.relative_to(base).as_posix()
    except ValueError:
        try:
            return absolute.resolve().relative_to(base).as_posix()
        except ValueError:
            return None


def fingerprint(*parts: str) -> str:
    """A stable hash of the parts that identify a finding (never its line)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()

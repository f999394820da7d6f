"""How a file is named in reports: relative to the current directory when below it."""

from __future__ import annotations

import os
from pathlib import Path


def display_path(path: Path) -> str:
    try:
        relative = path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return str(path)
    return relative.as_posix()


def is_within(path: Path, roots: tuple[Path, ...]) -> bool:
    real = os.path.realpath(path)
    for root in roots:
        base = os.path.realpath(root)
        if real == base or real.startswith(base.rstrip(os.sep) + os.sep):
            return True
    return False

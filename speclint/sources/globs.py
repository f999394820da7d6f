"""File globs with ``**``, matched against paths relative to the folder of their file."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=256)
def _compile(pattern: str) -> re.Pattern[str]:
    pattern = pattern.strip().lstrip("./") if pattern.startswith("./") else pattern.strip()
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        out.append("[^/]*" if c == "*" else "[^/]" if c == "?" else re.escape(c))
        i += 1
    suffix = "(?:/.*)?" if not pattern.endswith("*") else ""
    return re.compile("".join(out) + suffix + r"\Z")


def matches(patterns: tuple[str, ...], file: str, base: Path, cwd: Path) -> bool:
    """Whether ``file`` (as findings name it: relative to ``cwd`` or absolute) matches."""
    candidates = {file.replace("\\", "/")}
    absolute = Path(file) if Path(file).is_absolute() else cwd / file
    try:
        candidates.add(absolute.resolve().relative_to(base.resolve()).as_posix())
    except ValueError:
        pass
    return any(_compile(p).match(c) for p in patterns for c in candidates)

"""The fuzzing stack is an optional extra: ``pip install 'speclint[fuzz]'``."""

from __future__ import annotations

import importlib.util

from speclint.errors import UsageError

INSTALL = "pip install 'speclint[fuzz]'"
_MODULES = ("schemathesis", "hypothesis")


def require_fuzz_extra() -> None:
    """Raise a one-line error naming the install command when the fuzzing extra is missing."""
    missing = [name for name in _MODULES if _absent(name)]
    if missing:
        raise UsageError(f"fuzzing needs the fuzz extra ({', '.join(missing)} missing): {INSTALL}")


def _absent(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is None
    except (ImportError, ValueError):
        return True

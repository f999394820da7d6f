"""Naming conventions, by name, for rules that take a ``casing`` option."""

from __future__ import annotations

import re

from speclint.rules.options import Option

_PATTERNS = {
    "camelCase": re.compile(r"^[a-z][a-z0-9]*(?:[A-Z0-9][a-z0-9]*)*$"),
    "PascalCase": re.compile(r"^[A-Z][a-z0-9]*(?:[A-Z0-9][a-z0-9]*)*$"),
    "snake_case": re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$"),
    "UPPER_SNAKE_CASE": re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$"),
    "kebab-case": re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$"),
    "Train-Case": re.compile(r"^[A-Z0-9][a-zA-Z0-9]*(?:-[A-Z0-9][a-zA-Z0-9]*)*$"),
    "lowercase": re.compile(r"^[a-z][a-z0-9]*$"),
}
_PATTERNS["UPPER_CASE"] = _PATTERNS["UPPER_SNAKE_CASE"]
_PATTERNS["lower_snake_case"] = _PATTERNS["snake_case"]
CASINGS = tuple(_PATTERNS)


def casing_option(default: object) -> Option:
    """A ``casing`` option: one of :data:`CASINGS` (or one per format)."""
    return Option(default, choices=CASINGS)


def matches(name: str, casing: str) -> bool:
    """Whether ``name`` follows ``casing`` (one of :data:`CASINGS`)."""
    pattern = _PATTERNS.get(casing)
    if pattern is None:
        raise ValueError(f"unknown casing {casing!r}; expected one of {', '.join(CASINGS)}")
    return bool(pattern.match(name))


def detect(name: str) -> str | None:
    """The first casing ``name`` follows, most specific first."""
    for casing in ("lowercase", "camelCase", "PascalCase", "snake_case", "kebab-case", "UPPER_SNAKE_CASE"):
        if _PATTERNS[casing].match(name):
            return casing
    return None

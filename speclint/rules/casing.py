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
    # Words joined by "_", each one camelCase or PascalCase: Azure's Noun_Verb operationIds
    # (BlobContainers_Create), DigitalOcean's and Slack's (volumeActions_get, admin_users_setRegular).
    "Pascal_Snake_Case": re.compile(r"^[A-Z][a-zA-Z0-9]*(?:_[A-Z0-9][a-zA-Z0-9]*)+$"),
    "camel_Snake_Case": re.compile(r"^[a-z][a-zA-Z0-9]*(?:_[a-zA-Z0-9]+)+$"),
}
_PATTERNS["UPPER_CASE"] = _PATTERNS["UPPER_SNAKE_CASE"]
_PATTERNS["lower_snake_case"] = _PATTERNS["snake_case"]
CASINGS = tuple(_PATTERNS)
# Most specific first: a name is of the first style it follows.
NAME_STYLES = (
    "lowercase",
    "camelCase",
    "PascalCase",
    "snake_case",
    "kebab-case",
    "UPPER_SNAKE_CASE",
    "Pascal_Snake_Case",
    "camel_Snake_Case",
)
HEADER_STYLES = ("Train-Case", "kebab-case", "UPPER_SNAKE_CASE")


def casing_option(default: object) -> Option:
    """A ``casing`` option: one of :data:`CASINGS` (or one per format)."""
    return Option(default, choices=CASINGS)


def matches(name: str, casing: str) -> bool:
    """Whether ``name`` follows ``casing`` (one of :data:`CASINGS`)."""
    pattern = _PATTERNS.get(casing)
    if pattern is None:
        raise ValueError(f"unknown casing {casing!r}; expected one of {', '.join(CASINGS)}")
    return bool(pattern.match(name))


def detect(name: str, styles: tuple[str, ...] = NAME_STYLES) -> str | None:
    """The first of ``styles`` that ``name`` follows (most specific first), or None."""
    for casing in styles:
        if _PATTERNS[casing].match(name):
            return casing
    return None

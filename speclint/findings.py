"""Findings are data: an immutable record of one problem at one place."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from speclint.model.location import Location


class Severity(str, Enum):
    """How much a finding matters; ``--fail-on`` compares against ``rank``."""

    ERROR = "error"  # the spec is wrong or will break clients
    WARNING = "warning"  # very likely a mistake, or a convention broken
    INFO = "info"  # worth knowing, not necessarily wrong
    HINT = "hint"  # a suggestion

    @property
    def rank(self) -> int:
        return _RANKS[self]

    def __str__(self) -> str:
        return self.value


_RANKS = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1, Severity.HINT: 0}


class Category(str, Enum):
    SYNTAX = "syntax"
    STRUCTURE = "structure"
    NAMING = "naming"
    VERSIONING = "versioning"
    STATUS_CODES = "status-codes"
    AUTH = "auth"
    DOCUMENTATION = "documentation"
    SECURITY = "security"
    DESIGN = "design"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    category: Category
    severity: Severity
    message: str
    file: str
    line: int
    column: int
    end_line: int
    end_column: int
    pointer: str
    spec_format: str

    @classmethod
    def at(
        cls,
        location: Location,
        *,
        rule: str,
        category: Category,
        severity: Severity,
        message: str,
        spec_format: str,
    ) -> Finding:
        span = location.span
        return cls(
            rule=rule,
            category=category,
            severity=severity,
            message=message,
            file=location.file,
            line=span.line,
            column=span.column,
            end_line=span.end_line,
            end_column=span.end_column,
            pointer=location.pointer,
            spec_format=spec_format,
        )

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.rule, self.message)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "category": self.category.value,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "pointer": self.pointer,
            "spec_format": self.spec_format,
        }

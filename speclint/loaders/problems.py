"""The problems loaders report, with the rule ids and categories their findings carry.

They are documented and configured like rules (``speclint explain syntax-error``), but found by
the loaders while reading files, not by rules reading the model.
"""

from __future__ import annotations

from dataclasses import dataclass

from speclint.findings import Category, Finding, Severity
from speclint.model import Location


@dataclass(frozen=True)
class SyntaxProblem:
    """Where and why a parser stopped, before it becomes a ``syntax-error`` finding."""

    message: str
    line: int
    column: int


@dataclass(frozen=True)
class LoaderProblem:
    id: str
    category: Category
    severity: Severity
    summary: str

    def at(self, location: Location, message: str, spec_format: str) -> Finding:
        return Finding.at(
            location,
            rule=self.id,
            category=self.category,
            severity=self.severity,
            message=message,
            spec_format=spec_format,
        )


SYNTAX_ERROR = LoaderProblem(
    "syntax-error", Category.SYNTAX, Severity.ERROR, "The file cannot be parsed."
)
INVALID_STRUCTURE = LoaderProblem(
    "invalid-structure",
    Category.STRUCTURE,
    Severity.ERROR,
    "The document breaks its format's own schema or rules.",
)
UNRESOLVED_REF = LoaderProblem(
    "unresolved-ref", Category.STRUCTURE, Severity.ERROR, "A reference or import cannot be resolved."
)
REFUSED_REF = LoaderProblem(
    "refused-ref",
    Category.SECURITY,
    Severity.ERROR,
    "A reference leaves the linted folder or points to the network, and was not followed.",
)
UNKNOWN_FORMAT = LoaderProblem(
    "unknown-format",
    Category.STRUCTURE,
    Severity.ERROR,
    "A file given on the command line is not a spec speclint can read.",
)
INTERNAL_ERROR = LoaderProblem(
    "internal-error",
    Category.STRUCTURE,
    Severity.ERROR,
    "speclint failed on this file; the run goes on and exits with status 2.",
)

ALL_PROBLEMS = (SYNTAX_ERROR, INVALID_STRUCTURE, UNRESOLVED_REF, REFUSED_REF, UNKNOWN_FORMAT, INTERNAL_ERROR)

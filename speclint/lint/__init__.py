"""The lint job: discover files, load them, run the rules, select and sort the findings."""

from __future__ import annotations

from speclint.lint.runner import LintReport, lint, lint_units

__all__ = ["LintReport", "lint", "lint_units"]

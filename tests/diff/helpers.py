"""Shared by the change-rule tests: diff two specs as a user does and read the changes back."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli

# (rule, level, old line, new line); a line is None on the side that lacks the node
Change = tuple[str, str, int | None, int | None]
# variant: (changes base -> variant, changes variant -> base)
Cases = dict[str, tuple[list[Change], list[Change]]]

# Parametrises a test's ``forward`` argument: base -> variant, then variant -> base.
BOTH_WAYS = pytest.mark.parametrize("forward", [True, False], ids=["forward", "reverse"])


def changes(old: Path, new: Path) -> list[Change]:
    """The changes ``speclint diff old new --format json`` reports, as (rule, level, old line, new line)."""
    result = run_cli("diff", old, new, "--format", "json", "--fail-on", "never")
    assert result.code == 0, result.stderr
    return [
        (c["rule"], c["level"], c["old"] and c["old"]["line"], c["new"] and c["new"]["line"])
        for c in result.json()["changes"]
    ]


def assert_changes(base: Path, variant: Path, expected: tuple[list[Change], list[Change]], forward: bool) -> None:
    """Diff ``base`` against ``variant`` (``forward``) or back, and compare with that side of ``expected``."""
    if forward:
        assert changes(base, variant) == expected[0]
    else:
        assert changes(variant, base) == expected[1]

"""GraphQL change rules: each fixture differs from base.graphql in one way, diffed both ways."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES, run_cli
from tests.diff.helpers import BOTH_WAYS, Cases, assert_changes

SPECS = FIXTURES / "diff" / "graphql"

# variant: (changes base -> variant, changes variant -> base); each (rule, level, old line, new line)
CASES: Cases = {
    "field-removed": (
        [("field-removed", "breaking", 19, None)],
        [("field-added", "non-breaking", None, 19)],
    ),
    "deprecated-field-removed": (
        [("deprecated-field-removed", "potentially-breaking", 4, None)],
        [("field-added", "non-breaking", None, 4)],
    ),
    # nullable -> non-null input WITHOUT a default: clients that omit it now fail
    "argument-required": (
        [("input-became-required", "breaking", 3, 3)],
        [("input-type-widened", "non-breaking", 3, 3)],
    ),
    # nullable -> non-null input WITH a default: omitting it still works
    "argument-required-default": (
        [("input-type-widened", "non-breaking", 3, 3)],
        [("input-type-widened", "non-breaking", 3, 3)],
    ),
    "output-nullable": (
        [("field-became-nullable", "breaking", 17, 17)],
        [("field-became-non-null", "non-breaking", 17, 17)],
    ),
    "list-nullability": (
        [("field-became-nullable", "breaking", 3, 3)],
        [("field-became-non-null", "non-breaking", 3, 3)],
    ),
    "argument-added-required": (
        [("argument-added-required", "breaking", None, 2)],
        [("argument-removed", "breaking", 2, None)],
    ),
    "enum-value-added": (
        [("enum-value-added", "potentially-breaking", None, 31)],
        [("enum-value-removed", "breaking", 31, None)],
    ),
    "deprecated-enum-value-removed": (
        [("deprecated-enum-value-removed", "potentially-breaking", 31, None)],
        [("enum-value-added", "potentially-breaking", None, 31)],
    ),
    "union-member-added": (
        [("union-member-added", "potentially-breaking", 34, 34), ("type-added", "non-breaking", None, 36)],
        [("type-removed", "breaking", 36, None), ("union-member-removed", "breaking", 34, 34)],
    ),
    "input-field-required": (
        [("input-field-added-required", "breaking", None, 26)],
        [("field-removed", "breaking", 26, None)],
    ),
    "field-type-changed": (
        [("field-type-changed", "breaking", 18, 18)],
        [("field-type-changed", "breaking", 18, 18)],
    ),
}


@BOTH_WAYS
@pytest.mark.parametrize("variant", sorted(CASES))
def test_change(variant: str, forward: bool) -> None:
    assert_changes(SPECS / "base.graphql", SPECS / f"{variant}.graphql", CASES[variant], forward)


def test_pointers_are_schema_coordinates() -> None:
    result = run_cli("diff", SPECS / "base.graphql", SPECS / "argument-required.graphql", "--format", "json")
    assert result.code == 1
    change = result.json()["changes"][0]
    assert change["old"]["pointer"] == "Query.items(first:)"
    assert change["new"]["file"].endswith("argument-required.graphql")

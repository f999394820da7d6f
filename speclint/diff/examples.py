"""A before/after pair for each change rule, shown by ``speclint explain`` under its documentation.

Each pair is a small, complete spec in two versions; ``tests/diff/test_examples.py`` diffs every
pair and checks that it reports the rule it documents.
"""

from __future__ import annotations

from typing import NamedTuple


class Example(NamedTuple):
    format: str  # openapi, graphql or protobuf
    before: str
    after: str


EXAMPLES: dict[str, Example] = {}

"""The documentation of a change rule: what it reports, why its level, and a before/after pair.

The pair comes from :mod:`speclint.diff.examples`, where a test diffs each one and checks that
it reports its rule, so the documentation cannot drift from what ``diff`` does.
"""

from __future__ import annotations

from speclint.diff.change import Level
from speclint.diff.examples import EXAMPLES

_WHY = {
    Level.BREAKING: (
        "Breaking: clients written against the old version fail against the new one (a request "
        "they send is refused, or a response they read is not what they expect). `diff` exits 1."
    ),
    Level.POTENTIALLY_BREAKING: (
        "Potentially breaking: clients that relied on more than the old version promised (a "
        "deprecated element, a generated method name, a closed list of values) may fail."
    ),
    Level.NON_BREAKING: (
        "Not breaking: clients of the old version keep working. It is reported so a changelog "
        "or a review can list it."
    ),
}
_FENCES = {"openapi": "yaml", "graphql": "graphql", "protobuf": "proto"}


def change_doc(rule_id: str, level: Level, summary: str) -> str:
    """The text ``speclint explain`` prints for the change rule ``rule_id``."""
    parts = [
        summary,
        "## What it does",
        f"`speclint diff` reports this change, at level `{level.value}`, when it compares two "
        "versions of a spec: " + summary[0].lower() + summary[1:],
        "## Why it matters",
        _WHY[level],
    ]
    example = EXAMPLES.get(rule_id)
    if example is not None:
        fence = _FENCES[example.format]
        parts += ["## Before", f"```{fence}\n{example.before.strip()}\n```"]
        parts += ["## After", f"```{fence}\n{example.after.strip()}\n```"]
    return "\n\n".join(parts)

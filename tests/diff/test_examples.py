"""Every change rule's documented before/after pair, diffed as a user would: it reports that rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from speclint.diff import all_change_rules
from speclint.diff.examples import EXAMPLES, whole
from tests.conftest import run_cli

_SUFFIXES = {"openapi": ".yaml", "graphql": ".graphql", "protobuf": ".proto"}


def test_every_change_rule_has_an_example() -> None:
    assert sorted(EXAMPLES) == sorted(r.id for r in all_change_rules())


@pytest.mark.parametrize("rule_id", sorted(EXAMPLES))
def test_example_reports_its_rule(tmp_path: Path, rule_id: str) -> None:
    example = EXAMPLES[rule_id]
    suffix = _SUFFIXES[example.format]
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    old, new = tmp_path / "old" / f"shop{suffix}", tmp_path / "new" / f"shop{suffix}"
    old.write_text(whole(example.format, example.before))
    new.write_text(whole(example.format, example.after))
    result = run_cli("diff", old, new, "--format", "json", "--fail-on", "never")
    assert result.code == 0, result.stderr
    assert rule_id in {c["rule"] for c in result.json()["changes"]}, result.stdout


def test_explain_shows_the_example() -> None:
    result = run_cli("explain", "request-property-added-required")
    assert "## Before\n\n```yaml\npaths:" in result.stdout and "## After" in result.stdout
    assert "required: [note]" in result.stdout

"""The change-rule registry: every rule has a unique id, a level and a summary; the fixtures use them."""

from __future__ import annotations

import re

from speclint.diff import Level, all_change_rules, get_change_rule
from tests.diff import test_graphql_changes, test_openapi_changes, test_protobuf_changes


def test_rules_are_well_formed() -> None:
    rules = all_change_rules()
    assert len({r.id for r in rules}) == len(rules)
    for rule in rules:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", rule.id), rule.id
        assert isinstance(rule.level, Level)
        assert rule.summary.endswith("."), rule.id


def test_every_rule_the_fixtures_expect_is_registered_with_that_level() -> None:
    expected: list[tuple[str, str]] = []
    for module in (test_openapi_changes, test_graphql_changes, test_protobuf_changes):
        for changes in module.CASES.values():
            expected += [row[:2] for side in changes for row in side]
    for rule_id, level in expected:
        rule = get_change_rule(rule_id)
        assert rule is not None, rule_id
        assert rule.level.value == level, rule_id

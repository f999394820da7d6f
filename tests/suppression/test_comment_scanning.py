"""The comment syntax of suppressions, as the scanner reads it."""

from __future__ import annotations

from speclint.findings import Category, Finding, Severity
from speclint.lint.suppression import apply_suppressions, parse_rules, scan_comments


def _finding(rule: str, line: int, file: str = "a.graphql") -> Finding:
    return Finding(rule, Category.NAMING, Severity.ERROR, "m", file, line, 3, line, 9, "Query.x", "graphql")


def test_rule_lists() -> None:
    assert parse_rules("a, b") == {"a", "b"}
    assert parse_rules(None) == {"*"} == parse_rules(" * ") == parse_rules("a, *")


def test_graphql_and_proto_comments() -> None:
    graphql = (
        "type Query {\n  # speclint: ignore[field-casing]\n\n  user_name: String\n  other: Int # speclint: ignore\n}\n"
    )
    found = scan_comments("a.graphql", graphql)
    assert [(sorted(s.rules), sorted(s.lines)) for s in found] == [(["field-casing"], [2, 4]), (["*"], [5])]
    proto = "message A {\n  // speclint: ignore[x, y]\n  string b = 1; // speclint: ignore[z]\n}\n"
    found = scan_comments("a.proto", proto)
    assert [(sorted(s.rules), sorted(s.lines), s.span.column) for s in found] == [
        (["x", "y"], [2, 3], 3),
        (["z"], [3], 17),
    ]


def test_not_a_comment() -> None:
    assert scan_comments("a.yaml", "description: 'see http://x#speclint: ignore'\n") == []
    assert scan_comments("a.yaml", "key: value # speclint: ignored later\n") == []


def test_apply_marks_use_and_reports_the_rest() -> None:
    text = "# speclint: ignore[field-casing, other-rule]\nfield\n"
    suppressions = scan_comments("a.graphql", text, "graphql")
    enabled = {"field-casing": Severity.ERROR, "other-rule": Severity.ERROR, "unused-suppression": Severity.WARNING}
    kept = apply_suppressions([_finding("field-casing", 2), _finding("field-casing", 3)], suppressions, enabled,
                              lambda rule: True)
    assert [(f.rule, f.line) for f in kept] == [
        ("field-casing", 3),
        ("unused-suppression", 1),
    ]
    assert kept[1].message == "suppression of 'other-rule' suppresses nothing"
    assert kept[1].spec_format == "graphql"

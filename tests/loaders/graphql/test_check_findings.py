"""`speclint check` on GraphQL SDL: loader findings at the exact file, line and column."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import FIXTURES
from tests.loaders.graphql.helpers import LOADER_RULES, at, check_json

GRAPHQL = FIXTURES / "graphql"


def test_syntax_error_at_graphql_core_position() -> None:
    code, diagnostics = check_json(GRAPHQL / "syntax/broken.graphql")
    assert code == 1
    assert at(diagnostics) == [("syntax-error", "broken.graphql", 8, 8)]
    finding = next(d for d in diagnostics if d["rule"] == "syntax-error")
    assert finding["category"] == "syntax"
    assert finding["severity"] == "error"
    assert finding["spec_format"] == "graphql"
    assert "Expected ':', found Name 'String'" in finding["message"]


def test_duplicates_reported_and_schema_still_linted() -> None:
    code, diagnostics = check_json(GRAPHQL / "duplicates/schema.graphql")
    assert code == 1
    assert at(diagnostics) == [
        ("invalid-structure", "schema.graphql", 9, 3),  # User.name again
        ("invalid-structure", "schema.graphql", 10, 9),  # unknown type Team: found despite the duplicate
        ("invalid-structure", "schema.graphql", 13, 6),  # type User again
        ("invalid-structure", "schema.graphql", 19, 3),  # Role.ADMIN again
    ]
    by_line = {d["line"]: d for d in diagnostics if d["rule"] == "invalid-structure"}
    assert by_line[9]["pointer"] == "User.name"
    assert (by_line[9]["end_line"], by_line[9]["end_column"]) == (9, 7)
    assert "defined more than once (first at " in by_line[9]["message"]
    assert by_line[9]["message"].endswith("schema.graphql:8)")
    assert by_line[10]["pointer"] == "User.team"
    assert "unknown type 'Team'" in by_line[10]["message"]
    # The rules ran on the model built despite the duplicates.
    assert any(d["rule"] not in LOADER_RULES for d in diagnostics)


def test_folder_is_one_schema_and_findings_stay_in_their_file() -> None:
    code, diagnostics = check_json(GRAPHQL / "multi")
    assert code == 1
    # Both problems are in the extension file, not where User was first defined, and the
    # query document in queries/ is not mistaken for SDL.
    assert at(diagnostics) == [
        ("invalid-structure", "extensions.graphql", 7, 3),
        ("invalid-structure", "extensions.graphql", 8, 12),
    ]
    duplicate = next(d for d in diagnostics if d["line"] == 7 and d["rule"] == "invalid-structure")
    assert duplicate["file"].endswith("multi/extensions.graphql")
    assert duplicate["message"].endswith("multi/user.graphql:4)")
    unknown = next(d for d in diagnostics if d["line"] == 8 and d["rule"] == "invalid-structure")
    assert unknown["pointer"] == "User.orders"
    assert "unknown type 'Order'" in unknown["message"]


def test_files_named_together_form_one_schema() -> None:
    multi = GRAPHQL / "multi"
    _, diagnostics = check_json(multi / "schema.graphql", multi / "user.graphql")
    # Without the extension file nothing is wrong: User comes from user.graphql.
    assert at(diagnostics) == []
    code, diagnostics = check_json(multi / "schema.graphql")
    assert code == 1
    assert at(diagnostics) == [("invalid-structure", "schema.graphql", 6, 18)]  # User is unknown alone


def test_clean_schema_passes() -> None:
    _, diagnostics = check_json(GRAPHQL / "clean/schema.graphqls")  # other rules may still speak
    assert at(diagnostics) == []


def test_query_document_named_explicitly_is_not_a_schema() -> None:
    code, diagnostics = check_json(GRAPHQL / "multi/queries/get_user.graphql")
    assert code == 1
    assert at(diagnostics) == [("unknown-format", "get_user.graphql", 1, 1)]


def test_unknown_types_in_every_position(tmp_path: Path) -> None:
    spec = tmp_path / "schema.graphql"
    spec.write_text(
        "type Query {\n"
        "  a(filter: Missing1): Int\n"
        "  b: [Missing2!]!\n"
        "}\n"
        "union U = Query | Missing3\n"
        "type T implements Missing4 { x: Int }\n"
        "input I { y: Query }\n"
    )
    code, diagnostics = check_json(spec)
    assert code == 1
    assert at(diagnostics) == [
        ("invalid-structure", "schema.graphql", 2, 13),
        ("invalid-structure", "schema.graphql", 3, 7),
        ("invalid-structure", "schema.graphql", 5, 19),
        ("invalid-structure", "schema.graphql", 6, 19),
        ("invalid-structure", "schema.graphql", 7, 14),  # an object type used as an input
    ]


def test_schema_definition_problems(tmp_path: Path) -> None:
    spec = tmp_path / "schema.graphql"
    spec.write_text(
        "schema {\n"
        "  mutation: M\n"
        "}\n"
        "type M { a: Int }\n"
        "extend type Nowhere { b: Int }\n"
        "enum E\n"
    )
    code, diagnostics = check_json(spec)
    assert code == 1
    assert at(diagnostics) == [
        ("invalid-structure", "schema.graphql", 1, 1),  # no query root
        ("invalid-structure", "schema.graphql", 5, 13),  # extends a type that does not exist
        ("invalid-structure", "schema.graphql", 6, 6),  # an enum without values
    ]

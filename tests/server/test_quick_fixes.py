"""The edits the server's quick fixes make, on the text a user has (no server needed)."""

from __future__ import annotations

import pytest

from speclint.server.actions import Action, casing_fix, convert, suppression
from tests.server.editor import apply_edits


def _apply(text: str, action: Action | None) -> str:
    assert action is not None
    edits = [
        {"range": {"start": _position(e.start), "end": _position(e.end)}, "newText": e.text} for e in action.edits
    ]
    return apply_edits(text, edits)


def _position(at: tuple[int, int]) -> dict[str, int]:
    return {"line": at[0], "character": at[1]}


def test_json_gets_an_extension_member_before_the_finding() -> None:
    text = '{\n  "paths": {\n    "/a": {\n      "get": {\n        "operationId": "Get_A"\n      }\n    }\n  }\n}\n'
    action = suppression("openapi-operation-id-casing", 4, text.splitlines(), "api.json", "openapi")
    fixed = _apply(text, action)
    member = '        "x-speclint-ignore": ["openapi-operation-id-casing"],\n'
    assert '      "get": {\n' + member + '        "operationId"' in fixed
    again = suppression("openapi-operation-summary", 5, fixed.splitlines(), "api.json", "openapi")
    assert '"x-speclint-ignore": ["openapi-operation-id-casing", "openapi-operation-summary"],' in _apply(fixed, again)


def test_json_lines_that_are_not_members_get_no_suppression() -> None:
    lines = ['{"required": [', '  "a"', "]}"]
    assert suppression("some-rule", 1, lines, "api.json", "openapi") is None


@pytest.mark.parametrize(
    ("file", "spec_format", "marker"),
    [("api.yaml", "openapi", "#"), ("s.graphql", "graphql", "#"), ("a.proto", "protobuf", "//")],
)
def test_an_existing_comment_is_extended(file: str, spec_format: str, marker: str) -> None:
    text = f"a\n  {marker} speclint: ignore[first-rule]\n  name\n"
    fixed = _apply(text, suppression("second-rule", 2, text.splitlines(), file, spec_format))
    assert fixed == f"a\n  {marker} speclint: ignore[first-rule, second-rule]\n  name\n"
    assert suppression("first-rule", 2, text.splitlines(), file, spec_format) is None


def test_unused_suppressions_are_not_suppressed() -> None:
    assert suppression("unused-suppression", 0, ["# speclint: ignore[x]"], "a.yaml", "openapi") is None


@pytest.mark.parametrize(
    ("name", "casing", "expected"),
    [
        ("Create_Pet", "camelCase", "createPet"),
        ("userNames", "lower_snake_case", "user_names"),
        ("HTTPServer", "snake_case", "http_server"),
        ("pet-store", "PascalCase", "PetStore"),
        ("_private_thing", "camelCase", "_privateThing"),
        ("x-rate-limit", "Train-Case", "X-Rate-Limit"),
        ("already", "camelCase", None),
    ],
)
def test_convert(name: str, casing: str, expected: str | None) -> None:
    assert convert(name, casing) == expected


def test_a_name_used_elsewhere_is_not_renamed() -> None:
    lines = ["type Query {", "  user_name: String", "}"]
    message = "field name 'user_name' is not camelCase"
    assert casing_fix("field-name-casing", message, 1, 2, lines, ["\n".join(lines)]) is not None
    used_twice = ["\n".join(lines), "# user_name is also here"]
    assert casing_fix("field-name-casing", message, 1, 2, lines, used_twice) is None

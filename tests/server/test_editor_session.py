"""``speclint server`` driven over stdio as an editor drives it: initialize, open, edit without
saving, code action, hover, shutdown — for OpenAPI, GraphQL and protobuf."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.server.editor import Editor, apply_edits

OPENAPI = """\
openapi: 3.0.3
info:
  title: Pets
  version: 1.0.0
  description: Pets.
paths:
  /pets:
    get:
      operationId: List_Pets
      summary: List pets
      description: All of them.
      responses:
        "200":
          description: The pets
          content:
            application/json:
              schema:
                $ref: "./schemas.yaml#/Pet"
  /owners:
    get:
      operationId: listOwners
      summary: List owners
      description: All of them.
      responses:
        "200":
          description: The owners
"""

SCHEMAS = """\
Pet:
  type: object
  description: A pet.
  properties:
    name:
      type: string
"""


def codes(diagnostics: list[dict[str, Any]]) -> list[tuple[str, int, int]]:
    return [(d["code"], d["range"]["start"]["line"] + 1, d["range"]["start"]["character"] + 1) for d in diagnostics]


def of_rule(diagnostics: list[dict[str, Any]], rule: str) -> list[dict[str, Any]]:
    return [d for d in diagnostics if d["code"] == rule]


def quick_fixes(editor: Editor, uri: str, rule: str, line: int, column: int) -> list[dict[str, Any]]:
    """The quick fixes for the one ``rule`` finding of the file's first diagnostics, at line:column."""
    found = of_rule(editor.diagnostics(uri, version=1), rule)
    assert codes(found) == [(rule, line, column)]
    return editor.code_actions(uri, found)


def edited(text: str, action: dict[str, Any]) -> str:
    return apply_edits(text, action["edit"]["documentChanges"][0]["edits"])


def test_openapi_unsaved_edits_ref_targets_code_actions_and_hover(tmp_path: Path, editor: Editor) -> None:
    (tmp_path / "openapi.yaml").write_text(OPENAPI)
    (tmp_path / "schemas.yaml").write_text(SCHEMAS)
    result = editor.initialize(tmp_path)
    assert result["capabilities"]["codeActionProvider"]
    assert result["capabilities"]["hoverProvider"]

    uri = editor.open(tmp_path / "openapi.yaml")
    diagnostics = editor.diagnostics(uri, version=1)
    casing = of_rule(diagnostics, "openapi-operation-id-casing")
    assert codes(casing) == [("openapi-operation-id-casing", 9, 7)]
    assert casing[0]["severity"] == 2  # warning, as the recommended ruleset sets it
    assert casing[0]["source"] == "speclint"
    assert casing[0]["message"] == (
        "operationId 'List_Pets' is not camelCase; most operationIds in this document are camelCase"
    )

    # hover on the finding shows the rule's explain text
    hover = editor.hover(uri, 8, 10)
    assert hover["contents"]["value"].startswith("openapi-operation-id-casing  (lint: naming")
    assert "## What it does" in hover["contents"]["value"]

    # the rename is offered (nothing else names List_Pets) and so is the suppression comment
    actions = editor.code_actions(uri, casing)
    titles = [a["title"] for a in actions]
    assert titles == ["Rename 'List_Pets' to 'listPets'", "Suppress openapi-operation-id-casing here"]
    renamed = edited(OPENAPI, actions[0])
    assert "operationId: listPets\n" in renamed
    suppressed = edited(OPENAPI, actions[1])
    comment = "      # speclint: ignore[openapi-operation-id-casing]\n"
    assert "    get:\n" + comment + "      operationId: List_Pets\n" in suppressed

    # applying the suppression in the buffer (not saved) clears the finding
    version = editor.replace_text(uri, suppressed)
    assert of_rule(editor.diagnostics(uri, version=version), "openapi-operation-id-casing") == []
    assert (tmp_path / "openapi.yaml").read_text() == OPENAPI

    # an unsaved edit of the $ref target is what the document's unit reads
    target = editor.open(tmp_path / "schemas.yaml")
    version = editor.replace_text(target, SCHEMAS.replace("type: string", '$ref: "#/Missing"'))
    found = editor.diagnostics(target, version=version)
    assert codes(found) == [("unresolved-ref", 6, 7)]
    assert found[0]["message"] == "$ref '#/Missing' cannot be resolved"

    assert editor.shutdown() == 0


GRAPHQL_QUERY = '''\
"""Entry points."""
type Query {
  """A user."""
  user(id: ID!): User
}
'''

GRAPHQL_TYPES = '''\
"""A user."""
type User {
  """The id."""
  id: ID!
  """The name."""
  display_name: String
}
'''


def test_graphql_schema_over_two_files_from_buffers(tmp_path: Path, editor: Editor) -> None:
    (tmp_path / "query.graphql").write_text(GRAPHQL_QUERY)
    (tmp_path / "types.graphql").write_text(GRAPHQL_TYPES)
    editor.initialize(tmp_path)
    uri = editor.open(tmp_path / "types.graphql", language="graphql")
    actions = quick_fixes(editor, uri, "field-name-casing", 6, 3)
    titles = [a["title"] for a in actions]
    assert titles == ["Rename 'display_name' to 'displayName'", "Suppress field-name-casing here"]
    fixed = edited(GRAPHQL_TYPES, actions[0])
    assert "  displayName: String\n" in fixed
    comment = edited(GRAPHQL_TYPES, actions[1])
    assert '  """The name."""\n  # speclint: ignore[field-name-casing]\n  display_name: String\n' in comment

    version = editor.replace_text(uri, fixed)
    assert of_rule(editor.diagnostics(uri, version=version), "field-name-casing") == []

    # the other file of the schema, edited but not saved, refers to a type that does not exist
    query = editor.open(tmp_path / "query.graphql", language="graphql")
    version = editor.replace_text(query, GRAPHQL_QUERY.replace("): User", "): Account"))
    broken = editor.diagnostics(query, version=version)
    assert codes(of_rule(broken, "invalid-structure")) == [("invalid-structure", 4, 18)]
    assert "unknown type 'Account'" in of_rule(broken, "invalid-structure")[0]["message"]

    # a type defined twice: the diagnostic links to the other definition, in the other file
    before = len(editor.notifications)
    editor.replace_text(query, GRAPHQL_QUERY + '"""Again."""\ntype User {\n  """Id."""\n  id: ID!\n}\n')

    def published() -> list[list[dict[str, Any]]]:
        return [
            m["params"]["diagnostics"]
            for m in editor.notifications[before:]
            if m["method"] == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
        ]

    editor.wait(lambda: any(of_rule(d, "invalid-structure") for d in published()))
    twice = of_rule(published()[-1], "invalid-structure")
    assert codes(twice) == [("invalid-structure", 2, 6)]
    related = twice[0]["relatedInformation"][0]["location"]
    assert related["uri"] == (tmp_path / "query.graphql").resolve().as_uri()
    assert related["range"]["start"]["line"] == 6
    assert editor.shutdown() == 0


COMMON_PROTO = """\
syntax = "proto3";

package acme.v1;

// A page request.
message PageRequest {
  // How many.
  int32 page_size = 1;
}
"""

USER_PROTO = """\
syntax = "proto3";

package acme.v1;

import "acme/v1/common.proto";

// Users.
service UserService {
  // Lists users.
  rpc ListUsers(ListUsersRequest) returns (ListUsersResponse);
}

// The request.
message ListUsersRequest {
  // The page.
  PageRequest page = 1;
}

// The response.
message ListUsersResponse {
  // Names.
  repeated string userNames = 1;
}
"""


def test_protobuf_imports_from_open_buffers(tmp_path: Path, editor: Editor) -> None:
    folder = tmp_path / "acme" / "v1"
    folder.mkdir(parents=True)
    (folder / "common.proto").write_text(COMMON_PROTO)
    (folder / "user.proto").write_text(USER_PROTO)
    (tmp_path / "buf.yaml").write_text("version: v2\n")
    editor.initialize(tmp_path)
    uri = editor.open(folder / "user.proto", language="proto")
    actions = quick_fixes(editor, uri, "field-name-casing", 22, 3)
    assert [a["title"] for a in actions] == ["Rename 'userNames' to 'user_names'", "Suppress field-name-casing here"]
    comment = edited(USER_PROTO, actions[1])
    assert "  // speclint: ignore[field-name-casing]\n  repeated string userNames = 1;\n" in comment
    version = editor.replace_text(uri, comment)
    assert of_rule(editor.diagnostics(uri, version=version), "field-name-casing") == []

    # the imported file, renamed in its unsaved buffer: user.proto no longer compiles
    common = editor.open(folder / "common.proto", language="proto")
    editor.replace_text(common, COMMON_PROTO.replace("message PageRequest", "message Paging"))
    broken = editor.diagnostics(uri)
    assert any(d["severity"] == 1 and "PageRequest" in d["message"] for d in broken), broken
    assert editor.shutdown() == 0


def test_configuration_per_folder_and_reload(tmp_path: Path, editor: Editor) -> None:
    (tmp_path / "openapi.yaml").write_text(OPENAPI)
    (tmp_path / "schemas.yaml").write_text(SCHEMAS)
    config = tmp_path / "speclint.yaml"
    config.write_text("docs_url: https://docs.example.com/rules/{rule}\nrules:\n  openapi-operation-id-casing: error\n")
    editor.initialize(tmp_path)
    uri = editor.open(tmp_path / "openapi.yaml")
    casing = of_rule(editor.diagnostics(uri, version=1), "openapi-operation-id-casing")
    assert casing[0]["severity"] == 1
    assert casing[0]["codeDescription"] == {"href": "https://docs.example.com/rules/openapi-operation-id-casing"}

    config.write_text("rules:\n  openapi-operation-id-casing: off\n")
    editor.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": config.as_uri(), "type": 2}]})
    reloaded = editor.diagnostics(uri)
    assert of_rule(reloaded, "openapi-operation-id-casing") == []
    assert "codeDescription" not in reloaded[0]

    config.write_text("rules:\n  no-such-rule: error\n")
    editor.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": config.as_uri(), "type": 2}]})
    editor.wait(lambda: any(m["method"] == "window/showMessage" for m in editor.notifications))
    shown = [m["params"]["message"] for m in editor.notifications if m["method"] == "window/showMessage"]
    assert "no-such-rule" in shown[0] and shown[0].endswith("using the recommended ruleset")
    assert of_rule(editor.diagnostics(uri), "openapi-operation-id-casing")[0]["severity"] == 2
    assert editor.shutdown() == 0


def test_a_file_outside_every_folder_is_linted_alone(tmp_path: Path, editor: Editor) -> None:
    folder, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    folder.mkdir()
    elsewhere.mkdir()
    (elsewhere / "api.json").write_text('{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}}')
    editor.initialize(folder)
    uri = editor.open(elsewhere / "api.json", '{"openapi": "3.0.3", "info": {', language="json")
    assert codes(editor.diagnostics(uri, version=1)) == [("syntax-error", 1, 31)]
    editor.close(uri)
    assert editor.diagnostics(uri) == []
    assert editor.shutdown() == 0

"""openapi-example-valid beyond its fixtures: the strict ruleset's undeclared properties, Swagger
2.0 response examples, and references the validator has to follow (into the middle of another
schema, with URI escapes)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli

_PET = """\
openapi: 3.0.3
info: {title: Pets, version: 1.0.0}
paths:
  /pets:
    get:
      summary: A pet
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
              example:
                name: Tom
                colour: grey
components:
  schemas:
    Pet:
      type: object
      properties:
        name: {type: string}
"""


def _findings(spec: Path, *options: str) -> list[tuple[int, int, str]]:
    result = run_cli("check", spec, "--select", "openapi-example-valid", "--format", "json", *options)
    assert result.code in (0, 1), result.stderr
    return [(d["line"], d["column"], d["message"]) for d in result.json()["diagnostics"]]


def test_an_undeclared_property_passes_by_default_and_is_reported_in_strict(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text(_PET)
    assert _findings(spec) == []
    assert _findings(spec, "--ruleset", "strict") == [
        (15, 17, "example does not match its schema: property 'colour' is not declared by the schema")
    ]


def test_swagger_2_response_examples_are_checked_per_json_media_type(tmp_path: Path) -> None:
    spec = tmp_path / "swagger.yaml"
    spec.write_text(
        """\
swagger: "2.0"
info: {title: Pets, version: 1.0.0}
paths:
  /pets:
    get:
      produces: [application/json, text/plain]
      responses:
        "200":
          description: OK
          schema:
            type: object
            properties:
              id: {type: integer}
          examples:
            application/json:
              id: seven
            text/plain: not checked
"""
    )
    assert _findings(spec) == [(16, 15, 'example does not match its schema: "seven" is not of type "integer"')]


def test_a_reference_into_another_operation_is_followed(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text(
        """\
openapi: 3.0.3
info: {title: Registry, version: 1.0.0}
paths:
  /r/{name}/c:
    post:
      parameters:
        - {name: name, in: path, required: true, schema: {type: string}}
      responses:
        "201":
          description: Created
          content:
            application/json:
              schema:
                allOf:
                  - type: object
                    properties:
                      collection:
                        type: object
                        properties:
                          freed: {type: integer}
  /r/{name}/c/{id}:
    get:
      parameters:
        - {name: name, in: path, required: true, schema: {type: string}}
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {$ref: "#/paths/~1r~1%7Bname%7D~1c/post/responses/201/content/application~1json/schema/allOf/0"}
              example:
                collection: {freed: lots}
"""
    )
    assert _findings(spec) == [(33, 30, 'example does not match its schema: "lots" is not of type "integer"')]

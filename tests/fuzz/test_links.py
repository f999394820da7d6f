"""Links the stateful phase follows, and the runtime expressions that fill them."""

from __future__ import annotations

import yaml

from speclint.fuzz.rest.expressions import ABSENT, Exchange, Message, evaluate
from speclint.fuzz.rest.links import find_links
from speclint.fuzz.rest.plans import plans
from tests.fuzz.conftest import SERVERS

EXCHANGE = Exchange(
    method="post", url="http://h/v1/users/7/things", status=201,
    request=Message(headers={"X-Trace": "t1"}, body={"name": "a/b"}, path={"userId": 7}, query={"q": "x"}),
    response=Message(headers={"Location": "/v1/things/9"}, body={"id": 9, "tags": ["red"], "a/b": {"c~d": 1}}),
)


def test_runtime_expressions() -> None:
    cases = {
        "$url": "http://h/v1/users/7/things",
        "$method": "POST",
        "$statusCode": 201,
        "$request.path.userId": 7,
        "$request.query.q": "x",
        "$request.header.x-trace": "t1",  # header names are case-insensitive
        "$request.body#/name": "a/b",
        "$response.header.Location": "/v1/things/9",
        "$response.body#/id": 9,
        "$response.body#/tags/0": "red",
        "$response.body#/a~1b/c~0d": 1,
        "$response.body": EXCHANGE.response.body,
        "/users/{$request.path.userId}/things/{$response.body#/id}": "/users/7/things/9",
        "plain": "plain",
    }
    for expression, expected in cases.items():
        assert evaluate(expression, EXCHANGE) == expected, expression
    assert evaluate({"owner": "$request.path.userId", "ids": ["$response.body#/id"]}, EXCHANGE) == {
        "owner": 7, "ids": [9]
    }


def test_a_missing_value_is_absent() -> None:
    for expression in ("$response.body#/nope", "$response.body#/tags/5", "$request.path.nope",
                       "$response.header.ETag", "$nonsense", "/x/{$response.body#/nope}", {"a": "$request.query.z"}):
        assert evaluate(expression, EXCHANGE) is ABSENT, expression


def test_declared_links_by_operation_id_operation_ref_and_component() -> None:
    document = yaml.safe_load((SERVERS / "rest" / "stateful.yaml").read_text())
    described = {link.describe() for link in find_links(document, infer=False)}
    assert described == {
        "link GetNote POST /v1/notes -> GET /v1/notes/{noteId} (noteId = $response.body#/id)",
        "link DeleteNote POST /v1/notes -> DELETE /v1/notes/{noteId} (noteId = $response.body#/id)",
        "link GetBox POST /v1/boxes -> GET /v1/boxes/{boxId} (boxId = $response.body#/id)",
        "link GetTag POST /v1/tags -> GET /v1/tags/{tagId} (tagId = $response.body#/id)",
        "link DeleteTag POST /v1/tags -> DELETE /v1/tags/{tagId} (tagId = $response.body#/id)",
    }


def test_inference_only_where_no_link_is_declared() -> None:
    document = yaml.safe_load((SERVERS / "rest" / "stateful.yaml").read_text())
    inferred = {link.describe() for link in find_links(document) if link.inferred}
    assert inferred == {"inferred link POST /v1/drafts -> GET /v1/drafts/{draftId} (draftId = $response.body#/id)"}


def test_inference_from_ids_names_and_shared_path_parameters() -> None:
    document = {
        "swagger": "2.0",
        "definitions": {"Kernel": {"allOf": [{"properties": {"id": {"type": "string"}}}]}},
        "paths": {
            "/kernels": {"post": {"responses": {"201": {"schema": {"$ref": "#/definitions/Kernel"}}}}},
            "/kernels/{kernel_id}": {"get": {"responses": {}}, "delete": {"responses": {}}},
            "/kernels/{kernel_id}/restart": {"post": {"responses": {}}},
            "/contents/{path}": {
                "post": {"responses": {"201": {"schema": {"properties": {"path": {}, "name": {}}}}}},
                "get": {"responses": {}},
            },
            "/contents/{path}/checkpoints": {"post": {"responses": {"201": {"schema": {"properties": {"id": {}}}}}}},
            "/contents/{path}/checkpoints/{checkpoint_id}": {"delete": {"responses": {}}},
            "/contents/{path}/history/{version}": {"get": {"responses": {}}},  # version: nothing to fill it
            "/users/{user}/keys": {"post": {"responses": {200: {"schema": {"properties": {"keyId": {}}}}}}},
            "/users/{user}/keys/{keyId}": {"delete": {"responses": {}}},
            "/notes": {"post": {"responses": {"201": {"schema": {"properties": {"text": {}}}}}}},  # no id
            "/notes/{noteId}": {"get": {"responses": {}}},
        },
    }
    assert {link.describe() for link in find_links(document)} == {
        "inferred link POST /kernels -> GET /kernels/{kernel_id} (kernel_id = $response.body#/id)",
        "inferred link POST /kernels -> DELETE /kernels/{kernel_id} (kernel_id = $response.body#/id)",
        "inferred link POST /kernels -> POST /kernels/{kernel_id}/restart (kernel_id = $response.body#/id)",
        "inferred link POST /contents/{path} -> GET /contents/{path} (path = $response.body#/path)",
        "inferred link POST /contents/{path} -> POST /contents/{path}/checkpoints (path = $response.body#/path)",
        "inferred link POST /contents/{path}/checkpoints -> DELETE /contents/{path}/checkpoints/{checkpoint_id} "
        "(checkpoint_id = $response.body#/id, path = $request.path.path)",
        "inferred link POST /users/{user}/keys -> DELETE /users/{user}/keys/{keyId} "
        "(keyId = $response.body#/keyId, user = $request.path.user)",
    }
    assert find_links(document, infer=False) == []
    chains = [" ; ".join(plan.labels) for plan in plans(find_links(document)) if len(plan.links) == 2]
    assert chains == [
        "POST /contents/{path} ; POST /contents/{path}/checkpoints ; "
        "DELETE /contents/{path}/checkpoints/{checkpoint_id}",
        "POST /kernels ; DELETE /kernels/{kernel_id} ; GET /kernels/{kernel_id}",  # deleted, then fetched
    ]

"""A before/after pair for each change rule, shown by ``speclint explain`` under its documentation.

Each pair is the part of a spec that changes: for OpenAPI the ``paths`` (and ``components``) of
a 3.0 document, for protobuf the body of a ``proto3`` file in ``package shop.v1``, for GraphQL
a whole schema. ``tests/diff/test_examples.py`` diffs every pair, made whole with
:func:`whole`, and checks that it reports the rule it documents.
"""

from __future__ import annotations

from typing import NamedTuple

OPENAPI_HEAD = "openapi: 3.0.3\ninfo: {title: Shop, version: 1.0.0}\n"
PROTO_HEAD = 'syntax = "proto3";\npackage shop.v1;\n\n'


class Example(NamedTuple):
    format: str  # openapi, graphql or protobuf
    before: str
    after: str


def whole(format: str, part: str) -> str:
    """The complete spec an example's ``part`` belongs to."""
    if format == "openapi":
        return OPENAPI_HEAD + part
    if format == "protobuf" and not part.startswith("syntax"):
        return PROTO_HEAD + part
    return part


def _get(operation: str = "", path: str = "/items") -> str:
    extra = "".join(f"      {line}\n" for line in operation.splitlines())
    return f"paths:\n  {path}:\n    get:\n{extra}      responses:\n        '200': {{description: OK}}\n"


def _request(schema: str, body: str = "") -> str:
    """A POST whose JSON body has the object ``schema`` (its lines under ``schema:``)."""
    lines = "".join(f"              {line}\n" for line in schema.splitlines())
    return (
        "paths:\n  /items:\n    post:\n      requestBody:\n"
        + "".join(f"        {line}\n" for line in body.splitlines())
        + f"        content:\n          application/json:\n            schema:\n{lines}"
        + "      responses:\n        '201': {description: Created}\n"
    )


def _response(schema: str, extra: str = "", media: tuple[str, ...] = ("application/json",)) -> str:
    """A GET whose 200 response has a body of ``schema`` (its lines under ``schema:``) in ``media``."""
    lines = "".join(f"                {line}\n" for line in schema.splitlines())
    return (
        "paths:\n  /items:\n    get:\n      responses:\n        '200':\n          description: OK\n"
        + "".join(f"          {line}\n" for line in extra.splitlines())
        + "          content:\n"
        + "".join(f"            {m}:\n              schema:\n{lines}" for m in media)
    )


def _body(required: bool | None, media: tuple[str, ...] = ("application/json",)) -> str:
    flag = "" if required is None else f"        required: {str(required).lower()}\n"
    content = "".join(f"          {m}:\n            schema: {{type: object}}\n" for m in media)
    return (
        f"paths:\n  /items:\n    post:\n      requestBody:\n{flag}        content:\n{content}"
        "      responses:\n        '201': {description: Created}\n"
    )


def _param(required: bool | None) -> str:
    flag = "" if required is None else f", required: {str(required).lower()}"
    return _get(f"parameters:\n  - {{name: q, in: query{flag}, schema: {{type: string}}}}")


_NO_PATHS = "paths: {}\n"
_POST = "paths:\n  /items:\n    post:\n      responses:\n        '201': {description: Created}\n"
_NAME = "type: object\nproperties:\n  name: {type: string}"
_NAME_REQUIRED = "type: object\nrequired: [name]\nproperties:\n  name: {type: string}"
_NAME_NOTE = "type: object\nproperties:\n  name: {type: string}\n  note: {type: string}"
_NAME_NOTE_REQUIRED = "type: object\nrequired: [note]\nproperties:\n  name: {type: string}\n  note: {type: string}"
_MAX_100 = "type: object\nproperties:\n  name: {type: string, maxLength: 100}"
_MAX_50 = "type: object\nproperties:\n  name: {type: string, maxLength: 50}"
_SIZES = "type: object\nproperties:\n  size: {type: string, enum: [s, m]}"
_MORE_SIZES = "type: object\nproperties:\n  size: {type: string, enum: [s, m, l]}"
_INT_NAME = "type: object\nproperties:\n  name: {type: integer}"
_NULLABLE_NAME = "type: object\nproperties:\n  name: {type: string, nullable: true}"
_ONE_OF = "type: object\nproperties:\n  id:\n    oneOf: [{type: string}]"
_TWO_OF = "type: object\nproperties:\n  id:\n    oneOf: [{type: string}, {type: integer}]"
_LOWER = "type: object\nproperties:\n  code: {type: string, pattern: '^[a-z]+$'}"
_LOWER_DIGITS = "type: object\nproperties:\n  code: {type: string, pattern: '^[a-z]{3}[0-9]+$'}"
_SCHEMES = "components:\n  securitySchemes:\n    key: {type: apiKey, in: header, name: X-Key}\n"

_QUERY = "type Query {\n  items: [Item]\n}\n"
_ITEM = "type Item {\n  id: ID!\n  name: String\n}\n"
_SIZE = "enum Size {\n  S\n  M\n}\n"
_ITEM_MESSAGE = "message Item {\n  string name = 1;\n  string note = 2;\n}\n"
_MESSAGES = "message GetItemRequest {\n  string name = 1;\n}\nmessage Item {\n  string name = 1;\n}\n"
_SERVICE = "service ItemService {\n  rpc GetItem(GetItemRequest) returns (Item);\n}\n" + _MESSAGES


_NODE = "interface Node {\n  id: ID!\n}\n"
_ITEM_NODE = _ITEM.replace("type Item", "type Item implements Node")


def _union(members: str) -> str:
    return (
        f"type Query {{\n  search: Result\n}}\nunion Result = {members}\n"
        "type Book {\n  title: String\n}\ntype Film {\n  title: String\n}\n"
    )


def _items(args: str) -> str:
    return f"type Query {{\n  items{args}: [String]\n}}\n"


def _input(fields: str) -> str:
    return f"type Query {{\n  find(filter: Filter): [String]\n}}\ninput Filter {{\n{fields}}}\n"


EXAMPLES: dict[str, Example] = {
    # operations (OpenAPI; the same ids cover GraphQL root fields and RPCs)
    "operation-added": Example("openapi", _NO_PATHS, _get()),
    "operation-removed": Example("openapi", _get(), _NO_PATHS),
    "deprecated-operation-removed": Example("openapi", _get("deprecated: true"), _NO_PATHS),
    "operation-deprecated": Example("openapi", _get(), _get("deprecated: true")),
    "operation-id-changed": Example("openapi", _get("operationId: listItems"), _get("operationId: getItems")),
    "security-requirement-added": Example("openapi", _get() + _SCHEMES, _get("security: [{key: []}]") + _SCHEMES),
    "security-requirement-removed": Example("openapi", _get("security: [{key: []}]") + _SCHEMES, _get() + _SCHEMES),
    # request bodies and parameters
    "request-body-added": Example("openapi", _POST, _body(False)),
    "request-body-added-required": Example("openapi", _POST, _body(True)),
    "request-body-became-optional": Example("openapi", _body(True), _body(False)),
    "request-body-became-required": Example("openapi", _body(False), _body(True)),
    "request-body-removed": Example("openapi", _body(None), _POST),
    "request-media-type-added": Example("openapi", _body(None), _body(None, ("application/json", "application/xml"))),
    "request-media-type-removed": Example("openapi", _body(None, ("application/json", "application/xml")), _body(None)),
    "request-parameter-added": Example("openapi", _get(), _param(None)),
    "request-parameter-added-required": Example("openapi", _get(), _param(True)),
    "request-parameter-became-optional": Example("openapi", _param(True), _param(False)),
    "request-parameter-became-required": Example("openapi", _param(False), _param(True)),
    "request-parameter-removed": Example("openapi", _param(None), _get()),
    # request schemas: what clients send
    "request-constraint-narrowed": Example("openapi", _request(_MAX_100), _request(_MAX_50)),
    "request-constraint-widened": Example("openapi", _request(_MAX_50), _request(_MAX_100)),
    "request-enum-value-added": Example("openapi", _request(_SIZES), _request(_MORE_SIZES)),
    "request-enum-value-removed": Example("openapi", _request(_MORE_SIZES), _request(_SIZES)),
    "request-pattern-changed": Example("openapi", _request(_LOWER), _request(_LOWER_DIGITS)),
    "request-property-added": Example("openapi", _request(_NAME), _request(_NAME_NOTE)),
    "request-property-added-required": Example("openapi", _request(_NAME), _request(_NAME_NOTE_REQUIRED)),
    "request-property-became-optional": Example("openapi", _request(_NAME_REQUIRED), _request(_NAME)),
    "request-property-became-required": Example("openapi", _request(_NAME), _request(_NAME_REQUIRED)),
    "request-property-removed": Example("openapi", _request(_NAME_NOTE), _request(_NAME)),
    "request-type-changed": Example("openapi", _request(_NAME), _request(_INT_NAME)),
    "request-type-widened": Example("openapi", _request(_NAME), _request(_NULLABLE_NAME)),
    "request-variant-added": Example("openapi", _request(_ONE_OF), _request(_TWO_OF)),
    "request-variant-removed": Example("openapi", _request(_TWO_OF), _request(_ONE_OF)),
    # response schemas: what clients read
    "response-constraint-narrowed": Example("openapi", _response(_MAX_100), _response(_MAX_50)),
    "response-constraint-widened": Example("openapi", _response(_MAX_50), _response(_MAX_100)),
    "response-enum-value-added": Example("openapi", _response(_SIZES), _response(_MORE_SIZES)),
    "response-enum-value-removed": Example("openapi", _response(_MORE_SIZES), _response(_SIZES)),
    "response-property-added": Example("openapi", _response(_NAME), _response(_NAME_NOTE)),
    "response-property-became-optional": Example("openapi", _response(_NAME_REQUIRED), _response(_NAME)),
    "response-property-became-required": Example("openapi", _response(_NAME), _response(_NAME_REQUIRED)),
    "response-property-removed": Example("openapi", _response(_NAME_NOTE), _response(_NAME)),
    "response-type-changed": Example("openapi", _response(_NAME), _response(_NULLABLE_NAME)),
    "response-type-narrowed": Example("openapi", _response(_NULLABLE_NAME), _response(_NAME)),
    "response-variant-added": Example("openapi", _response(_ONE_OF), _response(_TWO_OF)),
    "response-variant-removed": Example("openapi", _response(_TWO_OF), _response(_ONE_OF)),
    "format-changed": Example(
        "openapi",
        _response("type: object\nproperties:\n  created: {type: string, format: date-time}"),
        _response("type: object\nproperties:\n  created: {type: string, format: date}"),
    ),
    # responses
    "response-header-removed": Example(
        "openapi", _response(_NAME, "headers:\n  X-Rate-Limit: {schema: {type: integer}}"), _response(_NAME)
    ),
    "response-media-type-added": Example(
        "openapi", _response(_NAME), _response(_NAME, media=("application/json", "application/xml"))
    ),
    "response-media-type-removed": Example(
        "openapi", _response(_NAME, media=("application/json", "application/xml")), _response(_NAME)
    ),
    "response-status-added": Example("openapi", _get(), _get() + "        '404': {description: Not found}\n"),
    "response-status-removed": Example("openapi", _get() + "        '404': {description: Not found}\n", _get()),
    "response-success-status-removed": Example(
        "openapi", _get() + "        '202': {description: Accepted}\n", _get() + "        '404': {description: Gone}\n"
    ),
    # GraphQL types, fields and arguments
    "type-added": Example("graphql", _QUERY.replace("[Item]", "[String]"), _QUERY + _ITEM),
    "type-removed": Example("graphql", _QUERY + _ITEM, _QUERY.replace("[Item]", "[String]")),
    "type-kind-changed": Example("graphql", _QUERY + _ITEM, _QUERY + _ITEM.replace("type Item", "interface Item")),
    "field-added": Example("graphql", _QUERY + _ITEM, _QUERY + _ITEM.replace("}", "  size: Int\n}")),
    "field-removed": Example("graphql", _QUERY + _ITEM, _QUERY + _ITEM.replace("  name: String\n", "")),
    "deprecated-field-removed": Example(
        "graphql",
        _QUERY + _ITEM.replace("name: String", 'name: String @deprecated(reason: "Use title.")'),
        _QUERY + _ITEM.replace("  name: String\n", ""),
    ),
    "field-type-changed": Example("graphql", _QUERY + _ITEM, _QUERY + _ITEM.replace("name: String", "name: Int")),
    "field-became-non-null": Example("graphql", _QUERY + _ITEM, _QUERY + _ITEM.replace("String", "String!")),
    "field-became-nullable": Example("graphql", _QUERY + _ITEM, _QUERY + _ITEM.replace("ID!", "ID")),
    "enum-value-added": Example(
        "graphql",
        _SIZE + _QUERY.replace("[Item]", "Size"),
        _SIZE.replace("M\n", "M\n  L\n") + _QUERY.replace("[Item]", "Size"),
    ),
    "enum-value-removed": Example(
        "graphql",
        _SIZE + _QUERY.replace("[Item]", "Size"),
        _SIZE.replace("  M\n", "") + _QUERY.replace("[Item]", "Size"),
    ),
    "deprecated-enum-value-removed": Example(
        "graphql",
        _SIZE.replace("  M", '  M @deprecated(reason: "Use S.")') + _QUERY.replace("[Item]", "Size"),
        _SIZE.replace("  M\n", "") + _QUERY.replace("[Item]", "Size"),
    ),
    "argument-added": Example("graphql", _items(""), _items("(first: Int)")),
    "argument-added-required": Example("graphql", _items(""), _items("(first: Int!)")),
    "argument-removed": Example("graphql", _items("(first: Int)"), _items("")),
    "deprecated-argument-removed": Example(
        "graphql", _items('(first: Int @deprecated(reason: "Use limit."))'), _items("")
    ),
    "default-value-changed": Example("graphql", _items("(first: Int = 10)"), _items("(first: Int = 20)")),
    "input-became-required": Example("graphql", _items("(first: Int)"), _items("(first: Int!)")),
    "input-type-changed": Example("graphql", _items("(first: Int)"), _items("(first: String)")),
    "input-type-widened": Example("graphql", _items("(first: Int!)"), _items("(first: Int)")),
    "input-field-added-required": Example(
        "graphql", _input("  name: String\n"), _input("  name: String\n  size: Int!\n")
    ),
    "interface-added": Example("graphql", _QUERY + _ITEM + _NODE, _QUERY + _ITEM_NODE + _NODE),
    "interface-removed": Example("graphql", _QUERY + _ITEM_NODE + _NODE, _QUERY + _ITEM + _NODE),
    "union-member-added": Example("graphql", _union("Book"), _union("Book | Film")),
    "union-member-removed": Example("graphql", _union("Book | Film"), _union("Book")),
    # protobuf
    "proto-package-changed": Example(
        "protobuf", PROTO_HEAD + _ITEM_MESSAGE, PROTO_HEAD.replace("shop.v1", "store.v1") + _ITEM_MESSAGE
    ),
    "proto-enum-value-renumbered": Example(
        "protobuf",
        "enum Size {\n  SIZE_UNSPECIFIED = 0;\n  SIZE_S = 1;\n}\n",
        "enum Size {\n  SIZE_UNSPECIFIED = 0;\n  SIZE_S = 2;\n}\n",
    ),
    "proto-field-deleted-reserved": Example(
        "protobuf", _ITEM_MESSAGE, 'message Item {\n  string name = 1;\n  reserved 2;\n  reserved "note";\n}\n'
    ),
    "proto-field-deleted-unreserved": Example("protobuf", _ITEM_MESSAGE, "message Item {\n  string name = 1;\n}\n"),
    "proto-field-label-changed": Example(
        "protobuf", _ITEM_MESSAGE, _ITEM_MESSAGE.replace("string note", "repeated string note")
    ),
    "proto-field-number-reused": Example(
        "protobuf", _ITEM_MESSAGE, _ITEM_MESSAGE.replace("string note", "int32 count")
    ),
    "proto-field-renamed": Example("protobuf", _ITEM_MESSAGE, _ITEM_MESSAGE.replace("note", "comment")),
    "proto-field-type-changed": Example("protobuf", _ITEM_MESSAGE, _ITEM_MESSAGE.replace("string note", "int64 note")),
    "proto-json-name-changed": Example(
        "protobuf",
        _ITEM_MESSAGE.replace("= 2;", '= 2 [json_name = "note"];'),
        _ITEM_MESSAGE.replace("= 2;", '= 2 [json_name = "memo"];'),
    ),
    "proto-reservation-removed": Example(
        "protobuf", "message Item {\n  string name = 1;\n  reserved 2;\n}\n", "message Item {\n  string name = 1;\n}\n"
    ),
    "proto-reserved-number-reused": Example(
        "protobuf",
        "message Item {\n  string name = 1;\n  reserved 2;\n}\n",
        "message Item {\n  string name = 1;\n  string color = 2;\n}\n",
    ),
    "proto-rpc-request-changed": Example(
        "protobuf", _SERVICE, _SERVICE.replace("GetItem(GetItemRequest)", "GetItem(Item)")
    ),
    "proto-rpc-response-changed": Example(
        "protobuf", _SERVICE, _SERVICE.replace("returns (Item)", "returns (GetItemRequest)")
    ),
    "proto-rpc-streaming-changed": Example(
        "protobuf", _SERVICE, _SERVICE.replace("returns (Item)", "returns (stream Item)")
    ),
    "proto-service-removed": Example("protobuf", _SERVICE, _MESSAGES),
    "proto-service-renamed": Example("protobuf", _SERVICE, _SERVICE.replace("ItemService", "CatalogService")),
}

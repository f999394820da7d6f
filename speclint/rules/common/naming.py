"""Naming conventions that every format shares, with the convention of each format as options."""

from __future__ import annotations

import functools
import re
from typing import Iterator

from speclint.findings import Category, Severity
from speclint.model import Api, SpecFormat
from speclint.rules.casing import casing_option, matches
from speclint.rules.conventions import Kind, Where, judge, mode_option, unique
from speclint.rules.openapi.properties import FORM, property_names
from speclint.rules.registry import Problem, RuleContext, rule
from speclint.rules.text import short_name

_TYPE_KINDS = {
    SpecFormat.OPENAPI: None,  # every component schema
    SpecFormat.GRAPHQL: {"object", "interface", "union", "input", "enum", "scalar"},
    SpecFormat.PROTOBUF: {"message", "enum", "service"},
}
_FIELD_KINDS = {"object", "interface", "input", "message", "array", "scalar", "union"}


_TYPE_NAMES = Kind("type name", "schema names", "PascalCase", split=re.compile(r"\.|--"))
_MODE = mode_option({"openapi": "consistent", "graphql": "fixed", "protobuf": "fixed"})


@rule(
    "type-name-casing",
    category=Category.NAMING,
    severity=Severity.WARNING,
    options={
        "casing": casing_option({"openapi": "PascalCase", "graphql": "PascalCase", "protobuf": "PascalCase"}),
        "mode": _MODE,
    },
)
def type_name_casing(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Type names follow one style: schemas, GraphQL types, protobuf messages, enums and services.

    ## What it does
    Checks the name of every OpenAPI component schema (`definitions` in Swagger 2.0), every
    GraphQL object, interface, union, input, enum and scalar type, and every protobuf
    message, enum and service. For OpenAPI the default `consistent` mode reports the schema
    names written in another style than most of the document's (dotted names such as
    `api.v2010.account` are judged part by part); GraphQL and protobuf use `fixed` mode,
    where every name must follow `casing`.

    ## Why is this bad?
    Type names become class names in generated clients; `simple-user` beside `UserAccount`
    turns into awkward or mangled identifiers, and mixed styles make an API look stitched
    together.

    ## Example
    ```yaml
    components:
      schemas:
        UserAccount:
          type: object
        order_item:
          type: object
    ```

    ## Use instead
    ```yaml
    components:
      schemas:
        UserAccount:
          type: object
        OrderItem:
          type: object
    ```

    ## Options
    - `mode`: per format; `consistent` (the document's majority style) for OpenAPI, `fixed`
      for GraphQL and protobuf.
    - `casing`: per format, `PascalCase` by default in all three; the tie-breaker of
      `consistent` mode.
    """
    kinds = _TYPE_KINDS.get(api.format)
    names: list[tuple[str, Where]] = []
    for typedef in api.types:
        if kinds is not None and typedef.kind not in kinds:
            continue
        name = short_name(typedef.name) if api.format is SpecFormat.PROTOBUF else typedef.name
        if not name.startswith("__"):
            names.append((name, typedef.name_location or typedef.location))
    yield from judge(names, ctx, _TYPE_NAMES)


_DATA_KEY = re.compile(r"[^A-Za-z0-9_\-]")


@functools.lru_cache(maxsize=4096)
def _field_name(name: str) -> str:
    """The name a casing applies to: without leading ``_``, ``@``, ``$``; empty for keys that
    are data rather than names (``+1``, ``200``, ``registry.example.com``, ``DateCreated<``)."""
    bare = name.lstrip("_@$")
    return bare if bare[:1].isalpha() and not _DATA_KEY.search(bare) else ""


def _is_field_name(name: str) -> bool:
    return bool(_field_name(name))


@rule(
    "field-name-casing",
    category=Category.NAMING,
    severity=Severity.WARNING,
    options={
        "casing": casing_option({"openapi": "camelCase", "graphql": "camelCase", "protobuf": "lower_snake_case"}),
        "mode": _MODE,
    },
)
def field_name_casing(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Field and property names follow one style (the document's own for OpenAPI).

    ## What it does
    Checks the properties of OpenAPI schemas (components, the objects nested in them, and
    request and response bodies written inline), the fields of GraphQL object,
    interface and input types, and the fields of protobuf messages. In `consistent` mode
    (the default for OpenAPI) the style most names use wins and only the minority style is
    reported; OpenAPI properties are judged in three populations of their own: fields of
    form-encoded requests, properties of JSON request bodies, and properties of responses
    (component schemas count where a body first reaches them). In `fixed` mode (the
    default for GraphQL and protobuf) every name must follow `casing`. Leading `_`, `@` and
    `$` (`_links`, `@type`) are ignored; keys that are data rather than names
    (`registry.example.com`, `+1`, `DateCreated<`) are skipped.

    ## Why is this bad?
    Clients read and write these names all day; a payload that mixes `createdAt` and
    `updated_at` forces every consumer to remember which is which.

    ## Example
    ```yaml
    User:
      type: object
      properties:
        firstName: {type: string}
        last_name: {type: string}
    ```

    ## Use instead
    ```yaml
    User:
      type: object
      properties:
        firstName: {type: string}
        lastName: {type: string}
    ```

    ## Options
    - `mode`: per format; `consistent` for OpenAPI, `fixed` for GraphQL and protobuf.
    - `casing`: per format; `camelCase` for OpenAPI and GraphQL, `lower_snake_case` for
      protobuf. `snake_case`, `PascalCase` and `kebab-case` are accepted too.
    """
    what = "field name"
    if api.format is SpecFormat.OPENAPI:
        for population, names in property_names(api, _is_field_name).items():
            noun = "field" if population == FORM else "property"
            kind = Kind(what if ctx.option("mode") == "fixed" else noun, population, "camelCase")
            yield from judge(names, ctx, kind, _field_name)
        return
    fields: list[tuple[str, Where]] = [
        (f.name, f.location) for typedef in api.types if typedef.kind in _FIELD_KINDS for f in typedef.fields
    ]
    if api.format is not SpecFormat.PROTOBUF:  # a protobuf field is where its full name is: never twice
        fields = unique(fields)
    yield from judge(fields, ctx, Kind(what, "fields", "camelCase"), _field_name)


# Names a platform fixes, not the API: Google's system parameters, Azure's api-version, OData.
_PLATFORM_PARAMETERS = frozenset(
    {
        "$.xgafv", "access_token", "alt", "callback", "fields", "key", "oauth_token", "prettyPrint",
        "quotaUser", "upload_protocol", "uploadType", "api-version", "$filter", "$select", "$expand",
        "$orderby", "$top", "$skip", "$count", "$search", "$format",
    }
)  # fmt: skip
_PLACES = {SpecFormat.OPENAPI: ("path", "query"), SpecFormat.GRAPHQL: ("argument",)}


@rule(
    "parameter-name-casing",
    category=Category.NAMING,
    severity=Severity.WARNING,
    formats=[SpecFormat.OPENAPI, SpecFormat.GRAPHQL],
    options={
        "casing": casing_option({"openapi": "camelCase", "graphql": "camelCase"}),
        "mode": mode_option({"openapi": "consistent", "graphql": "fixed"}),
    },
)
def parameter_name_casing(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Path and query parameters, and GraphQL arguments, follow one style.

    ## What it does
    Checks the names of OpenAPI path and query parameters (headers have their own rule,
    `openapi-header-name-casing`) and of the arguments of GraphQL fields. Bracketed and
    dotted names (`page[size]`, `filter.name`) are checked part by part. For OpenAPI the
    default `consistent` mode judges path parameters and query parameters each against the
    style most of them use in the document; names a platform fixes (`api-version`,
    `oauth_token`, `upload_protocol`, OData's `$filter`) and operator-suffixed filters
    (`DateCreated<`) are skipped. GraphQL arguments use `fixed` mode: every name must follow
    `casing`.

    ## Why is this bad?
    Parameters become method arguments in SDKs and appear in every URL a client builds;
    `per_page` beside `pageToken` is a trap for every caller.

    ## Example
    ```yaml
    parameters:
      - name: pageToken
        in: query
      - name: page_size
        in: query
    ```

    ## Use instead
    ```yaml
    parameters:
      - name: pageToken
        in: query
      - name: pageSize
        in: query
    ```

    ## Options
    - `mode`: per format; `consistent` for OpenAPI, `fixed` for GraphQL.
    - `casing`: per format, `camelCase` by default.
    """
    by_place: dict[str, list[tuple[str, Where]]] = {place: [] for place in _PLACES.get(api.format, ())}
    for operation in api.operations:
        for param in operation.parameters:
            if param.place in by_place and param.name not in _PLATFORM_PARAMETERS:
                by_place[param.place].append((param.name, param.location))
    if api.format is SpecFormat.GRAPHQL:
        for typedef in api.types:
            for field in typedef.fields:
                by_place["argument"].extend((a.name, a.location) for a in field.arguments)
    fixed = ctx.option("mode") == "fixed"
    for place, params in by_place.items():
        parts = [(part, where) for name, where in unique(params) for part in re.split(r"[\[\].]+", name) if part]
        what = "parameter name" if fixed or place == "argument" else f"{place} parameter"
        yield from judge(parts, ctx, Kind(what, f"{place} parameters", "camelCase"), _field_name)


@rule(
    "enum-value-casing",
    category=Category.NAMING,
    severity=Severity.WARNING,
    formats=[SpecFormat.GRAPHQL, SpecFormat.PROTOBUF],
    options={"casing": casing_option({"graphql": "UPPER_CASE", "protobuf": "UPPER_SNAKE_CASE"})},
)
def enum_value_casing(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Enum values are UPPER_CASE (GraphQL) and UPPER_SNAKE_CASE (protobuf).

    ## What it does
    Checks every value of every GraphQL and protobuf enum against `casing`. OpenAPI enum
    values are data, not names, and are not checked.

    ## Why is this bad?
    Both the GraphQL specification and the protobuf style guide use upper case for enum
    values; generated code and clients expect it.

    ## Example
    ```graphql
    enum Color { red, Green }
    ```

    ## Use instead
    ```graphql
    enum Color { RED, GREEN }
    ```

    ## Options
    - `casing`: per format, `UPPER_CASE` for GraphQL and `UPPER_SNAKE_CASE` for protobuf.
    """
    casing = str(ctx.option("casing") or "UPPER_SNAKE_CASE")
    for typedef in api.types:
        if typedef.kind != "enum":
            continue
        for value in typedef.enum_values:
            if not matches(value.name, casing):
                yield Problem(
                    value.location, f"enum value '{value.name}' of {short_name(typedef.name)} is not {casing}"
                )

"""Naming conventions that every format shares, with the convention of each format as options."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Iterator, NamedTuple, Sequence

from speclint.findings import Category, Severity
from speclint.model import Api, Field, Location, Parameter, Schema, SpecFormat
from speclint.rules.casing import casing_option, detect, matches
from speclint.rules.options import Option
from speclint.rules.registry import Problem, RuleContext, rule
from speclint.rules.text import short_name

_TYPE_KINDS = {
    SpecFormat.OPENAPI: None,  # every component schema
    SpecFormat.GRAPHQL: {"object", "interface", "union", "input", "enum", "scalar"},
    SpecFormat.PROTOBUF: {"message", "enum", "service"},
}
_FIELD_KINDS = {"object", "interface", "input", "message", "array", "scalar", "union"}
_MODE = Option("fixed", choices=("fixed", "consistent"))  # consistent: the style most names of a document use


@rule(
    "type-name-casing",
    category=Category.NAMING,
    severity=Severity.WARNING,
    options={"casing": casing_option({"openapi": "PascalCase", "graphql": "PascalCase", "protobuf": "PascalCase"})},
)
def type_name_casing(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Type names are PascalCase: schemas, GraphQL types, protobuf messages, enums and services.

    ## What it does
    Checks the name of every OpenAPI component schema (`definitions` in Swagger 2.0), every
    GraphQL object, interface, union, input, enum and scalar type, and every protobuf
    message, enum and service against the `casing` option.

    ## Why is this bad?
    Type names become class names in generated clients; `simple-user` or `user_account` turn
    into awkward or mangled identifiers, and mixed styles make an API look stitched together.

    ## Example
    ```yaml
    components:
      schemas:
        user_account:
          type: object
    ```

    ## Use instead
    ```yaml
    components:
      schemas:
        UserAccount:
          type: object
    ```

    ## Options
    - `casing`: per format, `PascalCase` by default in all three.
    """
    casing = str(ctx.option("casing"))
    kinds = _TYPE_KINDS.get(api.format)
    for typedef in api.types:
        if kinds is not None and typedef.kind not in kinds:
            continue
        name = short_name(typedef.name) if api.format is SpecFormat.PROTOBUF else typedef.name
        if name.startswith("__"):
            continue
        if not matches(name, casing):
            yield Problem(typedef.name_location or typedef.location, f"type name '{name}' is not {casing}")


def _field_name(name: str) -> str:
    """The name a casing applies to: without leading ``_``, ``@``, ``$``; empty for names that
    are not identifiers at all (``+1``, ``-1``, ``200``: keys such as reactions or codes)."""
    bare = name.lstrip("_@$")
    return bare if bare[:1].isalpha() else ""


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
    """Field and property names follow the format's convention (camelCase; lower_snake_case in proto).

    ## What it does
    Checks the properties of OpenAPI schemas (components, the objects nested in them, and
    request and response bodies written inline), the fields of GraphQL object,
    interface and input types, and the fields of protobuf messages. In `fixed` mode (the
    default) every name must follow `casing`; in `consistent` mode the style most names of
    the document use wins, and only the minority style is reported. Leading `_`, `@` and `$`
    (`_links`, `@type`) are ignored.

    ## Why is this bad?
    Clients read and write these names all day; a payload that mixes `createdAt` and
    `updated_at` forces every consumer to remember which is which.

    ## Example
    ```yaml
    User:
      type: object
      properties:
        first_name: {type: string}
    ```

    ## Use instead
    ```yaml
    User:
      type: object
      properties:
        firstName: {type: string}
    ```

    ## Options
    - `casing`: per format; `camelCase` for OpenAPI and GraphQL, `lower_snake_case` for
      protobuf. `snake_case`, `PascalCase` and `kebab-case` are accepted too.
    - `mode`: `fixed` (default) or `consistent`.
    """
    fields: list[Field] = []
    seen: set[Location] = set()
    for typedef in api.types:
        if typedef.kind not in _FIELD_KINDS:
            continue
        for field in typedef.fields:
            if field.location not in seen and _field_name(field.name):
                seen.add(field.location)
                fields.append(field)
    names: list[tuple[str, Location | _Below]] = [(f.name, f.location) for f in fields]
    if api.format is SpecFormat.OPENAPI:
        names.extend((name, _Below(base, tokens)) for name, base, tokens in _inline_properties(api))
    yield from _casing_problems(names, ctx, "field", str(ctx.option("casing")))


class _Below(NamedTuple):
    """A location below ``base``, made only when a finding needs it."""

    base: Location
    tokens: tuple[str, ...]

    def resolve(self) -> Location:
        return self.base.child(*self.tokens)


_NESTED = ("items", "additionalProperties", "not")
_COMBINED = ("allOf", "anyOf", "oneOf")


def _inline_properties(api: Api) -> Iterator[tuple[str, Location, tuple[str, ...]]]:
    """Property names of OpenAPI schemas written inline: nested in component schemas, and in
    request and response bodies, each with a base location and the pointer tokens below it
    (the Location itself is made only for a name that is reported). ``$ref``s are not followed:
    their targets are components."""
    roots: list[Schema] = []
    for typedef in api.types:
        roots.extend(f.schema for f in typedef.fields if f.schema is not None)
    for operation in api.operations:
        bodies = [operation.request_body] if operation.request_body else []
        media = [m for b in bodies for m in b.media_types] + [m for r in operation.responses for m in r.media_types]
        roots.extend(m.schema for m in media if m.schema is not None)
    for schema in roots:
        if isinstance(schema.raw, dict):
            yield from _walk_properties(schema.raw, schema.location, (), depth=0)


def _walk_properties(
    raw: dict[str, Any], base: Location, tokens: tuple[str, ...], depth: int
) -> Iterator[tuple[str, Location, tuple[str, ...]]]:
    if depth > 32 or "$ref" in raw:
        return
    properties = raw.get("properties")
    if isinstance(properties, dict):
        for name, value in properties.items():
            where = (*tokens, "properties", str(name))
            if _field_name(str(name)):
                yield str(name), base, where
            if isinstance(value, dict):
                yield from _walk_properties(value, base, where, depth + 1)
    for key in _NESTED:
        value = raw.get(key)
        if isinstance(value, dict):
            yield from _walk_properties(value, base, (*tokens, key), depth + 1)
    for key in _COMBINED:
        value = raw.get(key)
        if isinstance(value, list):
            for index, member in enumerate(value):
                if isinstance(member, dict):
                    yield from _walk_properties(member, base, (*tokens, key, str(index)), depth + 1)


def _casing_problems(
    names: Sequence[tuple[str, Location | _Below]], ctx: RuleContext, what: str, casing: str
) -> Iterator[Problem]:
    if ctx.option("mode") == "consistent":
        styles = {name: detect(_field_name(name)) for name, _ in names}
        counted = Counter(s for s in styles.values() if s not in (None, "lowercase"))
        if not counted:
            return
        casing = counted.most_common(1)[0][0]
    for name, location in names:
        bare = _field_name(name)
        if (
            bare
            and not matches(bare, casing)
            and not (ctx.option("mode") == "consistent" and detect(bare) == "lowercase")
        ):
            where = location.resolve() if isinstance(location, _Below) else location
            yield Problem(where, f"{what} name '{name}' is not {casing}")


_PLACES = {SpecFormat.OPENAPI: {"path", "query"}, SpecFormat.GRAPHQL: {"argument"}}


@rule(
    "parameter-name-casing",
    category=Category.NAMING,
    severity=Severity.WARNING,
    formats=[SpecFormat.OPENAPI, SpecFormat.GRAPHQL],
    options={"casing": casing_option({"openapi": "camelCase", "graphql": "camelCase"}), "mode": _MODE},
)
def parameter_name_casing(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Path and query parameters, and GraphQL arguments, are camelCase.

    ## What it does
    Checks the names of OpenAPI path and query parameters (headers have their own rule,
    `openapi-header-name-casing`) and of the arguments of GraphQL fields. Bracketed and
    dotted names (`page[size]`, `filter.name`) are checked part by part.

    ## Why is this bad?
    Parameters become method arguments in SDKs and appear in every URL a client builds;
    `per_page` beside `pageToken` is a trap for every caller.

    ## Example
    ```yaml
    parameters:
      - name: page_size
        in: query
    ```

    ## Use instead
    ```yaml
    parameters:
      - name: pageSize
        in: query
    ```

    ## Options
    - `casing`: per format, `camelCase` by default.
    - `mode`: `fixed` (default) or `consistent` (the majority style of the document wins).
    """
    places = _PLACES.get(api.format, set())
    params: dict[Location, Parameter] = {}
    for operation in api.operations:
        for param in operation.parameters:
            if param.place in places:
                params.setdefault(param.location, param)
    if api.format is SpecFormat.GRAPHQL:
        for typedef in api.types:
            for field in typedef.fields:
                for argument in field.arguments:
                    params.setdefault(argument.location, argument)
    casing = str(ctx.option("casing"))
    names = [(part, p.location) for p in params.values() for part in re.split(r"[\[\].]+", p.name) if part]
    yield from _casing_problems(names, ctx, "parameter", casing)


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
    casing = str(ctx.option("casing"))
    for typedef in api.types:
        if typedef.kind != "enum":
            continue
        for value in typedef.enum_values:
            if not matches(value.name, casing):
                yield Problem(
                    value.location, f"enum value '{value.name}' of {short_name(typedef.name)} is not {casing}"
                )

"""Descriptions on operations, types and fields."""

from __future__ import annotations

from typing import Iterator

from speclint.findings import Category, Severity
from speclint.model import Api, Location, SpecFormat
from speclint.rules.registry import Problem, RuleContext, rule
from speclint.rules.text import short_name

_ROOT_TYPES = frozenset({"Query", "Mutation", "Subscription"})
_BUILTIN_SCALARS = frozenset({"String", "Int", "Float", "Boolean", "ID"})


@rule("operation-description", category=Category.DOCUMENTATION, severity=Severity.HINT)
def operation_description(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Operations have a description (or, in OpenAPI, a summary).

    ## What it does
    Reports OpenAPI operations with neither `summary` nor `description`, GraphQL root fields
    without a description, and RPCs without a leading comment.

    ## Why is this bad?
    The description is the documentation readers and generated SDKs show; an operation
    without one makes every caller reverse-engineer its behaviour from its name.

    ## Example
    ```yaml
    get:
      operationId: listItems
    ```

    ## Use instead
    ```yaml
    get:
      operationId: listItems
      summary: List the items of the current account
    ```
    """
    seen: set[Location] = set()
    for operation in api.operations:
        if operation.summary or operation.description:
            continue
        at = operation.name_location or operation.location
        if at not in seen:
            seen.add(at)
            yield Problem(at, f"{operation.display_name} has no description")


@rule("type-description", category=Category.DOCUMENTATION, severity=Severity.HINT)
def type_description(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Types have a description: component schemas, GraphQL types, protobuf messages.

    ## What it does
    Reports named types without a description: GraphQL object, interface, union, input, enum
    and custom scalar types (the root types too: their description heads the schema's
    documentation) and the directives the schema defines, component schemas in OpenAPI, and
    messages, enums and services in protobuf.

    ## Why is this bad?
    Types are the vocabulary of an API; without descriptions, readers guess what `Account`
    or `Entitlement` means, and guess differently.

    ## Example
    ```yaml
    components:
      schemas:
        Item:
          type: object
    ```

    ## Use instead
    ```yaml
    components:
      schemas:
        Item:
          description: Something the shop sells.
          type: object
    ```
    """
    for typedef in api.types:
        if typedef.description or (typedef.kind == "scalar" and api.format is SpecFormat.PROTOBUF):
            continue
        if api.format is SpecFormat.GRAPHQL and (typedef.name in _BUILTIN_SCALARS or typedef.name.startswith("__")):
            continue
        yield Problem(
            typedef.name_location or typedef.location, f"type '{short_name(typedef.name)}' has no description"
        )
    for directive in api.directives:
        if not directive.description:
            yield Problem(directive.location, f"directive '@{directive.name}' has no description")


@rule("field-description", category=Category.DOCUMENTATION, severity=Severity.HINT)
def field_description(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Fields and properties have a description.

    ## What it does
    Reports properties of component schemas, fields of GraphQL types and fields of protobuf
    messages without a description (a leading comment in protobuf). In GraphQL, arguments
    (root fields' too) and enum values need one as well. Properties that are a bare `$ref`
    take their description from the referenced schema and are skipped.

    ## Why is this bad?
    A field name is rarely enough: units, formats, who sets it and when it is empty are what
    clients need to know.

    ## Example
    ```yaml
    properties:
      amount: {type: integer}
    ```

    ## Use instead
    ```yaml
    properties:
      amount:
        type: integer
        description: The price in cents.
    ```
    """
    seen: set[Location] = set()
    for typedef in api.types:
        if api.format is SpecFormat.GRAPHQL and typedef.name in _ROOT_TYPES:
            continue
        for field in typedef.fields:
            if field.description or field.location in seen:
                continue
            if field.schema is not None and field.schema.raw is not None and "$ref" in field.schema.raw:
                continue
            seen.add(field.location)
            yield Problem(field.location, f"field '{field.name}' of '{short_name(typedef.name)}' has no description")
    if api.format is SpecFormat.GRAPHQL:
        yield from _graphql_arguments_and_values(api, seen)


def _graphql_arguments_and_values(api: Api, seen: set[Location]) -> Iterator[Problem]:
    owners = [(f"{o.parent}.{o.name}", o.parameters) for o in api.operations]
    owners += [(f"{t.name}.{f.name}", f.arguments) for t in api.types if t.name not in _ROOT_TYPES for f in t.fields]
    for owner, arguments in owners:
        for argument in arguments:
            if not argument.description and argument.location not in seen:
                seen.add(argument.location)
                yield Problem(argument.location, f"argument '{argument.name}' of '{owner}' has no description")
    for typedef in api.types:
        for value in typedef.enum_values:
            if not value.description and value.location not in seen:
                seen.add(value.location)
                yield Problem(value.location, f"enum value '{value.name}' of '{typedef.name}' has no description")

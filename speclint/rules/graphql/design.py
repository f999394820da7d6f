"""GraphQL conventions: input names, deprecation reasons, mutation payloads, unused types."""

from __future__ import annotations

from typing import Iterator

from speclint.findings import Category, Severity
from speclint.model import Api, OperationKind, SpecFormat, TypeDef
from speclint.rules.conventions import mode_option
from speclint.rules.registry import Problem, RuleContext, rule

_DEFAULT_REASON = "No longer supported"
_BUILTIN_SCALARS = frozenset({"String", "Int", "Float", "Boolean", "ID"})
_ROOTS = ("Query", "Mutation", "Subscription")


@rule(
    "graphql-input-name-suffix",
    category=Category.NAMING,
    severity=Severity.WARNING,
    formats=[SpecFormat.GRAPHQL],
    options={"suffix": "Input", "mode": mode_option("consistent"), "argument": ""},
)
def input_name_suffix(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Input types end in `Input` (the inputs of mutations, by default).

    ## What it does
    In `consistent` mode (the default) looks at the input types that mutations take as
    arguments: when most of them end with the `suffix` option, the ones that do not are
    reported (a schema whose mutation inputs follow another convention is left alone).
    Input types used elsewhere, such as orderings and filters (`IssueOrder`), are named for
    their role and not checked. In `fixed` mode every `input` type must end with `suffix`.

    ## Why is this bad?
    Input and output types often describe the same thing (`Product`, `ProductInput`); the
    suffix keeps them apart in code, in documentation and in error messages.

    ## Example
    ```graphql
    type Mutation {
      addProduct(input: AddProductInput!): Product
      renameProduct(input: RenameProduct!): Product
    }
    ```

    ## Use instead
    ```graphql
    type Mutation {
      addProduct(input: AddProductInput!): Product
      renameProduct(input: RenameProductInput!): Product
    }
    ```

    ## Options
    - `suffix`: `Input` (default).
    - `mode`: `consistent` (default: mutation inputs, when most of them use the suffix) or
      `fixed` (every input type).
    - `argument`: empty (default). A name such as `input` also reports every argument of a
      mutation that is not so named (Relay's single-input mutations, graphql-eslint's
      `input-name`).
    """
    argument = str(ctx.option("argument") or "")
    if argument:
        for operation in api.operations:
            if operation.kind is OperationKind.WRITE:
                for parameter in operation.parameters:
                    if parameter.name != argument:
                        message = f"argument '{parameter.name}' of mutation '{operation.name}'"
                        yield Problem(parameter.location, f"{message} is not named '{argument}'")
    suffix = str(ctx.option("suffix") or "Input")
    inputs = [t for t in api.types if t.kind == "input"]
    if ctx.option("mode") != "fixed":
        taken = {
            p.schema.type_name
            for o in api.operations
            if o.kind is OperationKind.WRITE
            for p in o.parameters
            if p.schema is not None
        }
        inputs = [t for t in inputs if t.name in taken]
        if 2 * sum(t.name.endswith(suffix) for t in inputs) < len(inputs):
            return
    for typedef in inputs:
        if not typedef.name.endswith(suffix):
            yield Problem(
                typedef.name_location or typedef.location, f"input type '{typedef.name}' does not end in '{suffix}'"
            )


@rule(
    "graphql-deprecation-reason",
    category=Category.VERSIONING,
    severity=Severity.WARNING,
    formats=[SpecFormat.GRAPHQL],
)
def deprecation_reason(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """`@deprecated` carries a real reason.

    ## What it does
    Reports `@deprecated` without a `reason`, with an empty one, or with the default
    "No longer supported", on fields, arguments, input fields and enum values.

    ## Why is this bad?
    Deprecation is how a GraphQL schema evolves; the reason is the only place to tell
    clients what to use instead and when the field goes.

    ## Example
    ```graphql
    type Product { price: Int @deprecated }
    ```

    ## Use instead
    ```graphql
    type Product { price: Int @deprecated(reason: "Use priceMoney; removed after 2025-06-30.") }
    ```
    """
    seen: set[object] = set()
    for typedef in api.types:
        items = [(f.name, f.deprecation) for f in typedef.fields]
        items += [(a.name, a.deprecation) for f in typedef.fields for a in f.arguments]
        items += [(v.name, v.deprecation) for v in typedef.enum_values]
        for name, deprecation in items:
            if deprecation is None or deprecation.location in seen:
                continue
            seen.add(deprecation.location)
            reason = (deprecation.reason or "").strip()
            if not reason or reason == _DEFAULT_REASON:
                yield Problem(deprecation.location, f"'{typedef.name}.{name}' is deprecated without a reason")


def _root_names(api: Api) -> dict[str, str]:
    """Root type names by role (query, mutation, subscription), from the operations."""
    names: dict[str, str] = {}
    for operation in api.operations:
        if operation.parent:
            role = {"read": "query", "write": "mutation", "stream": "subscription"}[operation.kind.value]
            names.setdefault(role, operation.parent)
    return names


@rule(
    "graphql-mutation-payload",
    category=Category.STATUS_CODES,
    severity=Severity.WARNING,
    formats=[SpecFormat.GRAPHQL],
    options={"query_field": False},
)
def mutation_payload(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Mutations return an object payload, not a scalar or a Boolean.

    ## What it does
    Reports mutation fields whose return type is a scalar (built-in or custom) or an enum.

    ## Why is this bad?
    A payload type (`CreateProductPayload { product, userErrors }`) can grow and can model
    the errors a client should handle; `Boolean` can say neither what happened nor why not,
    and cannot be changed later without breaking clients.

    ## Example
    ```graphql
    type Mutation { deleteProduct(id: ID!): Boolean }
    ```

    ## Use instead
    ```graphql
    type Mutation { deleteProduct(id: ID!): DeleteProductPayload }
    ```

    ## Options
    - `query_field`: `false` (default). `true` also reports mutations whose payload object
      has no field of the query type, which lets a client read anything after a mutation
      in the same round trip (graphql-eslint's `require-field-of-type-query-in-mutation-result`).
    """
    roots = _root_names(api)
    mutation = api.type(roots.get("mutation", "Mutation"))
    if mutation is None:
        return
    query = roots.get("query", "Query")
    for field in mutation.fields:
        name = field.schema.type_name if field.schema else None
        target = api.type(name) if name else None
        if name in _BUILTIN_SCALARS or (target is not None and target.kind in ("scalar", "enum")):
            returned = field.schema.describe() if field.schema else name
            yield Problem(field.location, f"mutation '{field.name}' returns {returned}, not a payload object")
        elif ctx.option("query_field") and target is not None and target.kind == "object":
            if not any(f.schema is not None and f.schema.type_name == query for f in target.fields):
                message = f"payload '{target.name}' of mutation '{field.name}' has no field of type '{query}'"
                yield Problem(field.schema.location if field.schema else field.location, message)


@rule(
    "graphql-unused-type",
    category=Category.STRUCTURE,
    severity=Severity.WARNING,
    formats=[SpecFormat.GRAPHQL],
)
def unused_type(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Every type is reachable from a root type.

    ## What it does
    Reports types that no field, argument, union or interface reaches from the query,
    mutation and subscription types. An object type that implements a reachable interface
    is reachable, and so are the types of directive arguments (`@auth(requires: Role)`).

    ## Why is this bad?
    An unreachable type can never be queried; it is left over from a refactoring, or a field
    that should return it is missing.

    ## Example
    ```graphql
    type Query { product: Product }
    type Product { id: ID! }
    type Coupon { code: String! }
    ```

    ## Use instead
    ```graphql
    type Query { product: Product }
    type Product { id: ID! }
    ```
    """
    by_name = {t.name: t for t in api.types}
    roots = set(_root_names(api).values()) | {r for r in _ROOTS if r in by_name}
    implementers: dict[str, list[TypeDef]] = {}
    for typedef in api.types:
        if typedef.kind == "object":
            for interface in typedef.members:
                implementers.setdefault(interface, []).append(typedef)
    reached: set[str] = set()
    pending = list(roots) + _directive_argument_types(api)
    while pending:
        name = pending.pop()
        if name in reached or name not in by_name:
            continue
        reached.add(name)
        typedef = by_name[name]
        for field in typedef.fields:
            targets = [field.schema] + [a.schema for a in field.arguments]
            pending.extend(s.type_name for s in targets if s is not None and s.type_name)
        pending.extend(typedef.members)
        if typedef.kind == "interface":
            pending.extend(t.name for t in implementers.get(name, ()))
    for typedef in api.types:
        if typedef.name not in reached and not typedef.name.startswith("__") and typedef.name not in _BUILTIN_SCALARS:
            yield Problem(
                typedef.name_location or typedef.location, f"type '{typedef.name}' is not reachable from any root type"
            )


def _directive_argument_types(api: Api) -> list[str]:
    """The named types used by the arguments of the directives the schema defines."""
    return [a.schema.type_name for d in api.directives for a in d.arguments if a.schema and a.schema.type_name]

"""GraphQL auth directives on root fields."""

from __future__ import annotations

from typing import Iterator

from speclint.findings import Category, Severity
from speclint.model import Api, OperationKind, SpecFormat
from speclint.rules.registry import Problem, RuleContext, rule


@rule(
    "graphql-root-field-auth",
    category=Category.AUTH,
    severity=Severity.WARNING,
    formats=[SpecFormat.GRAPHQL],
    options={"writes_only": False},
)
def root_field_auth(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """When root fields carry auth directives, every root field has one or is marked public.

    ## What it does
    Once any root field (or root type) of the schema carries an auth directive (`@auth`,
    `@authenticated`, `@requiresScopes`, `@hasRole`, `@policy`, `@requireAuth`; configurable
    with the ruleset setting `graphql_auth_directives`), reports the root fields with
    neither an auth directive nor a public marker (`@public`, setting
    `graphql_public_directives`). Mutation fields are what matters most; `writes_only: true`
    limits the rule to them.

    ## Why is this bad?
    In a schema that declares its authorization, a root field without a declaration is
    almost always an oversight, and a mutation without one lets anyone change data.

    ## Example
    ```graphql
    type Mutation {
      createProduct(input: CreateProductInput!): CreateProductPayload @auth(requires: ADMIN)
      deleteProduct(id: ID!): DeleteProductPayload
    }
    ```

    ## Use instead
    ```graphql
    type Mutation {
      createProduct(input: CreateProductInput!): CreateProductPayload @auth(requires: ADMIN)
      deleteProduct(id: ID!): DeleteProductPayload @auth(requires: ADMIN)
    }
    ```

    ## Options
    - `writes_only`: `false` (default); `true` reports only mutation fields.
    """
    if not any(o.security.requirements for o in api.operations):
        return
    writes_only = bool(ctx.option("writes_only"))
    for operation in api.operations:
        if operation.security.declared_on != "none":
            continue
        if writes_only and operation.kind is not OperationKind.WRITE:
            continue
        yield Problem(
            operation.name_location or operation.location,
            f"root field {operation.display_name} has no auth directive and is not marked public",
        )

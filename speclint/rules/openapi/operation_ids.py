"""operationId naming and uniqueness."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from speclint.findings import Category, Severity
from speclint.model import Api, SpecFormat
from speclint.rules.casing import casing_option, matches
from speclint.rules.registry import Problem, RuleContext, rule


@rule(
    "openapi-operation-id-casing",
    category=Category.NAMING,
    severity=Severity.ERROR,
    formats=[SpecFormat.OPENAPI],
    options={"casing": casing_option("camelCase")},
)
def operation_id_casing(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """operationId follows the configured casing (camelCase by default).

    ## What it does
    Checks every `operationId` against the `casing` option: `camelCase` (default),
    `PascalCase`, `snake_case` or `kebab-case`.

    ## Why is this bad?
    Code generators turn operationIds into method names; a mix of styles gives SDKs that
    read like several APIs glued together, and names like `Create_Customer` survive into
    every client.

    ## Example
    ```yaml
    paths:
      /customers:
        post:
          operationId: Create_Customer
    ```

    ## Use instead
    ```yaml
    paths:
      /customers:
        post:
          operationId: createCustomer
    ```

    ## Options
    - `casing`: `camelCase` (default), `PascalCase`, `snake_case`, `kebab-case`.
    """
    casing = str(ctx.option("casing"))
    for operation in api.operations:
        if operation.name and operation.name_location and not matches(operation.name, casing):
            yield Problem(operation.name_location, f"operationId '{operation.name}' is not {casing}")


@rule(
    "openapi-operation-id-unique",
    category=Category.STRUCTURE,
    severity=Severity.ERROR,
    formats=[SpecFormat.OPENAPI],
)
def operation_id_unique(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Every operationId is unique in the document.

    ## What it does
    Reports each operation whose `operationId` was already used by an earlier operation.

    ## Why is this bad?
    The OpenAPI specification requires unique operationIds; links, code generators and
    contract tests address operations by them, and a duplicate silently shadows one.

    ## Example
    ```yaml
    paths:
      /items:
        get: {operationId: listItems}
      /items/{id}:
        get: {operationId: listItems}
    ```

    ## Use instead
    ```yaml
    paths:
      /items:
        get: {operationId: listItems}
      /items/{id}:
        get: {operationId: getItem}
    ```
    """
    seen: dict[str, list[str]] = defaultdict(list)
    for operation in api.operations:
        if not operation.name or operation.name_location is None:
            continue
        earlier = seen[operation.name]
        if earlier:
            yield Problem(
                operation.name_location,
                f"operationId '{operation.name}' is also used by {earlier[0]}",
            )
        earlier.append(operation.display_name)

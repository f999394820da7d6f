"""operationId naming and uniqueness."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterator

from speclint.findings import Category, Severity
from speclint.model import Api, SpecFormat
from speclint.rules.casing import casing_option
from speclint.rules.conventions import Kind, judge, mode_option
from speclint.rules.registry import Problem, RuleContext, rule

# "drive.files.list", "repos/get-artifact", "put_links_id#remove_link": namespaced operationIds
OPERATION_IDS = Kind("operationId", "operationIds", "camelCase", split=re.compile(r"[./#:]"))


@rule(
    "openapi-operation-id-casing",
    category=Category.NAMING,
    severity=Severity.ERROR,
    formats=[SpecFormat.OPENAPI],
    options={"casing": casing_option("camelCase"), "mode": mode_option("consistent")},
)
def operation_id_casing(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """operationIds follow one style: the one most operationIds of the document use.

    ## What it does
    In `consistent` mode (the default) finds the style most operationIds of the document
    use (camelCase, PascalCase, snake_case, kebab-case, `Noun_Verb`...) and reports the
    ones written in another style, saying which style the majority uses. Namespaced ids
    (`drive.files.list`, `repos/get-artifact`) are judged part by part. When no style
    covers more than half of them, the document gets one finding that says so. In `fixed`
    mode every `operationId` must follow the `casing` option.

    ## Why is this bad?
    Code generators turn operationIds into method names; a mix of styles gives SDKs that
    read like several APIs glued together, and names like `Create_Customer` survive into
    every client.

    ## Example
    ```yaml
    paths:
      /customers:
        get:
          operationId: listCustomers
        post:
          operationId: Create_Customer
    ```

    ## Use instead
    ```yaml
    paths:
      /customers:
        get:
          operationId: listCustomers
        post:
          operationId: createCustomer
    ```

    ## Options
    - `mode`: `consistent` (default: the document's majority style) or `fixed`.
    - `casing`: the style of `fixed` mode, and the tie-breaker of `consistent` mode:
      `camelCase` (default), `PascalCase`, `snake_case`, `kebab-case`, `Pascal_Snake_Case`.
    """
    names = [(o.name, o.name_location) for o in api.operations if o.name and o.name_location]
    yield from judge(names, ctx, OPERATION_IDS)


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

"""Versions do not belong in GraphQL and protobuf type names."""

from __future__ import annotations

from typing import Iterator

from speclint.findings import Category, Severity
from speclint.model import Api, Location, SpecFormat
from speclint.rules.registry import Problem, RuleContext, rule
from speclint.rules.text import has_version_number, short_name


@rule(
    "versioned-name",
    category=Category.VERSIONING,
    severity=Severity.WARNING,
    formats=[SpecFormat.GRAPHQL, SpecFormat.PROTOBUF],
)
def versioned_name(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Type and field names carry no version number (`ProductV2`, `productV2`).

    ## What it does
    Reports GraphQL types and fields, and protobuf messages and enums, whose names end a word
    with a version (`V2`, `v3`, `_v1`). `IPv4` and `OAuth2` are not versions.

    ## Why is this bad?
    A GraphQL schema evolves by adding fields and deprecating old ones, without versions; a
    protobuf API versions its package (`acme.shop.v2`), not its messages. `ProductV2` beside
    `Product` leaves clients to work out which one is current, forever.

    ## Example
    ```graphql
    type ProductV2 { id: ID! }
    ```

    ## Use instead
    ```graphql
    type Product { id: ID! @deprecated(reason: "Use sku.") sku: String! }
    ```
    """
    seen: set[Location] = set()
    for typedef in api.types:
        if typedef.kind in ("service", "scalar"):
            continue
        name = short_name(typedef.name)
        if has_version_number(name):
            yield Problem(typedef.name_location or typedef.location, f"type name '{name}' contains a version number")
        if api.format is not SpecFormat.GRAPHQL:
            continue
        for field in typedef.fields:
            if field.location not in seen and has_version_number(field.name):
                seen.add(field.location)
                yield Problem(field.location, f"field name '{field.name}' contains a version number")

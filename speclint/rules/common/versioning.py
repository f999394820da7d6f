"""Versions do not belong in GraphQL and protobuf type names."""

from __future__ import annotations

from typing import Iterator

from speclint.findings import Category, Severity
from speclint.model import Api, Location, SpecFormat
from speclint.rules.registry import Problem, RuleContext, rule
from speclint.rules.text import short_name, versioned_word


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
    with a version (`V2`, `v3`, `_v1`). `IPv4` and `OAuth2` are not versions. Each versioned
    word is reported once, where its type is defined (or at its first use): `ProjectV2`,
    `ProjectV2Item` and `projectV2` make one finding that counts the others.

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
    found: dict[str, list[tuple[str, str, Location]]] = {}  # versioned word -> (what, name, where)
    fields: list[tuple[str, str, Location]] = []
    seen: set[Location] = set()
    for typedef in api.types:
        if typedef.kind in ("service", "scalar"):
            continue
        name = short_name(typedef.name)
        word = versioned_word(name)
        if word:
            found.setdefault(word, []).append(("type name", name, typedef.name_location or typedef.location))
        if api.format is SpecFormat.GRAPHQL:
            for field in typedef.fields:
                if field.location not in seen and versioned_word(field.name):
                    seen.add(field.location)
                    fields.append(("field name", field.name, field.location))
    for entry in fields:  # types first: a versioned type is reported where it is defined
        found.setdefault(versioned_word(entry[1]), []).append(entry)
    for word, uses in found.items():
        what, name, where = min(uses, key=lambda use: use[1].lower() != word)
        others = f" (as do {len(uses) - 1} more names built on it)" if len(uses) > 1 else ""
        yield Problem(where, f"{what} '{name}' contains a version number{others}")

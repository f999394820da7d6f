"""GraphQL names that collide or stutter."""

from __future__ import annotations

from typing import Iterator

from speclint.findings import Category, Severity
from speclint.model import Api, SpecFormat
from speclint.rules.registry import Problem, RuleContext, rule


@rule(
    "graphql-enum-value-case-unique",
    category=Category.NAMING,
    severity=Severity.WARNING,
    formats=[SpecFormat.GRAPHQL],
)
def enum_value_case_unique(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Enum values differ in more than letter case.

    ## What it does
    Reports an enum value whose name equals an earlier value of the same enum when case is
    ignored (`ACTIVE` and `active`), at the later value.

    ## Why is this bad?
    Many clients and languages map enum values to case-normalised constants, where the two
    collide; readers cannot tell what the difference between them is meant to be.

    ## Example
    ```graphql
    enum Status { ACTIVE active }
    ```

    ## Use instead
    ```graphql
    enum Status { ACTIVE INACTIVE }
    ```
    """
    for typedef in api.types:
        if typedef.kind != "enum":
            continue
        seen: dict[str, str] = {}
        for value in typedef.enum_values:
            folded = value.name.casefold()
            if folded in seen:
                message = f"enum value '{typedef.name}.{value.name}' differs from '{seen[folded]}' only in case"
                yield Problem(value.location, message)
            else:
                seen[folded] = value.name


@rule(
    "graphql-field-type-prefix",
    category=Category.NAMING,
    severity=Severity.WARNING,
    formats=[SpecFormat.GRAPHQL],
)
def field_type_prefix(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Field names do not repeat their type's name.

    ## What it does
    Reports fields of object types, interfaces and input types whose name starts with the
    type's name, ignoring case, followed by a new word (`Dog.dogName`; not `Commit.committer`),
    at the field.

    ## Why is this bad?
    Clients always read a field through its type (`dog.dogName`); the prefix adds length
    without meaning, and the schema ends up with a mix of `dog.name` and `dog.dogName`.

    ## Example
    ```graphql
    type Dog {
      dogName: String
    }
    ```

    ## Use instead
    ```graphql
    type Dog {
      name: String
    }
    ```
    """
    for typedef in api.types:
        if typedef.kind not in ("object", "interface", "input"):
            continue
        prefix = typedef.name.casefold()
        size = len(prefix)
        for field in typedef.fields:
            rest = field.name[size:]
            if field.name.casefold().startswith(prefix) and rest and (rest[0].isupper() or rest[0] in "_0123456789"):
                yield Problem(field.location, f"field '{typedef.name}.{field.name}' repeats its type's name")

"""GraphQL names that collide or stutter."""

from __future__ import annotations

from typing import Iterator

from speclint.findings import Category, Severity
from speclint.model import Api, OperationKind, SpecFormat
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
    options={"whole_word": True},
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

    ## Options
    - `whole_word`: `true` (default) reports a prefix only when a new word follows it;
      `false` reports every field whose name starts with the type's name, ignoring case
      (`Commit.committer`, `Payout.payout`), as graphql-eslint's `no-typename-prefix` does.
    """
    whole_word = bool(ctx.option("whole_word"))
    for typedef in api.types:
        if typedef.kind not in ("object", "interface", "input"):
            continue
        prefix = typedef.name.casefold()
        size = len(prefix)
        for field in typedef.fields:
            rest = field.name[size:]
            new_word = bool(rest) and (rest[0].isupper() or rest[0] in "_0123456789")
            if field.name.casefold().startswith(prefix) and (new_word or not whole_word):
                yield Problem(field.location, f"field '{typedef.name}.{field.name}' repeats its type's name")


_KIND_WORDS = {"object": "Type", "enum": "Enum", "interface": "Interface", "union": "Union"}
_ROOT_WORDS = {OperationKind.READ: "Query", OperationKind.WRITE: "Mutation", OperationKind.STREAM: "Subscription"}


@rule(
    "graphql-type-name-affix",
    category=Category.NAMING,
    severity=Severity.WARNING,
    formats=[SpecFormat.GRAPHQL],
    options={"type_words": ["Type", "Enum", "Interface", "Union"], "query_prefixes": ["get"]},
)
def type_name_affix(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Names do not repeat what kind of thing they name (`UserType`, `StatusEnum`, `getUser`).

    ## What it does
    Reports object types whose name starts or ends with the word `Type`, enums with `Enum`,
    interfaces with `Interface` and unions with `Union` (the `type_words` option), at the
    name; and root fields that start or end with their root's word (`queryUser`,
    `createUserMutation`) or, on the query type, start with one of `query_prefixes`
    (`getUser`), at the field. These are graphql-eslint's `naming-convention` affixes in
    its `schema-recommended` configuration.

    ## Why is this bad?
    The schema already says what kind of thing each name is; the affix is noise in every
    query, generated type and error message, and schemas end up with both `User` and
    `UserType`. A query field is a noun: clients write `user(id:)`, not `getUser(id:)`.

    ## Example
    ```graphql
    type Query { getUser(id: ID!): UserType }
    type UserType { id: ID! }
    ```

    ## Use instead
    ```graphql
    type Query { user(id: ID!): User }
    type User { id: ID! }
    ```

    ## Options
    - `type_words`: `[Type, Enum, Interface, Union]` (default): the kind words checked.
    - `query_prefixes`: `[get]` (default): prefixes a query field may not have.
    """
    words = set(ctx.option("type_words") or ())
    for typedef in api.types:
        word = _KIND_WORDS.get(typedef.kind)
        if word is None or word not in words or typedef.name in (word, *_ROOT_WORDS.values()):
            continue
        where = typedef.name_location or typedef.location
        kind = "type" if typedef.kind == "object" else typedef.kind
        if _starts_with_word(typedef.name, word):
            yield Problem(where, f"{kind} '{typedef.name}' starts with '{word}'")
        elif typedef.name.endswith(word):
            yield Problem(where, f"{kind} '{typedef.name}' ends with '{word}'")
    prefixes = tuple(ctx.option("query_prefixes") or ())
    for operation in api.operations:
        root = _ROOT_WORDS.get(operation.kind)
        if root is None:
            continue
        name, where = operation.name, operation.name_location or operation.location
        forbidden = (root.lower(), *(prefixes if operation.kind is OperationKind.READ else ()))
        bad = [p for p in forbidden if _starts_with_word(name, p)]
        if bad:
            yield Problem(where, f"{root.lower()} field '{name}' starts with '{bad[0]}'")
        elif name.endswith(root) and name != root:
            yield Problem(where, f"{root.lower()} field '{name}' ends with '{root}'")


def _starts_with_word(name: str, word: str) -> bool:
    rest = name[len(word) :]
    return name.startswith(word) and bool(rest) and (rest[0].isupper() or rest[0] in "_0123456789")

"""Protobuf imports: used, and not public."""

from __future__ import annotations

from typing import Any, Iterator

from speclint.findings import Category, Severity
from speclint.model import Api, SpecFormat
from speclint.rules.protobuf.descriptors import (
    FILE_DEPENDENCY,
    defined_extensions,
    defined_names,
    files,
    known,
    location,
    referenced_names,
    used_extensions,
)
from speclint.rules.registry import Problem, RuleContext, rule


@rule(
    "protobuf-import-used",
    category=Category.STRUCTURE,
    severity=Severity.WARNING,
    formats=[SpecFormat.PROTOBUF],
)
def import_used(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Every import is used.

    ## What it does
    Reports an `import` none of whose messages, enums or extensions (nor those of the files it
    imports publicly) the file refers to, at the import. An import that defines custom
    options is used when the file sets one of them (`[(google.api.field_behavior) = REQUIRED]`).

    ## Why is this bad?
    Unused imports slow every build, add dependencies that generated code in some languages
    must carry, and hide which files really depend on which; protoc warns about them too.

    ## Example
    ```proto
    import "google/protobuf/timestamp.proto";

    message Book { string title = 1; }
    ```

    ## Use instead
    ```proto
    message Book { string title = 1; }
    ```
    """
    descriptors = known(api)
    for file in files(api):
        used = referenced_names(file.proto)
        options: set[tuple[str, int]] | None = None
        for index, dependency in enumerate(file.proto.dependency):
            if index in file.proto.weak_dependency or index in file.proto.public_dependency:
                continue  # a public import is for the importers (protobuf-import-no-public reports it)
            provided = _provided(dependency, descriptors, set())
            if provided is None or provided[0] & used:
                continue
            if provided[1]:
                options = used_extensions(file.proto) if options is None else options
                if provided[1] & options:
                    continue
            yield Problem(
                location(file, f'import "{dependency}"', (FILE_DEPENDENCY, index)),
                f"import '{dependency}' is not used",
            )


def _provided(
    name: str, descriptors: dict[str, Any], seen: set[str]
) -> tuple[set[str], set[tuple[str, int]]] | None:
    """Names and extensions (extended message, number) that importing ``name`` makes visible;
    None when it cannot be known."""
    proto = descriptors.get(name)
    if proto is None:
        return None
    seen.add(name)
    names, extensions = defined_names(proto), defined_extensions(proto)
    for index in proto.public_dependency:
        public = proto.dependency[index]
        if public in seen:
            continue
        inner = _provided(public, descriptors, seen)
        if inner is None:
            return None
        names |= inner[0]
        extensions |= inner[1]
    return names, extensions


@rule(
    "protobuf-import-no-public",
    category=Category.STRUCTURE,
    severity=Severity.WARNING,
    formats=[SpecFormat.PROTOBUF],
)
def import_no_public(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Imports are not `public`.

    ## What it does
    Reports each `import public`, at the import.

    ## Why is this bad?
    A public import re-exports another file's definitions: dependencies become invisible,
    moving a message breaks files that never named its new home, and several languages'
    generators (Go among them) do not support it well.

    ## Example
    ```proto
    import public "acme/shop/v1/book.proto";
    ```

    ## Use instead
    ```proto
    import "acme/shop/v1/book.proto";
    ```
    """
    for file in files(api):
        for index in file.proto.public_dependency:
            dependency = file.proto.dependency[index]
            yield Problem(
                location(file, f'import "{dependency}"', (FILE_DEPENDENCY, index)),
                f"import '{dependency}' is public",
            )

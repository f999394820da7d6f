"""Protobuf imports: used, and not public."""

from __future__ import annotations

from typing import Any, Callable, Iterator, TypeVar

from speclint.findings import Category, Severity
from speclint.model import Api, SpecFormat
from speclint.rules.protobuf.descriptors import (
    FILE_DEPENDENCY,
    defined_extensions,
    enclosing_names,
    files,
    known,
    location,
    referenced_names,
    sets_option,
    top_level_names,
)
from speclint.rules.registry import Problem, RuleContext, rule

_T = TypeVar("_T")


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
    exports = _Exports(known(api))
    for file in files(api):
        used = enclosing_names(referenced_names(file.proto))
        for index, dependency in enumerate(file.proto.dependency):
            if index in file.proto.weak_dependency or index in file.proto.public_dependency:
                continue  # a public import is for the importers (protobuf-import-no-public reports it)
            names = exports.names(dependency)
            if names is None or not names.isdisjoint(used):
                continue
            extensions = exports.extensions(dependency)
            if extensions and sets_option(file.proto, extensions):
                continue
            yield Problem(
                location(file, f'import "{dependency}"', (FILE_DEPENDENCY, index)),
                f"import '{dependency}' is not used",
            )


class _Exports:
    """What importing a file makes visible (its definitions and those of the files it imports
    publicly), worked out once per file for one API; None when it cannot be known."""

    def __init__(self, descriptors: dict[str, Any]) -> None:
        self._descriptors = descriptors
        self._names: dict[str, set[str] | None] = {}
        self._extensions: dict[str, set[tuple[str, int]]] = {}

    def names(self, name: str) -> set[str] | None:
        """The top-level names (see ``top_level_names``) that importing ``name`` makes visible."""
        if name not in self._names:
            self._names[name] = None  # protoc refuses import cycles; this only stops a loop
            self._names[name] = self._gather(name, top_level_names, self.names)
        return self._names[name]

    def extensions(self, name: str) -> set[tuple[str, int]]:
        """(extended message, field number) of the extensions importing ``name`` makes visible;
        only asked for a file whose names are known."""
        if name not in self._extensions:
            self._extensions[name] = set()
            self._extensions[name] = self._gather(name, defined_extensions, self.extensions) or set()
        return self._extensions[name]

    def _gather(
        self, name: str, own: Callable[[Any], set[_T]], public: Callable[[str], set[_T] | None]
    ) -> set[_T] | None:
        proto = self._descriptors.get(name)
        if proto is None:
            return None
        found = own(proto)
        for index in proto.public_dependency:
            inner = public(proto.dependency[index])
            if inner is None:
                return None
            found |= inner
        return found


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

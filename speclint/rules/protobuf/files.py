"""Protobuf file options that a package's files must agree on, and enum aliases."""

from __future__ import annotations

from typing import Any, Iterator

from speclint.findings import Category, Severity
from speclint.model import Api, SpecFormat
from speclint.rules.protobuf.descriptors import (
    ENUM_OPTIONS,
    ENUM_OPTIONS_ALLOW_ALIAS,
    FILE_OPTIONS,
    FILE_PACKAGE,
    ProtoFile,
    elements,
    files,
    location,
)
from speclint.rules.registry import Problem, RuleContext, rule

# FileOptions fields that every file of a package should set alike (buf's PACKAGE_SAME_*).
PACKAGE_OPTIONS = {
    "csharp_namespace": 37,
    "go_package": 11,
    "java_multiple_files": 10,
    "java_package": 1,
    "php_namespace": 41,
    "ruby_package": 45,
    "swift_prefix": 39,
}


@rule(
    "protobuf-package-options-agree",
    category=Category.STRUCTURE,
    severity=Severity.WARNING,
    formats=[SpecFormat.PROTOBUF],
    options={"options": sorted(PACKAGE_OPTIONS)},
)
def package_options_agree(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """The files of a package agree on their language options.

    ## What it does
    For each option of the `options` list (`go_package`, `java_package`,
    `java_multiple_files`, `csharp_namespace`, `php_namespace`, `ruby_package`,
    `swift_prefix`), reports every file of a package whose value differs from another file
    of the same package (a file that leaves it unset differs from one that sets it), at the
    option, or at the `package` statement when the file does not set it.

    ## Why is this bad?
    Generated code for one package must land in one namespace; files that disagree split the
    package over several Go packages or Java packages, and code that imports it breaks.

    ## Example
    ```proto
    // book.proto
    package acme.shop.v1;
    option go_package = "acme/shop/v1;shopv1";
    // shelf.proto
    package acme.shop.v1;
    option go_package = "acme/shop;shop";
    ```

    ## Use instead
    ```proto
    // book.proto and shelf.proto
    package acme.shop.v1;
    option go_package = "acme/shop/v1;shopv1";
    ```

    ## Options
    - `options`: the option names to compare (default: all seven).
    """
    proto_files = files(api)
    if len(proto_files) < 2:
        return
    wanted = ctx.option("options")
    names = [n for n in (wanted if isinstance(wanted, list) else PACKAGE_OPTIONS) if n in PACKAGE_OPTIONS]
    for name in names:
        values = {file.display: _value(file, name) for file in proto_files}
        if len(set(values.values())) < 2:
            continue
        shown = ", ".join(sorted({repr(v) if v is not None else "unset" for v in values.values()}))
        for file in proto_files:
            yield Problem(_where(file, name), f"files of package '{api.title}' set {name} differently ({shown})")


def _value(file: ProtoFile, name: str) -> Any:
    options = file.proto.options
    return getattr(options, name) if options.HasField(name) else None


def _where(file: ProtoFile, name: str) -> Any:
    if file.proto.options.HasField(name):
        return location(file, f"option {name}", (FILE_OPTIONS, PACKAGE_OPTIONS[name]))
    return location(file, file.proto.package, (FILE_PACKAGE,))


@rule(
    "protobuf-enum-no-alias",
    category=Category.DESIGN,
    severity=Severity.WARNING,
    formats=[SpecFormat.PROTOBUF],
)
def enum_no_alias(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Enums do not set `allow_alias`.

    ## What it does
    Reports `option allow_alias = true;` in an enum, at the option.

    ## Why is this bad?
    With aliases, two names share one number: JSON and text formats print only one of them,
    switch statements in generated code see duplicates, and renaming a value through an
    alias is better done with `deprecated` and `reserved`.

    ## Example
    ```proto
    enum Status {
      option allow_alias = true;
      STATUS_UNSPECIFIED = 0;
      STATUS_ACTIVE = 1;
      STATUS_ENABLED = 1;
    }
    ```

    ## Use instead
    ```proto
    enum Status {
      STATUS_UNSPECIFIED = 0;
      STATUS_ACTIVE = 1;
    }
    ```
    """
    for file in files(api):
        for element in elements(file, {"enum"}):
            if element.descriptor.options.allow_alias:
                path = (*element.path, ENUM_OPTIONS, ENUM_OPTIONS_ALLOW_ALIAS)
                where = location(file, f"{element.name}:allow_alias", path)
                yield Problem(where, f"enum '{element.name}' allows aliases")

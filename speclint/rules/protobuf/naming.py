"""Protobuf naming: RPCs, enum values, services, request and response messages, packages."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePosixPath
from typing import Any, Iterator

from speclint.findings import Category, Severity
from speclint.model import Api, Location, Operation, SpecFormat
from speclint.rules.casing import matches
from speclint.rules.protobuf.descriptors import FILE_PACKAGE, files, location
from speclint.rules.registry import Problem, RuleContext, rule
from speclint.rules.text import short_name, upper_snake

_PACKAGE = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*$")
_VERSION = re.compile(r"^v\d+(?:(?:alpha|beta|test)\d*)?(?:p\d+(?:alpha|beta)\d*)?$")  # buf's forms
_EMPTY = frozenset({"google.protobuf.Empty"})
_STANDARD_VERBS = frozenset({"Get", "Create", "Update", "Delete", "Undelete", "Patch", "Replace", "Restore"})


@rule("protobuf-rpc-name-casing", category=Category.NAMING, severity=Severity.WARNING, formats=[SpecFormat.PROTOBUF])
def rpc_name_casing(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """RPC names are PascalCase.

    ## What it does
    Reports RPCs whose name is not PascalCase (`get_user`, `getUser`).

    ## Why is this bad?
    The protobuf style guide and every generated stub expect PascalCase method names;
    other styles give stubs that look foreign in every language.

    ## Example
    ```proto
    service UserService { rpc get_user(GetUserRequest) returns (GetUserResponse); }
    ```

    ## Use instead
    ```proto
    service UserService { rpc GetUser(GetUserRequest) returns (GetUserResponse); }
    ```
    """
    for operation in api.operations:
        if not matches(operation.name, "PascalCase"):
            yield Problem(
                operation.name_location or operation.location, f"RPC name '{operation.name}' is not PascalCase"
            )


def _scoped_alone(typedef: Any, ctx: RuleContext) -> bool:
    """A nested enum that is its message's only enum: its values cannot collide with others.

    (The Google Ads pattern: ``message DistanceBucketEnum { enum DistanceBucket { ... } }``.)
    """
    package = str(typedef.extensions.get("package") or "")
    local = typedef.name[len(package) + 1 :] if package and typedef.name.startswith(package + ".") else typedef.name
    if "." not in local:
        return False
    return _enums_by_scope(ctx)[typedef.name.rsplit(".", 1)[0]] == 1


def _enums_by_scope(ctx: RuleContext) -> Counter[str]:
    """How many enums each scope (a message, or the package) of the API holds; counted once per API."""
    counts: Counter[str] | None = ctx.shared.get("protobuf-enums-by-scope")
    if counts is None:
        enums = (t.name.rsplit(".", 1)[0] for t in ctx.api.types if t.kind == "enum")
        counts = ctx.shared["protobuf-enums-by-scope"] = Counter(enums)
    return counts


@rule(
    "protobuf-enum-value-prefix",
    category=Category.NAMING,
    severity=Severity.WARNING,
    formats=[SpecFormat.PROTOBUF],
    options={"scoped_enums_exempt": True, "exact_prefix": False},
)
def enum_value_prefix(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Enum values are prefixed with the enum's name in UPPER_SNAKE_CASE.

    ## What it does
    Reports values of `enum PhoneType` that do not start with `PHONE_TYPE_`. An enum nested
    alone in a wrapper message (`message PhoneTypeEnum { enum PhoneType {...} }`) is scoped by
    that message and needs no prefix, unless `scoped_enums_exempt` is false (as in buf).

    ## Why is this bad?
    Enum values live in the scope of the enclosing message or package, not of the enum (C++
    scoping); without the prefix two enums of one package cannot both have `UNKNOWN`, and
    generated constants lose their context.

    ## Example
    ```proto
    enum PhoneType { PHONE_TYPE_UNSPECIFIED = 0; MOBILE = 1; }
    ```

    ## Use instead
    ```proto
    enum PhoneType { PHONE_TYPE_UNSPECIFIED = 0; PHONE_TYPE_MOBILE = 1; }
    ```

    ## Options
    - `scoped_enums_exempt`: `true` (default) lets an enum alone in a wrapper message go
      without the prefix.
    - `exact_prefix`: `false` (default) accepts the prefix with its underscores dropped
      (`OPERATIONTYPE_` for `OperationType`); `true` asks for `OPERATION_TYPE_`, as buf does.
    """
    scoped_exempt = ctx.option("scoped_enums_exempt") is not False
    exact_prefix = bool(ctx.option("exact_prefix"))
    for typedef in api.types:
        if typedef.kind != "enum" or (scoped_exempt and _scoped_alone(typedef, ctx)):
            continue
        words = upper_snake(short_name(typedef.name))
        prefix = words.replace("_", "")
        exact = words + "_" if exact_prefix else ""
        for value in typedef.enum_values:
            head = value.name.rsplit("_", 1)[0] if "_" in value.name else ""
            if not value.name.replace("_", "").startswith(prefix) or not head or not value.name.startswith(exact):
                yield Problem(value.location, f"enum value '{value.name}' is not prefixed with '{words}_'")


@rule(
    "protobuf-enum-zero-value",
    category=Category.NAMING,
    severity=Severity.WARNING,
    formats=[SpecFormat.PROTOBUF],
    options={"suffix": "UNSPECIFIED", "scoped_enums_exempt": True, "suffix_only": False},
)
def enum_zero_value(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """The zero value of an enum is `<ENUM>_UNSPECIFIED`.

    ## What it does
    Reports enums whose value numbered 0 is not named `<ENUM_NAME>_UNSPECIFIED` (plain
    `UNSPECIFIED` in an enum nested alone in a wrapper message, unless `scoped_enums_exempt`
    is false).

    ## Why is this bad?
    Zero is what a field holds when it was never set; giving that state a real meaning
    (`ACTIVE = 0`) makes "unset" and "active" impossible to tell apart.

    ## Example
    ```proto
    enum State { ACTIVE = 0; DELETED = 1; }
    ```

    ## Use instead
    ```proto
    enum State { STATE_UNSPECIFIED = 0; STATE_ACTIVE = 1; STATE_DELETED = 2; }
    ```

    ## Options
    - `suffix`: `UNSPECIFIED` (default), the last word of the zero value.
    - `scoped_enums_exempt`: `true` (default) accepts the bare suffix in an enum alone in a
      wrapper message.
    - `suffix_only`: `false` (default). `true` checks only that every value numbered 0
      (aliases too) ends with `suffix`, as buf's `ENUM_ZERO_VALUE_SUFFIX` does; a `buf.yaml`
      that uses that rule sets it.
    """
    raw_suffix = str(ctx.option("suffix") or "UNSPECIFIED")
    suffix = raw_suffix.strip("_")
    scoped_exempt = ctx.option("scoped_enums_exempt") is not False
    if ctx.option("suffix_only"):
        yield from _zero_value_suffix(api, raw_suffix)
        return
    for typedef in api.types:
        if typedef.kind != "enum":
            continue
        expected = upper_snake(short_name(typedef.name)) + "_" + suffix
        bare = {suffix.replace("_", "")} if scoped_exempt and _scoped_alone(typedef, ctx) else set()
        accepted = {expected.replace("_", "")} | bare
        for value in typedef.enum_values:
            if value.number == 0 and value.name.replace("_", "") not in accepted:
                yield Problem(
                    value.location, f"the zero value of {short_name(typedef.name)} is '{value.name}', not '{expected}'"
                )
                break


def _zero_value_suffix(api: Api, suffix: str) -> Iterator[Problem]:
    for typedef in api.types:
        for value in typedef.enum_values if typedef.kind == "enum" else ():
            if value.number == 0 and not value.name.endswith(suffix):
                message = f"the zero value '{value.name}' of {short_name(typedef.name)} does not end with '{suffix}'"
                yield Problem(value.location, message)


@rule(
    "protobuf-service-suffix",
    category=Category.NAMING,
    severity=Severity.WARNING,
    formats=[SpecFormat.PROTOBUF],
    options={"suffix": "Service"},
)
def service_suffix(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Service names end in `Service`.

    ## What it does
    Reports services whose name does not end with the `suffix` option.

    ## Why is this bad?
    The suffix keeps services apart from the messages of the same name (`Library` the
    resource, `LibraryService` the API) in generated code.

    ## Example
    ```proto
    service Users { rpc GetUser(GetUserRequest) returns (GetUserResponse); }
    ```

    ## Use instead
    ```proto
    service UserService { rpc GetUser(GetUserRequest) returns (GetUserResponse); }
    ```

    ## Options
    - `suffix`: `Service` (default).
    """
    suffix = str(ctx.option("suffix"))
    for typedef in api.types:
        if typedef.kind == "service" and not short_name(typedef.name).endswith(suffix):
            yield Problem(
                typedef.name_location or typedef.location,
                f"service '{short_name(typedef.name)}' does not end in '{suffix}'",
            )


def _io(operation: Operation, key: str) -> str:
    value: Any = operation.extensions.get(key)
    return str(value or "")


@rule(
    "protobuf-rpc-request-response",
    category=Category.NAMING,
    severity=Severity.WARNING,
    formats=[SpecFormat.PROTOBUF],
    options={"aip_responses": True, "requests": True, "responses": True},
)
def rpc_request_response(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """RPC `Foo` takes `FooRequest` and returns `FooResponse` (or the resource it reads).

    ## What it does
    Reports RPCs whose request message is not named `<Rpc>Request`, and whose response is
    neither `<Rpc>Response`, nor the resource of an AIP standard method (`GetBook`,
    `CreateBook`, `UpdateBook` return `Book`), nor `google.protobuf.Empty`, nor a
    long-running `Operation`, nor an IAM mixin message (`google.iam.v1.Policy`). With
    `aip_responses` false (as buf's `RPC_RESPONSE_STANDARD_NAME`), only `<Rpc>Response` is
    accepted.

    ## Why is this bad?
    Dedicated request and response messages can gain fields without breaking anything; an
    RPC that takes a shared message couples unrelated methods forever.

    ## Example
    ```proto
    rpc GetUser(UserId) returns (User);
    ```

    ## Use instead
    ```proto
    rpc GetUser(GetUserRequest) returns (GetUserResponse);
    ```

    ## Options
    - `aip_responses`: `true` (default) accepts the AIP responses above.
    - `requests`: `true` (default) checks request names.
    - `responses`: `true` (default) checks response names.
    """
    aip = ctx.option("aip_responses") is not False
    requests, responses = ctx.option("requests") is not False, ctx.option("responses") is not False
    for operation in api.operations:
        request, response = _io(operation, "input_type"), _io(operation, "output_type")
        at_request = operation.request_body.location if operation.request_body else operation.location
        at_response = operation.responses[0].location if operation.responses else operation.location
        if requests and request and short_name(request) != f"{operation.name}Request":
            yield Problem(
                at_request, f"RPC {operation.name} takes '{short_name(request)}', not '{operation.name}Request'"
            )
        if not responses or not response or short_name(response) == f"{operation.name}Response":
            continue
        if aip and response in _EMPTY:
            continue
        if aip and (short_name(response) == "Operation" or response.startswith("google.iam.v1.")):
            continue  # long-running operations; the IAM mixin methods
        verb = operation.name[: len(operation.name) - len(short_name(response))]
        if aip and operation.name.endswith(short_name(response)) and verb in _STANDARD_VERBS:
            continue  # AIP standard methods return the resource: GetBook returns Book
        yield Problem(
            at_response, f"RPC {operation.name} returns '{short_name(response)}', not '{operation.name}Response'"
        )


@rule("protobuf-package-casing", category=Category.NAMING, severity=Severity.WARNING, formats=[SpecFormat.PROTOBUF])
def package_casing(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Package names are lower case (`acme.shop.v1`).

    ## What it does
    Reports packages with upper-case letters or characters other than lower-case letters,
    digits, `_` and `.`, at the `package` statement of each of its files.

    ## Why is this bad?
    Package names become folders, Java packages and Go import paths; upper case breaks on
    case-insensitive file systems and reads as a type name.

    ## Example
    ```proto
    package Acme.Shop.V1;
    ```

    ## Use instead
    ```proto
    package acme.shop.v1;
    ```
    """
    package = api.package.name if api.package else ""
    if package and not _PACKAGE.match(package):
        for at in _package_statements(api):
            yield Problem(at, f"package '{package}' is not lower case")


def _package_statements(api: Api) -> tuple[Location, ...]:
    """The `package` statement of each of the package's files (buf reports each file)."""
    if api.package is not None and api.package.declarations:
        return api.package.declarations
    return (api.location,)


@rule(
    "protobuf-package-folder",
    category=Category.STRUCTURE,
    severity=Severity.WARNING,
    formats=[SpecFormat.PROTOBUF],
    options={"from_root": False},
)
def package_folder(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """The folder of a file matches its package (`acme/shop/v1/` holds `acme.shop.v1`).

    ## What it does
    Reports files whose folder path does not end with the package's parts as folders, at
    the `package` statement.

    ## Why is this bad?
    protoc, Buf and every code generator resolve imports by path; a file in the wrong folder
    forces custom include paths and breaks imports across repositories.

    ## Example
    ```text
    protos/shop.proto:   package acme.shop.v1;
    ```

    ## Use instead
    ```text
    protos/acme/shop/v1/shop.proto:   package acme.shop.v1;
    ```

    ## Options
    - `from_root`: `false` (default). `true` holds each file's path below its import root
      (its name in `import` statements) to exactly the package's folder, and reports every
      file of a package whose files lie in more than one folder, as buf's
      `PACKAGE_DIRECTORY_MATCH` and `PACKAGE_SAME_DIRECTORY` do; a `buf.yaml` that uses them
      sets it.
    """
    if api.package is None:
        return
    package = api.package.name
    expected = package.split(".")
    if ctx.option("from_root"):
        yield from _package_folder_from_root(api, package)
        return
    for at in api.package.declarations:
        folders = PurePosixPath(at.file.replace("\\", "/")).parent.parts
        if list(folders[-len(expected) :]) != expected:
            yield Problem(at, f"file {at.file} of package '{package}' is not in a folder {'/'.join(expected)}/")


def _package_folder_from_root(api: Api, package: str) -> Iterator[Problem]:
    proto_files = files(api)
    folders = {str(PurePosixPath(f.proto.name).parent) for f in proto_files}
    expected = package.replace(".", "/")
    for file in proto_files:
        at = location(file, package, (FILE_PACKAGE,))
        folder = str(PurePosixPath(file.proto.name).parent)
        if folder != expected:
            yield Problem(at, f"file {file.proto.name} of package '{package}' is not in the folder {expected}/")
        elif len(folders) > 1:
            yield Problem(at, f"the files of package '{package}' are in {len(folders)} folders")


@rule(
    "protobuf-package-version", category=Category.VERSIONING, severity=Severity.WARNING, formats=[SpecFormat.PROTOBUF]
)
def package_version(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """The package ends in a version (`v1`, `v1beta1`, `v2alpha`, `v1test2`).

    ## What it does
    Reports packages whose last part is not a version, at the `package` statement of each
    of its files.

    ## Why is this bad?
    The package version is how a protobuf API ships a breaking change side by side with
    the old one; a package without one has no way to do so.

    ## Example
    ```proto
    package acme.shop;
    ```

    ## Use instead
    ```proto
    package acme.shop.v1;
    ```
    """
    package = api.package.name if api.package else ""
    if package and not _VERSION.match(package.rsplit(".", 1)[-1]):
        for at in _package_statements(api):
            yield Problem(at, f"package '{package}' does not end in a version such as v1")

"""Auth options on RPCs."""

from __future__ import annotations

import re
from typing import Iterator

from speclint.findings import Category, Severity
from speclint.model import Api, OperationKind, SpecFormat
from speclint.rules.registry import Problem, RuleContext, rule

_WRITE = re.compile(r"^(?:Create|Update|Delete|Set|Remove|Add|Patch|Put|Insert|Upsert)(?![a-z])")


@rule(
    "protobuf-rpc-auth",
    category=Category.AUTH,
    severity=Severity.WARNING,
    formats=[SpecFormat.PROTOBUF],
    options={"writes_only": False},
)
def rpc_auth(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """When RPCs carry an auth option, every RPC has one.

    ## What it does
    Once any RPC or service of the package carries an auth-related option (an option whose
    name contains `auth`, `security`, `scope`, `permission`, `policy` or `iam`; configurable
    with the ruleset setting `protobuf_auth_options`), reports the RPCs without one. Writes
    (`Create`, `Update`, `Delete`, `Set`... prefixes) matter most; `writes_only: true` limits
    the rule to them.

    ## Why is this bad?
    In a package that declares authorization per RPC, an RPC without a declaration is almost
    always an oversight, and an unguarded write lets anyone change data.

    ## Example
    ```proto
    service BookService {
      rpc GetBook(GetBookRequest) returns (Book) { option (acme.auth).scopes = "books.read"; }
      rpc DeleteBook(DeleteBookRequest) returns (google.protobuf.Empty);
    }
    ```

    ## Use instead
    ```proto
    service BookService {
      rpc GetBook(GetBookRequest) returns (Book) { option (acme.auth).scopes = "books.read"; }
      rpc DeleteBook(DeleteBookRequest) returns (google.protobuf.Empty) { option (acme.auth).scopes = "books.write"; }
    }
    ```

    ## Options
    - `writes_only`: `false` (default); `true` reports only writes.
    """
    if not any(o.security.requirements for o in api.operations):
        return
    writes_only = bool(ctx.option("writes_only"))
    for operation in api.operations:
        if operation.security.requirements:
            continue
        is_write = bool(_WRITE.match(operation.name)) or operation.kind is OperationKind.WRITE
        if writes_only and not is_write:
            continue
        what = "write RPC" if is_write else "RPC"
        yield Problem(
            operation.name_location or operation.location, f"{what} {operation.display_name} has no auth option"
        )

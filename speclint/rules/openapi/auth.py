"""OpenAPI auth declarations: every operation secured or explicitly public; public writes."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Iterator

from speclint.findings import Category, Severity
from speclint.model import Api, SpecFormat
from speclint.rules.registry import Problem, RuleContext, rule

_PUBLIC_BY_NATURE = [
    "login",
    "logout",
    "signin",
    "signup",
    "signout",
    "register",
    "registration",
    "token",
    "oauth",
    "auth",
    "authenticate",
    "password",
    "webhook",
    "callback",
    "health",
    "verify",
    "verification",
]
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def _words(text: str) -> list[str]:
    words = [w.lower() for w in _WORD.findall(text)]
    joined = [a + b for a, b in pairwise(words)]  # "log in", "sign up"
    return [w.rstrip("s") if w.endswith("s") and len(w) > 4 else w for w in words + joined]


@rule(
    "openapi-operation-security",
    category=Category.AUTH,
    severity=Severity.WARNING,
    formats=[SpecFormat.OPENAPI],
)
def operation_security(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Every operation is secured (its own `security` or the global one) or explicitly public.

    ## What it does
    Reports operations that have no security requirement of their own and none inherited
    from the document's `security`. An operation with `security: []` is explicitly public and
    accepted. When the document declares no security anywhere, it is reported once, at its
    root, instead of once per operation.

    ## Why is this bad?
    Without a declaration nobody can tell whether the operation is public on purpose or its
    authentication was forgotten; clients send no credentials and security reviews have
    nothing to check against.

    ## Example
    ```yaml
    paths:
      /items:
        get:
          responses: {"200": {description: OK}}
    ```

    ## Use instead
    ```yaml
    security:
      - bearerAuth: []
    paths:
      /items:
        get:
          responses: {"200": {description: OK}}
      /health:
        get:
          security: []
          responses: {"200": {description: OK}}
    ```
    """
    unsecured = [o for o in api.operations if o.security.declared_on == "none"]
    if not unsecured:
        return
    if len(unsecured) == len(api.operations) and not api.security_schemes:
        yield Problem(api.location, "no operation declares security, and no security scheme is defined")
        return
    for operation in unsecured:
        yield Problem(operation.location, f"{operation.display_name} declares no security and is not marked public")


@rule(
    "openapi-public-write",
    category=Category.AUTH,
    severity=Severity.WARNING,
    formats=[SpecFormat.OPENAPI],
    options={"allow": _PUBLIC_BY_NATURE},
)
def public_write(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """A public write operation (POST, PUT, PATCH, DELETE with `security: []`) is flagged.

    ## What it does
    Reports write operations whose security makes authentication optional or absent
    (`security: []`, or a `{}` requirement). Operations whose path or operationId matches
    the `allow` pattern (log in, sign up, tokens, password resets, webhooks) are public by
    nature and accepted.

    ## Why is this bad?
    An unauthenticated write lets anyone change the API's data; when it is intended it
    deserves a second look, and when it is not it is a security hole.

    ## Example
    ```yaml
    /items:
      post:
        security: []
    ```

    ## Use instead
    ```yaml
    /items:
      post:
        security:
          - bearerAuth: [items:write]
    ```

    ## Options
    - `allow`: words that make a path or operationId public by nature (`login`,
      `signup`, `token`, `password`, `webhook`, ...).
    """
    allow = {str(w).lower() for w in ctx.option("allow")}
    for operation in api.operations:
        if operation.method not in ("POST", "PUT", "PATCH", "DELETE"):
            continue
        if operation.security.declared_on == "none" or not operation.security.is_public:
            continue
        if allow.intersection(_words(f"{operation.path} {operation.name}")):
            continue
        yield Problem(operation.location, f"{operation.display_name} is a write operation open to anyone")

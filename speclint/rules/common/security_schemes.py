"""Security requirements name schemes that exist, with scopes that exist."""

from __future__ import annotations

from typing import Iterator

from speclint.findings import Category, Severity
from speclint.model import Api, SpecFormat
from speclint.rules.registry import Problem, RuleContext, rule


@rule(
    "security-scheme-defined",
    category=Category.AUTH,
    severity=Severity.ERROR,
    formats=[SpecFormat.OPENAPI],
)
def security_scheme_defined(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Security requirements name defined security schemes.

    ## What it does
    Checks that every scheme named in a security requirement (global or per operation) is
    defined under `components.securitySchemes` (`securityDefinitions` in Swagger 2.0).

    ## Why is this bad?
    A requirement that names an undefined scheme tells clients nothing about how to
    authenticate; generated clients send no credentials and gateways reject the document.

    ## Example
    ```yaml
    security:
      - oauth: [items:read]
    components:
      securitySchemes:
        bearerAuth: {type: http, scheme: bearer}
    ```

    ## Use instead
    ```yaml
    security:
      - bearerAuth: []
    components:
      securitySchemes:
        bearerAuth: {type: http, scheme: bearer}
    ```
    """
    defined = {scheme.name for scheme in api.security_schemes}
    reported: set[tuple[str, str]] = set()
    for operation in api.operations:
        for requirement in operation.security.requirements:
            for use in requirement.schemes:
                key = (use.location.file, use.location.pointer)
                if use.scheme not in defined and key not in reported:
                    reported.add(key)
                    yield Problem(use.location, f"security scheme '{use.scheme}' is not defined")


@rule(
    "security-scopes-defined",
    category=Category.AUTH,
    severity=Severity.ERROR,
    formats=[SpecFormat.OPENAPI],
)
def security_scopes_defined(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """OAuth 2 scopes named by a requirement exist in their scheme.

    ## What it does
    For requirements that name an OAuth 2 scheme, checks that every requested scope is
    declared in one of the scheme's flows.

    ## Why is this bad?
    A client cannot obtain a scope that the authorization server does not know; the
    operation becomes impossible to call.

    ## Example
    ```yaml
    security:
      - oauth: [items:delete]
    components:
      securitySchemes:
        oauth:
          type: oauth2
          flows:
            clientCredentials:
              tokenUrl: https://auth.example.com/token
              scopes: {items:read: Read items}
    ```

    ## Use instead
    ```yaml
    security:
      - oauth: [items:read]
    ```
    """
    reported: set[tuple[str, str]] = set()
    for operation in api.operations:
        for requirement in operation.security.requirements:
            for use in requirement.schemes:
                scheme = api.scheme(use.scheme)
                if scheme is None or scheme.kind != "oauth2":
                    continue
                for scope in use.scopes:
                    key = (use.location.pointer, scope)
                    if scope not in scheme.scopes and key not in reported:
                        reported.add(key)
                        yield Problem(
                            use.location, f"scope '{scope}' is not defined in scheme '{use.scheme}'"
                        )

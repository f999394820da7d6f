"""Security weaknesses in how an OpenAPI document authenticates."""

from __future__ import annotations

from typing import Iterator
from urllib.parse import urlsplit

from speclint.findings import Category, Severity
from speclint.model import Api, SpecFormat
from speclint.rules.registry import Problem, RuleContext, rule

_LOCAL = frozenset({"localhost", "127.0.0.1", "::1", "0.0.0.0"})


@rule("security-http-basic", category=Category.SECURITY, severity=Severity.WARNING, formats=[SpecFormat.OPENAPI])
def http_basic(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """HTTP Basic authentication is not used.

    ## What it does
    Reports security schemes of type `http` with scheme `basic` (`basic` in Swagger 2.0).

    ## Why is this bad?
    Basic auth sends a reusable password with every request, base64-encoded, not encrypted;
    it cannot be scoped, expired or revoked without changing the password.

    ## Example
    ```yaml
    securitySchemes:
      basicAuth: {type: http, scheme: basic}
    ```

    ## Use instead
    ```yaml
    securitySchemes:
      bearerAuth: {type: http, scheme: bearer}
    ```
    """
    for scheme in api.security_schemes:
        if scheme.kind == "http" and scheme.scheme == "basic":
            yield Problem(scheme.location, f"security scheme '{scheme.name}' uses HTTP Basic authentication")


@rule("security-api-key-in-query", category=Category.SECURITY, severity=Severity.WARNING, formats=[SpecFormat.OPENAPI])
def api_key_in_query(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """API keys are not passed in the query string.

    ## What it does
    Reports `apiKey` security schemes with `in: query`.

    ## Why is this bad?
    URLs end up in server logs, proxy logs, browser history and `Referer` headers; a key in
    the query string leaks to all of them.

    ## Example
    ```yaml
    securitySchemes:
      key: {type: apiKey, in: query, name: api_key}
    ```

    ## Use instead
    ```yaml
    securitySchemes:
      key: {type: apiKey, in: header, name: X-Api-Key}
    ```
    """
    for scheme in api.security_schemes:
        if scheme.kind == "apiKey" and scheme.place == "query":
            yield Problem(scheme.location, f"security scheme '{scheme.name}' passes the API key in the query string")


@rule("security-oauth-legacy-flow", category=Category.SECURITY, severity=Severity.WARNING, formats=[SpecFormat.OPENAPI])
def oauth_legacy_flow(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """OAuth 2 implicit and password flows are not used.

    ## What it does
    Reports OAuth 2 schemes that offer the `implicit` or `password` flow.

    ## Why is this bad?
    The OAuth 2.0 Security Best Current Practice (RFC 9700) deprecates both: the implicit
    flow leaks tokens through redirects, and the password flow hands the user's password to
    the client. Use the authorization code flow with PKCE, or client credentials.

    ## Example
    ```yaml
    oauth:
      type: oauth2
      flows:
        implicit:
          authorizationUrl: https://auth.example.com/authorize
          scopes: {}
    ```

    ## Use instead
    ```yaml
    oauth:
      type: oauth2
      flows:
        authorizationCode:
          authorizationUrl: https://auth.example.com/authorize
          tokenUrl: https://auth.example.com/token
          scopes: {}
    ```
    """
    for scheme in api.security_schemes:
        if scheme.kind != "oauth2":
            continue
        for flow in scheme.flows:
            if flow.name in ("implicit", "password"):
                yield Problem(flow.location, f"security scheme '{scheme.name}' offers the deprecated {flow.name} flow")


@rule("security-plain-http-server", category=Category.SECURITY, severity=Severity.WARNING, formats=[SpecFormat.OPENAPI])
def plain_http_server(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """A secured API is not served over plain `http`.

    ## What it does
    When the document defines security schemes or requirements, reports server URLs (and
    Swagger 2.0 `schemes: [http]`) that use `http://`, except for localhost.

    ## Why is this bad?
    Credentials and tokens sent over plain HTTP can be read and replayed by anyone on the
    path between client and server.

    ## Example
    ```yaml
    servers:
      - url: http://api.example.com/v1
    ```

    ## Use instead
    ```yaml
    servers:
      - url: https://api.example.com/v1
    ```
    """
    secured = bool(api.security_schemes) or any(o.security.requirements for o in api.operations)
    if not secured:
        return
    for server in api.servers:
        try:
            parts = urlsplit(server.url)
            host = parts.hostname or ""
        except ValueError:  # not a URL at all ("http://[x"): the structure check reports it
            continue
        if parts.scheme == "http" and host not in _LOCAL:
            yield Problem(server.location, f"server '{server.url}' uses plain http on a secured API")

"""OpenAPI status-code discipline: success and error responses, bodies, valid codes."""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from speclint.findings import Category, Severity
from speclint.model import Api, Location, Operation, SpecFormat
from speclint.rules.registry import Problem, RuleContext, rule

_VALID = re.compile(r"^(?:[1-5]\d\d|[1-5]XX|default)$")
_CREATE = re.compile(r"^(?:[Cc]reate|[Aa]dd|[Ii]nsert|[Rr]egister|CREATE|ADD)(?![a-z])")
_CREATE_SUMMARY = re.compile(r"^(create|add|insert|register)\b", re.IGNORECASE)


def _statuses(operation: Operation) -> set[str]:
    return {r.status for r in operation.responses}


def _has(statuses: set[str], *codes: str) -> bool:
    return any(code in statuses for code in codes)


def _has_class(statuses: set[str], digit: str) -> bool:
    return any(s[:1] == digit and (s[1:].isdigit() or s[1:] == "XX") for s in statuses)


def _responses_at(operation: Operation) -> Location:
    return operation.location.child("responses")


@rule(
    "openapi-success-response",
    category=Category.STATUS_CODES,
    severity=Severity.WARNING,
    formats=[SpecFormat.OPENAPI],
)
def success_response(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Every operation documents a 2xx or 3xx response.

    ## What it does
    Reports operations whose `responses` have no `2xx`/`3xx` code (nor `2XX`/`3XX`).

    ## Why is this bad?
    Clients and generators need to know what success looks like; without it an SDK method
    has no return type and contract tests cannot tell success from failure.

    ## Example
    ```yaml
    get:
      responses:
        "404": {description: Not found}
    ```

    ## Use instead
    ```yaml
    get:
      responses:
        "200": {description: The item}
        "404": {description: Not found}
    ```
    """
    for operation in api.operations:
        statuses = _statuses(operation)
        if not (_has_class(statuses, "2") or _has_class(statuses, "3")):
            yield Problem(_responses_at(operation), f"{operation.display_name} has no 2xx or 3xx response")


@rule(
    "openapi-client-error-response",
    category=Category.STATUS_CODES,
    severity=Severity.WARNING,
    formats=[SpecFormat.OPENAPI],
)
def client_error_response(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Every operation documents at least one 4xx response (or a `default` error response).

    ## What it does
    Reports operations with no `4xx`, `4XX` or `default` response.

    ## Why is this bad?
    Every operation can fail because of its caller: bad input, missing rights, a missing
    resource. Undocumented errors have no schema, so clients cannot handle them.

    ## Example
    ```yaml
    post:
      responses:
        "201": {description: Created}
    ```

    ## Use instead
    ```yaml
    post:
      responses:
        "201": {description: Created}
        "400": {description: Invalid item}
    ```
    """
    for operation in api.operations:
        statuses = _statuses(operation)
        if not (_has_class(statuses, "4") or "default" in statuses):
            yield Problem(_responses_at(operation), f"{operation.display_name} documents no 4xx response")


@rule(
    "openapi-auth-error-responses",
    category=Category.STATUS_CODES,
    severity=Severity.WARNING,
    formats=[SpecFormat.OPENAPI],
)
def auth_error_responses(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """A secured operation documents 401, and 403 when it asks for scopes.

    ## What it does
    For operations that require authentication (their own `security` or the global one, and
    not optional), requires a `401` response; when a requirement names OAuth 2 / OpenID
    Connect scopes, a `403` too. `4XX` counts for both.

    ## Why is this bad?
    Expired tokens and missing rights are the most common failures of a secured API; clients
    that do not know the shape of those responses crash on them instead of re-authenticating.

    ## Example
    ```yaml
    get:
      security: [{oauth: [items:read]}]
      responses:
        "200": {description: OK}
    ```

    ## Use instead
    ```yaml
    get:
      security: [{oauth: [items:read]}]
      responses:
        "200": {description: OK}
        "401": {description: Not authenticated}
        "403": {description: Missing the items:read scope}
    ```
    """
    for operation in api.operations:
        security = operation.security
        if not security.requirements or security.is_public:
            continue
        statuses = _statuses(operation)
        if "4XX" in statuses:
            continue
        missing = [] if "401" in statuses else ["401"]
        scoped = any(use.scopes for req in security.requirements for use in req.schemes)
        if scoped and "403" not in statuses:
            missing.append("403")
        if missing:
            yield Problem(
                _responses_at(operation),
                f"secured operation {operation.display_name} does not document {' and '.join(missing)}",
            )


@rule(
    "openapi-not-found-response",
    category=Category.STATUS_CODES,
    severity=Severity.WARNING,
    formats=[SpecFormat.OPENAPI],
)
def not_found_response(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """An operation with path parameters documents 404.

    ## What it does
    Reports operations that take a path parameter (`/items/{itemId}`) but have no `404`
    (nor `4XX`) response.

    ## Why is this bad?
    A path parameter names a resource that may not exist; clients need to know how the API
    says so, and contract tests that try an unknown id need the response documented.

    ## Example
    ```yaml
    /items/{itemId}:
      get:
        responses:
          "200": {description: The item}
    ```

    ## Use instead
    ```yaml
    /items/{itemId}:
      get:
        responses:
          "200": {description: The item}
          "404": {description: No such item}
    ```
    """
    for operation in api.operations:
        if not any(p.place == "path" for p in operation.parameters):
            continue
        statuses = _statuses(operation)
        if not _has(statuses, "404", "4XX"):
            yield Problem(
                _responses_at(operation), f"{operation.display_name} takes path parameters but documents no 404"
            )


@rule(
    "openapi-no-body-status",
    category=Category.STATUS_CODES,
    severity=Severity.ERROR,
    formats=[SpecFormat.OPENAPI],
)
def no_body_status(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """204 and 304 responses have no body.

    ## What it does
    Reports `204` and `304` responses (and `1xx`) that declare content.

    ## Why is this bad?
    HTTP forbids a body on these responses (RFC 9110); clients and proxies drop it, so a
    documented body can never arrive.

    ## Example
    ```yaml
    "204":
      description: Deleted
      content:
        application/json:
          schema: {type: object}
    ```

    ## Use instead
    ```yaml
    "204":
      description: Deleted
    ```
    """
    seen: set[Location] = set()
    for operation in api.operations:
        for response in operation.responses:
            if (response.status in ("204", "304") or response.status.startswith("1")) and response.has_body:
                at = response.media_types[0].location
                if at not in seen:
                    seen.add(at)
                    yield Problem(at, f"a {response.status} response has no body, but content is declared")


@rule(
    "openapi-status-code-valid",
    category=Category.STATUS_CODES,
    severity=Severity.ERROR,
    formats=[SpecFormat.OPENAPI],
)
def status_code_valid(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Response codes are valid: 100-599, `1XX`-`5XX`, or `default`.

    ## What it does
    Reports response keys that are not a three-digit code from 100 to 599, a range written
    in upper case (`4XX`), or `default`.

    ## Why is this bad?
    Codes such as `600`, `20` or `2xx` are not HTTP status codes (ranges must be upper case);
    tools ignore those responses or reject the document.

    ## Example
    ```yaml
    responses:
      "2xx": {description: OK}
    ```

    ## Use instead
    ```yaml
    responses:
      "2XX": {description: OK}
    ```
    """
    for operation in api.operations:
        for response in operation.responses:
            if not _VALID.match(response.status):
                yield Problem(response.location, f"'{response.status}' is not a valid response code")


_ERROR = re.compile(r"^(?:[45]\d\d|[45]XX|default)$")


@rule(
    "openapi-error-schema-consistent",
    category=Category.STATUS_CODES,
    severity=Severity.WARNING,
    formats=[SpecFormat.OPENAPI],
)
def error_schema_consistent(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Error responses share one error schema (RFC 9457 `application/problem+json` recommended).

    ## What it does
    Collects the named schemas of the 4xx, 5xx and `default` responses that have a body and
    reports the first use of each schema that differs from the one most error responses use.
    Inline error schemas are not compared.

    ## Why is this bad?
    Clients handle errors in one place; when each operation fails in its own shape, error
    handling becomes per-endpoint code. RFC 9457 (problem details) is a ready-made shape.

    ## Example
    ```yaml
    "404":
      content:
        application/json:
          schema: {$ref: '#/components/schemas/NotFound'}
    "400":
      content:
        application/json:
          schema: {$ref: '#/components/schemas/ValidationFailure'}
    ```

    ## Use instead
    ```yaml
    "404":
      content:
        application/problem+json:
          schema: {$ref: '#/components/schemas/Problem'}
    "400":
      content:
        application/problem+json:
          schema: {$ref: '#/components/schemas/Problem'}
    ```
    """
    uses: list[tuple[str, Location]] = []
    for operation in api.operations:
        for response in operation.responses:
            if not _ERROR.match(response.status):
                continue
            names = {m.schema.type_name for m in response.media_types if m.schema and m.schema.type_name}
            for name in sorted(names):
                uses.append((name, response.location))
    counted = Counter(name for name, _ in uses)
    if len(counted) < 2:
        return
    main = counted.most_common(1)[0][0]
    reported: set[str] = set()
    for name, location in uses:
        if name != main and name not in reported:
            reported.add(name)
            yield Problem(
                location,
                f"error schema '{name}' differs from '{main}', used by most error responses ({counted[name]} uses)",
            )


@rule(
    "openapi-no-request-body-on-read",
    category=Category.STATUS_CODES,
    severity=Severity.WARNING,
    formats=[SpecFormat.OPENAPI],
)
def no_request_body_on_read(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """GET, HEAD and DELETE take no request body.

    ## What it does
    Reports a `requestBody` (a `body` or `formData` parameter in Swagger 2.0) on GET, HEAD
    and DELETE operations.

    ## Why is this bad?
    HTTP gives such a body no meaning (RFC 9110); proxies, caches and many client libraries
    drop it, so the request that arrives is not the one that was sent.

    ## Example
    ```yaml
    get:
      requestBody:
        content:
          application/json:
            schema: {type: object}
    ```

    ## Use instead
    ```yaml
    get:
      parameters:
        - {name: filter, in: query, schema: {type: string}}
    ```
    """
    for operation in api.operations:
        if operation.method in ("GET", "HEAD", "DELETE") and operation.request_body is not None:
            yield Problem(operation.request_body.location, f"{operation.display_name} has a request body")


@rule(
    "openapi-create-returns-201",
    category=Category.STATUS_CODES,
    severity=Severity.WARNING,
    formats=[SpecFormat.OPENAPI],
)
def create_returns_201(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """A POST that creates something returns 201 Created.

    ## What it does
    For POST operations whose operationId or summary says they create (`createItem`,
    `addMember`, "Create an item") and that document a 2xx response, requires `201` (`202`
    Accepted for asynchronous creation and `204` for events that leave no resource are fine).

    ## Why is this bad?
    `201` tells clients that a resource now exists and where (`Location`); a `200` leaves
    them guessing whether anything was created.

    ## Example
    ```yaml
    post:
      operationId: createItem
      responses:
        "200": {description: Created}
    ```

    ## Use instead
    ```yaml
    post:
      operationId: createItem
      responses:
        "201": {description: Created}
    ```
    """
    for operation in api.operations:
        if operation.method != "POST":
            continue
        if not (_CREATE.match(operation.name or "") or _CREATE_SUMMARY.match(operation.summary or "")):
            continue
        statuses = _statuses(operation)
        if _has_class(statuses, "2") and not _has(statuses, "201", "202", "204", "2XX"):
            yield Problem(_responses_at(operation), f"{operation.display_name} creates but does not return 201")

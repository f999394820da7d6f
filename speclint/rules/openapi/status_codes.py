"""OpenAPI status-code discipline: success and error responses, bodies, valid codes."""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator, NamedTuple

from speclint.findings import Category, Severity
from speclint.model import Api, Location, Operation, Schema, SpecFormat
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


_CLIENT = "openapi-client-error-response"
_AUTH = "openapi-auth-error-responses"
_NOT_FOUND = "openapi-not-found-response"


class _Missing(NamedTuple):
    """The error responses an operation lacks, and which status-code rule reports them all."""

    owner: str
    codes: tuple[str, ...]


def _missing_errors(operation: Operation) -> _Missing | None:
    """What an operation's error responses lack; None when nothing is, or when a ``default``
    (or ``4XX``) response documents its errors. One operation gets one finding: from
    client-error-response when it documents no 4xx at all, else from auth-error-responses when
    401 or 403 is missing, else from not-found-response."""
    statuses = _statuses(operation)
    if "default" in statuses or "4XX" in statuses:
        return None
    codes: list[str] = []
    security = operation.security
    if security.requirements and not security.is_public:
        if "401" not in statuses:
            codes.append("401")
        if "403" not in statuses and any(use.scopes for req in security.requirements for use in req.schemes):
            codes.append("403")
    auth = bool(codes)
    if any(p.place == "path" for p in operation.parameters) and "404" not in statuses:
        codes.append("404")
    if not _has_class(statuses, "4") and not _is_health_check(operation):
        return _Missing(_CLIENT, tuple(codes))
    if auth:
        return _Missing(_AUTH, tuple(codes))
    return _Missing(_NOT_FOUND, tuple(codes)) if codes else None


def _is_health_check(operation: Operation) -> bool:
    """A GET with no parameters, no body and no security: nothing a caller can get wrong."""
    return (
        operation.method == "GET"
        and not operation.parameters
        and operation.request_body is None
        and (not operation.security.requirements or operation.security.is_public)
    )


def _listed(codes: tuple[str, ...]) -> str:
    return codes[0] if len(codes) == 1 else f"{', '.join(codes[:-1])} or {codes[-1]}"


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
    Reports operations with no `4xx`, `4XX` or `default` response, except health checks (a
    GET with no parameters, no body and no security). An operation gets at most one
    status-code finding: when it also lacks the 401, 403 or 404 that
    `openapi-auth-error-responses` and `openapi-not-found-response` ask for, this finding
    lists them (`documents no 4xx response (no 401 or 404)`) and those rules stay quiet.

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
        missing = _missing_errors(operation)
        if missing is not None and missing.owner == _CLIENT:
            also = f" (no {_listed(missing.codes)})" if missing.codes else ""
            yield Problem(_responses_at(operation), f"{operation.display_name} documents no 4xx response{also}")


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
    Connect scopes, a `403` too. A `4XX` or `default` response documents both. The finding
    also lists a missing `404` (`documents no 401, 403 or 404`), so that an operation gets at
    most one status-code finding; an operation with no 4xx response at all is reported by
    `openapi-client-error-response` instead.

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
        missing = _missing_errors(operation)
        if missing is not None and missing.owner == _AUTH:
            yield Problem(
                _responses_at(operation),
                f"secured operation {operation.display_name} documents no {_listed(missing.codes)}",
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
    response (nor a `4XX` or `default` one). An operation with no 4xx response at all, or
    a secured one missing 401 or 403 too, gets a single finding from
    `openapi-client-error-response` or `openapi-auth-error-responses` that lists the 404.

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
        missing = _missing_errors(operation)
        if missing is not None and missing.owner == _NOT_FOUND:
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
    and DELETE operations, unless every schema of the body is empty (no schema, `{}`, or
    an object with no properties): such a body documents nothing a client would send.

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
        body = operation.request_body
        if operation.method in ("GET", "HEAD", "DELETE") and body is not None:
            if not all(_is_empty(m.schema) for m in body.media_types):
                yield Problem(body.location, f"{operation.display_name} has a request body")


_ANNOTATIONS = frozenset({"type", "description", "title", "example", "examples", "nullable", "additionalProperties"})


def _is_empty(schema: Schema | None) -> bool:
    """No schema, ``{}``, or an object schema that declares no property."""
    if schema is None or schema.raw is None:
        return True
    raw = schema.raw
    return (
        raw.get("type", "object") == "object"
        and set(raw) <= _ANNOTATIONS
        and raw.get("additionalProperties", True) in (True, {})
    )


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

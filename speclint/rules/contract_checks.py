"""Documentation for the checks ``speclint fuzz`` reports, so ``rules`` and ``explain`` know them.

The checks run in ``speclint.fuzz`` (imported only by ``fuzz``); their ids and documentation
live here, with every other id speclint can print. A test holds this list to ``fuzz``'s own.
"""

from __future__ import annotations

import inspect

from speclint.findings import Category, Severity
from speclint.rules.registry import ALL_FORMATS, Kind, RuleSpec, register

_DOCS = {
    "server-error": (
        Category.STATUS_CODES,
        '''
        The server failed on a request: a 5xx status, a GraphQL error, or a gRPC INTERNAL.

        ## What it does
        Sends the documented operations valid and boundary data, and reports every 5xx
        response (OpenAPI), resolver error (GraphQL), or UNKNOWN, INTERNAL, DATA_LOSS or
        UNIMPLEMENTED status (gRPC), once per distinct failure, with a command that repeats it.

        ## Why is this bad?
        A request the spec allows must get an answer the spec describes; a crash is a bug, and
        clients cannot tell a transient failure from a permanent one.

        ## Example
        ```text
        GET /v1/items/-1  ->  500 Internal Server Error
        ```

        ## Use instead
        ```text
        GET /v1/items/-1  ->  404 Not Found (documented), or 200 with the item
        ```
        ''',
    ),
    "undocumented-status": (
        Category.STATUS_CODES,
        '''
        The server answered with a status code the operation does not document.

        ## What it does
        Compares each response's status with the operation's `responses` (a `default`
        response or a range such as `4XX` documents every status it covers). Server errors
        are reported as `server-error` instead.

        ## Why is this bad?
        Generated clients and consumers handle the statuses the spec lists; another one falls
        through to generic error handling, or is taken for success.

        ## Example
        ```yaml
        responses:
          '200': {description: OK}
        # the server answers 422 to a bad body
        ```

        ## Use instead
        ```yaml
        responses:
          '200': {description: OK}
          '422': {description: The body is not valid}
        ```
        ''',
    ),
    "response-schema": (
        Category.STRUCTURE,
        '''
        A response body does not match the schema the spec declares for it.

        ## What it does
        Validates each response body against the schema of its status and media type
        (OpenAPI), the selection's types (GraphQL), or decodes it as the declared output
        message (gRPC).

        ## Why is this bad?
        Clients are generated from, and tested against, the schema: a missing required
        property or a wrong type breaks them at run time.

        ## Example
        ```text
        schema: {type: object, required: [id], properties: {id: {type: integer}}}
        body:   {"id": "42"}
        ```

        ## Use instead
        ```text
        body:   {"id": 42}
        ```
        ''',
    ),
    "content-type": (
        Category.STRUCTURE,
        '''
        A response's Content-Type is not one the operation documents for its status.

        ## What it does
        Compares the response's `Content-Type` header with the media types under the
        status's `content` (or `produces` in Swagger 2.0).

        ## Why is this bad?
        Clients pick a parser by media type: a JSON body sent as `text/html` is not read.

        ## Example
        ```text
        content: {application/json: ...}
        response: Content-Type: text/plain
        ```

        ## Use instead
        ```text
        response: Content-Type: application/json
        ```
        ''',
    ),
    "response-headers": (
        Category.STRUCTURE,
        '''
        A response lacks a header the spec marks required, or sends one that breaks its schema.

        ## What it does
        Checks the `headers` documented for the response's status: required headers are
        present and every documented header's value matches its schema. Each path is also
        called once with a method it does not document: a 405 answer must list the allowed
        methods in `Allow` (RFC 9110).

        ## Why is this bad?
        Clients rely on documented headers (`Location`, `ETag`, rate-limit headers) to follow
        up on a response.

        ## Example
        ```text
        headers: {Location: {required: true, schema: {type: string}}}
        response: 201 Created, no Location header
        ```

        ## Use instead
        ```text
        response: 201 Created, Location: /v1/items/42
        ```
        ''',
    ),
    "auth-not-enforced": (
        Category.AUTH,
        '''
        An operation that requires authentication answered a request without valid credentials.

        ## What it does
        For operations with a security requirement (OpenAPI), and for every field of a GraphQL
        endpoint that refuses an anonymous `{ __typename }`, repeats a valid request with no
        credentials of any kind (no `--header`, no cookie) and with invalid ones, and reports a
        request that was served (2xx). A 401, a 403, another 4xx, or a redirect to a login page
        is a refusal.

        ## Why is this bad?
        The spec promises the operation is protected; serving it without credentials exposes
        data or actions to anyone.

        ## Example
        ```text
        GET /v1/orders (no Authorization header)  ->  200 OK
        ```

        ## Use instead
        ```text
        GET /v1/orders (no Authorization header)  ->  401 Unauthorized
        ```
        ''',
    ),
    "negative-data-accepted": (
        Category.STRUCTURE,
        '''
        The server accepted data the spec says is invalid, answering with a 2xx status.

        ## What it does
        Sends requests that break the operation's schemas (a missing required property, a
        value out of range, a wrong type) and reports those answered with success.

        ## Why is this bad?
        Validation the spec promises is not done: bad data reaches storage, and clients learn
        to depend on what the spec forbids.

        ## Example
        ```text
        schema: {quantity: {type: integer, minimum: 1}}
        POST /v1/orders {"quantity": -5}  ->  201 Created
        ```

        ## Use instead
        ```text
        POST /v1/orders {"quantity": -5}  ->  400 Bad Request
        ```
        ''',
    ),
    "positive-data-rejected": (
        Category.STRUCTURE,
        '''
        The server refused data the spec says is valid, answering with a 4xx status.

        ## What it does
        Sends requests whose every input satisfies the operation's schemas (plain values, and
        each declared bound: minimum, maximum, minLength, maxLength, enum values) and reports
        those refused with a 4xx other than 401, 403, 404, 409 or 429, which valid data may meet.

        ## Why is this bad?
        The spec promises more than the server does: clients built from it send requests that
        fail, and the real rule is left for users to discover.

        ## Example
        ```text
        schema: {name: {type: string, maxLength: 50}}
        POST /v1/items {"name": "<50 characters>"}  ->  400 Bad Request (the server allows 40)
        ```

        ## Use instead
        ```text
        schema: {name: {type: string, maxLength: 40}}   # the spec states the server's real rule
        ```
        ''',
    ),
    "unsupported-method": (
        Category.STATUS_CODES,
        '''
        The server did what a method the path does not document asked, answering with a 2xx status.

        ## What it does
        Sends each tested path's first valid request again, without a body, with every method
        among PATCH, PUT, DELETE, POST and GET that the path does not document, and reports a
        2xx answer (a 5xx is a `server-error`; a 405 without an `Allow` header is a
        `response-headers` failure).

        ## Why is this bad?
        An undocumented method that works is an endpoint nobody reviewed: it escapes the
        spec's validation and security requirements, and clients cannot know it exists.

        ## Example
        ```text
        paths: {/v1/notes/{noteId}: {get: ...}}
        DELETE /v1/notes/1  ->  204 No Content
        ```

        ## Use instead
        ```text
        DELETE /v1/notes/1  ->  405 Method Not Allowed, Allow: GET
        ```
        ''',
    ),
    "timeout": (
        Category.DESIGN,
        '''
        The server gave no answer within `--timeout` seconds.

        ## What it does
        Reports requests with no complete response (HTTP: connecting, sending and the whole
        body, however slowly it trickles in) or no reply before the deadline (gRPC
        DEADLINE_EXCEEDED) within the per-request timeout, then goes on with the next operation.

        ## Why is this bad?
        A request that hangs ties up clients and connections; it often hides a loop or a
        lock on unexpected input.

        ## Example
        ```text
        GET /v1/search?q=%00  ->  no answer after 10 s
        ```

        ## Use instead
        ```text
        GET /v1/search?q=%00  ->  400 Bad Request, at once
        ```
        ''',
    ),
    "ensure-resource-availability": (
        Category.STATUS_CODES,
        '''
        A resource the server just created cannot be fetched: its GET answers 404.

        ## What it does
        In the stateful phase, follows the spec's links (declared, or inferred from the paths
        unless `--no-link-inference` is given) from a successful `POST` to the `GET` of what it
        created, every path parameter filled from the `POST`'s response, and reports a `404`.
        The failure is reported on the `POST`; its reproduction lists both requests.

        ## Why is this bad?
        A client that creates a resource and then reads it, as the links promise, gets "not
        found": the creation was lost, stored elsewhere, or returned the wrong id.

        ## Example
        ```text
        POST /v1/drafts {"text": "a"}  ->  201 {"id": "d-5f1c"}
        GET /v1/drafts/d-5f1c          ->  404 Not Found
        ```

        ## Use instead
        ```text
        POST /v1/drafts {"text": "a"}  ->  201 {"id": "d-5f1c"}
        GET /v1/drafts/d-5f1c          ->  200 {"id": "d-5f1c", "text": "a"}
        ```
        ''',
    ),
    "use-after-free": (
        Category.STATUS_CODES,
        '''
        A resource is still served after a successful DELETE of it.

        ## What it does
        In the stateful phase, when one operation's response links both to a `DELETE` and to a
        `GET` of the same resource, sends the first operation, then the `DELETE`, then the
        `GET`; a success of the `GET` after a successful `DELETE` is reported on the `DELETE`,
        with all three requests as its reproduction.

        ## Why is this bad?
        The server said the resource was deleted, but it is still there: data a user asked to
        remove stays readable, and clients that trust the answer go wrong.

        ## Example
        ```text
        POST /v1/tags {"text": "a"}  ->  201 {"id": "t-9a2e"}
        DELETE /v1/tags/t-9a2e       ->  204 No Content
        GET /v1/tags/t-9a2e          ->  200 {"id": "t-9a2e", "text": "a"}
        ```

        ## Use instead
        ```text
        DELETE /v1/tags/t-9a2e       ->  204 No Content
        GET /v1/tags/t-9a2e          ->  404 Not Found
        ```
        ''',
    ),
}

CONTRACT_CHECK_IDS = tuple(_DOCS)

for _id, (_category, _doc) in _DOCS.items():
    register(
        RuleSpec(
            id=_id,
            category=_category,
            severity=Severity.ERROR,
            formats=ALL_FORMATS,
            doc=inspect.cleandoc(_doc),
            kind=Kind.CONTRACT,
        )
    )

"""OpenAPI naming: path segments and header names."""

from __future__ import annotations

import re
from typing import Iterator

from speclint.findings import Category, Severity
from speclint.model import Api, Location, SpecFormat
from speclint.rules.casing import casing_option, matches
from speclint.rules.openapi.raw import path_items
from speclint.rules.registry import Problem, RuleContext, rule

_TEMPLATE = re.compile(r"\{[^}]*\}")
_STANDARD_HEADERS = frozenset({"etag", "www-authenticate", "content-md5", "dnt", "te", "x-ua-compatible"})


@rule(
    "openapi-path-segment-casing",
    category=Category.NAMING,
    severity=Severity.WARNING,
    formats=[SpecFormat.OPENAPI],
    options={"casing": casing_option("kebab-case")},
)
def path_segment_casing(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Path segments are kebab-case.

    ## What it does
    Checks every literal segment of every path (template parameters such as `{userId}` are
    skipped; so are file extensions and custom methods after `:`) against `casing`.

    ## Why is this bad?
    URLs are case-sensitive and read by people; `/userAccounts` beside `/order-items` or
    `/gpg_keys` makes every URL a guess. Kebab-case is the most common convention for URLs.

    ## Example
    ```yaml
    paths:
      /userAccounts/{accountId}: {}
    ```

    ## Use instead
    ```yaml
    paths:
      /user-accounts/{accountId}: {}
    ```

    ## Options
    - `casing`: `kebab-case` (default), `snake_case`, `camelCase`, `lowercase`.
    """
    casing = str(ctx.option("casing"))
    for path, node in path_items(api):
        for segment in path.split("/"):
            part = _TEMPLATE.sub("", segment.split(":", 1)[0]).split(".")[0]
            if part and not part.startswith(("$", "~")) and not matches(part, casing):
                yield Problem(node.location, f"path segment '{part}' of '{path}' is not {casing}")
                break


@rule(
    "openapi-header-name-casing",
    category=Category.NAMING,
    severity=Severity.WARNING,
    formats=[SpecFormat.OPENAPI],
    options={"casing": casing_option("Train-Case")},
)
def header_name_casing(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Header names are Train-Case (`X-Request-Id`).

    ## What it does
    Checks header parameters and response headers against `casing`. Well-known headers whose
    registered spelling differs (`ETag`, `WWW-Authenticate`, `DNT`) are accepted as written.

    ## Why is this bad?
    HTTP header names are case-insensitive on the wire, but documentation, SDKs and mocks copy
    them verbatim; `x-request-id` beside `X-RateLimit-Limit` reads as two different APIs.

    ## Example
    ```yaml
    parameters:
      - name: x-request-id
        in: header
    ```

    ## Use instead
    ```yaml
    parameters:
      - name: X-Request-Id
        in: header
    ```

    ## Options
    - `casing`: `Train-Case` (default), `kebab-case`.
    """
    casing = str(ctx.option("casing"))
    seen: set[Location] = set()
    for operation in api.operations:
        headers = [p for p in operation.parameters if p.place == "header"]
        headers += [h for r in operation.responses for h in r.headers]
        for header in headers:
            if header.location in seen:
                continue
            seen.add(header.location)
            if header.name.lower() not in _STANDARD_HEADERS and not matches(header.name, casing):
                yield Problem(header.location, f"header name '{header.name}' is not {casing}")

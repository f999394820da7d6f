"""OpenAPI naming: path segments and header names."""

from __future__ import annotations

import re
from typing import Iterator

from speclint.findings import Category, Severity
from speclint.model import Api, SpecFormat
from speclint.rules.casing import HEADER_STYLES, casing_option
from speclint.rules.conventions import Kind, Where, decide, judge, mode_option, no_one_style, unique
from speclint.rules.openapi.raw import path_items
from speclint.rules.registry import Problem, RuleContext, rule

_TEMPLATE = re.compile(r"\{[^}]*\}")
_SEGMENTS = Kind("path segment", "path segments", "kebab-case")
_HEADERS = Kind("header name", "header names", "Train-Case", styles=HEADER_STYLES)
_STANDARD_HEADERS = frozenset({"etag", "www-authenticate", "content-md5", "dnt", "te", "x-ua-compatible"})


@rule(
    "openapi-path-segment-casing",
    category=Category.NAMING,
    severity=Severity.WARNING,
    formats=[SpecFormat.OPENAPI],
    options={"casing": casing_option("kebab-case"), "mode": mode_option("consistent")},
)
def path_segment_casing(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Path segments follow one style: the one most segments of the document use.

    ## What it does
    Checks the literal segments of every path (template parameters such as `{userId}` are
    skipped; so are file extensions, custom methods after `:`, version segments such as
    `v1` or `2010-04-01`, and artefacts of the path key such as `#tagging`). In `consistent`
    mode (the default) the style most distinct segments of the document use wins, and each
    path with a segment in another style is reported once; in `fixed` mode every segment
    must follow `casing`.

    ## Why is this bad?
    URLs are case-sensitive and read by people; `/userAccounts` beside `/order-items` or
    `/gpg_keys` makes every URL a guess. Kebab-case is the most common convention for URLs.

    ## Example
    ```yaml
    paths:
      /order-items: {}
      /userAccounts/{accountId}: {}
    ```

    ## Use instead
    ```yaml
    paths:
      /order-items: {}
      /user-accounts/{accountId}: {}
    ```

    ## Options
    - `mode`: `consistent` (default) or `fixed`.
    - `casing`: the style of `fixed` mode and the tie-breaker of `consistent` mode:
      `kebab-case` (default), `snake_case`, `camelCase`, `lowercase`.
    """
    paths = [(path, node, list(_segments(path))) for path, node in path_items(api)]
    # sorted: the shares of tied styles are listed in the same order on every run
    verdict = decide(sorted({part for _, _, parts in paths for part in parts}), ctx, _SEGMENTS)
    if verdict.mixed:
        first = next(((node, parts) for _, node, parts in paths if parts), None)
        if first is not None:
            yield Problem(first[0].location, no_one_style(verdict))
        return
    for path, node, parts in paths:
        wrong = next((part for part in parts if not verdict.accepts(part)), None)
        if wrong is not None:
            yield Problem(node.location, verdict.message(wrong, f" of '{path}'"))


_ARTEFACT = re.compile(r"[#?&=;,]")  # /{Bucket}#tagging, /items?list: a path key's artefacts
_VERSION_SEGMENT = re.compile(r"^(?:v\d|\d)")  # v1, v2beta1, 2010-04-01


_EXTENSION = re.compile(r"\.(?:json|xml|ya?ml|csv|txt|html?|zip|pdf|png|jpe?g|rss|atom|js)$", re.IGNORECASE)


def _segments(path: str) -> Iterator[str]:
    """The literal segments of ``path`` that a style applies to: a dotted segment only when the
    dot starts a file extension (``Calls.json``; not ``Microsoft.Storage`` nor ``chat.postMessage``)."""
    for segment in path.split("/"):
        part = _TEMPLATE.sub("", _ARTEFACT.split(segment, 1)[0].split(":", 1)[0])
        if part.startswith("."):  # /{id}.json, /.well-known
            continue
        if "." in part:
            if not _EXTENSION.search(part):
                continue
            part = part.split(".")[0]
        if part and not part.startswith(("$", "~")) and not _VERSION_SEGMENT.match(part):
            yield part


@rule(
    "openapi-header-name-casing",
    category=Category.NAMING,
    severity=Severity.WARNING,
    formats=[SpecFormat.OPENAPI],
    options={"casing": casing_option("Train-Case"), "mode": mode_option("consistent")},
)
def header_name_casing(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Header names are written in one style (off by default: HTTP header names are case-insensitive).

    ## What it does
    Checks header parameters and response headers. In `consistent` mode (the default when
    the rule is on, as in `strict`) the style most header names of the document use
    (`X-Request-Id`, `x-request-id`) wins and the others are reported; in `fixed` mode every
    name must follow `casing`. Well-known headers whose registered spelling differs (`ETag`,
    `WWW-Authenticate`, `DNT`) are accepted as written. The `recommended` ruleset leaves
    this rule off.

    ## Why is this bad?
    HTTP header names are case-insensitive on the wire, but documentation, SDKs and mocks copy
    them verbatim; `x-request-id` beside `X-RateLimit-Limit` reads as two different APIs.

    ## Example
    ```yaml
    parameters:
      - name: X-Request-Id
        in: header
      - name: X-Tenant-Id
        in: header
      - name: x-trace-id
        in: header
    ```

    ## Use instead
    ```yaml
    parameters:
      - name: X-Request-Id
        in: header
      - name: X-Tenant-Id
        in: header
      - name: X-Trace-Id
        in: header
    ```

    ## Options
    - `mode`: `consistent` (default) or `fixed`.
    - `casing`: the style of `fixed` mode and the tie-breaker of `consistent` mode:
      `Train-Case` (default), `kebab-case`.
    """
    names: list[tuple[str, Where]] = []
    for operation in api.operations:
        names.extend((p.name, p.location) for p in operation.parameters if p.place == "header")
        names.extend((h.name, h.location) for r in operation.responses for h in r.headers)
    yield from judge(unique(names), ctx, _HEADERS, _header_name)


def _header_name(name: str) -> str:
    """The name a style applies to; empty for well-known headers with a registered spelling."""
    return "" if name.lower() in _STANDARD_HEADERS else name

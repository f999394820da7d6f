"""OpenAPI paths, servers, operationIds and tags as routers and documentation see them."""

from __future__ import annotations

import re
from typing import Iterator

from speclint.findings import Category, Severity
from speclint.model import Api, SpecFormat
from speclint.rules.openapi.raw import HTTP_METHODS, node_at, path_items, workspace
from speclint.rules.registry import Problem, RuleContext, rule

_VARIABLE = re.compile(r"^\{.+?\}$")
_ANY_VARIABLE = re.compile(r"\{.+?\}")


@rule(
    "openapi-operation-id-present",
    category=Category.DOCUMENTATION,
    severity=Severity.WARNING,
    formats=[SpecFormat.OPENAPI],
)
def operation_id_present(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Every operation has an operationId.

    ## What it does
    Reports each operation (including webhooks) that has no `operationId`, at the operation.

    ## Why is this bad?
    Code generators name methods after operationIds and invent unstable names without one;
    links, contract tests and documentation anchors address operations by it.

    ## Example
    ```yaml
    /items:
      get:
        responses: {"200": {description: OK}}
    ```

    ## Use instead
    ```yaml
    /items:
      get:
        operationId: listItems
        responses: {"200": {description: OK}}
    ```
    """
    for operation in api.operations:
        if not operation.name and operation.method:
            yield Problem(operation.location, f"{operation.display_name} has no operationId")


def _shape(path: str) -> tuple[str, ...]:
    return tuple("{}" if _VARIABLE.match(segment) else segment for segment in path.split("/"))


@rule(
    "openapi-paths-identical",
    category=Category.STRUCTURE,
    severity=Severity.ERROR,
    formats=[SpecFormat.OPENAPI],
)
def paths_identical(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """No two paths differ only in the names of their parameters.

    ## What it does
    Reports a path that is the same as an earlier one once parameter names are ignored
    (`/items/{id}` and `/items/{itemId}`), at the later path.

    ## Why is this bad?
    The OpenAPI specification calls such paths identical and invalid: a server cannot tell
    which one a request means, and routers and generated clients keep only one of them.

    ## Example
    ```yaml
    paths:
      /topics/{name}: {get: {...}}
      /topics/{topic}: {delete: {...}}
    ```

    ## Use instead
    ```yaml
    paths:
      /topics/{topic}:
        get: {...}
        delete: {...}
    ```
    """
    seen: dict[str, str] = {}
    for path, node in path_items(api):
        shape = _ANY_VARIABLE.sub("{}", path)
        earlier = seen.get(shape)
        if earlier is None:
            seen[shape] = path
        else:
            yield Problem(node.location, f"path '{path}' is identical to '{earlier}' but for parameter names")


@rule(
    "openapi-paths-ambiguous",
    category=Category.DESIGN,
    severity=Severity.WARNING,
    formats=[SpecFormat.OPENAPI],
)
def paths_ambiguous(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """No two paths can match the same request.

    ## What it does
    Reports a path that an earlier path with as many segments and as many parameters could
    also match (`/items/{id}/tags` and `/items/current/{tag}`), at the later path. Paths that
    are identical but for parameter names are `openapi-paths-identical`'s.

    ## Why is this bad?
    `GET /items/current/tags` matches both templates: which operation serves it depends on the
    router, and clients, gateways and documentation may each pick another one.

    ## Example
    ```yaml
    paths:
      /items/{id}/tags: {get: {...}}
      /items/current/{tag}: {get: {...}}
    ```

    ## Use instead
    ```yaml
    paths:
      /items/{id}/tags: {get: {...}}
      /current-items/{tag}: {get: {...}}
    ```
    """
    # Paths can only be ambiguous with as many segments and parameters; within such a group,
    # two paths whose first segments are different literals never are.
    groups: dict[tuple[int, int, str | None], list[tuple[str, tuple[str, ...], tuple[bool, ...]]]] = {}
    for path, node in path_items(api):
        segments = tuple(path.split("/"))
        variables = tuple(bool(_VARIABLE.match(s)) for s in segments)
        size, count = len(segments), sum(variables)
        first = segments[1] if size > 1 and not variables[1] else None
        if first is None:
            candidates = [g for (n, c, _), g in groups.items() if (n, c) == (size, count)]
        else:
            candidates = [groups.get((size, count, first), []), groups.get((size, count, None), [])]
        shape = _shape(path)
        other = _first_ambiguous(segments, variables, shape, candidates)
        if other is not None:
            yield Problem(node.location, f"paths '{other}' and '{path}' can match the same request")
        groups.setdefault((size, count, first), []).append((path, segments, variables))


def _first_ambiguous(
    segments: tuple[str, ...],
    variables: tuple[bool, ...],
    shape: tuple[str, ...],
    candidates: list[list[tuple[str, tuple[str, ...], tuple[bool, ...]]]],
) -> str | None:
    for group in candidates:
        for other, other_segments, other_variables in group:
            if all(
                a == b or va or vb for a, b, va, vb in zip(segments, other_segments, variables, other_variables)
            ) and _shape(other) != shape:
                return other
    return None


@rule(
    "openapi-path-trailing-slash",
    category=Category.DESIGN,
    severity=Severity.WARNING,
    formats=[SpecFormat.OPENAPI],
)
def path_trailing_slash(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Paths do not end with a slash.

    ## What it does
    Reports each path (other than `/`) that ends with `/`, at the path.

    ## Why is this bad?
    Many servers and gateways treat `/items` and `/items/` as different resources or redirect
    one to the other; a trailing slash in the spec gives clients URLs that 404 or cost a
    redirect.

    ## Example
    ```yaml
    paths:
      /items/: {get: {...}}
    ```

    ## Use instead
    ```yaml
    paths:
      /items: {get: {...}}
    ```
    """
    for path, node in path_items(api):
        if path != "/" and path.endswith("/"):
            yield Problem(node.location, f"path '{path}' ends with a slash")


@rule(
    "openapi-server-trailing-slash",
    category=Category.DESIGN,
    severity=Severity.WARNING,
    formats=[SpecFormat.OPENAPI],
)
def server_trailing_slash(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Server URLs do not end with a slash.

    ## What it does
    Reports each server `url` (of the document, a path item or an operation) other than `/`
    that ends with `/`, at the URL.

    ## Why is this bad?
    Paths start with `/`, so clients that join the server URL and the path build `//items`,
    which many servers do not route.

    ## Example
    ```yaml
    servers:
      - url: https://api.example.com/v1/
    ```

    ## Use instead
    ```yaml
    servers:
      - url: https://api.example.com/v1
    ```
    """
    ws = workspace(api)
    if ws is None:
        return
    holders = [ws.root]
    for _, item in path_items(api):
        item = ws.deref(item)
        holders.append(item)
        holders.extend(node for method, node in item.items() if method in HTTP_METHODS)
    for holder in holders:
        servers = holder.child("servers")
        for server in servers.elements() if servers is not None else ():
            url = server.child("url")
            if url is not None and isinstance(url.value, str) and url.value != "/" and url.value.endswith("/"):
                yield Problem(url.location, f"server URL '{url.value}' ends with a slash")


@rule(
    "openapi-tag-declared",
    category=Category.DOCUMENTATION,
    severity=Severity.WARNING,
    formats=[SpecFormat.OPENAPI],
)
def tag_declared(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Tags that operations use are declared in the top-level `tags`.

    ## What it does
    When the document declares a top-level `tags` list, reports each operation tag that is not
    in it, at the tag. Documents without a `tags` list are not checked.

    ## Why is this bad?
    Declared tags carry the description and order that documentation shows; an undeclared tag
    is usually a typo (`Item` for `Items`) that puts an operation in a group of its own.

    ## Example
    ```yaml
    tags:
      - name: items
    paths:
      /items:
        get:
          tags: [item]
    ```

    ## Use instead
    ```yaml
    tags:
      - name: items
    paths:
      /items:
        get:
          tags: [items]
    ```
    """
    ws = workspace(api)
    if ws is None:
        return
    declared_list = ws.root.get("tags")
    if not isinstance(declared_list, list):
        return
    declared = {t.get("name") for t in declared_list if isinstance(t, dict)}
    for operation in api.operations:
        node = node_at(ws, operation.location)
        tags = node.child("tags") if node is not None else None
        if tags is None:
            continue
        for tag in tags.elements():
            if isinstance(tag.value, str) and tag.value not in declared:
                yield Problem(tag.location, f"tag '{tag.value}' is not declared in the top-level tags")


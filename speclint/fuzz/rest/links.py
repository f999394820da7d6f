"""The links between OpenAPI operations that the stateful phase follows.

Declared links are OpenAPI 3.x response ``links`` (``operationId`` or a local ``operationRef``,
``parameters`` and ``requestBody`` holding runtime expressions). An operation that declares no
link gets inferred ones, the way a client would guess them from the paths:

- a ``POST`` or ``PUT`` to ``/things`` (or ``/things/{a}``) whose success response is a JSON
  object links to every operation under ``/things/{x}``, with ``x`` taken from the response
  property named ``x``, else from ``id``;
- an operation on the same path, or under it, gets the source's last path parameter ``x``
  from the response property ``x`` when there is one (``POST /contents/{path}`` returning
  ``{"path": ...}`` links to ``GET /contents/{path}`` and ``POST /contents/{path}/checkpoints``);
- the other path parameters the two paths share by name are sent as the first request sent them.

Nothing else is guessed: a response without such a property links nowhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from speclint.fuzz.rest.expressions import resolve_pointer
from speclint.sources.pointers import escape_token, unescape_token

_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
_CREATES = ("post", "put")


@dataclass(frozen=True)
class Link:
    """Call ``target`` with values from ``source``'s exchange, when ``source`` answered ``status``."""

    source: str  # "POST /v1/items"
    target: str  # "GET /v1/items/{itemId}"
    name: str
    status: str  # the response key the link is declared under: "201", "2XX" or "default"
    parameters: tuple[tuple[str, str, Any], ...]  # (location or "", name, expression or literal)
    body: Any = None  # a requestBody expression or literal; None: the target's own data
    inferred: bool = False

    def applies(self, status: int) -> bool:
        if self.status == "default":
            return 200 <= status < 300
        if self.status.upper().endswith("XX"):
            return str(status)[0] == self.status[0]
        return self.status == str(status)

    def describe(self) -> str:
        """``POST /v1/items -> GET /v1/items/{itemId} (itemId = $response.body#/id)``."""
        bound = ", ".join(f"{name} = {value}" for _, name, value in self.parameters)
        kind = "inferred link" if self.inferred else f"link {self.name}"
        return f"{kind} {self.source} -> {self.target}" + (f" ({bound})" if bound else "")


def find_links(document: dict[str, Any], *, infer: bool = True) -> list[Link]:
    """Declared links, plus inferred ones for operations that declare none (when ``infer``)."""
    operations = dict(_operations(document))
    declared = list(_declared(document, operations))
    if not infer:
        return declared
    with_links = {link.source for link in declared}
    inferred = [link for link in _inferred(document, operations) if link.source not in with_links]
    return declared + inferred


def label(method: str, path: str) -> str:
    return f"{method.upper()} {path}"


def _operations(document: dict[str, Any]) -> Iterator[tuple[tuple[str, str], dict[str, Any]]]:
    paths = document.get("paths")
    if not isinstance(paths, dict):
        return
    for path, item in paths.items():
        item = _resolve(document, item)
        if not isinstance(item, dict):
            continue
        for method in _METHODS:
            operation = item.get(method)
            if isinstance(operation, dict):
                yield (method, str(path)), operation


def _resolve(document: dict[str, Any], node: Any, depth: int = 0) -> Any:
    """Follow local ``$ref``s (``#/...``); anything else is returned as it is."""
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and depth < 32:
        ref = node["$ref"]
        if not ref.startswith("#"):
            return node
        node = resolve_pointer(document, ref[1:])
        depth += 1
    return node


def _declared(document: dict[str, Any], operations: dict[tuple[str, str], dict[str, Any]]) -> Iterator[Link]:
    by_id = {str(op["operationId"]): key for key, op in operations.items() if "operationId" in op}
    for (method, path), operation in operations.items():
        responses = _resolve(document, operation.get("responses"))
        if not isinstance(responses, dict):
            continue
        for status, response in responses.items():
            response = _resolve(document, response)
            links = response.get("links") if isinstance(response, dict) else None
            if not isinstance(links, dict):
                continue
            for name, link in links.items():
                link = _resolve(document, link)
                if not isinstance(link, dict):
                    continue
                target = _target(link, by_id)
                if target is None or target not in operations:
                    continue
                parameters = link.get("parameters")
                if not isinstance(parameters, dict):
                    parameters = {}
                yield Link(
                    source=label(method, path), target=label(*target), name=str(name), status=str(status),
                    parameters=tuple(_parameter(str(key), value) for key, value in parameters.items()),
                    body=link.get("requestBody"),
                )


def _target(link: dict[str, Any], by_id: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    if isinstance(link.get("operationId"), str):
        return by_id.get(link["operationId"])
    reference = link.get("operationRef")
    if not isinstance(reference, str) or not reference.startswith("#/paths/"):
        return None  # a remote operationRef names another document
    path_token, _, method = reference[len("#/paths/"):].rpartition("/")
    return method.lower(), unescape_token(path_token)


def _parameter(key: str, value: Any) -> tuple[str, str, Any]:
    location, dot, name = key.partition(".")
    if dot and location in ("path", "query", "header", "cookie"):
        return location, name, value
    return "", key, value


def _inferred(document: dict[str, Any], operations: dict[tuple[str, str], dict[str, Any]]) -> Iterator[Link]:
    for (method, path), operation in operations.items():
        if method not in _CREATES:
            continue
        found = _created(document, operation)
        if found is None:
            continue
        _, properties = found
        source_params = set(_templates(path))
        for (other_method, other_path), _ in operations.items():
            if (other_method, other_path) == (method, path):
                continue
            bound = _bind(path, other_path, properties)
            if bound is None:
                continue
            name, prop = bound
            parameters = [("path", name, f"$response.body#/{escape_token(prop)}")]
            parameters += [
                ("path", shared, f"$request.path.{shared}")
                for shared in _templates(other_path) if shared in source_params and shared != name
            ]
            yield Link(
                source=label(method, path), target=label(other_method, other_path), name="inferred",
                status="2XX", parameters=tuple(parameters), inferred=True,  # any success
            )


def _templates(path: str) -> list[str]:
    return [segment[1:-1] for segment in path.split("/") if segment.startswith("{") and segment.endswith("}")]


def _bind(source: str, target: str, properties: set[str]) -> tuple[str, str] | None:
    """(path parameter of ``target``, response property that fills it), or None when unrelated."""
    source_segments, target_segments = source.rstrip("/").split("/"), target.rstrip("/").split("/")
    size = len(source_segments)
    if target_segments[:size] != source_segments:
        return None
    last = source_segments[-1]
    own = last[1:-1] if last.startswith("{") and last.endswith("}") else None  # what the source names
    following = target_segments[size] if len(target_segments) > size else None
    if following is None or not (following.startswith("{") and following.endswith("}")):
        # the same resource, or a part of it (/contents/{path}/checkpoints): the source's last
        # parameter, when the response holds a property of that name
        whole = set(_templates(target)) <= set(_templates(source))  # no parameter left to guess
        return (own, own) if own is not None and own in properties and whole else None
    name = following[1:-1]
    for prop in (name, "id"):
        if prop in properties:
            return name, prop
    return None


def _created(document: dict[str, Any], operation: dict[str, Any]) -> tuple[str, set[str]] | None:
    """The first success response whose JSON body is an object: (status key, its property names)."""
    responses = _resolve(document, operation.get("responses"))
    if not isinstance(responses, dict):
        return None
    by_status = {str(key): value for key, value in responses.items()}
    for status in sorted(by_status):
        if not status.startswith("2"):
            continue
        response = _resolve(document, by_status[status])
        if not isinstance(response, dict):
            continue
        properties = _properties(document, _json_schema(response))
        if properties:
            return status, properties
    return None


def _json_schema(response: dict[str, Any]) -> Any:
    if "schema" in response:  # Swagger 2.0
        return response["schema"]
    content = response.get("content")
    if isinstance(content, dict):
        for media_type, entry in content.items():
            if "json" in str(media_type) and isinstance(entry, dict):
                return entry.get("schema")
    return None


def _properties(document: dict[str, Any], schema: Any, depth: int = 0) -> set[str]:
    schema = _resolve(document, schema)
    if not isinstance(schema, dict) or depth > 8:
        return set()
    found = set(schema["properties"]) if isinstance(schema.get("properties"), dict) else set()
    for member in schema.get("allOf") or ():
        found |= _properties(document, member, depth + 1)
    return found

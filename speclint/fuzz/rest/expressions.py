"""OpenAPI runtime expressions (``$response.body#/id``, ``$request.path.id``, ...) over one exchange.

The grammar is OpenAPI 3.x's (§ Runtime Expressions): ``$url``, ``$method``, ``$statusCode``,
``$request.`` or ``$response.`` followed by ``header.NAME``, ``query.NAME``, ``path.NAME`` or
``body`` with an optional ``#/json/pointer``. A string may also hold expressions in braces
(``"/items/{$response.body#/id}"``). A value that is not there evaluates to :data:`ABSENT`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping

ABSENT: Any = type("Absent", (), {"__repr__": lambda self: "ABSENT"})()
_EMBEDDED = re.compile(r"\{(\$[^{}]+)\}")


@dataclass(frozen=True)
class Message:
    """One side of an exchange: what an expression can read."""

    headers: Mapping[str, str] = field(default_factory=dict)
    body: Any = ABSENT  # parsed JSON, or ABSENT
    path: Mapping[str, Any] = field(default_factory=dict)  # path parameters (requests only)
    query: Mapping[str, Any] = field(default_factory=dict)  # query parameters (requests only)


@dataclass(frozen=True)
class Exchange:
    """A request that was sent and the response it got."""

    method: str
    url: str
    status: int
    request: Message
    response: Message


def is_expression(value: Any) -> bool:
    return isinstance(value, str) and (value.startswith("$") or bool(_EMBEDDED.search(value)))


def evaluate(value: Any, exchange: Exchange) -> Any:
    """The value of ``value`` (an expression, a string with embedded ones, or a literal;
    lists and objects are evaluated member by member); ABSENT when a part is not there."""
    if isinstance(value, dict):
        out = {key: evaluate(item, exchange) for key, item in value.items()}
        return ABSENT if any(item is ABSENT for item in out.values()) else out
    if isinstance(value, list):
        items = [evaluate(item, exchange) for item in value]
        return ABSENT if any(item is ABSENT for item in items) else items
    if not isinstance(value, str):
        return value
    if value.startswith("$"):
        return _single(value, exchange)
    parts: list[str] = []
    position = 0
    for match in _EMBEDDED.finditer(value):
        found = _single(match.group(1), exchange)
        if found is ABSENT or isinstance(found, (dict, list)):
            return ABSENT
        parts += [value[position:match.start()], _text(found)]
        position = match.end()
    return "".join(parts) + value[position:] if parts else value


def _text(value: Any) -> str:
    if value is True or value is False:
        return "true" if value else "false"
    return str(value)


def _single(expression: str, exchange: Exchange) -> Any:
    if expression == "$url":
        return exchange.url
    if expression == "$method":
        return exchange.method.upper()
    if expression == "$statusCode":
        return exchange.status
    side, _, source = expression.partition(".")
    message = {"$request": exchange.request, "$response": exchange.response}.get(side)
    if message is None:
        return ABSENT
    if source == "body" or source.startswith("body#"):
        return resolve_pointer(message.body, source[len("body#"):] if "#" in source else "")
    kind, _, name = source.partition(".")
    if kind == "header":
        lowered = {key.lower(): item for key, item in message.headers.items()}
        return lowered.get(name.lower(), ABSENT)
    if kind == "query":
        return message.query.get(name, ABSENT)
    if kind == "path":
        return message.path.get(name, ABSENT)
    return ABSENT


def resolve_pointer(document: Any, pointer: str) -> Any:
    """RFC 6901 JSON pointer into ``document``; ABSENT when it leads nowhere."""
    from speclint.rules.openapi.raw import value_at

    return document if document is ABSENT else value_at(document, pointer, ABSENT)

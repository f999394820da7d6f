"""Linked values into a test case: what an exchange offers, and where a link puts it."""

from __future__ import annotations

from typing import Any, Iterator

from speclint.fuzz.rest.expressions import ABSENT, Exchange, Message, evaluate
from speclint.fuzz.rest.links import Link


def copy_case(case: Any) -> Any:
    """A new case with the same data (a baseline is kept as it is for the other phases)."""
    body = case.body
    return case.operation.Case(
        path_parameters=dict(case.path_parameters or {}), query=dict(case.query or {}),
        headers=dict(case.headers or {}), cookies=dict(case.cookies or {}),
        **({"body": body.copy() if isinstance(body, (dict, list)) else body, "media_type": case.media_type}
           if _has_body(case) else {}),
    )


def _has_body(case: Any) -> bool:
    from schemathesis.core import NOT_SET

    return case.body is not NOT_SET


def exchange_of(case: Any, response: Any) -> Exchange:
    try:
        body: Any = response.json()
    except ValueError:
        body = ABSENT
    request = response.request
    return Exchange(
        method=str(case.method), url=str(request.url), status=int(response.status_code),
        request=Message(
            headers=dict(request.headers), body=case.body if _has_body(case) else ABSENT,
            path=dict(case.path_parameters or {}), query=dict(case.query or {}),
        ),
        response=Message(headers=dict(response.headers), body=body),
    )


CONTAINERS = {"path": "path_parameters", "query": "query", "header": "headers", "cookie": "cookies"}


def bind(link: Link, operation: Any, case: Any, origin: Exchange) -> list[tuple[str, str, Any, Any]] | None:
    """Put the linked values into ``case``; the (location, name, value, expression) list, or None
    when one is missing from the exchange or names no parameter of the operation."""
    bound: list[tuple[str, str, Any, Any]] = []
    for location, name, expression in link.parameters:
        where = location or _location(operation, name)
        if where is None:
            return None
        value = evaluate(expression, origin)
        if value is ABSENT:
            return None
        if where == "path" and isinstance(value, (dict, list)):
            return None
        container = getattr(case, CONTAINERS[where])
        if container is None:
            container = {}
        updated = dict(container)
        updated[name] = value
        setattr(case, CONTAINERS[where], updated)
        bound.append((where, name, value, expression))
    if link.body is not None:
        value = evaluate(link.body, origin)
        if value is ABSENT:
            return None
        case.body = value
        bound.append(("body", "", value, link.body))
    return bound


def _location(operation: Any, name: str) -> str | None:
    for location, attribute in CONTAINERS.items():
        for parameter in _parameters(operation, attribute):
            if parameter.name == name:
                return location
    return None


def _parameters(operation: Any, attribute: str) -> Iterator[Any]:
    yield from getattr(operation, attribute, None) or ()

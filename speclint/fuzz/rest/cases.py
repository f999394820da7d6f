"""Explicit boundary cases for one OpenAPI operation, each marked valid or invalid.

One input varies at a time; the others keep a plain valid value (required inputs only, and
once with every optional input too). Validity is decided by schemathesis' own validator of
the parameter or body, so "invalid" means exactly "the spec says the server must reject it".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from speclint.fuzz.boundary import MISSING, Boundary, boundary_values, typical_value
from speclint.fuzz.context import BoundaryCase
from speclint.fuzz.rest.auth import security_inputs

_LOCATIONS = (("path", "path_parameters"), ("query", "query"), ("header", "headers"), ("cookie", "cookies"))
_CASE_FIELDS = {"path": "path_parameters", "query": "query", "header": "headers", "cookie": "cookies"}


@dataclass(frozen=True)
class _Input:
    location: str
    name: str
    required: bool
    schema: Any
    parameter: Any


def _inputs(operation: Any, skip: frozenset[tuple[str, str]]) -> list[_Input]:
    found = []
    for location, attribute in _LOCATIONS:
        for parameter in getattr(operation, attribute, None) or ():
            if (location, parameter.name.lower()) in skip:
                continue
            schema = declared_schema(operation, parameter)
            found.append(_Input(location, parameter.name, bool(parameter.is_required), schema, parameter))
    return found


def declared_schema(operation: Any, parameter: Any) -> Any:
    """The parameter's schema (schemathesis' ``optimized_schema``). A Swagger 2.0 parameter
    written the OpenAPI 3 way (a ``schema`` and no ``type``, as flasgger writes httpbin's query
    maps) has its ``schema`` taken instead: schemathesis reads only 2.0's own keys there."""
    definition = getattr(parameter, "definition", None)
    version = str(getattr(getattr(operation.schema, "specification", None), "version", ""))
    if (
        version.startswith("2.")
        and isinstance(definition, dict)
        and "type" not in definition
        and isinstance(definition.get("schema"), dict)
    ):
        return definition["schema"]
    return getattr(parameter, "optimized_schema", None)


def exploded_form(parameter: Any) -> bool:
    """A query parameter whose object value goes as its own ``name=value`` pairs (OpenAPI's
    default form style)."""
    definition = getattr(parameter, "definition", None)
    if not isinstance(definition, dict) or definition.get("in", "query") != "query":
        return False
    return definition.get("style", "form") == "form" and definition.get("explode", True) is not False


def _json_body(operation: Any) -> Any | None:
    bodies = list(getattr(operation, "body", None) or ())
    for body in bodies:
        if "json" in str(body.media_type):
            return body
    return None


def _wire(location: str, value: Any) -> Any:
    if location in ("header", "cookie") and not isinstance(value, str):
        return "true" if value is True else "false" if value is False else str(value)
    return value


def _valid(validator: Any, value: Any) -> bool:
    try:
        return bool(validator.is_valid(value))
    except Exception:
        return False


def boundary_cases(operation: Any, user_headers: Iterable[str] = ()) -> Iterator[BoundaryCase]:
    """Baselines first, then every edge value of every parameter and body property.

    Credentials (the security scheme's parameters) and headers the user sends are left to
    the user and the auth probes.
    """
    skip = frozenset(("header", name.lower()) for name in user_headers) | security_inputs(operation)
    inputs = _inputs(operation, skip)
    body = _json_body(operation)
    required = {
        (i.location, i.name): typical_value(i.schema) for i in inputs if i.required
    }
    everything = {**required, **{(i.location, i.name): typical_value(i.schema) for i in inputs}}
    body_schema = getattr(body, "optimized_schema", None) if body is not None else None
    body_base = typical_value(body_schema) if body is not None else MISSING
    body_full = body_base
    if isinstance(body_base, dict) and isinstance(body_schema, dict):
        properties = body_schema.get("properties") or {}
        body_full = {**body_base, **{n: typical_value(s) for n, s in properties.items()}}
    seen: set[str] = set()
    exploded = {(i.location, i.name) for i in inputs if exploded_form(i.parameter)}

    def make(values: dict[tuple[str, str], Any], payload: Any, negative: bool, label: str,
             firm: bool) -> BoundaryCase | None:
        key = repr((sorted(values.items(), key=repr), payload))
        if key in seen:
            return None
        seen.add(key)
        fields: dict[str, Any] = {}
        for (location, name), value in values.items():
            if (location, name) in exploded and isinstance(value, dict):
                fields.setdefault("query", {}).update(value)  # a map sent as its own pairs
            else:
                fields.setdefault(_CASE_FIELDS[location], {})[name] = _wire(location, value)
        if payload is not MISSING and body is not None:
            fields["body"] = payload
            fields["media_type"] = body.media_type
        return BoundaryCase(operation.Case(**fields), negative, label, firm)

    def body_negative(payload: Any) -> bool:
        if body is None:
            return False
        return (payload is MISSING and bool(body.is_required)) or not (payload is MISSING or _valid(body, payload))

    candidates: list[tuple[dict[tuple[str, str], Any], Any, bool, str, bool]] = [
        (required, body_base, False, "required inputs", True),
        (everything, body_full, False, "every input", True),
    ]
    for item in inputs:
        edges = list(boundary_values(item.schema))
        if item.required and item.location != "path":
            edges.append(Boundary(MISSING, "missing"))
        for edge in edges:
            if item.location == "path" and edge.value in ("", None):
                continue  # an empty path segment addresses another route
            values = dict(required)
            if edge.value is MISSING:
                values.pop((item.location, item.name), None)
                negative = True
            else:
                values[(item.location, item.name)] = edge.value
                negative = not _valid(item.parameter, edge.value)
            candidates.append((values, body_base, negative, f"{item.name}: {edge.label}", not edge.implied))
    if body is not None:
        candidates.extend(_body_candidates(body, body_schema, body_base, required, body_negative))
    for values, payload, negative, label, firm in candidates:
        made = make(values, payload, negative, label, firm)
        if made is not None:
            yield made


def _body_candidates(
    body: Any, schema: Any, base: Any, required: dict[tuple[str, str], Any], is_negative: Any
) -> Iterator[tuple[dict[tuple[str, str], Any], Any, bool, str, bool]]:
    properties = schema.get("properties") if isinstance(schema, dict) else None
    if isinstance(base, dict):  # an object body of another JSON type: servers often crash on it
        for other, label in (([], "an array"), ("a", "a string")):
            yield required, other, is_negative(other), f"body: {label} for an object", True
    if not isinstance(base, dict) or not isinstance(properties, dict):
        for edge in boundary_values(schema):
            yield required, edge.value, is_negative(edge.value), f"body: {edge.label}", not edge.implied
        return
    for name, property_schema in properties.items():
        edges = [*boundary_values(property_schema), Boundary(MISSING, "missing")]
        for edge in edges:
            payload = dict(base)
            if edge.value is MISSING:
                payload.pop(name, None)
            else:
                payload[name] = edge.value
            yield required, payload, is_negative(payload), f"body.{name}: {edge.label}", not edge.implied

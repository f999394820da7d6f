"""The property names of an OpenAPI document, pooled by the kind of payload that carries them.

Form-encoded request fields, JSON request bodies and responses follow conventions of their own
(one real API writes its form fields in PascalCase and its JSON responses in snake_case), so a
naming rule judges each population against its own majority. A component schema belongs to the
first population that reaches it through ``$ref``s, looking at responses first; a component
nothing reaches counts with the responses.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from speclint.model import Api, Schema
from speclint.rules.conventions import Below, Where
from speclint.rules.openapi.raw import workspace
from speclint.sources.pointers import unescape_token

RESPONSE = "properties of responses and schemas"
REQUEST = "properties of request bodies"
FORM = "fields of form-encoded requests"
POPULATIONS = (RESPONSE, REQUEST, FORM)

_LOCAL_SCHEMA = re.compile(r"#/(?:components/schemas|definitions)/([^/]+)$")
_NESTED = ("items", "additionalProperties", "not")
_COMBINED = ("allOf", "anyOf", "oneOf")
_FIELD_KINDS = {"object", "interface", "input", "message", "array", "scalar", "union"}


def property_names(api: Api, is_name: Any) -> dict[str, list[tuple[str, Where]]]:
    """Per population, the property names (``is_name(name)`` true) with where each is written."""
    roots = _body_roots(api)
    owner = _component_populations(api, roots)
    names: dict[str, list[tuple[str, Where]]] = {population: [] for population in POPULATIONS}
    seen: set[Where] = set()
    for typedef in api.types:
        if typedef.kind not in _FIELD_KINDS:
            continue
        bucket = names[owner.get(typedef.name, RESPONSE)]
        for field in typedef.fields:
            if field.location in seen:
                continue
            seen.add(field.location)
            if is_name(field.name):
                bucket.append((field.name, field.location))
            if field.schema is not None and isinstance(field.schema.raw, dict):
                bucket.extend(_walk_properties(field.schema.raw, field.location, (), 0, is_name))
    for population, schemas in roots.items():
        for schema in schemas:
            if isinstance(schema.raw, dict):
                names[population].extend(_walk_properties(schema.raw, schema.location, (), 0, is_name))
    return names


def _body_roots(api: Api) -> dict[str, list[Schema]]:
    """The schemas of request and response bodies, per population."""
    roots: dict[str, list[Schema]] = {population: [] for population in POPULATIONS}
    for operation in api.operations:
        if operation.request_body is not None:
            for media in operation.request_body.media_types:
                if media.schema is not None:
                    roots[FORM if "form" in media.name.lower() else REQUEST].append(media.schema)
        for response in operation.responses:
            roots[RESPONSE].extend(m.schema for m in response.media_types if m.schema is not None)
    return roots


def _component_populations(api: Api, roots: dict[str, list[Schema]]) -> dict[str, str]:
    """The population of each component schema that a body reaches."""
    raw = _component_raw(api)
    owner: dict[str, str] = {}
    for population in POPULATIONS:
        pending = [name for schema in roots[population] if schema.raw for name in _refs(schema.raw)]
        while pending:
            name = pending.pop()
            if name in owner or name not in raw:
                continue
            owner[name] = population
            pending.extend(_refs(raw[name]))
    return owner


def _component_raw(api: Api) -> dict[str, Any]:
    ws = workspace(api)
    if ws is None:
        return {}
    components = ws.root.child("components")
    container = components.child("schemas") if components is not None else ws.root.child("definitions")
    if container is None:
        return {}
    return {name: ws.deref(node).value for name, node in container.items()}


def _refs(raw: Any) -> Iterator[str]:
    """The local component names that ``raw`` refers to, at any depth (each node once: YAML
    aliases may share or nest nodes)."""
    stack = [raw]
    seen: set[int] = set()
    while stack:
        value = stack.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        if isinstance(value, dict):
            ref = value.get("$ref")
            if isinstance(ref, str):
                match = _LOCAL_SCHEMA.search(ref)
                if match:
                    yield unescape_token(match.group(1))
            stack.extend(v for v in value.values() if isinstance(v, (dict, list)))
        elif isinstance(value, list):
            stack.extend(v for v in value if isinstance(v, (dict, list)))


def _walk_properties(
    raw: dict[str, Any], base: Any, tokens: tuple[str, ...], depth: int, is_name: Any
) -> list[tuple[str, Where]]:
    """Property names written inline below ``raw``; ``$ref``s are not followed (their targets
    are components, counted once where they are defined)."""
    found: list[tuple[str, Where]] = []
    _collect_properties(raw, base, tokens, depth, is_name, found)
    return found


def _collect_properties(
    raw: dict[str, Any], base: Any, tokens: tuple[str, ...], depth: int, is_name: Any, found: list[Any]
) -> None:
    if depth > 32 or "$ref" in raw:
        return
    properties = raw.get("properties")
    if isinstance(properties, dict):
        for name, value in properties.items():
            name = str(name)
            where = (*tokens, "properties", name)
            if is_name(name):
                found.append((name, Below(base, where)))
            if isinstance(value, dict):
                _collect_properties(value, base, where, depth + 1, is_name, found)
    for key in _NESTED:
        value = raw.get(key)
        if isinstance(value, dict):
            _collect_properties(value, base, (*tokens, key), depth + 1, is_name, found)
    for key in _COMBINED:
        value = raw.get(key)
        if isinstance(value, list):
            for index, member in enumerate(value):
                if isinstance(member, dict):
                    _collect_properties(member, base, (*tokens, key, str(index)), depth + 1, is_name, found)

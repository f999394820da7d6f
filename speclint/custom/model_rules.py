"""speclint's declarative rules over the format-neutral model.

``given: model:operations`` (or ``types``, ``fields``, ``enum-values``, ``parameters``,
``security-requirements``, ``security-schemes``, ``servers``, ``api``) selects model elements of
any format; ``where`` filters them by ``format`` and ``kind``; ``then`` applies the same
functions as Spectral rules to a field of the element's view (a plain mapping, listed in
docs/custom-rules.md). Findings point at the element's name when it has one, else at the element.
"""

from __future__ import annotations

from typing import Any, Iterator

from speclint.custom.engine import field_path, render
from speclint.custom.expr import UNDEFINED
from speclint.custom.functions import FUNCTIONS, FunctionContext, accepts
from speclint.custom.jsonpath import Cursor
from speclint.custom.spectral import SpectralRule
from speclint.model import Api, EnumValue, Field, Location, Operation, Parameter, TypeDef
from speclint.rules.registry import Problem

MODEL_KINDS = (
    "api",
    "operations",
    "parameters",
    "types",
    "fields",
    "enum-values",
    "security-requirements",
    "security-schemes",
    "servers",
)


def _deprecated(element: Any) -> bool:
    return getattr(element, "deprecation", None) is not None


def _operation(op: Operation) -> dict[str, Any]:
    return {
        "name": op.name,
        "display": op.display_name,
        "kind": op.kind.value,
        "method": op.method,
        "path": op.path,
        "parent": op.parent,
        "summary": op.summary,
        "description": op.description,
        "tags": list(op.tags),
        "deprecated": _deprecated(op),
        "parameters": [p.name for p in op.parameters],
        "responses": [r.status for r in op.responses],
        "security": op.security.declared_on,
        "public": op.security.is_public,
    }


def _type(typedef: TypeDef) -> dict[str, Any]:
    return {
        "name": typedef.name,
        "display": typedef.name,
        "kind": typedef.kind,
        "description": typedef.description,
        "deprecated": _deprecated(typedef),
        "fields": [f.name for f in typedef.fields],
        "enum": [v.name for v in typedef.enum_values],
        "members": list(typedef.members),
    }


def _member(element: Parameter | Field | EnumValue, display: str, kind: str, **extra: Any) -> dict[str, Any]:
    """The view of a parameter, field or enum value: its name, ``extra`` keys, description, deprecation."""
    return {
        "name": element.name,
        "display": display,
        "kind": kind,
        **extra,
        "description": element.description,
        "deprecated": _deprecated(element),
    }


def elements(api: Api, kind: str) -> Iterator[tuple[dict[str, Any], Location]]:
    """(view, location) of every element of ``kind``."""
    if kind == "api":
        yield (
            {"title": api.title, "version": api.version, "format": api.format.value, "display": api.title},
            api.location,
        )
    elif kind == "operations":
        for op in api.operations:
            yield _operation(op), op.name_location or op.location
    elif kind == "parameters":
        for op in api.operations:
            for p in op.parameters:
                yield _member(p, f"{op.display_name} {p.name}", p.place, required=p.required), p.location
    elif kind == "types":
        for typedef in api.types:
            yield _type(typedef), typedef.name_location or typedef.location
    elif kind == "fields":
        for typedef in api.types:
            for f in typedef.fields:
                view = _member(f, f"{typedef.name}.{f.name}", typedef.kind, type=typedef.name, required=f.required)
                view["schema"] = f.schema.describe() if f.schema else None
                yield view, f.location
    elif kind == "enum-values":
        for typedef in api.types:
            for v in typedef.enum_values:
                yield _member(v, f"{typedef.name}.{v.name}", typedef.kind, type=typedef.name), v.location
    elif kind == "security-requirements":
        for op in api.operations:
            for requirement in op.security.requirements:
                schemes = [use.scheme for use in requirement.schemes]
                view = {
                    "name": ",".join(schemes),
                    "display": op.display_name,
                    "kind": op.security.declared_on,
                    "schemes": schemes,
                    "scopes": [s for use in requirement.schemes for s in use.scopes],
                }
                yield view, requirement.location
    elif kind == "security-schemes":
        for scheme in api.security_schemes:
            view = {
                "name": scheme.name,
                "display": scheme.name,
                "kind": scheme.kind,
                "scheme": scheme.scheme,
                "in": scheme.place,
                "description": scheme.description,
                "scopes": sorted(scheme.scopes),
            }
            yield view, scheme.location
    elif kind == "servers":
        for server in api.servers:
            yield {"name": server.url, "display": server.url, "url": server.url, "kind": "server"}, server.location


def _matches(view: dict[str, Any], api: Api, where: dict[str, Any]) -> bool:
    for key, wanted in where.items():
        allowed = wanted if isinstance(wanted, list) else [wanted]
        actual = api.format.value if key == "format" else view.get(key)
        if actual not in allowed:
            return False
    return True


def run_model_rule(rule: SpectralRule, api: Api, kind: str, where: dict[str, Any]) -> Iterator[Problem]:
    seen: set[tuple[str, str]] = set()
    for view, location in elements(api, kind):
        if not _matches(view, api, where):
            continue
        for then in rule.then:
            keys = tuple(field_path(then.field)) if then.field and then.field != "@key" else ()
            value: Any = view
            for key in keys:
                value = value.get(str(key), UNDEFINED) if isinstance(value, dict) else UNDEFINED
            if value is None and keys:
                value = UNDEFINED if then.function in ("defined", "undefined") else None
            if not accepts(then.function, value):
                continue
            cursor = Cursor(view, (), None)
            context = FunctionContext(keys, cursor, None, None, api.format.value, rule.name, {})
            for result in FUNCTIONS[then.function](value, then.options, context):
                place = (location.file, location.pointer)
                if place in seen:
                    continue
                seen.add(place)
                values = {
                    "property": keys[-1] if keys else "",
                    "error": result.message,
                    "path": location.pointer,
                    "description": rule.description,
                    "value": value,
                    **view,
                }
                message = render(rule.message, values) if rule.message else result.message
                prefix = "" if rule.message else f"{view.get('display') or view.get('name')}: "
                yield Problem(location, prefix + message if not rule.message else message)

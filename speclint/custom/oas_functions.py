"""The functions of Spectral's ``spectral:oas`` ruleset, in Python, under Spectral's names.

They follow ``@stoplight/spectral-rulesets`` 1.x: same inputs, same result paths, same
messages, so that findings line up rule by rule and path by path.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Iterator

from speclint.custom.functions import (
    FunctionContext,
    Result,
    function,
    schema,
    unreferenced_reusable_object,
)

OPERATION_KEYS = ("get", "head", "post", "put", "patch", "delete", "options", "trace")
_PATH_PARAM = re.compile(r"(\{;?\??[a-zA-Z0-9_-]+\*?\})")


def _operations(paths: Any) -> Iterator[tuple[str, str, Any]]:
    if not isinstance(paths, dict):
        return
    for path, item in paths.items():
        if not isinstance(item, dict):
            continue
        for method, value in item.items():
            if isinstance(value, dict) and method in OPERATION_KEYS:
                yield path, method, value


@function("oasOpSuccessResponse", ("object",))
def op_success_response(value: Any, options: Any, ctx: FunctionContext) -> Iterable[Result]:
    oas3 = ctx.spec_format != "oas2"
    for status in value:
        if oas3 and status in ("2XX", "3XX"):
            return
        try:
            if 200 <= float(status) < 400:
                return
        except ValueError:
            continue
    yield Result("Operation must define at least a single 2xx or 3xx response")


@function("oasOpIdUnique", ("object",))
def op_id_unique(value: Any, options: Any, ctx: FunctionContext) -> Iterable[Result]:
    seen: list[Any] = []
    for path, method, operation in _operations(value):
        if "operationId" not in operation:
            continue
        operation_id = operation["operationId"]
        if operation_id in seen:
            yield Result("operationId must be unique.", ("paths", path, method, "operationId"))
        else:
            seen.append(operation_id)


def _resolved_items(ctx: FunctionContext) -> list[Any]:
    """The elements of the target array, with ``$ref`` resolved when the rule is resolved."""
    cursor, exists = ctx.tree.resolve(ctx.given, ctx.path[len(ctx.given.path) :])
    if not exists or not isinstance(cursor.value, list):
        return []
    return [child.value for child in ctx.tree.children(cursor)]


@function("oasOpParams", ("array",))
def op_params(value: Any, options: Any, ctx: FunctionContext) -> Iterable[Result]:
    params = _resolved_items(ctx) or value
    if len(params) < 2:
        return
    seen: list[str] = []
    duplicates: list[int] = []
    count: dict[str, list[int]] = {"body": [], "formData": []}
    for index, param in enumerate(params):
        if not isinstance(param, dict) or "$ref" in param:
            continue
        fingerprint = f"{_js_str(param.get('in'))}-{_js_str(param.get('name'))}"
        if fingerprint in seen:
            duplicates.append(index)
        else:
            seen.append(fingerprint)
        if isinstance(param.get("in"), str) and param["in"] in count:
            count[param["in"]].append(index)
    for index in duplicates:
        yield Result(
            'A parameter in this operation already exposes the same combination of "name" and "in" values.',
            (*ctx.path, index),
        )
    if count["body"] and count["formData"]:
        yield Result('Operation must not have both "in:body" and "in:formData" parameters.')
    for index in count["body"][1:]:
        yield Result(
            'Operation must not have more than a single instance of the "in:body" parameter.', (*ctx.path, index)
        )


def _js_str(value: Any) -> str:
    if value is None:
        return "undefined"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@function("oasTagDefined", ("object",))
def tag_defined(value: Any, options: Any, ctx: FunctionContext) -> Iterable[Result]:
    tags = value.get("tags")
    defined = (
        [t["name"] for t in tags if isinstance(t, dict) and isinstance(t.get("name"), str)]
        if isinstance(tags, list)
        else []
    )
    for path, method, operation in _operations(value.get("paths")):
        op_tags = operation.get("tags")
        if not isinstance(op_tags, list):
            continue
        for index, tag in enumerate(op_tags):
            if tag not in defined:
                yield Result("Operation tags must be defined in global tags.", ("paths", path, method, "tags", index))


@function("oasPathParam", ("object",))
def path_param(value: Any, options: Any, ctx: FunctionContext) -> Iterable[Result]:
    results: list[Result] = []
    unique: dict[str, str] = {}
    paths_cursor, _ = ctx.tree.resolve(ctx.given, ())
    for path, item in value.items():
        if not isinstance(item, dict):
            continue
        normalized = _PATH_PARAM.sub("%", path)
        if normalized in unique:
            results.append(
                Result(f'Paths "{unique[normalized]}" and "{path}" must not be equivalent.', ("paths", path))
            )
        else:
            unique[normalized] = path
        elements: list[str] = []
        for match in _PATH_PARAM.finditer(path):
            name = re.sub(r"[{}?*;]", "", match.group(0))
            if name in elements:
                results.append(
                    Result(f'Path "{path}" must not use parameter "{{{name}}}" multiple times.', ("paths", path))
                )
            else:
                elements.append(name)
        item_cursor = ctx.tree.child(paths_cursor, path)
        top: dict[str, tuple[Any, ...]] = {}
        for index, param in enumerate(_params(ctx, item_cursor)):
            _named(param, ("paths", path, "parameters", index), results, top)
        for method in item:
            if method == "parameters" or method not in OPERATION_KEYS or not isinstance(item[method], dict):
                continue
            op_cursor = ctx.tree.child(item_cursor, method) if item_cursor else None
            own: dict[str, tuple[Any, ...]] = {}
            for index, param in enumerate(_params(ctx, op_cursor)):
                _named(param, ("paths", path, method, "parameters", index), results, own)
            defined = {**top, **own}
            for name, where in defined.items():
                if where and name not in elements:
                    results.append(Result(f'Parameter "{name}" must be used in path "{path}".', where))
            for name in elements:
                if name not in defined:
                    results.append(
                        Result(
                            f'Operation must define parameter "{{{name}}}" as expected by path "{path}".',
                            ("paths", path, method),
                        )
                    )
    return results


def _params(ctx: FunctionContext, cursor: Any) -> list[Any]:
    if cursor is None:
        return []
    params = ctx.tree.child(cursor, "parameters")
    if params is None or not isinstance(params.value, list):
        return []
    return [child.value for child in ctx.tree.children(params)]


def _named(param: Any, where: tuple[Any, ...], results: list[Result], seen: dict[str, tuple[Any, ...]]) -> None:
    if not isinstance(param, dict) or param.get("in") != "path" or "name" not in param:
        return
    name = str(param["name"])
    if param.get("required") is not True:
        results.append(Result(f'Path parameter "{name}" must have "required" property that is set to "true".', where))
    if name in seen:
        results.append(Result(f'Path parameter "{name}" must not be defined multiple times.', where))
        return
    seen[name] = where


@function("oasSchema")
def oas_schema(value: Any, options: Any, ctx: FunctionContext) -> Iterable[Result]:
    dialect = "draft2020-12" if ctx.spec_format == "oas3_1" else "draft4"
    return schema(value, {**(options or {}), "dialect": dialect}, ctx)


@function("uniquenessTags", ("array",))
def uniqueness_tags(value: Any, options: Any, ctx: FunctionContext) -> Iterable[Result]:
    if not all(isinstance(t, dict) and isinstance(t.get("name"), str) for t in value):
        return
    names = [t["name"] for t in value]
    for index, name in enumerate(names):
        if names.index(name) != index:
            yield Result(f'"tags" object contains duplicate tag name "{name}".', (*ctx.path, index, "name"))


@function("refSiblings")
def ref_siblings(value: Any, options: Any, ctx: FunctionContext) -> Iterable[Result]:
    if not ctx.path:
        return
    parent, exists = ctx.raw_tree.resolve(ctx.raw_tree.root(), ctx.path[:-1])
    if not exists or not isinstance(parent.value, dict) or len(parent.value) == 1:
        return
    for key in parent.value:
        if key != "$ref":
            yield Result("$ref must not be placed next to any other properties", (*ctx.path[:-1], key))


@function("oasSecurityDefined", ("object",))
def security_defined(value: Any, options: Any, ctx: FunctionContext) -> Iterable[Result]:
    if not all(isinstance(v, list) and all(isinstance(s, str) for s in v) for v in value.values()):
        return
    version = (options or {}).get("oasVersion", 3)
    root = ctx.raw_tree.root().value
    if not isinstance(root, dict):
        return
    components = root.get("components")
    defs = (
        root.get("securityDefinitions")
        if version == 2
        else (components.get("securitySchemes") if isinstance(components, dict) else None)
    )
    for name, scopes in value.items():
        if not isinstance(defs, dict) or name not in defs:
            what = "API" if len(ctx.path) == 2 else "Operation"
            where = "securityDefinitions" if version == 2 else "components.securitySchemes"
            yield Result(
                f'{what} "security" values must match a scheme defined in the "{where}" object.', (*ctx.path, name)
            )
            continue
        for index, scope in enumerate(scopes):
            if not _scope_defined(version, scope, defs[name]):
                yield Result(f'"{scope}" must be listed among scopes.', (*ctx.path, name, index))


def _scope_defined(version: int, scope: str, scheme: Any) -> bool:
    if not isinstance(scheme, dict):
        return False
    if version == 2:
        return isinstance(scheme.get("scopes"), dict) and scope in scheme["scopes"]
    flows = scheme.get("flows")
    if isinstance(flows, dict):
        return any(
            isinstance(f, dict) and isinstance(f.get("scopes"), dict) and scope in f["scopes"] for f in flows.values()
        )
    return False


@function("oasUnusedComponent", ("object",))
def unused_component(value: Any, options: Any, ctx: FunctionContext) -> Iterable[Result]:
    components = value.get("components")
    if not isinstance(components, dict):
        return
    for kind in ("schemas", "responses", "parameters", "examples", "requestBodies", "headers", "links", "callbacks"):
        group = components.get(kind)
        if not isinstance(group, dict):
            continue
        inner = FunctionContext(
            ("components", kind), ctx.given, ctx.tree, ctx.raw_tree, ctx.spec_format, ctx.rule_id, ctx.extra
        )
        yield from unreferenced_reusable_object(group, {"reusableObjectsLocation": f"#/components/{kind}"}, inner)


_URL_VARIABLE = re.compile(r"{([^}]+)}")


@function("serverVariables", ("object",))
def server_variables(value: Any, options: Any, ctx: FunctionContext) -> Iterable[Result]:
    url = value.get("url")
    if not isinstance(url, str):
        return
    variables = value.get("variables")
    found = list(dict.fromkeys(_URL_VARIABLE.findall(url)))
    defined = list(variables) if isinstance(variables, dict) else []
    for name in defined:
        if name not in found:
            yield Result(
                f'Server\'s "variables" object has unused defined "{name}" url variable.',
                (*ctx.path, "variables", name),
            )
    if not found:
        return
    missing = [name for name in found if name not in defined]
    if missing:
        yield Result(
            f'Not all server\'s variables are described with "variables" object. Missed: {", ".join(missing)}.',
            (*ctx.path, "variables"),
        )
    if not isinstance(variables, dict):
        return
    for name in defined:
        variable = variables[name]
        if name not in found or not isinstance(variable, dict):
            continue
        enum = variable.get("enum")
        if isinstance(enum, list) and "default" in variable and variable["default"] not in enum:
            yield Result(
                f'Server Variable "{name}" has a default not listed in the enum.',
                (*ctx.path, "variables", name, "default"),
            )
        if "default" not in variable and (options or {}).get("requireDefault") is True:
            yield Result(f'Server Variable "{name}" has a missing default.', (*ctx.path, "variables", name))


@function("oasDiscriminator", ("object",))
def discriminator(value: Any, options: Any, ctx: FunctionContext) -> Iterable[Result]:
    name = value.get("discriminator")
    if not isinstance(name, str):
        return
    if not isinstance(value.get("properties"), dict) or name not in value["properties"]:
        yield Result("The discriminator property must be defined in this schema.", (*ctx.path, "properties"))
    if not isinstance(value.get("required"), list) or name not in value["required"]:
        yield Result("The discriminator property must be in the required property list.", (*ctx.path, "required"))


_FORM_CONSUMES = re.compile(r"(application/x-www-form-urlencoded|multipart/form-data)")


@function("oasOpFormDataConsumeCheck", ("object",))
def form_data_consume_check(value: Any, options: Any, ctx: FunctionContext) -> Iterable[Result]:
    parameters, consumes = value.get("parameters"), value.get("consumes")
    if not isinstance(parameters, list) or not isinstance(consumes, list):
        return
    if any(isinstance(p, dict) and p.get("in") == "formData" for p in parameters) and not _FORM_CONSUMES.search(
        ",".join(str(c) for c in consumes)
    ):
        yield Result(
            "Consumes must include urlencoded, multipart, or form-data media type when using formData parameter."
        )


@function("checkSecurity")
def check_security(value: Any, options: Any, ctx: FunctionContext) -> Iterable[Result]:
    """The OWASP ruleset's ``checkSecurity``: operations (of ``methods``) have security."""
    if not isinstance(value, dict):
        return
    options = options or {}
    methods = options.get("methods")
    schemes_path = ",".join(str(p) for p in options.get("schemesPath") or [])
    nullable = options.get("nullable")
    for path, method, operation in _operations(value.get("paths")):
        if isinstance(methods, list) and method not in methods:
            continue
        security = operation.get("security")
        where = f"{path},{method}"
        if "security" not in operation:
            security, where = value.get("security"), "$.security"
        if not security:
            yield Result(
                f"Operation has undefined security scheme in {where}.",
                ("paths", path, method, "security", schemes_path),
            )
        if isinstance(security, list):
            for index, entry in enumerate(security):
                if isinstance(entry, dict) and not entry and nullable is False:
                    yield Result(
                        f"Operation referencing empty security scheme in {where}.",
                        ("paths", path, method, "security", index),
                    )
